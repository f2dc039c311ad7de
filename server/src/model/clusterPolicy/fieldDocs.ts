import type { FieldDoc } from '../fieldDocs';
import type { FieldPath } from '../path';
import type { ClusterPolicyKind } from './api';

/**
 * Reference documentation of the fields of ClusterNetworkPolicy (v1alpha2) and
 * AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1), for hovers and completions.
 * Written in our own words from the Go types and CRDs of kubernetes-sigs/network-policy-api
 * (v0.2.0 and release-0.1) and its API overview.
 */

type Version = 'v1alpha2' | 'v1alpha1';

interface Entry {
  readonly type: string;
  readonly doc: string | ((kind: ClusterPolicyKind) => string);
  /** Only in this version's types. */
  readonly only?: Version;
  /** A string map: one key below it resolves to the map's doc. */
  readonly map?: true;
}

const TABLE = new Map<string, Entry>();
const sentences = (...parts: string[]): string => parts.join(' ');

function add(field: string, type: string, doc: Entry['doc'], extra: Omit<Entry, 'type' | 'doc'> = {}): void {
  TABLE.set(field, { type, doc, ...extra });
}

const ACTIONS: Record<ClusterPolicyKind, string> = {
  ClusterNetworkPolicy: sentences(
    '`Accept` admits the traffic and `Deny` drops it: both are final, no later rule, NetworkPolicy or lower tier is consulted.',
    '`Pass` skips the rest of the tier: from the Admin tier to the NetworkPolicies (or the Baseline tier for pods none selects); from the Baseline tier to the default, which allows.',
  ),
  AdminNetworkPolicy: sentences(
    '`Allow` admits the traffic and `Deny` drops it, before any NetworkPolicy: both are final.',
    '`Pass` skips the remaining AdminNetworkPolicy rules: the NetworkPolicies that select the pods decide, or the BaselineAdminNetworkPolicy for pods none selects.',
  ),
  BaselineAdminNetworkPolicy: sentences(
    '`Allow` or `Deny` (there is no `Pass`: nothing comes after the Baseline tier but the default, which allows).',
    'Only applies to pods that no NetworkPolicy selects in the direction concerned.',
  ),
};

// ---------------------------------------------------------------- the object

add('apiVersion', 'string', (kind) =>
  kind === 'ClusterNetworkPolicy'
    ? 'A ClusterNetworkPolicy is `policy.networking.k8s.io/v1alpha2`, the version the CRDs of network-policy-api v0.2.0 serve.'
    : `A ${kind} is \`policy.networking.k8s.io/v1alpha1\`, the version the CRDs of network-policy-api v0.1.x serve; in v1alpha2 it became a ClusterNetworkPolicy.`,
);
add('kind', 'string', (kind) =>
  kind === 'ClusterNetworkPolicy'
    ? 'A cluster-wide policy of the Admin or Baseline tier (`spec.tier`), written by cluster administrators; it is cluster-scoped (no namespace).'
    : kind === 'AdminNetworkPolicy'
      ? 'A cluster-wide policy evaluated before every NetworkPolicy (v1alpha1); its successor is a ClusterNetworkPolicy with `tier: Admin`.'
      : 'The cluster-wide default evaluated after the NetworkPolicies (v1alpha1); there is one, named `default`. Its successor is a ClusterNetworkPolicy with `tier: Baseline`.',
);
add('metadata.name', 'string', (kind) =>
  kind === 'BaselineAdminNetworkPolicy'
    ? 'Must be `default`: the CRD accepts only one BaselineAdminNetworkPolicy.'
    : 'A DNS subdomain (lowercase letters, digits, `-` and `.`), unique among the policies of this kind in the cluster.',
);
add(
  'metadata.namespace',
  'string',
  'Cluster-wide policies are cluster-scoped: the API server ignores a namespace written here (it clears it on create).',
);
add('spec', 'object', 'The tier, priority, subject and rules of the policy.');

// ---------------------------------------------------------------- spec

add(
  'spec.tier',
  'Admin | Baseline',
  sentences(
    '`Admin`: evaluated before every NetworkPolicy; its Accept and Deny cannot be overridden by namespace owners.',
    '`Baseline`: evaluated after the NetworkPolicies, only for pods no NetworkPolicy selects; it sets the default that NetworkPolicies override.',
  ),
  { only: 'v1alpha2' },
);
add('spec.priority', 'int32 (0–1000)', (kind) =>
  sentences(
    `The order of this policy among the ${kind === 'ClusterNetworkPolicy' ? 'policies of its tier' : 'AdminNetworkPolicies'}: lower numbers are evaluated first.`,
    'Two policies with the same priority whose rules match the same traffic are evaluated in an order the API leaves to the implementation.',
  ),
);
add(
  'spec.subject',
  'Subject',
  sentences(
    'The pods the rules apply to: exactly one of `namespaces` (every pod of the namespaces a selector picks) or `pods` (a namespace and a pod selector).',
    'Host-network pods are never selected. Selecting pods does not isolate them: only the rules act.',
  ),
);
add('spec.subject.namespaces', 'LabelSelector', 'Every pod of the namespaces this selector picks; `{}` is every namespace of the cluster.');
add('spec.subject.pods', 'NamespacedPod', 'The pods that match `podSelector` in the namespaces that match `namespaceSelector` (AND).');
add('spec.ingress', '[]IngressRule', (kind) =>
  sentences(
    'Rules for traffic to the subject pods, evaluated in order: the first that matches decides.',
    `At most ${kind === 'ClusterNetworkPolicy' ? 25 : 100} rules. Without ingress rules the policy does not affect ingress traffic.`,
  ),
);
add('spec.egress', '[]EgressRule', (kind) =>
  sentences(
    'Rules for traffic from the subject pods, evaluated in order: the first that matches decides.',
    `At most ${kind === 'ClusterNetworkPolicy' ? 25 : 100} rules. Without egress rules the policy does not affect egress traffic.`,
  ),
);

