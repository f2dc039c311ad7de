import { isValid } from '../../model/networkPolicy';
import { required, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachIpBlock } from '../walk';

/** `ValidateIPBlock`: cidr is required. */
export const ipBlockCidrRequired: PolicyRule<'ipblock-cidr-required'> = {
  meta: {
    id: 'ipblock-cidr-required',
    title: 'ipBlock needs a cidr',
    category: 'api',
    severity: 'error',
    description: 'An ipBlock must have a non-empty cidr.',
  },
  check(policy, context) {
    forEachIpBlock(policy, (ipBlock, path) => {
      if (ipBlock.cidr !== undefined && (!isValid(ipBlock.cidr) || ipBlock.cidr !== '')) return;
      context.report({
        path: [...path, 'cidr'],
        message: withHint(required(), 'Set cidr, e.g. 203.0.113.0/24 (0.0.0.0/0 for every IPv4 address)'),
      });
    });
  },
};
