import { getField, isJsonObject, type Json, type JsonObject } from '../json';
import type { LabelSelector, LabelSelectorRequirement } from '../networkPolicy';
import { EVERYTHING, toSelector, type Selector } from '../selector';
import type { Direction, PodPeer, Protocol } from '../semantics';
import { fixedTier, type ClusterAction, type ClusterPolicyKind, type Tier } from './api';

/**
 * What a cluster-wide policy means: the one model behind its hovers, lints and the tiers of
 * connectivity. Built from the object as the API server stores it (pruned and defaulted), in
 * v1alpha2 words: a v1alpha1 `Allow` is an `Accept`, `ports` are protocols and ports.
 */

/** A peer: pods (namespaces and pod selectors), networks, nodes or domain names. */
export type ClusterPeer =
  /** `namespaces: <selector>` is every pod of those namespaces; `pods` has both selectors. */
  | PodPeer
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] }
  | { readonly kind: 'nodes'; readonly nodes: Selector }
  | { readonly kind: 'domainNames'; readonly names: readonly string[] };

/** A destination port: a number or range of one protocol, or a container port by name (any protocol). */
export type ClusterPort =
  | { readonly protocol: Protocol; readonly port: number; readonly endPort?: number }
  /** An empty range (v1alpha1 accepts start > end): matches no port. */
  | { readonly protocol: Protocol; readonly port: number; readonly endPort: number; readonly empty: true }
  | { readonly namedPort: string }
  /** A v1alpha1 protocol other than TCP, UDP and SCTP (its CRD accepts any string): matches nothing. */
  | { readonly unknownProtocol: string };

export interface ClusterRule {
  readonly direction: Direction;
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly index: number;
  readonly name?: string;
  readonly action: ClusterAction;
  /** The action as the kind writes it (`Allow` in v1alpha1). */
  readonly writtenAction: string;
  /** ORed; a rule always has at least one. */
  readonly peers: readonly ClusterPeer[];
  /** 'all': no protocols/ports, every port of every protocol. */
  readonly ports: 'all' | readonly ClusterPort[];
}

/** The pods a policy applies to: `namespaces` alone is every pod of the namespaces. */
export interface ClusterSubject {
  readonly namespaces: Selector;
  readonly pods: Selector;
  /** Which form was written. */
  readonly form: 'namespaces' | 'pods';
}

export interface ClusterPolicy {
  readonly kind: ClusterPolicyKind;
  readonly name: string;
  readonly tier: Tier;
  /** 0–1000 (lower first); a BaselineAdminNetworkPolicy has none. */
  readonly priority: number | undefined;
  readonly subject: ClusterSubject;
  readonly ingress: readonly ClusterRule[];
  readonly egress: readonly ClusterRule[];
}

const str = (value: Json | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: Json | undefined): number | undefined => (typeof value === 'number' ? value : undefined);
const obj = (value: Json | undefined): JsonObject | undefined => (value !== undefined && isJsonObject(value) ? value : undefined);
const list = (value: Json | undefined): readonly Json[] => (Array.isArray(value) ? value : []);

/** A selector that matches nothing, standing in for one that cannot be read. */
export const UNREADABLE: Selector = { requirements: [{ key: '', operator: 'In', values: [] }] };

export function isUnreadable(selector: Selector): boolean {
  return selector === UNREADABLE;
}

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

const isString = (value: Json | undefined): value is string => typeof value === 'string';

/**
 * A label selector of the object as written: the model is also built from documents that are
 * half typed (`matchLabels:` with no value yet, a number as a label value), which do not read
 * as a selector (undefined).
 */
function labelSelectorOf(json: JsonObject): LabelSelector | undefined {
  const matchLabels = getField(json, 'matchLabels');
  const matchExpressions = getField(json, 'matchExpressions');
  if (matchLabels !== undefined && !(isJsonObject(matchLabels) && Object.values(matchLabels).every(isString))) return undefined;
  if (matchExpressions !== undefined && !Array.isArray(matchExpressions)) return undefined;
  const expressions: LabelSelectorRequirement[] = [];
  for (const item of matchExpressions ?? []) {
    const expression = obj(item);
    const key = expression && getField(expression, 'key');
    const operator = expression && getField(expression, 'operator');
    const values = expression && getField(expression, 'values');
    if (!isString(key) || !isString(operator)) return undefined;
    if (values !== undefined && !(Array.isArray(values) && values.every(isString))) return undefined;
    expressions.push({ key, operator, ...(values !== undefined ? { values } : {}) });
  }
  return {
    ...(matchLabels !== undefined ? { matchLabels: matchLabels as Record<string, string> } : {}),
    ...(matchExpressions !== undefined ? { matchExpressions: expressions } : {}),
  };
}

class Builder {
  /**
   * A label selector of the object. The CRD checks only its shape, so an operator may be
   * unknown (implementations then cannot use the policy, see rules/clusterPolicy): such a
   * selector matches nothing here.
   */
  selector(value: Json | undefined): Selector {
    const json = obj(value);
    if (!json) return EVERYTHING;
    const selector = labelSelectorOf(json);
    return (selector && toSelector(selector)) ?? UNREADABLE;
  }

