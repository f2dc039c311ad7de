import type { FieldPath } from './path';

/**
 * Reference documentation of every field of a networking.k8s.io/v1 NetworkPolicy, for
 * hovers. Written in our own words from the API type documentation and the API server's
 * defaulting and validation (the project's k8s-validation-rules notes, §3 Defaulting and §5 Semantics).
 */

export interface FieldDoc {
  /** The field as written, e.g. `spec.ingress[].from[].namespaceSelector`. */
  readonly field: string;
  /** Its type in one phrase: `LabelSelector`, `[]NetworkPolicyPeer`, `string (CIDR)`, `int32`, `IntOrString` ... */
  readonly type: string;
  /** Markdown, 2–5 sentences in our own words (not copied), exact: what the field means, its default when absent, the empty-vs-missing distinction where it matters, and the trap users fall into. */
  readonly doc: string;
}

/**
 * How a documented field treats paths below it:
 * - `map`: a string map (labels, annotations, matchLabels); one key below it resolves to the map's doc;
 * - `any`: a field documented only as a whole (other ObjectMeta fields, status); anything below resolves to it.
 */
type Below = 'map' | 'any';

interface Entry {
  readonly type: string;
  readonly doc: string;
  readonly below?: Below;
}

const sentences = (...parts: string[]): string => parts.join(' ');

const TABLE = new Map<string, Entry>();

function add(field: string, type: string, doc: string, below?: Below): void {
  TABLE.set(field, below ? { type, doc, below } : { type, doc });
}

// ---------------------------------------------------------------------------------------
// The object

add(
  'apiVersion',
  'string',
  sentences(
    'The API group and version of the object; a NetworkPolicy is `networking.k8s.io/v1`.',
    'The old `extensions/v1beta1` NetworkPolicy has not been served since Kubernetes 1.16, so manifests still using it are refused.',
    "`kind: NetworkPolicy` under another group, such as Calico's `projectcalico.org/v3`, is a different resource with its own fields, not this one.",
  ),
);

add(
  'kind',
  'string',
  sentences(
    'The resource type: exactly `NetworkPolicy`, spelled with this capitalisation, together with `apiVersion: networking.k8s.io/v1`.',
    'A NetworkPolicy is unrelated to the `Ingress` resource, even though its rules are called `ingress`.',
    'Plugin-specific policies, such as `CiliumNetworkPolicy`, are separate resources with different fields.',
  ),
);

add(
  'metadata',
  'ObjectMeta',
  sentences(
    "The policy's standard object metadata: `name`, `namespace`, `labels`, `annotations`, and fields the API server maintains.",
    'Only `name` (or `generateName`) is required; without `namespace`, kubectl uses the namespace of the current context.',
    'Nothing in `metadata` decides which pods the policy applies to: that is `spec.podSelector`.',
  ),
);

add(
  'metadata.name',
  'string',
  sentences(
    'The name of the policy, unique among the NetworkPolicies of its namespace.',
    'It must be a DNS-1123 subdomain: at most 253 characters of lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit.',
    'Names have no effect on enforcement, because policies have no order or priority.',
    'Applying another manifest with the same name in the same namespace replaces the existing policy instead of adding a second one.',
  ),
);

add(
  'metadata.namespace',
  'string',
  sentences(
    "The namespace the policy lives in, which is also the only namespace whose pods `spec.podSelector` can select (and the one a peer's `podSelector` alone refers to).",
    'When absent, kubectl puts the policy in the namespace of the current context or of `-n`, so the same file can land in different namespaces.',
    'It must be a DNS-1123 label: at most 63 lowercase letters, digits and `-`, with no dots.',
    'If it differs from the namespace given with `kubectl -n`, the request is refused.',
  ),
);

add(
  'metadata.labels',
  'map[string]string',
  sentences(
    'Labels on the NetworkPolicy object itself, for finding and grouping policies (`kubectl get networkpolicy -l team=web`).',
    'They do not affect traffic at all: the pods a policy applies to are chosen by `spec.podSelector`, not by these labels.',
    'Keys are `[prefix/]name` with a name of at most 63 characters, and values are strings of at most 63 characters (empty allowed).',
    'Quote values that YAML would read as a number or boolean, such as `"1.0"` or `"true"`, or the API server cannot decode the object.',
  ),
  'map',
);

add(
  'metadata.annotations',
  'map[string]string',
  sentences(
    'Free-form notes attached to the policy for people and tools, such as an owner or a link to a ticket.',
    'Kubernetes never selects anything by annotations, and they do not change how the policy is enforced.',
    'Every value must be a string (quote numbers and booleans), and all keys and values together may not exceed 256 KiB.',
  ),
  'map',
);

