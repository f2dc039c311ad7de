import type { KubernetesVersion } from '../model/k8sVersion';
import type { JsonObject } from '../model/json';
import type { NetworkPolicy } from '../model/networkPolicy';
import { buildSemanticPolicy, type SemanticPolicy } from '../model/semantics';
import { decode } from './decode';
import type { Finding } from './finding';
import { networkPolicySchema } from './schema';
import type { PolicyLocation } from './validateDocument';

/** A policy decoded as the API server decodes it (wrong-typed parts INVALID), with the decoding errors. */
export function decodePolicy(location: PolicyLocation, version: KubernetesVersion): { policy: NetworkPolicy; findings: Finding[] } {
  const decoded = decode(location.json, networkPolicySchema(version));
  let policy = decoded.value as NetworkPolicy;
  if (location.implied) policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...policy };
  return { policy, findings: decoded.findings };
}

/** A policy decoded, its decoding errors, and what it means. */
export interface UnderstoodPolicy {
  readonly policy: NetworkPolicy;
  readonly decodeFindings: readonly Finding[];
  readonly semantic: SemanticPolicy;
}

/**
 * Remembered per policy object (parsed JSON is never changed, so the object stands for its
 * text, and unchanged chunks keep theirs from one version to the next): the workspace index,
 * the analysis, the outline, the CodeLenses and every hover ask for the meaning of the same
 * policies, and decoding the 40,000 policies of a file again for each costs more than parsing it.
 */
const understood = new WeakMap<JsonObject, { readonly key: string; readonly value: UnderstoodPolicy }>();

export function understandPolicy(location: PolicyLocation, version: KubernetesVersion, defaultNamespace: string): UnderstoodPolicy {
  const key = `${version.minor}\u0000${defaultNamespace}\u0000${location.implied}`;
  const cached = understood.get(location.json);
  if (cached?.key === key) return cached.value;
  const { policy, findings } = decodePolicy(location, version);
  const value = { policy, decodeFindings: findings, semantic: buildSemanticPolicy(policy, defaultNamespace) };
  understood.set(location.json, { key, value });
  return value;
}
