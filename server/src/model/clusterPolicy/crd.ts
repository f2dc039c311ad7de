import { isCelCidr } from '../cidr';
import { getField, isJsonObject, type Json } from '../json';
import { ACTIONS, BASELINE_SINGLETON_NAME, TIERS, type Channel, type ClusterPolicyKind } from './api';

/**
 * The OpenAPI schemas of the network-policy-api CRDs, as the API server validates a custom
 * resource with them: the structural schema (types, bounds, enums, patterns, required fields,
 * list types), the defaults, and every `x-kubernetes-validations` (CEL) rule with its message.
 * Written from the CRDs of release v0.2.0 (ClusterNetworkPolicy, config/crd/{standard,
 * experimental}) and of branch release-0.1 (AdminNetworkPolicy, BaselineAdminNetworkPolicy).
 *
 * Every node carries the rule id under which its violations are reported.
 */

export interface CelRule {
  /** The expression as the CRD writes it (quoted in messages and docs). */
  readonly rule: string;
  readonly message: string;
  readonly ruleId: string;
  /**
   * Evaluates the rule on the node's pruned and defaulted value. The API server runs the rules
   * only on an object without type, enum, size or required-field errors, so the fields a rule
   * reads are there and well typed.
   */
  evaluate(self: Json): boolean;
}

interface Node {
  /** The rule id of this node's own violations (bounds, enum, size, CEL). */
  readonly ruleId?: string;
  readonly rules?: readonly CelRule[];
  /** The Go type, for unknown-field messages and hovers. */
  readonly goType?: string;
}

