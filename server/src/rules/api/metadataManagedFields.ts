import { isValid } from '../../model/networkPolicy';
import { byteLength } from '../k8sNames';
import { invalid, tooLong } from '../messages';
import type { PolicyRule } from '../rule';
import { validItems } from '../walk';

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** `ValidateManagedFields` (present in manifests exported with `kubectl get -o yaml`). */
export const metadataManagedFields: PolicyRule = {
  meta: {
    id: 'metadata-managed-fields',
    title: 'metadata.managedFields must be well-formed',
    category: 'api',
    severity: 'error',
    description: 'Each managedFields entry needs operation Apply or Update, fieldsType FieldsV1 (or none), a printable manager of at most 128 bytes and a subresource of at most 256 bytes.',
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    for (const [entry, i] of validItems(policy.metadata.managedFields)) {
      const path = ['metadata', 'managedFields', i];
      const operation = entry.operation;
      if (operation === undefined || (isValid(operation) && operation !== 'Apply' && operation !== 'Update')) {
        context.report({ path: [...path, 'operation'], message: invalid(isValid(operation) ? operation : '', 'must be `Apply` or `Update`') });
      }
      const fieldsType = entry.fieldsType;
      if (isValid(fieldsType) && fieldsType !== '' && fieldsType !== 'FieldsV1') {
        context.report({ path: [...path, 'fieldsType'], message: invalid(fieldsType, 'must be `FieldsV1`') });
      }
      const manager = entry.manager;
      if (isValid(manager)) {
        if (byteLength(manager) > 128) context.report({ path: [...path, 'manager'], message: tooLong(128) });
        let position = 0;
        for (const ch of manager) {
          if (!PRINTABLE.test(ch)) {
            const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
            context.report({ path: [...path, 'manager'], message: invalid(manager, `invalid character U+${code} (at position ${position})`) });
          }
          position += byteLength(ch);
        }
      }
      const subresource = entry.subresource;
      if (isValid(subresource) && byteLength(subresource) > 256) context.report({ path: [...path, 'subresource'], message: tooLong(256) });
    }
  },
};
