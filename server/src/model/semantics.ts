import {
  isValid,
  type Decoded,
  type NetworkPolicy,
  type NetworkPolicyEgressRule,
  type NetworkPolicyIngressRule,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type LabelSelector,
} from './networkPolicy';
import { EVERYTHING, toSelector, type Selector } from './selector';
import { isProtocol, type Direction, type Protocol } from './vocabulary';

/**
 * What a NetworkPolicy means, as Kubernetes enforces it: the one semantic model behind
 * the lints, the explanations and connectivity. Built from a decoded policy; parts that
 * the API server would reject are left out (and flagged `partial`).
 */

export type { Direction, Protocol } from './vocabulary';

/** Pods chosen by selectors: in the policy's own namespace, or in the namespaces a selector picks. */
export interface PodPeer {
  readonly kind: 'pods';
  /** Its index in the rule's `from`/`to` (peers the API server cannot read are left out). */
  readonly index?: number;
  /** 'own': the policy's namespace (podSelector alone); else a namespace selector. */
  readonly namespaces: 'own' | Selector;
  readonly pods: Selector;
}

/** Addresses: `cidr` minus every `except` range. */
export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  /** Its index in the rule's `from`/`to`. */
  readonly index?: number;
  readonly cidr: string;
  readonly except: readonly string[];
}

export type Peer = PodPeer | IpBlockPeer;

export interface PortRange {
  readonly protocol: Protocol;
  /** Undefined: every port of the protocol. A string is a named container port. */
  readonly port?: number | string;
  /** Inclusive end of a numeric range. */
  readonly endPort?: number;
}

export interface SemanticRule {
  readonly direction: Direction;
  /** Index of the rule in `spec.ingress` / `spec.egress`. */
  readonly index: number;
  /** 'any': the rule has no (or an empty) `from`/`to` — every source or destination, in and outside the cluster. */
  readonly peers: 'any' | readonly Peer[];
  /** 'all': no (or empty) `ports` — every port and protocol. */
  readonly ports: 'all' | readonly PortRange[];
}

export interface PolicyTypes {
  readonly ingress: boolean;
  readonly egress: boolean;
  /** False when policyTypes was omitted and Kubernetes computed it. */
  readonly explicit: boolean;
}

export interface SemanticPolicy {
  readonly name: string;
  readonly namespace: string;
  /** Whether metadata.namespace was written (else `namespace` is the default one). */
  readonly namespaceGiven: boolean;
  /** The pods the policy applies to, in its namespace. */
  readonly subject: Selector;
  readonly types: PolicyTypes;
  readonly ingress: readonly SemanticRule[];
  readonly egress: readonly SemanticRule[];
  /** Something could not be read (a wrong type, an invalid selector): the meaning is incomplete. */
  readonly partial: boolean;
}

function list<T>(value: Decoded<readonly Decoded<T>[]> | undefined): readonly Decoded<T>[] {
  return isValid(value) ? value : [];
}

/**
 * `policyTypes` as Kubernetes defaults it (pkg/apis/networking/v1/defaults.go): when empty,
 * Ingress always, plus Egress when there is at least one egress rule.
 */
export function effectivePolicyTypes(policy: NetworkPolicy): PolicyTypes {
  const spec = isValid(policy.spec) ? policy.spec : undefined;
  const written = list(spec?.policyTypes).filter(isValid);
  if (written.length > 0) return { ingress: written.includes('Ingress'), egress: written.includes('Egress'), explicit: true };
  return { ingress: true, egress: list(spec?.egress).length > 0, explicit: false };
}

/** What a decoded peer means, and whether something of it could not be read. */
interface PeerMeaning {
  readonly peer: Peer | undefined;
  readonly partial: boolean;
}

/**
 * Remembered per decoded peer: the peers of a rule that an edit did not touch keep their
 * decoded objects (rules/decode.ts), so a rule of 50,000 peers is not understood again.
 */
const peerMeanings = new WeakMap<NetworkPolicyPeer, PeerMeaning>();

function peerMeaning(value: NetworkPolicyPeer): PeerMeaning {
  let meaning = peerMeanings.get(value);
  if (!meaning) {
    let partial = false;
    const selector = (written: Decoded<LabelSelector> | undefined): Selector => {
      if (written === undefined) return EVERYTHING;
      const built = isValid(written) ? toSelector(written) : undefined;
      if (!built) partial = true;
      // An unreadable selector is rejected by the API server; match nothing rather than guess.
      return built ?? { requirements: [{ key: '', operator: 'In', values: [] }] };
    };
    let peer: Peer | undefined;
    if (value.ipBlock !== undefined) {
      if (!isValid(value.ipBlock) || !isValid(value.ipBlock.cidr)) partial = true;
      else {
        // Usable items only, not all: an unreadable except would make the block look larger than written.
        const except = value.ipBlock.except;
        if (except !== undefined && !isValid(except)) partial = true;
        const items = isValid(except) ? except : [];
        if (items.some((item) => !isValid(item))) partial = true;
        peer = { kind: 'ipBlock', cidr: value.ipBlock.cidr, except: items.filter(isValid) };
      }
    } else if (value.podSelector === undefined && value.namespaceSelector === undefined) {
      partial = true;
    } else {
      peer = {
        kind: 'pods',
        namespaces: value.namespaceSelector === undefined ? 'own' : selector(value.namespaceSelector),
        pods: selector(value.podSelector),
      };
    }
    meaning = { peer, partial };
    peerMeanings.set(value, meaning);
  }
  return meaning;
}

