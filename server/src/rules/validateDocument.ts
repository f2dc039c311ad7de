import { getField, isJsonObject, type Json, type JsonObject } from '../model/json';
import type { ClusterSettings } from '../model/cluster';
import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { FieldPath } from '../model/path';
import { adviceModel } from '../model/connectivity/adviceModel';
import { PolicyTraffic } from '../model/connectivity/policyTraffic';
import type { DnsTarget } from '../model/recipes';
import { kustomizeObject } from '../model/kustomize/transform';
import type { KustomizeContext } from '../model/kustomize/tree';
import type { SemanticPolicy } from '../model/semantics';
import { EMPTY_WORKSPACE, type WorkspaceView } from '../model/workspaceView';
import { policyBounds } from './bounds';
import { POLICY_LINTS, POLICY_RULES } from './catalog';
import type { PolicyLint } from './lint';
import { prefixFinding, type Finding, type Report } from './finding';
import type { PolicyRule } from './rule';
import type { RuleData, RuleId } from './ruleIds';
import { apiGroupOf, isUnknownNetworkingKind, meantKind, unknownKindFindings } from './kinds';
import { understandPolicy, type UnderstoodPolicy } from './understood';

/** The API groups whose `kind: NetworkPolicy` is the Kubernetes one (other groups are CRDs, e.g. Calico's). */
const KUBERNETES_GROUPS = new Set(['', 'networking.k8s.io', 'extensions', 'net.alpha.kubernetes.io']);

/**
 * A Kubernetes NetworkPolicy, whatever its (possibly wrong) apiVersion and kind spelling: in
 * networking.k8s.io, also a kind of no kind of the group that stands for NetworkPolicy
 * (`NetworkPolcy`, `networkpolicies`), so that the rest of the document is still checked.
 */
export function isNetworkPolicyObject(object: JsonObject): boolean {
  const kind = getField(object, 'kind');
  if (typeof kind !== 'string') return false;
  if (isUnknownNetworkingKind(object)) return meantKind(kind) === 'NetworkPolicy';
  if (kind.toLowerCase() !== 'networkpolicy') return false;
  const group = apiGroupOf(getField(object, 'apiVersion'));
  if (group === undefined) return kind === 'NetworkPolicy';
  // Groups are case-sensitive, so `Networking.k8s.io` is a mistake for ours, not another group.
  return KUBERNETES_GROUPS.has(group.toLowerCase());
}

export interface PolicyLocation {
  /** Where the policy sits in the document: `[]`, or `['items', 3]` in a list. */
  readonly path: FieldPath;
  readonly json: JsonObject;
  /** apiVersion/kind an item of a NetworkPolicyList may leave out. */
  readonly implied: boolean;
}

/** The NetworkPolicies of a document: the document itself, or the items of a List / NetworkPolicyList. */
export function policiesOf(json: Json | undefined): PolicyLocation[] {
  if (!isJsonObject(json)) return [];
  if (isNetworkPolicyObject(json)) return [{ path: [], json, implied: false }];
  const kind = getField(json, 'kind');
  const items = getField(json, 'items');
  if ((kind !== 'List' && kind !== 'NetworkPolicyList') || !Array.isArray(items)) return [];
  const out: PolicyLocation[] = [];
  items.forEach((item, i) => {
    if (!isJsonObject(item)) return;
    const implied = kind === 'NetworkPolicyList' && getField(item, 'kind') === undefined;
    if (implied || isNetworkPolicyObject(item)) out.push({ path: ['items', i], json: item, implied });
  });
  return out;
}

export interface ValidationOptions {
  readonly version: KubernetesVersion;
  readonly cluster: ClusterSettings;
  /** Rules not to run (their severity is off). */
  readonly disabled?: ReadonlySet<RuleId>;
  /** Where cluster DNS runs (the DNS lints). */
  readonly dns: DnsTarget;
  /** The kustomizations that list the file: the lints see the policy as they build it. */
  readonly kustomize?: KustomizeContext;
}

/** One NetworkPolicy, decoded and understood, with what is wrong with it on its own. */
export interface PolicyAnalysis {
  readonly location: PolicyLocation;
  readonly policy: NetworkPolicy;
  readonly semantic: SemanticPolicy;
  /** Decoding, API validation and the lints that need no other file; paths include `location.path`. */
  readonly findings: readonly Finding[];
  /** What the API server rejects of it (whatever the severity settings), paths relative to the policy. */
  readonly errors: readonly Finding[];
}