export interface CrdObject extends Node {
  readonly type: 'object';
  readonly goType: string;
  readonly properties: Readonly<Record<string, CrdSchema>>;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

/** An object with free keys (`additionalProperties`): label maps. */
export interface CrdMap extends Node {
  readonly type: 'map';
  readonly values: CrdSchema;
}

export interface CrdArray extends Node {
  readonly type: 'array';
  readonly items: CrdSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** `x-kubernetes-list-type: set`: items must be unique. */
  readonly set?: boolean;
}

export interface CrdString extends Node {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly maxLength?: number;
  /** The ECMA pattern as the CRD writes it, and the RegExp that reads it the same way. */
  readonly pattern?: { readonly source: string; readonly regex: RegExp };
  readonly default?: string;
}

export interface CrdInteger extends Node {
  readonly type: 'integer';
  readonly format: 'int32';
  readonly minimum?: number;
  readonly maximum?: number;
}

/** `metadata`: `type: object` in the CRD, validated by the API server as ObjectMeta. */
export interface CrdMetadata extends Node {
  readonly type: 'metadata';
}

/** `status`: dropped on create (the CRDs have a status subresource), so never validated. */
export interface CrdStatus extends Node {
  readonly type: 'status';
}

export type CrdSchema = CrdObject | CrdMap | CrdArray | CrdString | CrdInteger | CrdMetadata | CrdStatus;

// ------------------------------------------------------------------------------- builders

const string = (extra: Omit<CrdString, 'type'> = {}): CrdString => ({ type: 'string', ...extra });
const int32 = (extra: Omit<CrdInteger, 'type' | 'format'> = {}): CrdInteger => ({ type: 'integer', format: 'int32', ...extra });
const object = (
  goType: string,
  properties: Record<string, CrdSchema>,
  extra: Omit<CrdObject, 'type' | 'goType' | 'properties'> = {},
): CrdObject => ({
  type: 'object',
  goType,
  properties,
  ...extra,
});
const array = (items: CrdSchema, extra: Omit<CrdArray, 'type' | 'items'> = {}): CrdArray => ({ type: 'array', items, ...extra });

/** metav1.LabelSelector as controller-gen writes it: no validation of keys, operators or values. */
function labelSelector(ruleId: string): CrdObject {
  return object(
    'LabelSelector',
    {
      matchLabels: { type: 'map', values: string() },
      matchExpressions: array(
        object(
          'LabelSelectorRequirement',
          { key: string(), operator: string(), values: array(string()) },
          { required: ['key', 'operator'], ruleId },
        ),
      ),
    },
    { ruleId },
  );
}

const field = (self: Json, key: string): Json | undefined => (isJsonObject(self) ? getField(self, key) : undefined);
const has = (self: Json | undefined, key: string): boolean => self !== undefined && isJsonObject(self) && getField(self, key) !== undefined;
const items = (value: Json | undefined): readonly Json[] => (Array.isArray(value) ? value : []);

const PORT_RANGE_RULE: CelRule = {
  rule: 'self.start < self.end',
  message: 'Start port must be less than End port',
  ruleId: 'cluster-port-range',
  evaluate(self) {
    const start = field(self, 'start');
    const end = field(self, 'end');
    return typeof start === 'number' && typeof end === 'number' && start < end;
  },
};

const CIDR_RULE: CelRule = {
  rule: 'isCIDR(self)',
  message: 'Invalid CIDR format provided',
  ruleId: 'cluster-networks',
  evaluate: (self) => typeof self === 'string' && isCelCidr(self),
};

/**
 * The experimental channel's rule on egress rules: a named port only makes sense towards
 * pods, so it is rejected in a rule that also has a peer of another kind.
 */
function namedPortPeersRule(peerKinds: readonly string[], portsKey: string, namedKey: string): CelRule {
  const listed = peerKinds.join('/');
  return {
    rule: `!(self.to.exists(peer, ${peerKinds.map((k) => `has(peer.${k})`).join(' || ')}) && has(self.${portsKey}) && self.${portsKey}.exists(${portsKey === 'ports' ? 'port' : 'protocol'}, has(${portsKey === 'ports' ? 'port' : 'protocol'}.${namedKey})))`,
    message: `${listed} peer cannot be set with namedPorts since there are no namedPorts for ${listed}`,
    ruleId: 'cluster-named-port-peers',
    evaluate(self) {
      const nonPod = items(field(self, 'to')).some((peer) => peerKinds.some((kind) => has(peer, kind)));
      const named = has(self, portsKey) && items(field(self, portsKey)).some((entry) => has(entry, namedKey));
      return !(nonPod && named);
    },
  };
}

const BASELINE_NAME_RULE: CelRule = {
  rule: `self.metadata.name == '${BASELINE_SINGLETON_NAME}'`,
  message: `Only one baseline admin network policy with metadata.name="${BASELINE_SINGLETON_NAME}" can be created in the cluster`,
  ruleId: 'banp-name-default',
  evaluate(self) {
    // A name generated from generateName (5 random characters appended) is never "default".
    const name = field(field(self, 'metadata') ?? null, 'name');
    return name === BASELINE_SINGLETON_NAME;
  },
};

/** The CRD's DomainName pattern, as written: `[a-zA-z0-9]` is its character class (A-z spans `[`, `\`, `]`, `^`, `_` and a backtick too). */
const DOMAIN_NAME_PATTERN = String.raw`^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$`;

const networks = (): CrdArray =>
  array(string({ maxLength: 43, rules: [CIDR_RULE], ruleId: 'cluster-networks' }), {
    minItems: 1,
    maxItems: 25,
    set: true,
    ruleId: 'cluster-networks',
  });

const domainNames = (): CrdArray =>
  array(string({ pattern: { source: DOMAIN_NAME_PATTERN, regex: new RegExp(DOMAIN_NAME_PATTERN) }, ruleId: 'cluster-domain-names' }), {
    minItems: 1,
    maxItems: 25,
    set: true,
    ruleId: 'cluster-domain-names',
  });

const portNumber = (): CrdInteger => int32({ minimum: 1, maximum: 65535, ruleId: 'cluster-port-number' });

/** NamespacedPod: v1alpha1 requires both selectors, v1alpha2 only the pod selector. */
function namespacedPod(ruleId: string, required: readonly string[]): CrdObject {
  return object('NamespacedPod', { namespaceSelector: labelSelector(ruleId), podSelector: labelSelector(ruleId) }, { required, ruleId });
}

const ruleName = (): CrdString => string({ maxLength: 100, ruleId: 'cluster-rule-name' });

// ------------------------------------------------------------------------------- v1alpha2

function v1alpha2Spec(channel: Channel): CrdObject {
  const experimental = channel === 'experimental';
  const pods = () => namespacedPod('cluster-peer', ['podSelector']);
  const range = object(
    'PortRange',
    { start: portNumber(), end: portNumber() },
    { required: ['end', 'start'], rules: [PORT_RANGE_RULE], ruleId: 'cluster-port-range' },
  );
  const destinationPort = object(
    'Port',
    { number: portNumber(), range },
    { minProperties: 1, maxProperties: 1, ruleId: 'cluster-protocol' },
  );
  const protocolOf = (goType: string) => object(goType, { destinationPort }, { minProperties: 1, ruleId: 'cluster-protocol' });
  const protocols = array(
    object(
      'ClusterNetworkPolicyProtocol',
      {
        tcp: protocolOf('ClusterNetworkPolicyProtocolTCP'),
        udp: protocolOf('ClusterNetworkPolicyProtocolUDP'),
        sctp: protocolOf('ClusterNetworkPolicyProtocolSCTP'),
        destinationNamedPort: string(),
      },
      { minProperties: 1, maxProperties: 1, ruleId: 'cluster-protocol' },
    ),
    { minItems: 1, maxItems: 25, ruleId: 'cluster-rule-count' },
  );
  const action = string({ enum: ACTIONS.ClusterNetworkPolicy, ruleId: 'cluster-action' });
  const ingressPeer = object(
    'ClusterNetworkPolicyIngressPeer',
    { namespaces: labelSelector('cluster-peer'), pods: pods() },
    { minProperties: 1, maxProperties: 1, ruleId: 'cluster-peer' },
  );
  const egressPeer = object(
    'ClusterNetworkPolicyEgressPeer',
    {
      namespaces: labelSelector('cluster-peer'),
      pods: pods(),
      networks: networks(),
      ...(experimental ? { nodes: labelSelector('cluster-peer'), domainNames: domainNames() } : {}),
    },
    { minProperties: 1, maxProperties: 1, ruleId: 'cluster-peer' },
  );
  const peers = (peer: CrdObject) => array(peer, { minItems: 1, maxItems: 25, ruleId: 'cluster-rule-count' });
  return object(
    'ClusterNetworkPolicySpec',
    {
      tier: string({ enum: TIERS, ruleId: 'cluster-tier' }),
      priority: int32({ minimum: 0, maximum: 1000, ruleId: 'cluster-priority' }),
      subject: object(
        'ClusterNetworkPolicySubject',
        { namespaces: labelSelector('cluster-subject'), pods: namespacedPod('cluster-subject', ['podSelector']) },
        { minProperties: 1, maxProperties: 1, ruleId: 'cluster-subject' },
      ),
      ingress: array(
        object(
          'ClusterNetworkPolicyIngressRule',
          { name: ruleName(), action, from: peers(ingressPeer), protocols },
          { required: ['action', 'from'] },
        ),
        { maxItems: 25, ruleId: 'cluster-rule-count' },
      ),
      egress: array(
        object(
          'ClusterNetworkPolicyEgressRule',
          { name: ruleName(), action, to: peers(egressPeer), protocols },
          {
            required: ['action', 'to'],
            ...(experimental
              ? { rules: [namedPortPeersRule(['networks', 'nodes', 'domainNames'], 'protocols', 'destinationNamedPort')] }
              : {}),
          },
        ),
        { maxItems: 25, ruleId: 'cluster-rule-count' },
      ),
    },
    { required: ['priority', 'subject', 'tier'] },
  );
}

// ------------------------------------------------------------------------------- v1alpha1

function v1alpha1Spec(kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', channel: Channel): CrdObject {
  const experimental = channel === 'experimental';
  const admin = kind === 'AdminNetworkPolicy';
  const pods = () => namespacedPod('cluster-peer', ['namespaceSelector', 'podSelector']);
  // Protocol is a plain string defaulted to TCP: the CRD has no enum for it.
  const protocol = () => string({ default: 'TCP', ruleId: 'cluster-protocol' });
  const ports = array(
    object(
      'AdminNetworkPolicyPort',
      {
        portNumber: object(
          'Port',
          { protocol: protocol(), port: portNumber() },
          { required: ['port', 'protocol'], ruleId: 'cluster-protocol' },
        ),
        portRange: object(
          'PortRange',
          { protocol: protocol(), start: portNumber(), end: portNumber() },
          { required: ['end', 'start'], ruleId: 'cluster-protocol' },
        ),
        ...(experimental ? { namedPort: string() } : {}),
      },
      { minProperties: 1, maxProperties: 1, ruleId: 'cluster-protocol' },
    ),
    { minItems: 1, maxItems: 100, ruleId: 'cluster-rule-count' },
  );
  const action = string({ enum: ACTIONS[kind], ruleId: 'cluster-action' });
  const ingressPeer = object(
    'AdminNetworkPolicyIngressPeer',
    { namespaces: labelSelector('cluster-peer'), pods: pods() },
    { minProperties: 1, maxProperties: 1, ruleId: 'cluster-peer' },
  );
  const egressPeer = object(
    admin ? 'AdminNetworkPolicyEgressPeer' : 'BaselineAdminNetworkPolicyEgressPeer',
    {
      namespaces: labelSelector('cluster-peer'),
      pods: pods(),
      networks: networks(),
      ...(experimental ? { nodes: labelSelector('cluster-peer') } : {}),
      ...(experimental && admin ? { domainNames: domainNames() } : {}),
    },
    { minProperties: 1, maxProperties: 1, ruleId: 'cluster-peer' },
  );
  const peers = (peer: CrdObject) => array(peer, { minItems: 1, maxItems: 100, ruleId: 'cluster-rule-count' });
  const prefix = admin ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
  const namedPortRule = admin
    ? namedPortPeersRule(['networks', 'nodes', 'domainNames'], 'ports', 'namedPort')
    : namedPortPeersRule(['networks', 'nodes'], 'ports', 'namedPort');
  return object(
    `${prefix}Spec`,
    {
      ...(admin ? { priority: int32({ minimum: 0, maximum: 1000, ruleId: 'cluster-priority' }) } : {}),
      subject: object(
        'AdminNetworkPolicySubject',
        { namespaces: labelSelector('cluster-subject'), pods: namespacedPod('cluster-subject', ['namespaceSelector', 'podSelector']) },
        { minProperties: 1, maxProperties: 1, ruleId: 'cluster-subject' },
      ),
      ingress: array(
        object(`${prefix}IngressRule`, { name: ruleName(), action, from: peers(ingressPeer), ports }, { required: ['action', 'from'] }),
        {
          maxItems: 100,
          ruleId: 'cluster-rule-count',
        },
      ),
      egress: array(
        object(
          `${prefix}EgressRule`,
          { name: ruleName(), action, to: peers(egressPeer), ports },
          { required: ['action', 'to'], ...(experimental ? { rules: [namedPortRule] } : {}) },
        ),
        { maxItems: 100, ruleId: 'cluster-rule-count' },
      ),
    },
    { required: admin ? ['priority', 'subject'] : ['subject'] },
  );
}

// ------------------------------------------------------------------------------- roots

function root(kind: ClusterPolicyKind, spec: CrdObject): CrdObject {
  return object(
    kind,
    { apiVersion: string(), kind: string(), metadata: { type: 'metadata' }, spec, status: { type: 'status' } },
    { required: ['metadata', 'spec'], ...(kind === 'BaselineAdminNetworkPolicy' ? { rules: [BASELINE_NAME_RULE] } : {}) },
  );
}

const cache = new Map<string, CrdObject>();

/** The schema of a kind's CRD in a channel (the root object: apiVersion, kind, metadata, spec, status). */
export function crdSchema(kind: ClusterPolicyKind, channel: Channel): CrdObject {
  const key = `${kind}/${channel}`;
  let schema = cache.get(key);
  if (!schema) {
    schema = root(kind, kind === 'ClusterNetworkPolicy' ? v1alpha2Spec(channel) : v1alpha1Spec(kind, channel));
    cache.set(key, schema);
  }
  return schema;
}

/** The schema of the field at a path below a root schema (indices step into arrays, any key into a map). */
export function crdSchemaAt(rootSchema: CrdSchema, path: readonly (string | number)[]): CrdSchema | undefined {
  let schema: CrdSchema | undefined = rootSchema;
  for (const segment of path) {
    if (!schema) return undefined;
    if (schema.type === 'array' && typeof segment === 'number') schema = schema.items;
    else if (schema.type === 'object' && typeof segment === 'string')
      schema = Object.hasOwn(schema.properties, segment) ? schema.properties[segment] : undefined;
    else if (schema.type === 'map' && typeof segment === 'string') schema = schema.values;
    else return undefined;
  }
  return schema;
}
