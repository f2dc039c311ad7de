import { CompletionItemKind } from 'vscode-languageserver-types';
import { ACTIONS, apiVersionOf, CLUSTER_POLICY_KINDS, POLICY_GROUP, TIERS, type ClusterPolicyKind } from '../../model/clusterPolicy/api';
import { crdSchema, type CrdSchema } from '../../model/clusterPolicy/crd';
import { clusterFieldDoc } from '../../model/clusterPolicy/fieldDocs';
import { buildClusterPolicy, type ClusterPeer, type ClusterPolicy } from '../../model/clusterPolicy/policy';
import { clusterNetworkPolicy, clusterRule, dnsAcceptRule, namespacesPeer, podsPeer, protocols } from '../../model/clusterPolicy/recipes';
import type { KubernetesVersion } from '../../model/k8sVersion';
import type { WorkloadObject } from '../../model/objects';
import type { FieldPath } from '../../model/path';
import { namespaceByName } from '../../model/recipes';
import { selectorMatches, type Selector } from '../../model/selector';
import { isProtocol, PROTOCOLS, type Protocol } from '../../model/vocabulary';
import { knownNamespaces, workloadsMatching } from '../../model/workspaceQueries';
import type { WorkspaceView } from '../../model/workspaceView';
import { clusterPolicyOfPath } from '../clusterPolicy/at';
import { networkPolicySchema, type Schema } from '../../rules/schema';
import type { CompletionContext, Entries } from '../../yaml/completionContext';
import { documentAt } from '../../yaml/cursor';
import { emitFlowYaml } from '../../yaml/emit';
import type { YamlFile } from '../../yaml/file';
import type { AnalysisSettings } from '../settings';
import type { CompletionRequest, Dialect, Slot } from './complete';
import { RANK, type ItemSpec } from './items';
import { entriesOf } from './policyScope';
import type { Shape } from './snippets';
import { commonPortItems, operatorItems, protocolItems } from './values';
import { containerPortItems, labelKeyItems, labelValueItems, type LabelTarget } from './workspaceItems';

/**
 * Completions in a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy:
 * the keys of its CRD schema (in the channel set), its enums, the ports and labels of the
 * workspace, and snippets of whole policies, rules and peers.
 */

export interface ClusterPolicyScope {
  readonly root: FieldPath;
  readonly path: FieldPath;
  readonly kind: ClusterPolicyKind;
  /** The policy as last parsed, when its document parses. */
  readonly policy: ClusterPolicy | undefined;
}

const last = (path: FieldPath, n = 1) => path[path.length - n];

/** The cluster policy kind an object says it is, or may still become (apiVersion of the group, kind not written yet). */
function kindOf(entries: Entries): ClusterPolicyKind | undefined {
  const kind = entries.get('kind');
  const apiVersion = entries.get('apiVersion');
  if (kind !== undefined) return CLUSTER_POLICY_KINDS.find((k) => k === kind);
  if (!apiVersion?.startsWith(`${POLICY_GROUP}/`)) return undefined;
  return apiVersion.endsWith('/v1alpha2') ? 'ClusterNetworkPolicy' : 'AdminNetworkPolicy';
}

export function clusterPolicyScope(
  context: CompletionContext,
  file: YamlFile | undefined,
  offset: number,
  _settings: AnalysisSettings,
): ClusterPolicyScope | undefined {
  const top = entriesOf(context, []);
  const listKind = top.get('kind');
  const [first, index] = context.path;
  let root: FieldPath = [];
  let kind: ClusterPolicyKind | undefined;
  if (listKind !== undefined && listKind.endsWith('List') && first === 'items' && typeof index === 'number') {
    if (context.path.length === 2 && context.slot === 'value') return undefined;
    root = ['items', index];
    const item = entriesOf(context, root);
    kind = kindOf(item) ?? CLUSTER_POLICY_KINDS.find((k) => `${k}List` === listKind && item.get('kind') === undefined);
  } else {
    kind = kindOf(top);
  }
  if (!kind) return undefined;
  const json = file ? documentAt(file, offset)?.doc.json : undefined;
  const location = json === undefined ? undefined : clusterPolicyOfPath(json, root);
  const policy = location && location.path.length === root.length ? buildClusterPolicy(location.type.kind, location.json) : undefined;
  return { root, path: context.path.slice(root.length), kind, policy };
}

// ---------------------------------------------------------------- schema

