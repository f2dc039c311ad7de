import { isValid } from '../../model/networkPolicy';
import { byteLength, qualifiedNameErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { LabelData } from './labels';
import type { PolicyRule } from '../rule';
import { mapEntries } from '../walk';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** `ValidateAnnotations`: keys are qualified names once lower-cased; 256 KiB in total. */
export const metadataAnnotations: PolicyRule<'metadata-annotations', LabelData | undefined> = {
  meta: {
    id: 'metadata-annotations',
    title: 'metadata.annotations must be valid',
    category: 'api',
    severity: 'error',
    description: 'Annotation keys must be qualified names (case does not matter) and all keys and values together at most 256 KiB.',
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    const path = ['metadata', 'annotations'];
    let total = 0;
    for (const [key, value] of mapEntries(policy.metadata.annotations)) {
      total += byteLength(key) + byteLength(value);
      const errors = qualifiedNameErrors(key.toLowerCase());
      if (errors.length)
        context.report({ path, location: [...path, key], target: 'key', message: invalid(key, errors.join('; ')), data: { key } });
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      context.report({
        path,
        target: 'key',
        message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (keys and values together are ${total} bytes)`,
      });
    }
  },
};
