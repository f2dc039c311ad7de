import { hasNetworkPolicyStatus, type KubernetesVersion } from '../model/k8sVersion';

/**
 * The JSON shape of networking.k8s.io/v1 NetworkPolicy as the API server decodes it
 * (staging/src/k8s.io/api/networking/v1/types.go and meta/v1 ObjectMeta), for strict
 * decoding: unknown fields and wrong JSON types.
 */
export type Schema =
  | { readonly kind: 'string' }
  | { readonly kind: 'int32' }
  | { readonly kind: 'int64' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'intOrString' }
  /** metav1.Time: an RFC 3339 string (or null). */
  | { readonly kind: 'time' }
  /** Any JSON (FieldsV1). */
  | { readonly kind: 'any' }
  | { readonly kind: 'struct'; readonly goType: string; readonly fields: Readonly<Record<string, Schema>> }
  | { readonly kind: 'list'; readonly items: Schema }
  /** map[string]string; `labels` says whether non-string values are label-value mistakes. */
  | { readonly kind: 'stringMap'; readonly labels: boolean };

const string: Schema = { kind: 'string' };
const int32: Schema = { kind: 'int32' };
const int64: Schema = { kind: 'int64' };
const bool: Schema = { kind: 'bool' };
const time: Schema = { kind: 'time' };
const labelMap: Schema = { kind: 'stringMap', labels: true };
const struct = (goType: string, fields: Record<string, Schema>): Schema => ({ kind: 'struct', goType, fields });
const list = (items: Schema): Schema => ({ kind: 'list', items });

const labelSelector = struct('LabelSelector', {
  matchLabels: labelMap,
  matchExpressions: list(struct('LabelSelectorRequirement', { key: string, operator: string, values: list(string) })),
});

const peer = struct('NetworkPolicyPeer', {
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: struct('IPBlock', { cidr: string, except: list(string) }),
});

const port = struct('NetworkPolicyPort', { protocol: string, port: { kind: 'intOrString' }, endPort: int32 });

const spec = struct('NetworkPolicySpec', {
  podSelector: labelSelector,
  ingress: list(struct('NetworkPolicyIngressRule', { ports: list(port), from: list(peer) })),
  egress: list(struct('NetworkPolicyEgressRule', { ports: list(port), to: list(peer) })),
  policyTypes: list(string),
});

function objectMeta(version: KubernetesVersion): Schema {
  return struct('ObjectMeta', {
    name: string,
    generateName: string,
    namespace: string,
    selfLink: string,
    uid: string,
    resourceVersion: string,
    generation: int64,
    creationTimestamp: time,
    deletionTimestamp: time,
    deletionGracePeriodSeconds: int64,
    labels: labelMap,
    annotations: { kind: 'stringMap', labels: false },
    ownerReferences: list(
      struct('OwnerReference', { apiVersion: string, kind: string, name: string, uid: string, controller: bool, blockOwnerDeletion: bool }),
    ),
    finalizers: list(string),
    managedFields: list(
      struct('ManagedFieldsEntry', {
        manager: string,
        operation: string,
        apiVersion: string,
        time,
        fieldsType: string,
        fieldsV1: { kind: 'any' },
        subresource: string,
      }),
    ),
    // Removed in 1.25 (kubernetes/kubernetes#108717).
    ...(version.minor <= 24 ? { clusterName: string } : {}),
  });
}

const status = struct('NetworkPolicyStatus', {
  conditions: list(
    struct('Condition', {
      type: string,
      status: string,
      observedGeneration: int64,
      lastTransitionTime: time,
      reason: string,
      message: string,
    }),
  ),
});

const cache = new Map<number, Schema>();

export function networkPolicySchema(version: KubernetesVersion): Schema {
  let schema = cache.get(version.minor);
  if (!schema) {
    schema = struct('NetworkPolicy', {
      apiVersion: string,
      kind: string,
      metadata: objectMeta(version),
      spec,
      ...(hasNetworkPolicyStatus(version) ? { status } : {}),
    });
    cache.set(version.minor, schema);
  }
  return schema;
}