/** The CRD schema as the completion schema: objects are structs, maps string maps; metadata is ObjectMeta. */
function toSchema(crd: CrdSchema, version: KubernetesVersion): Schema {
  switch (crd.type) {
    case 'object':
      return {
        kind: 'struct',
        goType: crd.goType,
        fields: Object.fromEntries(Object.entries(crd.properties).map(([key, child]) => [key, toSchema(child, version)])),
      };
    case 'array':
      return { kind: 'list', items: toSchema(crd.items, version) };
    case 'map':
      return { kind: 'stringMap', labels: true };
    case 'string':
      return { kind: 'string' };
    case 'integer':
      return { kind: 'int32' };
    case 'metadata': {
      const root = networkPolicySchema(version);
      return (root.kind === 'struct' && root.fields['metadata']) || { kind: 'any' };
    }
    case 'status':
      return { kind: 'any' };
  }
}

const schemas = new Map<string, Schema>();

function completionSchema(kind: ClusterPolicyKind, settings: AnalysisSettings): Schema {
  const key = `${kind}/${settings.channel}/${settings.version.minor}`;
  let schema = schemas.get(key);
  if (!schema) {
    schema = toSchema(crdSchema(kind, settings.channel), settings.version);
    schemas.set(key, schema);
  }
  return schema;
}

// ---------------------------------------------------------------- values

function enumItems(values: readonly (readonly [string, string])[]): ItemSpec[] {
  return values.map(([value, documentation]) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    insert: value,
    documentation,
    rank: RANK.value,
  }));
}

const TIER_DOCS: Record<(typeof TIERS)[number], string> = {
  Admin: 'Evaluated before every NetworkPolicy: its Accept and Deny are final; Pass hands the traffic to the NetworkPolicies.',
  Baseline: 'Evaluated after the NetworkPolicies, only for pods no NetworkPolicy selects: the cluster default.',
};

const ACTION_DOCS: Record<string, string> = {
  Accept: 'Admits the traffic: final (the other direction must still allow it).',
  Allow: 'Admits the traffic: final (the other direction must still allow it).',
  Deny: 'Drops the traffic: final.',
  Pass: 'Skips the rest of the tier: the NetworkPolicies (or the next tier) decide.',
};

/** The workloads of the workspace pods matching `namespaces` and `pods` (host-network pods excepted). */
function workloadsOf(view: WorkspaceView, namespaces: Selector, pods: Selector): WorkloadObject[] {
  return knownNamespaces(view)
    .filter((namespace) => selectorMatches(namespaces, namespace.labels))
    .flatMap((namespace) => workloadsMatching(view, namespace.name, pods))
    .filter((workload) => workload.hostNetwork !== true);
}

/** The workloads whose container ports a rule's ports refer to: the subject for ingress, the rule's pod peers for egress. */
function receivers(scope: ClusterPolicyScope, view: WorkspaceView): WorkloadObject[] {
  const [spec, direction, index] = scope.path;
  const policy = scope.policy;
  if (spec !== 'spec' || (direction !== 'ingress' && direction !== 'egress') || typeof index !== 'number' || !policy) return [];
  if (direction === 'ingress') return workloadsOf(view, policy.subject.namespaces, policy.subject.pods);
  const rule = policy.egress.find((r) => r.index === index);
  return (rule?.peers ?? []).flatMap((peer: ClusterPeer) =>
    peer.kind === 'pods' && peer.namespaces !== 'own' ? workloadsOf(view, peer.namespaces, peer.pods) : [],
  );
}

/** Named container ports of any protocol. */
function namedPortItems(workloads: readonly WorkloadObject[]): ItemSpec[] {
  return PROTOCOLS.flatMap((protocol) => containerPortItems(workloads, protocol).filter((item) => !/^\d+$/.test(item.label)));
}

function portNumberItems(workloads: readonly WorkloadObject[], protocol: Protocol): ItemSpec[] {
  const own = containerPortItems(workloads, protocol).filter((item) => /^\d+$/.test(item.label));
  return [...own, ...commonPortItems(new Set(own.map((item) => item.label)))];
}

/** Whose labels a selector under this path selects on: the last selector of the path decides. */
function labelTarget(path: FieldPath): LabelTarget | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (segment === 'namespaces' || segment === 'namespaceSelector') return { kind: 'namespaces' };
    if (segment === 'podSelector') return { kind: 'pods', namespaces: 'any' };
    if (segment === 'nodes') return undefined;
  }
  return undefined;
}

/** The apiVersions of the cluster-wide policies. */
export function clusterApiVersionItems(): ItemSpec[] {
  return enumItems([
    [apiVersionOf('ClusterNetworkPolicy'), 'ClusterNetworkPolicy (network-policy-api v0.2.0).'],
    [apiVersionOf('AdminNetworkPolicy'), 'AdminNetworkPolicy and BaselineAdminNetworkPolicy (network-policy-api v0.1.x).'],
  ]);
}

