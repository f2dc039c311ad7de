import { dnsEgressBlocked } from './dnsEgressBlocked';
import { dnsTcpMissing } from './dnsTcpMissing';
import { duplicatePolicy } from './duplicatePolicy';
import { namedPortNotExposed } from './namedPortNotExposed';
import { namespaceSelectorMatchesNothing } from './namespaceSelectorMatchesNothing';
import { namespaceWithoutDefaultDeny, namespaceWithoutDefaultDenyPolicy } from './namespaceWithoutDefaultDeny';
import { selectorMatchesNothing } from './selectorMatchesNothing';

/** Lints that consult the workloads, namespaces and other policies of the workspace. */
export const WORKSPACE_SCOPE_LINTS = [
  dnsEgressBlocked,
  dnsTcpMissing,
  selectorMatchesNothing,
  namespaceSelectorMatchesNothing,
  namedPortNotExposed,
  namespaceWithoutDefaultDenyPolicy,
  duplicatePolicy,
] as const;

/** Lints reported on Namespace manifests. */
export const NAMESPACE_SCOPE_LINTS = [namespaceWithoutDefaultDeny] as const;