// ---------------------------------------------------------------- rules

for (const direction of ['ingress', 'egress'] as const) {
  const rule = `spec.${direction}[]`;
  const list = direction === 'ingress' ? 'from' : 'to';
  add(rule, direction === 'ingress' ? 'IngressRule' : 'EgressRule', 'An action on the traffic with the peers and ports the rule lists.');
  add(
    `${rule}.name`,
    'string (≤ 100)',
    'An optional name for the rule, shown by implementations in logs and status, and here in hovers and connectivity trails.',
  );
  add(`${rule}.action`, 'string', (kind) => ACTIONS[kind]);
  add(
    `${rule}.${list}`,
    direction === 'ingress' ? '[]IngressPeer' : '[]EgressPeer',
    sentences(
      `The ${direction === 'ingress' ? 'sources' : 'destinations'} the rule matches, ORed; required, at least one.`,
      'Unlike a NetworkPolicy rule, a rule without peers does not mean everyone: write `namespaces: {}` for every pod.',
    ),
  );
  add(
    `${rule}.protocols`,
    '[]Protocol',
    'The destination ports the rule matches, ORed: one `tcp`, `udp` or `sctp` with a `destinationPort`, or a `destinationNamedPort`, per item. Without it the rule matches every port of every protocol.',
    { only: 'v1alpha2' },
  );
  add(
    `${rule}.ports`,
    '[]AdminNetworkPolicyPort',
    'The destination ports the rule matches, ORed: one `portNumber`, `portRange` or `namedPort` per item. Without it the rule matches every port.',
    { only: 'v1alpha1' },
  );
  const peer = `${rule}.${list}[]`;
  add(
    peer,
    'Peer',
    'Exactly one field: `namespaces`, `pods`' + (direction === 'egress' ? ', `networks`, or (experimental) `nodes`, `domainNames`.' : '.'),
  );
  add(
    `${peer}.namespaces`,
    'LabelSelector',
    'Every pod of the namespaces this selector picks (host-network pods excepted); `{}` is every namespace.',
  );
  add(
    `${peer}.pods`,
    'NamespacedPod',
    'The pods that match `podSelector` in the namespaces that match `namespaceSelector` (host-network pods excepted).',
  );
  if (direction === 'egress') {
    add(
      `${peer}.networks`,
      '[]CIDR',
      sentences(
        'Destinations by address: 1 to 25 distinct CIDRs such as `10.0.0.0/8` or `fd00::/8`.',
        'Meant for destinations outside the cluster, but traffic to pods whose IPs are in the CIDRs matches too: a Deny of `0.0.0.0/0` also blocks every IPv4 pod-to-pod connection. Pass pod traffic in an earlier rule if that is not meant.',
      ),
    );
    add(`${peer}.nodes`, 'LabelSelector', 'The IPs of the nodes this selector picks (experimental channel); `{}` is every node.');
    add(
      `${peer}.domainNames`,
      '[]DomainName',
      sentences(
        'Destinations by DNS name (experimental channel), for `Accept` rules: `example.com` or `*.example.com` (its subdomains, not itself).',
        'Combine with a later Deny to keep an allow-list of domains.',
      ),
    );
  }
  const protocol = `${rule}.protocols[]`;
  add(protocol, 'Protocol', 'Exactly one of `tcp`, `udp`, `sctp` or `destinationNamedPort`.', { only: 'v1alpha2' });
  for (const name of ['tcp', 'udp', 'sctp']) {
    add(
      `${protocol}.${name}`,
      'object',
      `${name.toUpperCase()} traffic to the \`destinationPort\` (required: for every port write a range 1–65535).`,
      { only: 'v1alpha2' },
    );
    add(`${protocol}.${name}.destinationPort`, 'Port', 'Exactly one of `number` or `range`.', { only: 'v1alpha2' });
    add(`${protocol}.${name}.destinationPort.number`, 'int32 (1–65535)', 'One destination port.', { only: 'v1alpha2' });
    add(`${protocol}.${name}.destinationPort.range`, 'PortRange', 'Ports from `start` to `end`, inclusive; `start` must be below `end`.', {
      only: 'v1alpha2',
    });
    add(`${protocol}.${name}.destinationPort.range.start`, 'int32 (1–65535)', 'The first port of the range.', { only: 'v1alpha2' });
    add(`${protocol}.${name}.destinationPort.range.end`, 'int32 (1–65535)', 'The last port of the range (inclusive), above `start`.', {
      only: 'v1alpha2',
    });
  }
  add(
    `${protocol}.destinationNamedPort`,
    'string',
    'A container port by name, on the destination pods, with whatever protocol it declares; it matches nothing outside the cluster.',
    { only: 'v1alpha2' },
  );
  const port = `${rule}.ports[]`;
  add(port, 'AdminNetworkPolicyPort', 'Exactly one of `portNumber`, `portRange` or `namedPort` (experimental).', { only: 'v1alpha1' });
  add(`${port}.portNumber`, 'Port', 'One port of one protocol.', { only: 'v1alpha1' });
  add(`${port}.portNumber.port`, 'int32 (1–65535)', 'The destination port.', { only: 'v1alpha1' });
  add(
    `${port}.portRange`,
    'PortRange',
    'Ports from `start` to `end`, inclusive, of one protocol (v1alpha1 does not check that start ≤ end).',
    {
      only: 'v1alpha1',
    },
  );
  add(`${port}.portRange.start`, 'int32 (1–65535)', 'The first port of the range.', { only: 'v1alpha1' });
  add(`${port}.portRange.end`, 'int32 (1–65535)', 'The last port of the range (inclusive).', { only: 'v1alpha1' });
  for (const entry of ['portNumber', 'portRange']) {
    add(
      `${port}.${entry}.protocol`,
      'string',
      '`TCP` (the default), `UDP` or `SCTP`. The CRD accepts any string, but implementations match only these, in capitals.',
      { only: 'v1alpha1' },
    );
  }
  add(`${port}.namedPort`, 'string', 'A container port by name on the destination pods (experimental channel).', { only: 'v1alpha1' });
}

