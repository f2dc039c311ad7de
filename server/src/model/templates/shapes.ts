import type { JsonObject } from '../json';
import { NAMESPACE_NAME_LABEL, namespaceByName } from '../recipes';
import type { Labels, PolicyPort } from './options';
import type { TemplateParameter } from './template';

/** The JSON pieces the templates assemble (DNS and default-deny shapes come from recipes.ts). */

/** `{}` (every pod) for no labels, else matchLabels. */
export function podSelector(labels: Labels): JsonObject {
  return Object.keys(labels).length === 0 ? {} : { matchLabels: { ...labels } };
}

export function policyPorts(ports: readonly PolicyPort[]): JsonObject[] {
  return ports.map((p) => ({ protocol: p.protocol, port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) }));
}

/** A rule: `from`/`to` peers and ports; no `ports` key when every port is meant. */
export function rule(peerKey: 'from' | 'to', peers: readonly JsonObject[], ports: readonly PolicyPort[]): JsonObject {
  return { [peerKey]: [...peers], ...(ports.length ? { ports: policyPorts(ports) } : {}) };
}

/**
 * One peer (AND) for pods with `podLabels` in the named namespaces; the policy's own
 * namespace when none is named. Several namespaces are one `In` on their name label.
 */
export function podsPeer(namespaces: readonly string[], podLabels: Labels): JsonObject {
  const pods: JsonObject = Object.keys(podLabels).length ? { podSelector: podSelector(podLabels) } : {};
  if (namespaces.length === 0) return { podSelector: podSelector(podLabels) };
  const namespaceSelector: JsonObject =
    namespaces.length === 1
      ? namespaceByName(namespaces[0]!)
      : { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...namespaces] }] };
  return { namespaceSelector, ...pods };
}

export function ipBlockPeers(cidrs: readonly string[]): JsonObject[] {
  return cidrs.map((cidr) => ({ ipBlock: { cidr } }));
}

/** The namespace every template asks for first; the editor proposes the file's. */
export const NAMESPACE: TemplateParameter = {
  id: 'namespace',
  title: 'Namespace',
  description: 'The namespace the policies are created in (metadata.namespace).',
  kind: 'namespace',
  optional: false,
  default: 'default',
};

/** The pods a policy applies to, every pod of the namespace when empty. */
export function subjectLabels(what: string): TemplateParameter {
  return {
    id: 'podLabels',
    title: 'Pod labels',
    description: `The labels of the pods ${what} (spec.podSelector). Empty: every pod of the namespace.`,
    kind: 'labels',
    optional: true,
  };
}

export function policyName(fallback: string): TemplateParameter {
  return {
    id: 'name',
    title: 'Policy name',
    description: 'metadata.name of the policy.',
    kind: 'name',
    optional: false,
    default: fallback,
  };
}