/** A peer with its index in its list (remembered while the peer stays at that index). */
const indexedPeers = new WeakMap<NetworkPolicyPeer, Peer>();

function indexedPeer(value: NetworkPolicyPeer, peer: Peer, index: number): Peer {
  const known = indexedPeers.get(value);
  if (known?.index === index && known.kind === peer.kind) return known;
  const indexed = { ...peer, index };
  indexedPeers.set(value, indexed);
  return indexed;
}

export function buildSemanticPolicy(policy: NetworkPolicy, defaultNamespace: string): SemanticPolicy {
  let partial = false;
  const selector = (value: Decoded<LabelSelector> | undefined): Selector => {
    if (value === undefined) return EVERYTHING;
    const built = isValid(value) ? toSelector(value) : undefined;
    if (!built) partial = true;
    // An unreadable selector is rejected by the API server; match nothing rather than guess.
    return built ?? { requirements: [{ key: '', operator: 'In', values: [] }] };
  };
  const peer = (value: NetworkPolicyPeer, index: number): Peer | undefined => {
    const meaning = peerMeaning(value);
    if (meaning.partial) partial = true;
    return meaning.peer && indexedPeer(value, meaning.peer, index);
  };
  const port = (value: NetworkPolicyPort): PortRange | undefined => {
    const protocol = value.protocol === undefined ? 'TCP' : value.protocol;
    if (!isProtocol(protocol)) {
      partial = true;
      return undefined;
    }
    const out: { protocol: Protocol; port?: number | string; endPort?: number } = { protocol };
    if (value.port !== undefined) {
      if (!isValid(value.port)) {
        partial = true;
        return undefined;
      }
      out.port = value.port;
    }
    // An unreadable endPort would make the range look smaller than written.
    if (value.endPort !== undefined && !isValid(value.endPort)) partial = true;
    if (isValid(value.endPort) && typeof value.port === 'number') out.endPort = value.endPort;
    return out;
  };
  /** Items of a list that are usable; anything unusable makes the meaning partial. */
  const usable = <T>(value: Decoded<readonly Decoded<T>[]> | undefined): T[] => {
    if (value !== undefined && !isValid(value)) partial = true;
    return list(value).filter((item): item is T => {
      if (!isValid(item)) partial = true;
      return isValid(item);
    });
  };
  const rules = (
    direction: Direction,
    items: Decoded<readonly Decoded<NetworkPolicyIngressRule | NetworkPolicyEgressRule>[]> | undefined,
  ): SemanticRule[] => {
    // A list of rules of the wrong type (`ingress: {from: …}`, a forgotten "- ") is not "no rules".
    if (items !== undefined && !isValid(items)) partial = true;
    return list(items).flatMap((item, index) => {
      if (!isValid(item)) {
        partial = true;
        return [];
      }
      const rawPeers = direction === 'ingress' ? (item as NetworkPolicyIngressRule).from : (item as NetworkPolicyEgressRule).to;
      // Indices in the written list (`usable` would renumber them past an unreadable item).
      const peers = list(rawPeers).flatMap((p, i) => {
        if (!isValid(p)) {
          partial = true;
          return [];
        }
        return peer(p, i) ?? [];
      });
      if (rawPeers !== undefined && !isValid(rawPeers)) partial = true;
      const ports = usable(item.ports).flatMap((p) => port(p) ?? []);
      // Absent and empty lists mean "any" / "all" (an unreadable one was flagged partial above).
      return [
        { direction, index, peers: list(rawPeers).length === 0 ? 'any' : peers, ports: list(item.ports).length === 0 ? 'all' : ports },
      ];
    });
  };
  const metadata = isValid(policy.metadata) ? policy.metadata : undefined;
  const spec = isValid(policy.spec) ? policy.spec : undefined;
  const namespace = metadata && isValid(metadata.namespace) && metadata.namespace !== '' ? metadata.namespace : undefined;
  // An unreadable metadata or namespace leaves unknown where the policy applies.
  if ((policy.metadata !== undefined && !metadata) || (metadata?.namespace !== undefined && !isValid(metadata.namespace))) partial = true;
  // An unreadable policyTypes (`policyTypes: Egress`) leaves unknown which directions are isolated.
  usable(spec?.policyTypes);
  const result: SemanticPolicy = {
    name: metadata && isValid(metadata.name) ? metadata.name : '',
    namespace: namespace ?? defaultNamespace,
    namespaceGiven: namespace !== undefined,
    subject: selector(spec?.podSelector),
    types: effectivePolicyTypes(policy),
    ingress: rules('ingress', spec?.ingress),
    egress: rules('egress', spec?.egress),
    partial: false,
  };
  // A missing (or null) spec is the zero spec: JSON null is an absent field, an absent podSelector
  // the empty selector, and the default policyTypes Ingress alone. Every pod, deny all ingress,
  // fully known; only a spec of the wrong type is unreadable.
  return { ...result, partial: partial || (policy.spec !== undefined && !isValid(policy.spec)) };
}