/** The cluster-wide policy kinds served in `apiVersion` (all of them when it is not written). */
export function clusterKindItems(apiVersion: string | undefined): ItemSpec[] {
  const kinds = CLUSTER_POLICY_KINDS.filter((kind) => apiVersion === undefined || apiVersion === apiVersionOf(kind));
  return enumItems(
    kinds.map((kind) => [
      kind,
      kind === 'ClusterNetworkPolicy'
        ? 'A cluster-wide policy of the Admin or Baseline tier (spec.tier), v1alpha2.'
        : `A cluster-wide policy of the ${kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline'} tier, v1alpha1.`,
    ]),
  );
}

function values(scope: ClusterPolicyScope, slot: Slot, path: FieldPath): ItemSpec[] {
  const { request, context } = slot;
  const field = last(path);
  const parent = last(path, 2);
  if (path.length === 1 && field === 'apiVersion') return clusterApiVersionItems();
  if (path.length === 1 && field === 'kind') return clusterKindItems(entriesOf(context, scope.root).get('apiVersion'));
  if (path.length === 2 && path[0] === 'spec' && field === 'tier') return enumItems(TIERS.map((tier) => [tier, TIER_DOCS[tier]]));
  if (field === 'action' && path.length === 4) return enumItems(ACTIONS[scope.kind].map((action) => [action, ACTION_DOCS[action] ?? '']));
  if (field === 'protocol' && (parent === 'portNumber' || parent === 'portRange')) return protocolItems();
  if (field === 'destinationNamedPort' || field === 'namedPort') return namedPortItems(receivers(scope, request.workspace));
  const protocolKey = path.find((segment): segment is string => segment === 'tcp' || segment === 'udp' || segment === 'sctp');
  if ((field === 'number' || field === 'start' || field === 'end') && protocolKey) {
    return portNumberItems(receivers(scope, request.workspace), protocolKey.toUpperCase() as Protocol);
  }
  if ((field === 'port' && parent === 'portNumber') || ((field === 'start' || field === 'end') && parent === 'portRange')) {
    const written = context.siblings.get('protocol') ?? 'TCP';
    return portNumberItems(receivers(scope, request.workspace), isProtocol(written) ? written : 'TCP');
  }
  if (last(path, 3) === 'matchExpressions' && field === 'operator') return operatorItems();
  const target = labelTarget(path);
  if (!target) return [];
  if (last(path, 3) === 'matchExpressions' && field === 'key') {
    return labelKeyItems(target, request.workspace, '', new Set(), (key) => ({ insert: emitFlowYaml(key) }));
  }
  if (last(path, 4) === 'matchExpressions' && parent === 'values') {
    const key = context.entriesAt([...scope.root, ...path.slice(0, -2)]).get('key');
    return key === undefined ? [] : labelValueItems(target, request.workspace, '', key, new Set(context.listed));
  }
  if (parent === 'matchLabels' && typeof field === 'string') return labelValueItems(target, request.workspace, '', field, new Set());
  return [];
}

// ---------------------------------------------------------------- snippets

function documentShapes(dns: AnalysisSettings['dns']): Shape[] {
  return [
    {
      label: 'ClusterNetworkPolicy (Admin)',
      documentation: 'An Admin tier policy: evaluated before every NetworkPolicy, for every pod of the selected namespaces.',
      filterText: 'clusternetworkpolicy admin',
      build: (stops) =>
        clusterNetworkPolicy(stops.stop('cluster-defaults'), 'Admin', stops.stop('10'), {
          subject: { namespaces: {} },
          egress: [dnsAcceptRule(dns)],
        }),
    },
    {
      label: 'ClusterNetworkPolicy: Baseline default deny',
      documentation:
        'Denies all ingress to every pod no NetworkPolicy selects: a cluster-wide default deny that namespace owners override with NetworkPolicies.',
      filterText: 'clusternetworkpolicy baseline default deny',
      build: (stops) =>
        clusterNetworkPolicy(stops.stop('default-deny'), 'Baseline', stops.stop('1000'), {
          subject: { namespaces: {} },
          ingress: [clusterRule('Deny', 'from', [namespacesPeer()], [], 'deny-all')],
        }),
    },
  ];
}

