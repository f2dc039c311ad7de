import { apiVersion } from './api/apiVersion';
import { endPortNumericPort } from './api/endPortNumericPort';
import { endPortOrder } from './api/endPortOrder';
import { endPortRange } from './api/endPortRange';
import { ipBlockCidrInvalid } from './api/ipBlockCidrInvalid';
import { ipBlockCidrRequired } from './api/ipBlockCidrRequired';
import { ipBlockCidrStrict } from './api/ipBlockCidrStrict';
import { ipBlockExceptSubset } from './api/ipBlockExceptSubset';
import { metadataAnnotations } from './api/metadataAnnotations';
import { metadataFinalizers } from './api/metadataFinalizers';
import { metadataLabels } from './api/metadataLabels';
import { metadataName } from './api/metadataName';
import { metadataNamespace } from './api/metadataNamespace';
import { metadataOwnerReferences } from './api/metadataOwnerReferences';
import { peerEmpty } from './api/peerEmpty';
import { peerIpBlockExclusive } from './api/peerIpBlockExclusive';
import { policyTypesCount, policyTypesValue } from './api/policyTypes';
import { portName } from './api/portName';
import { portNumber } from './api/portNumber';
import { portProtocol } from './api/portProtocol';
import { labelKey } from './api/selectorLabelKey';
import { labelValue } from './api/selectorLabelValue';
import { selectorOperator } from './api/selectorOperator';
import { selectorValues } from './api/selectorValues';
import { CLUSTER_POLICY_API_RULES } from './clusterPolicy/catalog';
import { CLUSTER_POLICY_LINT_RULES } from './clusterPolicy/lints';
import { CLUSTER_TRAFFIC_LINT_RULES } from './clusterPolicy/trafficLints';
import { POLICY_SCOPE_LINTS } from './lints/policyLints';
import { NAMESPACE_SCOPE_LINTS, WORKSPACE_SCOPE_LINTS } from './lints/workspaceLints';
import { UNKNOWN_KIND } from './kinds';
import { INVALID_SUPPRESSION } from './suppression';
import type { RuleMeta } from './rule';
import type { RuleId } from './ruleIds';

/** Problems found before any rule runs: in the file, the YAML, or strict decoding. */
export const YAML_RULES = [
  {
    id: 'yaml-syntax',
    title: 'YAML syntax error',
    category: 'yaml',
    severity: 'error',
    description: 'The text is not valid YAML, so kubectl cannot read it.',
  },
  {
    id: 'yaml-document-separator',
    title: 'Invalid document separator for kubectl',
    category: 'yaml',
    severity: 'error',
    description:
      'A line starting with --- that has anything but a comment after it (--- {a: 1}, ---foo, ----): valid YAML, but kubectl refuses the file.',
  },
  {
    id: 'yaml-duplicate-key',
    title: 'Duplicate mapping key',
    category: 'yaml',
    severity: 'error',
    description: 'A mapping has the same key twice; only one of the values can take effect.',
  },
  {
    id: 'yaml-conversion',
    title: 'YAML that cannot become JSON',
    category: 'yaml',
    severity: 'error',
    description:
      'Valid YAML that kubectl cannot turn into JSON: an unknown alias, a null or complex mapping key, .nan/.inf, or a value that contradicts its explicit tag.',
  },
  {
    id: 'yaml-alias-limit',
    title: 'Excessive aliasing',
    category: 'yaml',
    severity: 'error',
    description: 'Aliases expand the document far beyond its written size (an "alias bomb"); kubectl refuses it and it is not analysed.',
  },
  {
    id: 'yaml-depth-limit',
    title: 'Document nested too deeply',
    category: 'yaml',
    severity: 'error',
    description: 'The document is nested too deeply to be analysed safely.',
  },
  {
    id: 'helm-template',
    title: 'File not analysed: Helm template',
    category: 'yaml',
    severity: 'info',
    description:
      'The file is a Helm chart template (Go template actions are not YAML), so it is not analysed; check the rendered manifests instead.',
  },
  {
    id: 'file-too-large',
    title: 'File not analysed: too large',
    category: 'yaml',
    severity: 'info',
    description: 'The file is larger than the netpol.maxFileSizeMB setting, so it is not analysed.',
  },
] as const satisfies readonly RuleMeta[];

