import { getField, isJsonObject, type Json, type JsonObject } from '../json';

/**
 * The cluster-wide policies of the Kubernetes network-policy-api project (SIG Network), in
 * the API group `policy.networking.k8s.io`, installed as CRDs:
 *
 * - ClusterNetworkPolicy `v1alpha2` (release v0.2.0): one resource, `spec.tier` Admin or
 *   Baseline, actions Accept / Deny / Pass, `protocols`.
 * - AdminNetworkPolicy and BaselineAdminNetworkPolicy `v1alpha1` (releases v0.1.x): the
 *   predecessors, actions Allow / Deny / Pass (Baseline: Allow / Deny), `ports`.
 *
 * Each release ships a `standard` and an `experimental` channel of its CRDs; the
 * experimental one adds fields (`nodes`, `domainNames`, v1alpha1 `namedPort`) and a rule.
 */

export const POLICY_GROUP = 'policy.networking.k8s.io';

export const CLUSTER_POLICY_KINDS = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'] as const;
export type ClusterPolicyKind = (typeof CLUSTER_POLICY_KINDS)[number];

/** The one version each kind is served in by the CRDs of its release. */
export const SERVED_VERSION: Readonly<Record<ClusterPolicyKind, string>> = {
  ClusterNetworkPolicy: 'v1alpha2',
  AdminNetworkPolicy: 'v1alpha1',
  BaselineAdminNetworkPolicy: 'v1alpha1',
};

/** The release whose CRDs define a kind, for messages and docs. */
export const RELEASE: Readonly<Record<ClusterPolicyKind, string>> = {
  ClusterNetworkPolicy: 'v0.2.0',
  AdminNetworkPolicy: 'v0.1.x',
  BaselineAdminNetworkPolicy: 'v0.1.x',
};

export const CHANNELS = ['standard', 'experimental'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TIERS = ['Admin', 'Baseline'] as const;
export type Tier = (typeof TIERS)[number];

/** The action of a rule, in v1alpha2 words (a v1alpha1 `Allow` is an `Accept`). */
export type ClusterAction = 'Accept' | 'Deny' | 'Pass';

/** The actions each kind's CRD accepts, in the order its enum lists them. */
export const ACTIONS: Readonly<Record<ClusterPolicyKind, readonly string[]>> = {
  ClusterNetworkPolicy: ['Accept', 'Deny', 'Pass'],
  AdminNetworkPolicy: ['Allow', 'Deny', 'Pass'],
  BaselineAdminNetworkPolicy: ['Allow', 'Deny'],
};

/** A BaselineAdminNetworkPolicy is a singleton: its CRD accepts only this name. */
export const BASELINE_SINGLETON_NAME = 'default';

export function apiVersionOf(kind: ClusterPolicyKind): string {
  return `${POLICY_GROUP}/${SERVED_VERSION[kind]}`;
}

/** A cluster policy's identity as written: which kind, and the apiVersion it says (maybe a wrong one). */
export interface ClusterPolicyType {
  readonly kind: ClusterPolicyKind;
  /** The `kind` as written (it may differ in case). */
  readonly writtenKind: string;
  readonly apiVersion: string | undefined;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The cluster policy kind of an object: its `kind` names one (in any case) and its apiVersion,
 * when it has one, is in the policy group (a wrong version is a mistake to report, another group
 * is another product's resource of the same name).
 */
export function clusterPolicyTypeOf(object: JsonObject): ClusterPolicyType | undefined {
  const written = getField(object, 'kind');
  if (typeof written !== 'string') return undefined;
  const kind = CLUSTER_POLICY_KINDS.find((k) => k.toLowerCase() === written.toLowerCase());
  if (!kind) return undefined;
  const apiVersion = getField(object, 'apiVersion');
  if (typeof apiVersion === 'string' && groupOf(apiVersion).toLowerCase() !== POLICY_GROUP) return undefined;
  return { kind, writtenKind: written, apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined };
}

export function isClusterPolicyObject(value: Json | undefined): value is JsonObject {
  return isJsonObject(value) && clusterPolicyTypeOf(value) !== undefined;
}

/** The tier a kind's policies are in; a ClusterNetworkPolicy says it in `spec.tier`. */
export function fixedTier(kind: ClusterPolicyKind): Tier | undefined {
  if (kind === 'AdminNetworkPolicy') return 'Admin';
  if (kind === 'BaselineAdminNetworkPolicy') return 'Baseline';
  return undefined;
}
