import { isValid } from '../../model/networkPolicy';
import { invalid } from '../messages';
import type { PolicyRule } from '../rule';

export const metadataGeneration: PolicyRule = {
  meta: {
    id: 'metadata-generation',
    title: 'metadata.generation must not be negative',
    category: 'api',
    severity: 'error',
    description: 'metadata.generation, when present, must be greater than or equal to 0.',
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    const generation = policy.metadata.generation;
    if (isValid(generation) && generation < 0) {
      context.report({ path: ['metadata', 'generation'], message: invalid(generation, 'must be greater than or equal to 0') });
    }
  },
};
