import type { Channel, ClusterPolicyKind } from '../../model/clusterPolicy/api';
import { crdSchema, type CrdObject, type CrdSchema } from '../../model/clusterPolicy/crd';
import { getField, isJsonObject, type Json, type JsonObject } from '../../model/json';
import type { FieldPath } from '../../model/path';
import { unknownField, type UnknownFieldAdvice } from '../decode';
import type { Finding } from '../finding';

/**
 * What the API server does to a custom resource before validating it: strict decoding reports
 * the fields its schema does not know (kubectl's default `fieldValidation=Strict`) and pruning
 * drops them; defaults fill missing fields (structural defaulting), and `null` fields without a
 * default are dropped (PruneNonNullableNullsWithoutDefaults); `status` is cleared on create.
 * `metadata` is left as written: it is decoded and validated as ObjectMeta.
 */

const EXPERIMENTAL_FIELDS = new Set(['nodes', 'domainNames', 'namedPort']);

/** Advice for fields that belong to another version, channel or kind of the API. */
function adviceFor(key: string, goType: string, kind: ClusterPolicyKind, channel: Channel): UnknownFieldAdvice | undefined {
  const v1alpha2 = kind === 'ClusterNetworkPolicy';
  if (key === 'domainNames' && kind === 'BaselineAdminNetworkPolicy') {
    return {
      text: 'A BaselineAdminNetworkPolicy has no domainNames peer (a ClusterNetworkPolicy with tier Baseline has, in the experimental channel)',
    };
  }
  if (EXPERIMENTAL_FIELDS.has(key) && channel === 'standard' && (goType.endsWith('EgressPeer') || goType === 'AdminNetworkPolicyPort')) {
    return {
      text: `"${key}" exists only in the experimental channel of the CRDs, so the standard CRD rejects it. If your cluster runs the experimental CRDs, set netpol.networkPolicyAPI.channel to "experimental" (CLI: --channel experimental)`,
    };
  }
  if (goType.endsWith('IngressRule') && key === 'to') return { suggestion: 'from', text: 'Ingress rules list their sources in "from"' };
  if (goType.endsWith('EgressRule') && key === 'from') return { suggestion: 'to', text: 'Egress rules list their destinations in "to"' };
  if (goType.endsWith('Rule') && v1alpha2 && key === 'ports') {
    return {
      suggestion: 'protocols',
      text: 'In v1alpha2 ports are matched by "protocols" (tcp, udp or sctp with a destinationPort, or destinationNamedPort)',
    };
  }
  if (goType.endsWith('Rule') && !v1alpha2 && key === 'protocols') {
    return {
      suggestion: 'ports',
      text: 'In v1alpha1 ports are matched by "ports" (portNumber, portRange or namedPort); "protocols" is the v1alpha2 ClusterNetworkPolicy field',
    };
  }
  if (goType.endsWith('Spec') && !v1alpha2 && key === 'tier') {
    return { text: `A ${kind} has no tier: its kind is its tier. Only a v1alpha2 ClusterNetworkPolicy has spec.tier` };
  }
  if (goType.endsWith('Spec') && kind === 'BaselineAdminNetworkPolicy' && key === 'priority') {
    return { text: 'A BaselineAdminNetworkPolicy has no priority: there is only one, named "default"' };
  }
  if ((goType.endsWith('Peer') || goType.endsWith('Subject')) && (key === 'podSelector' || key === 'namespaceSelector')) {
    return {
      suggestion: 'pods',
      text: 'Select pods with "pods: {namespaceSelector: ..., podSelector: ...}", or every pod of some namespaces with "namespaces: <label selector>"',
    };
  }
  if (goType.endsWith('EgressPeer') && key === 'ipBlock') {
    return { suggestion: 'networks', text: 'Addresses are a "networks" list of CIDRs (it has no except)' };
  }
  if (goType === 'LabelSelector' && (key === 'namespaceSelector' || key === 'podSelector')) {
    return {
      text: '"namespaces" is itself a label selector: write matchLabels or matchExpressions directly under it ({} selects every namespace)',
    };
  }
  return undefined;
}

export interface Pruned {
  /** The object as validated: unknown fields and nulls dropped, defaults filled in, no status. */
  readonly value: JsonObject;
  readonly findings: Finding[];
}

class Pruner {
  readonly findings: Finding[] = [];

  constructor(
    private readonly kind: ClusterPolicyKind,
    private readonly channel: Channel,
  ) {}

  prune(value: Json, schema: CrdSchema, path: FieldPath): Json {
    if (schema.type === 'array' && Array.isArray(value)) return value.map((item, i) => this.prune(item, schema.items, [...path, i]));
    if (schema.type === 'map' && isJsonObject(value)) {
      const out: JsonObject = Object.create(null) as JsonObject;
      for (const key of Object.keys(value)) {
        const field = value[key]!;
        if (field !== null) out[key] = this.prune(field, schema.values, [...path, key]);
      }
      return out;
    }
    if (schema.type === 'object' && isJsonObject(value)) return this.object(value, schema, path);
    return value;
  }

  private object(value: JsonObject, schema: CrdObject, path: FieldPath): JsonObject {
    const out: JsonObject = Object.create(null) as JsonObject;
    const known = Object.keys(schema.properties);
    for (const key of Object.keys(value)) {
      const field = value[key]!;
      const fieldSchema = Object.hasOwn(schema.properties, key) ? schema.properties[key]! : undefined;
      if (!fieldSchema) {
        this.findings.push(unknownField(key, [...path, key], schema.goType, known, adviceFor(key, schema.goType, this.kind, this.channel)));
        continue;
      }
      // Created objects have no status: the status subresource clears it.
      if (fieldSchema.type === 'status') continue;
      if (field === null) {
        if (fieldSchema.type === 'string' && fieldSchema.default !== undefined) out[key] = fieldSchema.default;
        continue;
      }
      out[key] = fieldSchema.type === 'metadata' ? field : this.prune(field, fieldSchema, [...path, key]);
    }
    for (const key of known) {
      const fieldSchema = schema.properties[key]!;
      if (getField(out, key) === undefined && fieldSchema.type === 'string' && fieldSchema.default !== undefined)
        out[key] = fieldSchema.default;
    }
    return out;
  }
}

/** Strict decoding, pruning and defaulting of a cluster policy of `kind` under its CRD in `channel`. */
export function pruneClusterPolicy(json: JsonObject, kind: ClusterPolicyKind, channel: Channel): Pruned {
  const pruner = new Pruner(kind, channel);
  const value = pruner.prune(json, crdSchema(kind, channel), []) as JsonObject;
  return { value, findings: pruner.findings };
}
