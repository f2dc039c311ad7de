import {
  apiVersionOf,
  clusterPolicyTypeOf,
  POLICY_GROUP,
  RELEASE,
  SERVED_VERSION,
  type Channel,
  type ClusterPolicyType,
} from '../../model/clusterPolicy/api';
import { crdSchema } from '../../model/clusterPolicy/crd';
import { buildClusterPolicy, type ClusterPolicy } from '../../model/clusterPolicy/policy';
import { getField, isJsonObject, type Json, type JsonObject } from '../../model/json';
import type { KubernetesVersion } from '../../model/k8sVersion';
import { isValid, type NetworkPolicy } from '../../model/networkPolicy';
import type { FieldPath } from '../../model/path';
import { metadataAnnotations } from '../api/metadataAnnotations';
import { metadataLabels } from '../api/metadataLabels';
import { metadataName } from '../api/metadataName';
import { metadataOwnerReferences } from '../api/metadataOwnerReferences';
import { decode } from '../decode';
import { prefixFinding, type Finding } from '../finding';
import { qualifiedNameErrors } from '../k8sNames';
import { invalid, required, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import type { RuleId } from '../ruleIds';
import { networkPolicySchema } from '../schema';
import { validItems } from '../walk';
import { fieldErrorMessage, isBlocking, type FieldError, type FieldErrorType } from './fieldErrors';
import { hintFor } from './hints';
import { lintClusterPolicy } from './lints';
import { pruneClusterPolicy } from './prune';
import { validateCelRules, validateListSets, validateSchema } from './schemaValidation';

/**
 * A cluster policy as the API server handles a create with the project's CRDs: the REST
 * mapping of its apiVersion and kind, strict decoding and pruning, ObjectMeta validation
 * (`ValidateObjectMetaAccessor`, cluster-scoped: the namespace is cleared, not checked), the
 * OpenAPI schema, the list-set rule, then the CEL rules when nothing blocks them.
 */

export interface ClusterPolicyOptions {
  readonly version: KubernetesVersion;
  readonly channel: Channel;
  readonly disabled?: ReadonlySet<string>;
}

export interface ClusterPolicyLocation {
  /** Where the object sits in the document: `[]`, or `['items', i]` in a List. */
  readonly path: FieldPath;
  readonly json: JsonObject;
  readonly type: ClusterPolicyType;
}

export interface ClusterPolicyAnalysis {
  readonly location: ClusterPolicyLocation;
  /** The object as stored: unknown fields and nulls dropped, defaults filled in. */
  readonly stored: JsonObject;
  readonly policy: ClusterPolicy;
  /** The API server rejects the object: it is not in the cluster. */
  readonly rejected: boolean;
  /** Every finding, paths relative to the document. */
  readonly findings: readonly Finding[];
}

/** The cluster policies of a document: the document itself, or the items of a List. */
export function clusterPoliciesOf(json: Json | undefined): ClusterPolicyLocation[] {
  if (json === undefined || !isJsonObject(json)) return [];
  const type = clusterPolicyTypeOf(json);
  if (type) return [{ path: [], json, type }];
  const kind = getField(json, 'kind');
  const items = getField(json, 'items');
  if (typeof kind !== 'string' || !kind.endsWith('List') || !Array.isArray(items)) return [];
  const listed = kind.slice(0, -'List'.length);
  const out: ClusterPolicyLocation[] = [];
  items.forEach((item, i) => {
    if (!isJsonObject(item)) return;
    // Items of a typed list (`ClusterNetworkPolicyList`) may leave out apiVersion and kind.
    const implied = kind !== 'List' && getField(item, 'kind') === undefined ? clusterPolicyTypeOf({ ...item, kind: listed }) : undefined;
    const itemType = implied ?? clusterPolicyTypeOf(item);
    if (itemType)
      out.push({ path: ['items', i], json: item, type: implied ? { ...itemType, apiVersion: apiVersionOf(itemType.kind) } : itemType });
  });
  return out;
}

/** kubectl's REST mapping: the kind must be served in the version written, with exactly this spelling. */
function mappingFindings(type: ClusterPolicyType): Finding[] {
  const served = apiVersionOf(type.kind);
  if (type.apiVersion === undefined || type.apiVersion === '') {
    return [
      {
        ruleId: 'cluster-policy-version',
        path: ['apiVersion'],
        message: withHint(required('apiVersion is required'), `Add apiVersion: ${served}`),
        data: { suggestion: served },
      },
    ];
  }
  if (type.apiVersion === served && type.writtenKind === type.kind) return [];
  const noMatch = `no matches for kind "${type.writtenKind}" in version "${type.apiVersion}"`;
  if (type.writtenKind !== type.kind) {
    return [
      {
        ruleId: 'cluster-policy-version',
        path: ['kind'],
        message: withHint(noMatch, `Kinds are case-sensitive: write kind: ${type.kind}`),
        data: { suggestion: type.kind },
      },
    ];
  }
  const version = type.apiVersion.slice(POLICY_GROUP.length + 1);
  let hint = `${type.kind} is served as ${served} (network-policy-api ${RELEASE[type.kind]})`;
  if (type.kind !== 'ClusterNetworkPolicy' && version === 'v1alpha2') {
    hint += `; in v1alpha2 it became a ClusterNetworkPolicy with tier: ${type.kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline'} (quick fix: migrate to ClusterNetworkPolicy)`;
  }
  return [
    {
      ruleId: 'cluster-policy-version',
      path: ['apiVersion'],
      message: withHint(noMatch, hint),
      data: { suggestion: served, version: SERVED_VERSION[type.kind] },
    },
  ];
}

/** The field error type an ObjectMeta finding stands for, read from its API text. */
function metaErrorType(message: string): FieldErrorType {
  if (message.startsWith('Required value')) return 'Required';
  if (message.startsWith('Unsupported value')) return 'NotSupported';
  if (message.startsWith('Too long')) return 'TooLong';
  if (message.startsWith('Too many')) return 'TooMany';
  return 'Invalid';
}

const METADATA_RULES = [metadataName, metadataLabels, metadataAnnotations, metadataOwnerReferences] as const;

/**
 * ObjectMeta: decoded strictly (unknown fields, label values that are not strings) and
 * validated. Finalizer names need only be qualified names here: a custom resource's
 * non-standard finalizer without '/' is a warning of the API server, not an error.
 */
function metadataFindings(json: JsonObject, options: ClusterPolicyOptions): { findings: Finding[]; blocking: boolean } {
  const metadata = getField(json, 'metadata');
  // Metadata that is not an object is a type error of the schema.
  if (metadata === undefined || !isJsonObject(metadata)) return { findings: [], blocking: false };
  const decoded = decode({ metadata }, networkPolicySchema(options.version));
  const findings = [...decoded.findings];
  const policy = decoded.value as NetworkPolicy;
  let blocking = false;
  for (const rule of METADATA_RULES as readonly PolicyRule<RuleId, unknown>[]) {
    if (options.disabled?.has(rule.meta.id)) continue;
    rule.check(policy, {
      version: options.version,
      report: (finding) => {
        blocking ||= isBlocking(metaErrorType(finding.message));
        findings.push({ ...finding, ruleId: rule.meta.id } as Finding);
      },
    });
  }
  if (isValid(policy.metadata) && !options.disabled?.has('metadata-finalizers')) {
    for (const [finalizer, i] of validItems(policy.metadata.finalizers)) {
      const errors = qualifiedNameErrors(finalizer);
      if (errors.length)
        findings.push({
          ruleId: 'metadata-finalizers',
          path: ['metadata', 'finalizers', i],
          message: invalid(finalizer, errors.join('; ')),
        });
    }
  }
  return { findings, blocking };
}

function toFinding(error: FieldError, kind: ClusterPolicyType['kind']): Finding {
  const { hint, data } = hintFor(error, kind);
  const withOurs: FieldError = hint ? { ...error, hint } : error;
  const facts = { ...error.data, ...data, errorType: error.type };
  // The data of each rule is ClusterPolicyErrorData, or invalid-type's {expected, actual}, which the type errors carry.
  return {
    ruleId: error.ruleId,
    path: error.path,
    ...(error.location ? { location: error.location } : {}),
    message: fieldErrorMessage(withOurs),
    data: facts,
  } as Finding;
}

const NOT_CHECKED: FieldError = {
  type: 'Invalid',
  path: [],
  value: null,
  detail: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
  ruleId: 'cluster-rules-not-checked',
};

/** What the API server reports for one cluster policy, and what it means. */
export function analyseClusterPolicy(location: ClusterPolicyLocation, options: ClusterPolicyOptions): ClusterPolicyAnalysis {
  const { kind } = location.type;
  const schema = crdSchema(kind, options.channel);
  const findings: Finding[] = [...mappingFindings(location.type)];
  const pruned = pruneClusterPolicy(location.json, kind, options.channel);
  findings.push(...pruned.findings);
  const meta = metadataFindings(location.json, options);
  findings.push(...meta.findings);
  const errors = [...validateSchema(pruned.value, schema, options.version), ...validateListSets(pruned.value, schema)];
  if (meta.blocking || errors.some((error) => isBlocking(error.type)))
    errors.push({ ...NOT_CHECKED, value: options.version.minor >= 34 ? null : 'null' });
  else errors.push(...validateCelRules(pruned.value, schema, options.version));
  // Turning a rule off hides its diagnostics; the API server still rejects the object.
  const rejected = findings.length > 0 || errors.some((error) => error.ruleId !== 'cluster-rules-not-checked');
  for (const error of errors) {
    if (!options.disabled?.has(error.ruleId)) findings.push(toFinding(error, kind));
  }
  const policy = buildClusterPolicy(kind, pruned.value);
  // A policy the API server rejects is not in the cluster: its meaning is not linted.
  if (!rejected) findings.push(...lintClusterPolicy(policy, options.disabled));
  return {
    location,
    stored: pruned.value,
    policy,
    rejected,
    findings: findings.map((finding) => prefixFinding(location.path, finding)),
  };
}
