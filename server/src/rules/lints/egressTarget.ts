import { isValid, type NetworkPolicy } from '../../model/networkPolicy';
import type { FieldPath } from '../../model/path';

/**
 * Where to point when a policy's egress isolation is at fault: the `egress` key when the policy
 * has egress rules, else the `Egress` entry of `policyTypes` (which isolates on its own).
 */
export function egressIsolationTarget(policy: NetworkPolicy): { path: FieldPath; target: 'key' | 'value' } {
  const spec = isValid(policy.spec) ? policy.spec : undefined;
  if (spec && isValid(spec.egress) && spec.egress.length > 0) return { path: ['spec', 'egress'], target: 'key' };
  const types = spec && isValid(spec.policyTypes) ? spec.policyTypes : [];
  const index = types.findIndex((type) => type === 'Egress');
  return index >= 0 ? { path: ['spec', 'policyTypes', index], target: 'value' } : { path: ['spec'], target: 'key' };
}