// ---------------------------------------------------------------- selectors

const SELECTORS = [
  'spec.subject.namespaces',
  'spec.subject.pods.namespaceSelector',
  'spec.subject.pods.podSelector',
  ...(['ingress', 'egress'] as const).flatMap((direction) => {
    const peer = `spec.${direction}[].${direction === 'ingress' ? 'from' : 'to'}[]`;
    return [
      `${peer}.namespaces`,
      `${peer}.pods.namespaceSelector`,
      `${peer}.pods.podSelector`,
      ...(direction === 'egress' ? [`${peer}.nodes`] : []),
    ];
  }),
];

for (const selector of SELECTORS) {
  const field = selector.split('.').pop()!;
  if (field === 'namespaceSelector') add(selector, 'LabelSelector', 'The namespaces to look in; `{}` is every namespace.');
  if (field === 'podSelector') add(selector, 'LabelSelector', 'The pods of those namespaces; `{}` is every pod.');
  add(
    `${selector}.matchLabels`,
    'map[string]string',
    sentences(
      'Labels the selected objects must carry with exactly these values (all pairs: AND).',
      'The CRD does not check label syntax: a key or value Kubernetes would reject makes implementations unable to use the policy.',
    ),
    { map: true },
  );
  add(
    `${selector}.matchExpressions`,
    '[]LabelSelectorRequirement',
    'Label conditions (`key`, `operator`, `values`), all of which must hold.',
  );
  add(`${selector}.matchExpressions[].key`, 'string', 'The label key.');
  add(
    `${selector}.matchExpressions[].operator`,
    'string',
    '`In`, `NotIn`, `Exists` or `DoesNotExist` (case-sensitive; the CRD does not check it).',
  );
  add(
    `${selector}.matchExpressions[].values`,
    '[]string',
    'The values for `In` and `NotIn` (at least one); none for `Exists` and `DoesNotExist`.',
  );
}

// ---------------------------------------------------------------- lookup

/** `spec.ingress[].from`, or undefined when a segment cannot be a field name. */
function fieldOf(path: FieldPath): string | undefined {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (out === '') return undefined;
      out += '[]';
    } else {
      out += out === '' ? segment : `.${segment}`;
    }
  }
  return out;
}

/** The reference documentation of a cluster policy field, by its path in the object. */
export function clusterFieldDoc(kind: ClusterPolicyKind, path: FieldPath): FieldDoc | undefined {
  const version: Version = kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1';
  const lookup = (p: FieldPath): FieldDoc | undefined => {
    const field = fieldOf(p);
    const entry = field === undefined ? undefined : TABLE.get(field);
    if (!entry || field === undefined || (entry.only && entry.only !== version)) return undefined;
    if (field === 'spec.tier' && kind !== 'ClusterNetworkPolicy') return undefined;
    if (field === 'spec.priority' && kind === 'BaselineAdminNetworkPolicy') return undefined;
    return { field, type: entry.type, doc: typeof entry.doc === 'string' ? entry.doc : entry.doc(kind) };
  };
  const found = lookup(path);
  if (found) return found;
  // A key of a label map resolves to the map.
  const outer = path.length > 1 ? lookup(path.slice(0, -1)) : undefined;
  return outer && TABLE.get(outer.field)?.map && typeof path[path.length - 1] === 'string' ? outer : undefined;
}
