import { isValid } from '../../model/networkPolicy';
import type { LabelData } from './labels';
import type { PolicyRule } from '../rule';
import { mapEntries } from '../walk';
import { checkLabelKeys, checkLabelValues } from './labels';

export const metadataLabels: PolicyRule<'metadata-labels', LabelData | undefined> = {
  meta: {
    id: 'metadata-labels',
    title: 'metadata.labels must be valid labels',
    category: 'api',
    severity: 'error',
    description: "The policy's own labels must have qualified-name keys and valid label values.",
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    const labels = mapEntries(policy.metadata.labels);
    checkLabelKeys(labels, ['metadata', 'labels'], context);
    checkLabelValues(labels, ['metadata', 'labels'], context);
  },
};