/** Collects a rule's reports as findings of its id. */
function reporter<Id extends RuleId>(findings: Finding[], ruleId: Id): (finding: Report<RuleData<Id>>) => void {
  return (finding) => findings.push({ ...finding, ruleId } as Finding);
}

/** API validation of a decoded policy, after its decoding errors: what the API server would say. */
function checkUnderstood(understood: UnderstoodPolicy, version: KubernetesVersion): Finding[] {
  const findings = [...understood.decodeFindings];
  for (const rule of POLICY_RULES as readonly PolicyRule<RuleId, unknown>[]) {
    rule.check(understood.policy, { version, report: reporter(findings, rule.meta.id) });
  }
  return findings;
}

/**
 * Why the cluster would not have a policy: the first error kubectl or the API server reports for
 * it (a kind kubectl cannot map, decoding, validation), with its path relative to the policy;
 * undefined when it would be applied. Severity settings do not matter: the server rejects what it rejects.
 */
export function rejectionOf(location: PolicyLocation, version: KubernetesVersion, understood: UnderstoodPolicy): Finding | undefined {
  return unknownKindFindings(location.json)[0] ?? checkUnderstood(understood, version)[0];
}

/** Strict decoding, then API validation, then the policy's own lints. */
export function analysePolicy(location: PolicyLocation, options: ValidationOptions): PolicyAnalysis {
  const understood = understandPolicy(location, options.version, options.cluster.defaultNamespace);
  const { policy } = understood;
  // Every error, whatever the severity settings: the lints read the rest of the policy around them.
  const errors = checkUnderstood(understood, options.version);
  const findings = errors.filter((finding) => !options.disabled?.has(finding.ruleId));
  // API validation reads the policy as written; what it means is what kustomize makes of it.
  const semantic = options.kustomize
    ? understandPolicy(
        { ...location, json: kustomizeObject(location.json, options.kustomize.steps, 'NetworkPolicy') },
        options.version,
        options.cluster.defaultNamespace,
      ).semantic
    : understood.semantic;
  const analysis = { location, policy, semantic, errors };
  runLints(analysis, options, 'policy', EMPTY_WORKSPACE, findings);
  return { ...analysis, findings: findings.map((finding) => prefixFinding(location.path, finding)) };
}

/** The lints of a policy that depend on the rest of the workspace. */
export function lintInWorkspace(analysis: PolicyAnalysis, options: ValidationOptions, workspace: WorkspaceView): Finding[] {
  const findings: Finding[] = [];
  runLints(analysis, options, 'workspace', workspace, findings);
  return findings.map((finding) => prefixFinding(analysis.location.path, finding));
}

function runLints(
  analysis: Pick<PolicyAnalysis, 'policy' | 'semantic' | 'errors'>,
  options: ValidationOptions,
  scope: PolicyLint['scope'],
  workspace: WorkspaceView,
  findings: Finding[],
): void {
  const hasErrors = analysis.errors.length > 0 || analysis.semantic.partial;
  const { lower, upper } = policyBounds(analysis.semantic, analysis.errors);
  let traffic: PolicyTraffic | undefined;
  for (const lint of POLICY_LINTS as readonly PolicyLint<RuleId, unknown>[]) {
    if (lint.scope !== scope || options.disabled?.has(lint.meta.id)) continue;
    // Only the lints that know how to read the rest of a policy run on one whose meaning is incomplete.
    if (analysis.semantic.partial && !lint.readableRest) continue;
    lint.check({
      policy: analysis.policy,
      semantic: lower,
      upper,
      hasErrors,
      cluster: options.cluster,
      dns: options.dns,
      kustomized: options.kustomize !== undefined,
      workspace,
      traffic: () => (traffic ??= new PolicyTraffic(adviceModel(workspace, options.dns), lower, upper)),
      report: reporter(findings, lint.meta.id),
    });
  }
}

/** Every finding for one NetworkPolicy on its own (the CLI and tests of single documents). */
export function validatePolicy(location: PolicyLocation, options: ValidationOptions): Finding[] {
  return [...analysePolicy(location, options).findings];
}
