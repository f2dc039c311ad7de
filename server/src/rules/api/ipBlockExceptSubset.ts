import { ipNetContains, parseCidrSloppy } from '../../model/cidr';
import { isValid } from '../../model/networkPolicy';
import { invalid, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachIpBlock, validItems } from '../walk';

/**
 * `ValidateIPBlock`: each except must be a strict subset of cidr, i.e.
 * `cidr.Contains(except.IP) && cidrPrefix < exceptPrefix` with Go's IPNet semantics.
 */
export const ipBlockExceptSubset: PolicyRule<'ipblock-except-not-subset'> = {
  meta: {
    id: 'ipblock-except-not-subset',
    title: 'except must lie strictly inside cidr',
    category: 'api',
    severity: 'error',
    description: 'Every except range must be inside cidr and smaller than it (same address family, longer prefix).',
  },
  check(policy, context) {
    forEachIpBlock(policy, (ipBlock, path) => {
      if (!isValid(ipBlock.cidr)) return;
      const cidr = parseCidrSloppy(ipBlock.cidr);
      if (!cidr) return;
      for (const [except, k] of validItems(ipBlock.except)) {
        const excepted = parseCidrSloppy(except);
        if (!excepted) continue;
        if (ipNetContains(cidr, excepted.network) && cidr.prefixLength < excepted.prefixLength) continue;
        const reason = !ipNetContains(cidr, excepted.network)
          ? `${except} is outside ${ipBlock.cidr}`
          : `${except} is not smaller than ${ipBlock.cidr}`;
        context.report({ path: [...path, 'except', k], message: withHint(invalid(except, 'must be a strict subset of `cidr`'), reason) });
      }
    });
  },
};
