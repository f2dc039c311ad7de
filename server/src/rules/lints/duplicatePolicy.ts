import type { PolicyLint } from '../lint';

/**
 * Two policies with the same namespace and name: applying the second replaces the first. The
 * file being validated is part of the workspace, so the policy itself is among the indexed ones.
 */
export const duplicatePolicy: PolicyLint<'duplicate-policy', { readonly others: readonly string[] }> = {
  meta: {
    id: 'duplicate-policy',
    title: 'Duplicate policy name',
    category: 'lint',
    severity: 'warning',
    description:
      'Another NetworkPolicy of the workspace has the same namespace and name; whichever is applied last replaces the other, so only one takes effect.',
  },
  scope: 'workspace',
  check({ semantic, workspace, report }) {
    if (semantic.name === '') return;
    // Policies the API server rejects (meaning incomplete) never replace anything.
    const same = workspace.policiesNamed(semantic.namespace, semantic.name).filter((other) => !other.semantic.partial);
    if (same.length < 2) return;
    // The indexed copy of this very policy has the same meaning; when exactly one entry does, it is this one.
    const meaning = JSON.stringify(semantic);
    const copies = same.filter((other) => JSON.stringify(other.semantic) === meaning);
    const where = (list: readonly { where: string }[]) => list.map((other) => other.where).join(', ');
    const consequence = `whichever is applied last replaces the ${same.length === 2 ? 'other' : 'others'}, so only one of them takes effect`;
    const name = `${JSON.stringify(semantic.name)} in namespace ${JSON.stringify(semantic.namespace)}`;
    if (copies.length === 1) {
      const others = same.filter((other) => other !== copies[0]);
      report({
        path: ['metadata', 'name'],
        message:
          others.length === 1
            ? `Another NetworkPolicy named ${name} is declared at ${others[0]!.where}: ${consequence}`
            : `${others.length} other NetworkPolicies named ${name} are declared at ${where(others)}: ${consequence}`,
        data: { others: others.map((other) => other.where) },
      });
    } else {
      report({
        path: ['metadata', 'name'],
        message: `${same.length} NetworkPolicies named ${name} are declared in the workspace, this one among them (at ${where(same)}): ${consequence}`,
        data: { others: same.map((other) => other.where) },
      });
    }
  },
};
