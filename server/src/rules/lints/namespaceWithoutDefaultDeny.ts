import type { SemanticPolicy } from '../../model/semantics';
import type { WorkspacePolicy, WorkspaceView } from '../../model/workspaceView';
import type { NamespaceLint, PolicyLint } from '../lint';
import { withHint } from '../messages';
import type { RuleMeta } from '../rule';

const META: RuleMeta<'namespace-without-default-deny'> = {
  id: 'namespace-without-default-deny',
  title: 'Namespace without a default-deny policy',
  category: 'lint',
  severity: 'warning',
  description:
    'A namespace has workloads and NetworkPolicies but no policy that denies all ingress to all of its pods, so pods no policy selects accept traffic from anywhere.',
};

const HINT = 'Add a default-deny policy to it: podSelector: {} with policyTypes: [Ingress] and no ingress rules';

/** `podSelector: {}`, Ingress in its types, and no ingress rule (`ingress` absent or empty). */
export function deniesAllIngress(semantic: SemanticPolicy): boolean {
  return !semantic.partial && semantic.subject.requirements.length === 0 && semantic.types.ingress && semantic.ingress.length === 0;
}

/**
 * Whether a namespace has workloads and policies but no default-deny policy. `self` is the
 * policy being linted: it stands for any indexed policy of its name (an older copy of it).
 */
function lacksDefaultDeny(namespace: string, workspace: WorkspaceView, self?: SemanticPolicy): boolean {
  if (workspace.workloadsIn(namespace).length === 0) return false;
  const policies = workspace.policiesIn(namespace);
  if (!self) return policies.length > 0 && denying(policies).length === 0;
  return !deniesAllIngress(self) && !denying(policies).some((other) => other.name !== self.name);
}

/** The default-deny policies among a namespace's, found once per list (every policy of the namespace asks). */
function denying(policies: readonly WorkspacePolicy[]): readonly WorkspacePolicy[] {
  let found = denyingMemo.get(policies);
  if (!found) {
    found = policies.filter((other) => deniesAllIngress(other.semantic));
    denyingMemo.set(policies, found);
  }
  return found;
}

const denyingMemo = new WeakMap<readonly WorkspacePolicy[], readonly WorkspacePolicy[]>();

function message(namespace: string, ofPolicy: boolean): string {
  return withHint(
    `Namespace ${JSON.stringify(namespace)}${ofPolicy ? ' of this policy' : ''} has workloads and NetworkPolicies, but no policy denies all ingress to all of its pods: a pod that no policy selects for ingress accepts connections from anywhere`,
    HINT,
  );
}

/** Reported on the Namespace manifest. */
export const namespaceWithoutDefaultDeny: NamespaceLint<'namespace-without-default-deny', { readonly namespace: string }> = {
  meta: META,
  check(namespace, workspace, report) {
    if (!lacksDefaultDeny(namespace.name, workspace)) return;
    report({ path: ['metadata', 'name'], message: message(namespace.name, false), data: { namespace: namespace.name } });
  },
};

/** Reported on every policy of the namespace when the workspace has no Namespace manifest for it. */
export const namespaceWithoutDefaultDenyPolicy: PolicyLint<'namespace-without-default-deny', { readonly namespace: string }> = {
  meta: META,
  scope: 'workspace',
  check({ semantic, workspace, report }) {
    if (workspace.namespaces().some((namespace) => namespace.name === semantic.namespace)) return;
    if (!lacksDefaultDeny(semantic.namespace, workspace, semantic)) return;
    report({ path: ['metadata', 'name'], message: message(semantic.namespace, true), data: { namespace: semantic.namespace } });
  },
};