add(
  'metadata.generateName',
  'string',
  sentences(
    'A prefix from which the API server makes a unique name, by appending random characters, when `name` is empty.',
    'It works with `kubectl create` only: `kubectl apply` needs a fixed `name` and fails without one.',
    'Every create makes a new policy, so running the same manifest again accumulates policies instead of updating one.',
  ),
);

/** ObjectMeta fields that get a generic note: their JSON types. */
const OTHER_META: Readonly<Record<string, string>> = {
  uid: 'string',
  resourceVersion: 'string',
  generation: 'int64',
  creationTimestamp: 'Time',
  deletionTimestamp: 'Time',
  deletionGracePeriodSeconds: 'int64',
  finalizers: '[]string',
  ownerReferences: '[]OwnerReference',
  managedFields: '[]ManagedFieldsEntry',
  selfLink: 'string',
};

for (const [name, type] of Object.entries(OTHER_META)) {
  add(
    `metadata.${name}`,
    type,
    sentences(
      `\`${name}\` is standard Kubernetes object metadata, normally set and maintained by the API server or by controllers.`,
      'It plays no part in which traffic the policy allows.',
      'Leave it out of hand-written manifests: values copied from `kubectl get -o yaml`, such as an old `resourceVersion`, can make a later apply fail with a conflict.',
    ),
    'any',
  );
}

add(
  'status',
  'NetworkPolicyStatus',
  sentences(
    'Conditions a network plugin could report about the policy; it existed only as an alpha field in Kubernetes 1.24–1.27, behind the `NetworkPolicyStatus` feature gate (off by default).',
    'It was state for the network plugin to report through the status subresource, never something to write in a manifest.',
    'The field was removed in 1.28: current API servers treat `status` as an unknown field, which kubectl rejects with its default strict field validation.',
  ),
  'any',
);

// ---------------------------------------------------------------------------------------
// spec

add(
  'spec',
  'NetworkPolicySpec',
  sentences(
    'What the policy does: which pods it applies to (`podSelector`), which directions it isolates (`policyTypes`) and which traffic it allows (`ingress`, `egress`).',
    'Policies only ever allow traffic: there are no deny rules and no order, and the rules of all policies selecting a pod add up.',
    'Once a pod is isolated for a direction, traffic in that direction that no rule allows is dropped.',
    'An empty `spec: {}` is therefore the classic default deny: it selects every pod of the namespace and isolates them for ingress without allowing anything.',
  ),
);

add(
  'spec.podSelector',
  'LabelSelector',
  sentences(
    "Chooses the pods the policy applies to, among the pods of the policy's own namespace only.",
    'An empty selector `{}`, or leaving the field out, selects every pod in that namespace.',
    'Selected pods become isolated for the directions in `policyTypes`, so traffic that no rule allows is dropped; pods that no policy selects keep allowing everything.',
    'It cannot reach other namespaces: a `namespaceSelector` belongs in a peer under `from` or `to`, not here.',
  ),
);

add(
  'spec.policyTypes',
  '[]PolicyType',
  sentences(
    'The directions the policy isolates the selected pods for: `Ingress`, `Egress`, or both.',
    'When missing or empty it is computed: `Ingress` is always included, and `Egress` only if `egress` has at least one rule (`egress: []` does not count).',
    'So an egress-only policy must say `policyTypes: [Egress]`, otherwise it also denies all incoming traffic.',
    'A policy meant to deny all egress has no egress rules, so it needs `Egress` listed explicitly.',
  ),
);

add(
  'spec.policyTypes[]',
  'PolicyType',
  sentences(
    'One direction the policy isolates: exactly `Ingress` or `Egress`, capitalised (`ingress` is rejected).',
    'A listed direction without rules denies all traffic in that direction for the selected pods.',
    'Rules for a direction that is not listed are ignored.',
  ),
);

add(
  'spec.ingress',
  '[]NetworkPolicyIngressRule',
  sentences(
    'The rules for traffic coming into the selected pods; a connection is allowed when it matches any rule of any policy that selects the pod.',
    'Missing or empty (`ingress: []`), with `Ingress` in `policyTypes`, allows no incoming traffic at all: a default deny.',
    'The opposite trap is `ingress: [{}]`: one rule without `from` and `ports` allows all incoming traffic.',
    'These rules are ignored when `policyTypes` is given and lacks `Ingress`.',
  ),
);

