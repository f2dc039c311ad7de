import { getField, isJsonObject, type Json, type JsonObject } from '../model/json';
import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { FieldPath } from '../model/path';
import { POLICY_RULES } from './catalog';
import { decode } from './decode';
import { prefixFinding, type Finding } from './finding';
import type { RuleContext } from './rule';
import { networkPolicySchema } from './schema';

/** The API groups whose `kind: NetworkPolicy` is the Kubernetes one (other groups are CRDs, e.g. Calico's). */
const KUBERNETES_GROUPS = new Set(['', 'networking.k8s.io', 'extensions', 'net.alpha.kubernetes.io']);

function groupOf(apiVersion: Json | undefined): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** A Kubernetes NetworkPolicy, whatever its (possibly wrong) apiVersion and kind spelling. */
export function isNetworkPolicyObject(object: JsonObject): boolean {
  const kind = getField(object, 'kind');
  if (typeof kind !== 'string' || kind.toLowerCase() !== 'networkpolicy') return false;
  const group = groupOf(getField(object, 'apiVersion'));
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
  /** Rules not to run (their severity is off). */
  readonly disabled?: ReadonlySet<string>;
}

/** Every finding for one NetworkPolicy: strict decoding first, then API validation. */
export function validatePolicy(location: PolicyLocation, options: ValidationOptions): Finding[] {
  const decoded = decode(location.json, networkPolicySchema(options.version));
  const findings = [...decoded.findings];
  let policy = decoded.value as NetworkPolicy;
  if (location.implied) policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...policy };
  for (const rule of POLICY_RULES) {
    if (options.disabled?.has(rule.meta.id)) continue;
    const context: RuleContext = {
      version: options.version,
      report: (finding) => findings.push({ ...finding, ruleId: rule.meta.id }),
    };
    rule.check(policy, context);
  }
  return findings.map((finding) => prefixFinding(location.path, finding));
}