  peer(value: Json): ClusterPeer | undefined {
    const json = obj(value);
    if (!json) return undefined;
    const namespaces = getField(json, 'namespaces');
    if (namespaces !== undefined) return { kind: 'pods', namespaces: this.selector(namespaces), pods: EVERYTHING };
    const pods = obj(getField(json, 'pods'));
    if (pods)
      return {
        kind: 'pods',
        namespaces: this.selector(getField(pods, 'namespaceSelector')),
        pods: this.selector(getField(pods, 'podSelector')),
      };
    const networks = getField(json, 'networks');
    if (networks !== undefined) return { kind: 'networks', cidrs: list(networks).filter((c): c is string => typeof c === 'string') };
    const nodes = getField(json, 'nodes');
    if (nodes !== undefined) return { kind: 'nodes', nodes: this.selector(nodes) };
    const names = getField(json, 'domainNames');
    if (names !== undefined) return { kind: 'domainNames', names: list(names).filter((n): n is string => typeof n === 'string') };
    return undefined;
  }

  /** A v1alpha2 `protocols` item. */
  protocol(value: Json): ClusterPort | undefined {
    const json = obj(value);
    if (!json) return undefined;
    const named = str(getField(json, 'destinationNamedPort'));
    if (named !== undefined) return { namedPort: named };
    for (const protocol of PROTOCOLS) {
      const port = obj(obj(getField(json, protocol.toLowerCase()))?.['destinationPort']);
      if (!port) continue;
      const number = num(getField(port, 'number'));
      if (number !== undefined) return { protocol, port: number };
      const range = obj(getField(port, 'range'));
      const start = num(range?.['start']);
      const end = num(range?.['end']);
      if (start !== undefined && end !== undefined) return { protocol, port: start, endPort: end };
    }
    return undefined;
  }

  /** A v1alpha1 `ports` item (protocol defaulted to TCP). */
  port(value: Json): ClusterPort | undefined {
    const json = obj(value);
    if (!json) return undefined;
    const named = str(getField(json, 'namedPort'));
    if (named !== undefined) return { namedPort: named };
    const single = obj(getField(json, 'portNumber'));
    const range = obj(getField(json, 'portRange'));
    const entry = single ?? range;
    if (!entry) return undefined;
    const protocol = str(getField(entry, 'protocol')) ?? 'TCP';
    if (!(PROTOCOLS as readonly string[]).includes(protocol)) return { unknownProtocol: protocol };
    const known = protocol as Protocol;
    if (single) {
      const port = num(getField(single, 'port'));
      return port === undefined ? undefined : { protocol: known, port };
    }
    const start = num(getField(entry, 'start'));
    const end = num(getField(entry, 'end'));
    if (start === undefined || end === undefined) return undefined;
    if (start > end) return { protocol: known, port: start, endPort: end, empty: true };
    return start === end ? { protocol: known, port: start } : { protocol: known, port: start, endPort: end };
  }

  rules(kind: ClusterPolicyKind, direction: Direction, value: Json | undefined): ClusterRule[] {
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    const v1alpha2 = kind === 'ClusterNetworkPolicy';
    return list(value).flatMap((item, index): ClusterRule[] => {
      const json = obj(item);
      const writtenAction = json ? str(getField(json, 'action')) : undefined;
      if (!json || !writtenAction) return [];
      const action = writtenAction === 'Allow' ? 'Accept' : writtenAction;
      if (action !== 'Accept' && action !== 'Deny' && action !== 'Pass') return [];
      const portsValue = getField(json, v1alpha2 ? 'protocols' : 'ports');
      const ports = portsValue === undefined ? 'all' : list(portsValue).flatMap((p) => (v1alpha2 ? this.protocol(p) : this.port(p)) ?? []);
      const name = str(getField(json, 'name'));
      return [
        {
          direction,
          index,
          ...(name !== undefined && name !== '' ? { name } : {}),
          action,
          writtenAction,
          peers: list(getField(json, peersKey)).flatMap((p) => this.peer(p) ?? []),
          ports,
        },
      ];
    });
  }

  subject(value: Json | undefined): ClusterSubject {
    const json = obj(value);
    const pods = json ? obj(getField(json, 'pods')) : undefined;
    if (pods) {
      return {
        namespaces: this.selector(getField(pods, 'namespaceSelector')),
        pods: this.selector(getField(pods, 'podSelector')),
        form: 'pods',
      };
    }
    const namespaces = json ? getField(json, 'namespaces') : undefined;
    // A subject without either field is rejected by the API server; it selects nothing here.
    return { namespaces: namespaces === undefined ? UNREADABLE : this.selector(namespaces), pods: EVERYTHING, form: 'namespaces' };
  }
}

/** The meaning of a cluster policy of `kind` (its pruned and defaulted JSON). */
export function buildClusterPolicy(kind: ClusterPolicyKind, json: JsonObject): ClusterPolicy {
  const builder = new Builder();
  const spec = obj(getField(json, 'spec'));
  const metadata = obj(getField(json, 'metadata'));
  const writtenTier = str(spec?.['tier']);
  const tier: Tier = fixedTier(kind) ?? (writtenTier === 'Baseline' ? 'Baseline' : 'Admin');
  const subject = builder.subject(spec?.['subject']);
  const ingress = builder.rules(kind, 'ingress', spec?.['ingress']);
  const egress = builder.rules(kind, 'egress', spec?.['egress']);
  return {
    kind,
    name: str(metadata?.['name']) ?? '',
    tier,
    priority: kind === 'BaselineAdminNetworkPolicy' ? undefined : num(spec?.['priority']),
    subject,
    ingress,
    egress,
  };
}