add(
  'spec.ingress[]',
  'NetworkPolicyIngressRule',
  sentences(
    'One kind of incoming traffic to allow: the source must match `from` and the destination port must match `ports`, both at once.',
    'Without `from` any source matches, and without `ports` any port matches, so an empty rule `{}` allows everything.',
    'Rules are ORed with each other; conditions that must hold together belong in the same rule, not in two.',
    'Replies to an allowed connection are allowed automatically.',
  ),
);

add(
  'spec.ingress[].from',
  '[]NetworkPolicyPeer',
  sentences(
    'The sources this rule allows; matching any one item is enough (the items are ORed).',
    'Missing or empty (`from: []`) means all sources, including addresses outside the cluster, not none.',
    'To allow nothing, remove the rule (with no rules left, `Ingress` isolation denies everything).',
    'Each item selects pods (`podSelector`), namespaces (`namespaceSelector`), both together, or an `ipBlock`.',
  ),
);

add(
  'spec.egress',
  '[]NetworkPolicyEgressRule',
  sentences(
    'The rules for traffic leaving the selected pods; a connection is allowed when it matches any rule of any policy that selects the pod.',
    'At least one egress rule also adds `Egress` to a computed `policyTypes`.',
    'Missing or empty (`egress: []`), with `Egress` in `policyTypes`, allows no outgoing traffic, which also blocks DNS lookups unless another rule allows them.',
    'The opposite trap is `egress: [{}]`, which allows all outgoing traffic.',
    'These rules are ignored when `policyTypes` is given and lacks `Egress`.',
  ),
);

add(
  'spec.egress[]',
  'NetworkPolicyEgressRule',
  sentences(
    'One kind of outgoing traffic to allow: the destination must match `to` and the destination port must match `ports`, both at once.',
    'Without `to` any destination matches, and without `ports` any port matches, so an empty rule `{}` allows everything.',
    'Rules are ORed with each other; conditions that must hold together belong in the same rule, not in two.',
    'Allowing DNS usually takes port 53 for both `UDP` and `TCP`.',
  ),
);

add(
  'spec.egress[].to',
  '[]NetworkPolicyPeer',
  sentences(
    'The destinations this rule allows; matching any one item is enough (the items are ORed).',
    'Missing or empty (`to: []`) means all destinations, including the internet, not none.',
    'To allow nothing, remove the rule (with no rules left, `Egress` isolation denies everything).',
    'A Service cannot be named here: select the pods behind it, or use an `ipBlock` for addresses outside the cluster.',
  ),
);

// ---------------------------------------------------------------------------------------
// Ports (the same in ingress and egress rules, apart from the first sentence of `ports`)

function addPorts(rule: string, direction: 'ingress' | 'egress'): void {
  add(
    `${rule}.ports`,
    '[]NetworkPolicyPort',
    sentences(
      direction === 'ingress'
        ? 'The ports on the selected pods that this rule allows traffic to; matching any one entry is enough.'
        : 'The destination ports this rule allows outgoing traffic to; matching any one entry is enough.',
      'Missing or empty (`ports: []`) means every port of every protocol.',
      'Each entry covers a single protocol, `TCP` unless `protocol` says otherwise, so UDP traffic such as DNS needs its own entry.',
      'A connection must match both `ports` and the peers of the same rule.',
    ),
  );
  add(
    `${rule}.ports[]`,
    'NetworkPolicyPort',
    sentences(
      'One protocol with an optional port or port range: `protocol` (default `TCP`), `port` (a number or a name) and `endPort`.',
      'Without `port` it matches every port of the protocol, so an empty entry `{}` matches all TCP ports.',
      'Allowing one port over both TCP and UDP takes two entries.',
    ),
  );
  add(
    `${rule}.ports[].protocol`,
    'Protocol',
    sentences(
      'The protocol to match: `TCP`, `UDP` or `SCTP`, in capitals.',
      'When absent it defaults to `TCP`, so a rule meant for DNS or another UDP service must say `protocol: UDP` explicitly.',
      'The API server accepts `SCTP`, but whether it is enforced depends on the network plugin.',
      'Other protocols, such as ICMP, cannot be written here.',
    ),
  );
  add(
    `${rule}.ports[].port`,
    'IntOrString',
    sentences(
      "The destination port: a number from 1 to 65535, or the name of a container port declared in the receiving pod's `ports[].name`.",
      'A named port is looked up on each destination pod, so one name can stand for different numbers on different pods.',
      'A quoted number such as `"8080"` is a string and therefore a port **name**, which is rejected because port names need a letter; write `8080` without quotes.',
      'When absent, every port of the protocol matches.',
    ),
  );
  add(
    `${rule}.ports[].endPort`,
    'int32',
    sentences(
      'The last port of a range that starts at `port`, both ends included (`port: 32000` with `endPort: 32768`).',
      'It requires a numeric `port` and must be at least `port`; with a named or missing `port` the policy is rejected.',
      'Only network plugins that support `endPort` enforce the range; others may apply the entry to the single port `port` only.',
    ),
  );
}

