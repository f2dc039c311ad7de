import { INVALID, isValid } from '../../model/networkPolicy';
import { dnsSubdomainNameErrors } from '../k8sNames';
import { invalid, required, withHint } from '../messages';
import type { PolicyRule } from '../rule';

/** ValidateObjectMeta with NameIsDNSSubdomain: `metadata.name` and `metadata.generateName`. */
export const metadataName: PolicyRule<'metadata-name'> = {
  meta: {
    id: 'metadata-name',
    title: 'metadata.name must be a DNS subdomain',
    category: 'api',
    severity: 'error',
    description: 'The policy needs a name (or a generateName) that is a lowercase RFC 1123 subdomain of at most 253 bytes.',
  },
  check(policy, context) {
    const meta = isValid(policy.metadata) ? policy.metadata : undefined;
    if (policy.metadata === INVALID) return;
    const generateName = meta?.generateName;
    let prefixValid = false;
    if (isValid(generateName) && generateName !== '') {
      const errors = dnsSubdomainNameErrors(generateName, true);
      if (errors.length) context.report({ path: ['metadata', 'generateName'], message: invalid(generateName, errors.join('; ')) });
      prefixValid = errors.length === 0;
    }
    const name = meta?.name;
    if (name === INVALID) return;
    if (name === undefined || name === '') {
      if (generateName !== undefined && generateName !== '') {
        // Create names the object generateName (cut to 58 bytes) + 5 random lowercase
        // alphanumerics and validates that name as well: `x.-` passes as a prefix but
        // `x.-b2c4d` does not. Only checked when the prefix passed, not to repeat its error.
        if (isValid(generateName) && prefixValid) {
          const generated = `${generateName.slice(0, 58)}xxxxx`;
          const errors = dnsSubdomainNameErrors(generated, false);
          if (errors.length) {
            context.report({
              path: ['metadata', 'name'],
              location: ['metadata', 'generateName'],
              message: withHint(
                invalid(generated, errors.join('; ')),
                `The name generated from generateName "${generateName}" (5 random characters appended, shown as xxxxx) is invalid`,
              ),
            });
          }
        }
        return;
      }
      context.report({
        path: ['metadata', 'name'],
        message: withHint(required('name or generateName is required'), 'Add metadata.name, e.g. "allow-frontend"'),
      });
      return;
    }
    const errors = dnsSubdomainNameErrors(name, false);
    if (errors.length) context.report({ path: ['metadata', 'name'], message: invalid(name, errors.join('; ')) });
  },
};
