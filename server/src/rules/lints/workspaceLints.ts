import type { NamespaceLint, PolicyLint } from '../lint';

/** Lints that consult the workloads, namespaces and other policies of the workspace. */
export const WORKSPACE_SCOPE_LINTS: readonly PolicyLint[] = [];

/** Lints reported on Namespace manifests. */
export const NAMESPACE_SCOPE_LINTS: readonly NamespaceLint[] = [];