addPorts('spec.ingress[]', 'ingress');
addPorts('spec.egress[]', 'egress');

// ---------------------------------------------------------------------------------------
// Label selectors (spec.podSelector and the selectors of peers)

type Selected = 'pods' | 'namespaces';

function addSelectorFields(selector: string, selected: Selected): void {
  const one = selected === 'pods' ? 'pod' : 'namespace';
  add(
    `${selector}.matchLabels`,
    'map[string]string',
    sentences(
      `Labels each selected ${one} must carry with exactly these values; all pairs must match (AND).`,
      'A `key: value` pair is the same as a `matchExpressions` entry with operator `In` and that one value.',
      'Values are strings: quote those YAML would read as a number or boolean (`"1.0"`, `"true"`), or the API server cannot decode the policy.',
      `With neither \`matchLabels\` nor \`matchExpressions\` the selector is empty and matches all ${selected} in its scope.`,
    ),
    'map',
  );
  add(
    `${selector}.matchExpressions`,
    '[]LabelSelectorRequirement',
    sentences(
      'Label conditions written as `key`, `operator` and `values`; every one of them must hold, together with `matchLabels` (AND).',
      'They express what `matchLabels` cannot: one of several values (`In`), exclusions (`NotIn`), or whether a key is present (`Exists`, `DoesNotExist`).',
      selector === 'spec.podSelector'
        ? 'There is no OR between expressions: for alternatives use `In` with several values, or several policies.'
        : 'There is no OR between expressions: for alternatives use `In` with several values, or several peers.',
    ),
  );
  add(
    `${selector}.matchExpressions[]`,
    'LabelSelectorRequirement',
    sentences(
      'One label condition: `key` names the label, `operator` says how it is compared, and `values` lists the values for `In` and `NotIn`.',
      '`key` and `operator` are required; `values` must be non-empty for `In` and `NotIn`, and absent or empty for `Exists` and `DoesNotExist`.',
    ),
  );
  add(
    `${selector}.matchExpressions[].key`,
    'string',
    sentences(
      'The label key the condition is about, such as `app` or `app.kubernetes.io/name`.',
      'It follows label-key syntax: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters.',
      'Keys are case-sensitive, so `App` and `app` are different labels.',
    ),
  );
  add(
    `${selector}.matchExpressions[].operator`,
    'string',
    sentences(
      `How the label is compared: \`In\` (the ${one} has the key with one of \`values\`), \`NotIn\` (the key is absent, or its value is not in \`values\`), \`Exists\` (the key is present, with any value) or \`DoesNotExist\` (the key is absent).`,
      'The names are case-sensitive; anything else, such as `in` or `Equals`, is rejected.',
      `Trap: \`NotIn\` and \`DoesNotExist\` also match ${selected} without the key, so \`env NotIn [prod]\` selects unlabelled ${selected} too.`,
    ),
  );
  add(
    `${selector}.matchExpressions[].values`,
    '[]string',
    sentences(
      'The values for `In` and `NotIn`: required and non-empty for those operators, and absent or empty for `Exists` and `DoesNotExist`.',
      'Each one is a label value (at most 63 characters, empty allowed), compared exactly and case-sensitively.',
      'Quote values YAML would read as a number or boolean (`"1"`, `"true"`).',
    ),
  );
  add(
    `${selector}.matchExpressions[].values[]`,
    'string',
    sentences(
      'One label value for `In` or `NotIn`, compared exactly and case-sensitively.',
      'It is either empty or at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit.',
    ),
  );
}

addSelectorFields('spec.podSelector', 'pods');

// ---------------------------------------------------------------------------------------
// Peers (items of from / to)

