import type { FieldPath } from '../../model/path';
import { labelValueErrors, qualifiedNameErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { RuleContext } from '../rule';

/**
 * `ValidateLabels`: every key a qualified name, every value a label value. Errors are
 * reported at the map (as the API server does) and point at the offending key or value.
 */
/** The label (or annotation) key a finding is about. */
export interface LabelData {
  readonly key: string;
}

export function checkLabelKeys(
  labels: readonly (readonly [string, string])[],
  mapPath: FieldPath,
  context: RuleContext<LabelData | undefined>,
): void {
  for (const [key] of labels) {
    const errors = qualifiedNameErrors(key);
    if (errors.length) {
      context.report({
        path: mapPath,
        location: [...mapPath, key],
        target: 'key',
        message: invalid(key, errors.join('; ')),
        data: { key },
      });
    }
  }
}

export function checkLabelValues(
  labels: readonly (readonly [string, string])[],
  mapPath: FieldPath,
  context: RuleContext<LabelData | undefined>,
): void {
  for (const [key, value] of labels) {
    const errors = labelValueErrors(value);
    if (errors.length) {
      context.report({ path: mapPath, location: [...mapPath, key], message: invalid(value, errors.join('; ')), data: { key } });
    }
  }
}
