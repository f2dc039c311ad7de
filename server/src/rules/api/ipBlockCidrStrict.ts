import { formatNetwork, parseCidrSloppy, strictCidrProblem, type StrictCidrProblem } from '../../model/cidr';
import { strictCidrValidation } from '../../model/k8sVersion';
import { isValid } from '../../model/networkPolicy';
import type { FieldPath } from '../../model/path';
import { invalid, withHint } from '../messages';
import type { PolicyRule, RuleContext } from '../rule';
import { forEachIpBlock, validItems } from '../walk';

const DETAIL: Record<StrictCidrProblem, string> = {
  'leading-zeros': 'must not have leading 0s in IP or prefix length',
  'ipv4-mapped': 'must not have an IPv4-mapped IPv6 address',
  'host-bits': 'must not have bits set beyond the prefix length',
};

function check(value: string, path: FieldPath, context: RuleContext<StrictData>): void {
  const parsed = parseCidrSloppy(value);
  if (!parsed) return;
  const problem = strictCidrProblem(value);
  if (!problem) return;
  const network = formatNetwork(parsed);
  const hint =
    problem === 'host-bits' ? `Its network is ${network}; for the single address use a /${parsed.bits} prefix` : `Write it as ${network}`;
  context.report({ path, message: withHint(invalid(value, DETAIL[problem]), hint), data: { problem, network } });
}

interface StrictData {
  readonly problem: StrictCidrProblem;
  readonly network: string;
}

/**
 * `IsValidCIDRForLegacyField` with StrictIPCIDRValidation (on by default from Kubernetes
 * 1.36): no host bits, no leading zeros, no IPv4-mapped IPv6. Older servers accept these.
 */
export const ipBlockCidrStrict: PolicyRule<'ipblock-cidr-strict', StrictData> = {
  meta: {
    id: 'ipblock-cidr-strict',
    title: 'CIDRs must be canonical (Kubernetes 1.36+)',
    category: 'api',
    severity: 'error',
    description:
      'From Kubernetes 1.36, ipBlock CIDRs may not have bits set beyond the prefix, leading zeros, or IPv4-mapped IPv6 addresses.',
  },
  check(policy, context) {
    if (!strictCidrValidation(context.version)) return;
    forEachIpBlock(policy, (ipBlock, path) => {
      if (!isValid(ipBlock.cidr) || !parseCidrSloppy(ipBlock.cidr)) return;
      check(ipBlock.cidr, [...path, 'cidr'], context);
      for (const [except, k] of validItems(ipBlock.except)) check(except, [...path, 'except', k], context);
    });
  },
};