function addPeer(list: string, direction: 'ingress' | 'egress'): void {
  const peer = `${list}[]`;
  const what = direction === 'ingress' ? 'source' : 'destination';
  add(
    peer,
    'NetworkPolicyPeer',
    sentences(
      `One allowed ${what}: set \`podSelector\`, \`namespaceSelector\`, both, or an \`ipBlock\` alone (an \`ipBlock\` cannot be combined with a selector, and an empty item \`{}\` is rejected).`,
      '`podSelector` and `namespaceSelector` in the same item are ANDed: those pods in those namespaces.',
      'Written as two items (each with its own `-`) they are ORed instead, which usually allows far more than intended.',
    ),
  );
  add(
    `${peer}.podSelector`,
    'LabelSelector',
    sentences(
      `Selects ${what} pods by their labels.`,
      "Alone, it matches pods in the policy's own namespace only; with a `namespaceSelector` in the same item, it matches these pods in the selected namespaces (AND).",
      'An empty `{}` selects all pods in that scope.',
      'A `namespaceSelector` written as a separate list item is ORed with this one, not ANDed.',
    ),
  );
  add(
    `${peer}.namespaceSelector`,
    'LabelSelector',
    sentences(
      'Selects namespaces by their labels; alone, it matches every pod in those namespaces.',
      'With a `podSelector` in the same item the two are ANDed (only the matching pods in the matching namespaces); as two separate list items they are ORed.',
      "An empty `{}` selects all namespaces, so all pods of the cluster, not just the policy's own namespace.",
      'To select a namespace by name, match its automatic label `kubernetes.io/metadata.name`.',
    ),
  );
  add(
    `${peer}.ipBlock`,
    'IPBlock',
    sentences(
      `Matches the ${what} by IP address: the range in \`cidr\` minus every range in \`except\`.`,
      'It cannot be combined with `podSelector` or `namespaceSelector` in the same item.',
      'It is meant for addresses outside the cluster: whether pod or node IPs, or addresses rewritten by NAT or load balancers, match is up to the network plugin, so select pods with selectors.',
      '`0.0.0.0/0` covers IPv4 only; dual-stack clusters also need `::/0`.',
    ),
  );
  add(
    `${peer}.ipBlock.cidr`,
    'string (CIDR)',
    sentences(
      'The address range, written `address/prefix-length` such as `10.0.0.0/8` or `2001:db8::/32`; required.',
      'A bare address is rejected: one host is `/32` for IPv4 or `/128` for IPv6.',
      'Since Kubernetes 1.36 the API server rejects bits set beyond the prefix (`10.0.0.1/24`) and leading zeros, where older versions silently read `10.0.0.1/24` as `10.0.0.0/24`.',
    ),
  );
  add(
    `${peer}.ipBlock.except`,
    '[]string (CIDR)',
    sentences(
      'Ranges cut out of `cidr`: addresses in them are not matched by this peer.',
      'Each one must lie strictly inside `cidr` (a longer prefix within it, same IP family), or the policy is rejected.',
      'Excluding a range here does not deny it: another peer, rule or policy that matches those addresses still allows the traffic.',
    ),
  );
  add(
    `${peer}.ipBlock.except[]`,
    'string (CIDR)',
    sentences(
      'One range excluded from `cidr`, written `address/prefix-length`.',
      'It must lie strictly inside `cidr`, with a longer prefix and the same IP family; a range equal to `cidr` is rejected.',
    ),
  );
  addSelectorFields(`${peer}.podSelector`, 'pods');
  addSelectorFields(`${peer}.namespaceSelector`, 'namespaces');
}

addPeer('spec.ingress[].from', 'ingress');
addPeer('spec.egress[].to', 'egress');

// ---------------------------------------------------------------------------------------
// Lookup

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** `spec.ingress[].from`, or undefined when a segment cannot be a field name. */
function fieldOf(path: FieldPath, length: number): string | undefined {
  let out = '';
  for (let i = 0; i < length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') {
      if (out === '') return undefined;
      out += '[]';
    } else if (segment !== undefined && FIELD_NAME.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      return undefined;
    }
  }
  return out;
}

function docOf(field: string, entry: Entry): FieldDoc {
  return { field, type: entry.type, doc: entry.doc };
}

/** The reference documentation of a NetworkPolicy field, by its path inside the policy (indices are any number). */
export function fieldDoc(path: FieldPath): FieldDoc | undefined {
  if (path.length === 0) return undefined;
  const field = fieldOf(path, path.length);
  const entry = field === undefined ? undefined : TABLE.get(field);
  if (field !== undefined && entry) return docOf(field, entry);
  // Below a field documented as a whole: a key of a string map, or anything inside `status`.
  for (let length = path.length - 1; length > 0; length--) {
    const outer = fieldOf(path, length);
    const outerEntry = outer === undefined ? undefined : TABLE.get(outer);
    if (outer === undefined || !outerEntry?.below) continue;
    if (outerEntry.below === 'any') return docOf(outer, outerEntry);
    if (length === path.length - 1 && typeof path[length] === 'string') return docOf(outer, outerEntry);
    return undefined;
  }
  return undefined;
}
