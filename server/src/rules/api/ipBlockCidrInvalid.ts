import { parseCidrSloppy } from '../../model/cidr';
import { isValid } from '../../model/networkPolicy';
import { invalid, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachIpBlock, validItems } from '../walk';

export const CIDR_FORMAT = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function advice(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed !== value && parseCidrSloppy(trimmed)) return 'Remove the spaces';
  if (!trimmed.includes('/')) {
    const single = trimmed.includes(':') ? `${trimmed}/128` : `${trimmed}/32`;
    if (parseCidrSloppy(single)) return `A single address needs a prefix length: ${single}`;
  }
  return undefined;
}

/**
 * `ValidateIPBlock`: cidr and each except parse as CIDRs (ParseCIDRSloppy). When cidr does
 * not parse, except is not checked; an empty cidr is `ipblock-cidr-required`.
 */
export const ipBlockCidrInvalid: PolicyRule<'ipblock-cidr-invalid'> = {
  meta: {
    id: 'ipblock-cidr-invalid',
    title: 'ipBlock cidr and except must be CIDRs',
    category: 'api',
    severity: 'error',
    description: 'ipBlock.cidr and every ipBlock.except entry must be an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 2001:db8::/64.',
  },
  check(policy, context) {
    forEachIpBlock(policy, (ipBlock, path) => {
      const { cidr } = ipBlock;
      if (!isValid(cidr) || cidr === '') return;
      const report = (at: (string | number)[], value: string) => {
        const hint = advice(value);
        context.report({ path: at, message: hint ? withHint(invalid(value, CIDR_FORMAT), hint) : invalid(value, CIDR_FORMAT) });
      };
      if (!parseCidrSloppy(cidr)) {
        report([...path, 'cidr'], cidr);
        return;
      }
      for (const [except, k] of validItems(ipBlock.except)) {
        if (!parseCidrSloppy(except)) report([...path, 'except', k], except);
      }
    });
  },
};
