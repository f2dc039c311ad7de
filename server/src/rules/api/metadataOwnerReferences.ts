import { INVALID, isValid, type Decoded } from '../../model/networkPolicy';
import { invalid } from '../messages';
import type { PolicyRule } from '../rule';
import { validItems } from '../walk';

/** schema.ParseGroupVersion: "" or "v1" or "group/v1"; anything with more slashes fails. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (apiVersion === '') return { group: '', version: '' };
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return { group: '', version: '' };
}

const text = (value: Decoded<string> | undefined): string => (isValid(value) ? value : '');

/**
 * `ValidateOwnerReferences`. The API server reports these at `metadata.ownerReferences.<field>`
 * without the index; the diagnostic points at the item's field.
 */
export const metadataOwnerReferences: PolicyRule<'metadata-owner-references'> = {
  meta: {
    id: 'metadata-owner-references',
    title: 'metadata.ownerReferences must be complete',
    category: 'api',
    severity: 'error',
    description: 'Each owner reference needs apiVersion, kind, name and uid, and at most one may be the controller.',
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    const base = ['metadata', 'ownerReferences'];
    let firstController: string | undefined;
    for (const [ref, i] of validItems(policy.metadata.ownerReferences)) {
      const at = (field: string) => ({ path: [...base, field], location: [...base, i, field] });
      const gv = parseGroupVersion(text(ref.apiVersion));
      if (ref.apiVersion !== INVALID && gv.version === '') {
        context.report({ ...at('apiVersion'), message: invalid(text(ref.apiVersion), 'version must not be empty') });
      }
      for (const field of ['kind', 'name', 'uid'] as const) {
        const value = ref[field];
        if (value === undefined || value === '') context.report({ ...at(field), message: invalid('', 'must not be empty') });
      }
      if (gv.group === '' && gv.version === 'v1' && text(ref.kind) === 'Event') {
        context.report({
          path: base,
          location: [...base, i],
          message: invalid(`/v1, Kind=Event`, '/v1, Kind=Event is disallowed from being an owner'),
        });
      }
      if (ref.controller === true) {
        const current = `${text(ref.kind)}/${text(ref.name)}`;
        if (firstController === undefined) firstController = current;
        else {
          context.report({
            path: base,
            location: [...base, i, 'controller'],
            message: `Invalid value: only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          });
        }
      }
    }
  },
};