export const SCHEMA_RULES = [
  {
    id: 'unknown-field',
    title: 'Unknown field',
    category: 'schema',
    severity: 'error',
    description:
      'A field the NetworkPolicy type does not have. kubectl (strict field validation) rejects it; other clients silently drop it.',
  },
  {
    id: 'invalid-type',
    title: 'Wrong value type',
    category: 'schema',
    severity: 'error',
    description: 'A value of the wrong JSON type (e.g. a string where an integer is required); the API server cannot decode it.',
  },
  {
    id: 'label-value-not-string',
    title: 'Label value is not a string',
    category: 'schema',
    severity: 'error',
    description: 'A label or annotation value that YAML reads as a number or boolean (1.0, true, yes); it must be quoted.',
  },
] as const satisfies readonly RuleMeta[];

/** What is checked of every document, NetworkPolicy or not, and of the suppression comments in it. */
export const DOCUMENT_RULES = [UNKNOWN_KIND, INVALID_SUPPRESSION] as const;

/**
 * API server validation of a NetworkPolicy, in the order the API server runs it.
 * `metadata.generation` and `metadata.managedFields` are validated too, but never as
 * written in a manifest: on create the server sets generation to 1 (PrepareForCreate)
 * and the field manager replaces managedFields, so no rule reports them.
 */
export const POLICY_RULES = [
  apiVersion,
  metadataName,
  metadataNamespace,
  metadataLabels,
  metadataAnnotations,
  metadataOwnerReferences,
  metadataFinalizers,
  labelKey,
  labelValue,
  selectorOperator,
  selectorValues,
  portProtocol,
  portNumber,
  portName,
  endPortOrder,
  endPortRange,
  endPortNumericPort,
  peerEmpty,
  peerIpBlockExclusive,
  ipBlockCidrRequired,
  ipBlockCidrInvalid,
  ipBlockExceptSubset,
  ipBlockCidrStrict,
  policyTypesCount,
  policyTypesValue,
] as const;

/** Best-practice lints of one policy (some consult the workspace). */
export const POLICY_LINTS = [...POLICY_SCOPE_LINTS, ...WORKSPACE_SCOPE_LINTS] as const;

/** Lints reported on Namespace manifests. */
export const NAMESPACE_LINTS = NAMESPACE_SCOPE_LINTS;

/** Rule ids whose meta is shared by a policy lint and a namespace lint appear once. */
const LINT_METAS: readonly RuleMeta<RuleId>[] = [
  ...new Map([...POLICY_LINTS, ...NAMESPACE_LINTS].map((lint) => [lint.meta.id, lint.meta])).values(),
];

export const ALL_RULES: readonly RuleMeta<RuleId>[] = [
  ...YAML_RULES,
  ...SCHEMA_RULES,
  ...DOCUMENT_RULES,
  ...POLICY_RULES.map((rule) => rule.meta),
  ...CLUSTER_POLICY_API_RULES,
  ...CLUSTER_POLICY_LINT_RULES,
  ...CLUSTER_TRAFFIC_LINT_RULES,
  ...LINT_METAS,
];

const BY_ID = new Map<string, RuleMeta<RuleId>>(ALL_RULES.map((meta) => [meta.id, meta]));

/** Whether a string (a setting, a diagnostic code sent back by the client) names a rule. */
export function isRuleId(id: unknown): id is RuleId {
  return typeof id === 'string' && BY_ID.has(id);
}

export function ruleMeta(id: RuleId): RuleMeta<RuleId>;
export function ruleMeta(id: string): RuleMeta<RuleId> | undefined;
export function ruleMeta(id: string): RuleMeta<RuleId> | undefined {
  return BY_ID.get(id);
}