function ruleShapes(direction: 'ingress' | 'egress', kind: ClusterPolicyKind, dns: AnalysisSettings['dns']): Shape[] {
  const key = direction === 'ingress' ? 'from' : 'to';
  const accept = kind === 'ClusterNetworkPolicy' ? 'Accept' : 'Allow';
  if (kind !== 'ClusterNetworkPolicy') return [];
  const shapes: Shape[] = [
    {
      label: `${direction} rule: ${accept} a namespace`,
      documentation: `${accept}s ${direction} ${key} every pod of one namespace, on one TCP port.`,
      filterText: `${direction} ${accept.toLowerCase()} rule`,
      build: (stops) =>
        clusterRule(
          'Accept',
          key,
          [namespacesPeer(namespaceByName(stops.stop('monitoring')))],
          [{ protocol: 'TCP', port: stops.stop('9090') }],
          stops.stop('allow-monitoring'),
        ),
    },
    {
      label: `${direction} rule: Deny`,
      documentation: `Denies all ${direction} ${key} every pod of the cluster.`,
      filterText: `${direction} deny rule`,
      build: (stops) => clusterRule('Deny', key, [namespacesPeer()], [], stops.stop(`deny-all-${direction}`)),
    },
    {
      label: `${direction} rule: Pass`,
      documentation: `Passes ${direction} ${key} the pods of the same namespaces to the NetworkPolicies (namespace owners decide).`,
      filterText: `${direction} pass rule`,
      build: (stops) => clusterRule('Pass', key, [podsPeer(namespaceByName(stops.stop('shop')), {})], [], stops.stop('delegate')),
    },
  ];
  if (direction === 'egress') {
    shapes.push({
      label: 'egress rule: DNS',
      documentation: 'Accepts DNS (UDP and TCP 53) to the cluster DNS pods.',
      filterText: 'egress dns rule',
      build: () => dnsAcceptRule(dns),
    });
  }
  return shapes;
}

function peerShapes(direction: 'ingress' | 'egress'): Shape[] {
  const shapes: Shape[] = [
    {
      label: 'peer: all pods of a namespace',
      documentation: 'Every pod of the namespace, by its `kubernetes.io/metadata.name` label.',
      filterText: 'namespaces peer',
      build: (stops) => namespacesPeer(namespaceByName(stops.stop('monitoring'))),
    },
    {
      label: 'peer: pods of some namespaces',
      documentation: 'The pods with these labels in the namespaces with those labels (one peer: both selectors must match).',
      filterText: 'pods peer',
      build: (stops) => podsPeer(namespaceByName(stops.stop('monitoring')), { matchLabels: { app: stops.stop('prometheus') } }),
    },
    {
      label: 'peer: every pod',
      documentation: 'Every pod of every namespace (host-network pods excepted).',
      filterText: 'namespaces all peer',
      build: () => namespacesPeer(),
    },
  ];
  if (direction === 'egress') {
    shapes.push({
      label: 'peer: networks',
      documentation: 'Addresses by CIDR. Traffic to pods whose IPs are inside matches too.',
      filterText: 'networks peer',
      build: (stops) => ({ networks: [stops.stop('192.0.2.0/24')] }),
    });
  }
  return shapes;
}

function protocolShapes(): Shape[] {
  return [
    {
      label: 'TCP port',
      documentation: 'One TCP destination port.',
      filterText: 'tcp port',
      build: (stops) => protocols([{ protocol: 'TCP', port: stops.stop('443') }])[0]!,
    },
    {
      label: 'UDP port',
      documentation: 'One UDP destination port.',
      filterText: 'udp port',
      build: (stops) => protocols([{ protocol: 'UDP', port: stops.stop('53') }])[0]!,
    },
    {
      label: 'TCP port range',
      documentation: 'TCP destination ports from start to end (start below end).',
      filterText: 'tcp range',
      build: (stops) => protocols([{ protocol: 'TCP', port: stops.stop('8000'), endPort: stops.stop('8080') }])[0]!,
    },
  ];
}

function shapes(scope: ClusterPolicyScope, slot: Slot, path: FieldPath, empty: boolean): Shape[] {
  const { context, request } = slot;
  const dns = request.settings.dns;
  if (path.length === 0) return context.emptyDocument && scope.root.length === 0 ? documentShapes(dns) : [];
  if (path.length === 1 && path[0] === 'spec') {
    return (['ingress', 'egress'] as const)
      .filter((direction) => !context.siblings.has(direction))
      .flatMap((direction) =>
        ruleShapes(direction, scope.kind, dns).map((shape) => ({
          ...shape,
          filterText: `${direction} ${shape.filterText}`,
          build: (stops) => ({ [direction]: [shape.build(stops)] }),
        })),
      );
  }
  if (!empty || typeof last(path) !== 'number') return [];
  const list = last(path, 2);
  const direction = path[1];
  if (direction !== 'ingress' && direction !== 'egress') return [];
  if (path.length === 3 && path[0] === 'spec' && list === direction) return ruleShapes(direction, scope.kind, dns);
  if (list === 'from' || list === 'to') return scope.kind === 'ClusterNetworkPolicy' ? peerShapes(direction) : [];
  if (list === 'protocols') return protocolShapes();
  return [];
}

export function clusterDialect(scope: ClusterPolicyScope, request: CompletionRequest): Dialect {
  return {
    schema: completionSchema(scope.kind, request.settings),
    namespace: '',
    doc: (path) => clusterFieldDoc(scope.kind, path),
    values: (slot, path) => values(scope, slot, path),
    shapes: (slot, path, empty) => shapes(scope, slot, path, empty),
    labelTarget,
  };
}
