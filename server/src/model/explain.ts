import { POLICY_TYPE } from './vocabulary';
import { code, codeList, namespacesPhrase, podsPhrase, portPhrase } from './phrases';
import { isEverything, type Selector } from './selector';
import type { Direction, Peer, PortRange, SemanticPolicy, SemanticRule } from './semantics';
import { knownNamespaces, peerNamespaces, workloadsMatching } from './workspaceQueries';
import { EMPTY_WORKSPACE, type WorkspaceView } from './workspaceView';
import type { WorkloadObject } from './objects';

/**
 * What a NetworkPolicy allows, in plain language, generated from its semantic model (the
 * same one the lints and connectivity use), never from templates of the YAML. Every text is
 * Markdown: names and values in code spans.
 */

export interface PeerExplanation {
  /** Position in `from`/`to`. */
  readonly index: number;
  readonly kind: Peer['kind'];
  /** The sources or destinations, as a noun phrase: "pods with label `app` = `web` in namespace `shop`". */
  readonly text: string;
  /** The traps of this kind of peer. */
  readonly notes: readonly string[];
}

const IPBLOCK_NOTE =
  'ipBlock is meant for traffic from or to outside the cluster. Pods are reached by their pod IPs, which change when pods are recreated (select them with podSelector/namespaceSelector instead), and whether traffic rewritten by NAT or load balancers matches depends on the network plugin.';

/** A peer of a rule, explained. */
export function explainPeer(peer: Peer, index: number, policyNamespace: string): PeerExplanation {
  if (peer.kind === 'ipBlock') {
    const notes = [IPBLOCK_NOTE];
    if (/^0+\.0+\.0+\.0+\/0+$/.test(peer.cidr))
      notes.push('0.0.0.0/0 is every IPv4 address, not IPv6: a dual-stack cluster also needs ::/0.');
    const except = peer.except.length ? ` except ${codeList(peer.except, 'and')}` : '';
    return { index, kind: 'ipBlock', text: `addresses in ${code(peer.cidr)}${except}`, notes };
  }
  if (peer.namespaces === 'own') {
    return {
      index,
      kind: 'pods',
      text: `${podsPhrase(peer.pods)} in this policy's namespace ${code(policyNamespace)}`,
      notes: [
        'A podSelector alone only ever matches pods in the policy’s own namespace; add a namespaceSelector to reach other namespaces.',
      ],
    };
  }
  if (isEverything(peer.pods)) {
    return {
      index,
      kind: 'pods',
      text: isEverything(peer.namespaces) ? 'every pod in every namespace' : `every pod in ${namespacesPhrase(peer.namespaces)}`,
      notes: isEverything(peer.namespaces) ? ['`namespaceSelector: {}` matches every namespace of the cluster.'] : [],
    };
  }
  return {
    index,
    kind: 'pods',
    text: `${podsPhrase(peer.pods)} in ${namespacesPhrase(peer.namespaces)}`,
    notes: [
      'podSelector and namespaceSelector in one peer mean AND: the pods must match both. Written as two separate list items (`- namespaceSelector: …` and `- podSelector: …`) they would mean OR.',
    ],
  };
}

export interface PortExplanation {
  /** "TCP 443", "UDP 53", "TCP 8000–8080", "TCP port named `http` (8080 on Deployment web)". */
  readonly text: string;
  readonly notes: readonly string[];
}

/** How a named port resolves on the workloads concerned (the pods that receive the traffic). */
function resolveNamedPort(name: string, protocol: string, workloads: readonly WorkloadObject[]): string {
  if (workloads.length === 0) return '';
  const found = workloads.flatMap((workload) =>
    workload.ports
      .filter((port) => port.name === name && port.protocol === protocol)
      .map((port) => `${port.port} on ${workload.kind} ${workload.name}`),
  );
  return found.length
    ? ` (${[...new Set(found)].join(', ')})`
    : ' (no container of the pods concerned declares it, so it matches nothing there)';
}

export function explainPort(port: PortRange, receivers: readonly WorkloadObject[]): PortExplanation {
  const notes: string[] = [];
  if (port.protocol === 'SCTP') notes.push('SCTP is enforced only by network plugins that support it.');
  if (typeof port.port === 'string') {
    notes.push('A named port is resolved on each destination pod from its container ports of that name and protocol.');
    return { text: `${portPhrase(port)}${resolveNamedPort(port.port, port.protocol, receivers)}`, notes };
  }
  if (port.endPort !== undefined && port.endPort !== port.port)
    notes.push('endPort is honoured only by network plugins that support it; others may use only `port`.');
  return { text: portPhrase(port), notes };
}

export interface RuleExplanation {
  readonly direction: Direction;
  readonly index: number;
  readonly peers: 'any' | readonly PeerExplanation[];
  readonly ports: 'all' | readonly PortExplanation[];
  /** A rule of a direction the policy does not isolate: it has no effect. */
  readonly ignored: boolean;
  /** "Allows ingress from (A) or (B) on (TCP 80) or (TCP 443)." */
  readonly text: string;
}

function parenthesized(texts: readonly string[]): string {
  return texts.length === 1 ? texts[0]! : texts.map((text) => `(${text})`).join(' or ');
}

export interface DirectionExplanation {
  readonly direction: Direction;
  /** Whether this policy isolates the selected pods in this direction. */
  readonly isolated: boolean;
  readonly rules: readonly RuleExplanation[];
  readonly outcome: 'not-isolated' | 'deny-all' | 'allow-all' | 'restricted';
  readonly text: string;
}

export interface PolicyExplanation {
  readonly name: string;
  readonly namespace: string;
  readonly namespaceGiven: boolean;
  readonly subject: { readonly text: string; readonly everything: boolean };
  readonly policyTypes: { readonly ingress: boolean; readonly egress: boolean; readonly explicit: boolean; readonly text: string };
  readonly ingress: DirectionExplanation;
  readonly egress: DirectionExplanation;
  /** Other policies of the workspace that apply to some of the same pods. */
  readonly others: readonly string[];
  /** The policy in a few sentences. */
  readonly summary: string;
  /** Part of the policy could not be read: the explanation covers what could. */
  readonly partial: boolean;
}

const ANY_SOURCE = 'any source, inside or outside the cluster';
const ANY_DESTINATION = 'any destination, inside or outside the cluster';

/** The explanation of one rule; `receivers` are the workloads whose ports named ports refer to. */
export function explainRule(rule: SemanticRule, semantic: SemanticPolicy, workspace: WorkspaceView = EMPTY_WORKSPACE): RuleExplanation {
  const ignored = rule.direction === 'ingress' ? !semantic.types.ingress : !semantic.types.egress;
  const peers = rule.peers === 'any' ? 'any' : rule.peers.map((peer, i) => explainPeer(peer, i, semantic.namespace));
  const receivers = ruleReceivers(rule, semantic, workspace);
  const ports = rule.ports === 'all' ? 'all' : rule.ports.map((port) => explainPort(port, receivers));
  const verb = rule.direction === 'ingress' ? 'ingress from' : 'egress to';
  let text: string;
  if (peers === 'any' && ports === 'all') {
    text = `Allows all ${rule.direction}: ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.direction === 'ingress' ? ANY_SOURCE : ANY_DESTINATION}, on every port and protocol.`;
  } else {
    const who =
      peers === 'any' ? (rule.direction === 'ingress' ? ANY_SOURCE : ANY_DESTINATION) : parenthesized(peers.map((peer) => peer.text));
    const on = ports === 'all' ? 'on every port and protocol' : `on ${parenthesized(ports.map((port) => port.text))}`;
    // A rule whose ports all cannot be read allows nothing (semantics.ts): say so, not "on .".
    text =
      peers !== 'any' && peers.length === 0
        ? `Allows no ${rule.direction} (none of its peers can be read).`
        : ports !== 'all' && ports.length === 0
          ? `Allows no ${rule.direction} (none of its ports can be read).`
          : `Allows ${verb} ${who}, ${on}.`;
  }
  if (ignored) text += ` It has no effect: policyTypes does not include ${POLICY_TYPE[rule.direction]}.`;
  return { direction: rule.direction, index: rule.index, peers, ports, ignored, text };
}

/**
 * The workloads that receive the traffic of a rule, whose container ports its named ports
 * refer to: the selected pods for ingress, the peers' pods for egress.
 */
export function ruleReceivers(rule: SemanticRule, semantic: SemanticPolicy, workspace: WorkspaceView): WorkloadObject[] {
  if (rule.direction === 'ingress') return workloadsMatching(workspace, semantic.namespace, semantic.subject);
  if (rule.peers === 'any') return [];
  const known = knownNamespaces(workspace, [semantic.namespace]);
  return rule.peers.flatMap((peer) =>
    peer.kind === 'pods'
      ? peerNamespaces(peer, semantic.namespace, known).flatMap((namespace) => workloadsMatching(workspace, namespace, peer.pods))
      : [],
  );
}

export function explainDirection(direction: Direction, semantic: SemanticPolicy, workspace: WorkspaceView): DirectionExplanation {
  const isolated = direction === 'ingress' ? semantic.types.ingress : semantic.types.egress;
  const rules = (direction === 'ingress' ? semantic.ingress : semantic.egress).map((rule) => explainRule(rule, semantic, workspace));
  const Type = direction === 'ingress' ? 'Ingress' : 'Egress';
  if (!isolated) {
    const why = semantic.types.explicit
      ? `policyTypes does not include ${Type}`
      : `policyTypes is omitted and there are no ${direction} rules, so Kubernetes computes it without ${Type}`;
    const ignoredRules = rules.length ? ` Its ${rules.length} ${direction} rule${rules.length === 1 ? ' has' : 's have'} no effect.` : '';
    return {
      direction,
      isolated,
      rules,
      outcome: 'not-isolated',
      text: `Does not restrict ${direction} (${why}): other policies decide, and with none all ${direction} is allowed.${ignoredRules}`,
    };
  }
  if (rules.length === 0) {
    const listed = semantic.types.explicit ? `policyTypes lists ${Type}` : `${Type} is always part of the computed policyTypes`;
    // The computed policyTypes has Egress only when `egress` has entries (SetDefaults_NetworkPolicy in
    // pkg/apis/networking/v1/defaults.go), so a computed deny-all egress means none of them can be read.
    const text =
      direction === 'egress' && !semantic.types.explicit
        ? 'Denies all egress as far as it can be read: Egress is part of the computed policyTypes because `egress` has entries, but none of them can be read.'
        : `Denies all ${direction}: ${listed} and there are no ${direction} rules (\`${direction}: []\` and a missing \`${direction}\` mean the same here).`;
    return { direction, isolated, rules, outcome: 'deny-all', text };
  }
  if (rules.some((rule) => rule.peers === 'any' && rule.ports === 'all')) {
    return { direction, isolated, rules, outcome: 'allow-all', text: `Allows all ${direction}: one rule admits everything.` };
  }
  const allowed = rules.map((rule) => rule.text.replace(/^Allows /, '').replace(/\.$/, ''));
  return {
    direction,
    isolated,
    rules,
    outcome: 'restricted',
    text: `Allows ${allowed.join('; or ')}. All other ${direction} of the selected pods is denied, unless another policy allows it.`,
  };
}

function explainTypes(semantic: SemanticPolicy): PolicyExplanation['policyTypes'] {
  const types = [semantic.types.ingress ? 'Ingress' : '', semantic.types.egress ? 'Egress' : ''].filter(Boolean);
  const list = `[${types.join(', ')}]`;
  const text = semantic.types.explicit
    ? `policyTypes is ${list}.`
    : `policyTypes is omitted, so Kubernetes computes ${list}: Ingress always, Egress only when there is at least one egress rule (\`egress: []\` does not count).`;
  return { ingress: semantic.types.ingress, egress: semantic.types.egress, explicit: semantic.types.explicit, text };
}

/** Other policies of the namespace that apply to some of the same pods (as far as the workspace tells). */
function overlapping(semantic: SemanticPolicy, workspace: WorkspaceView): string[] {
  const mine = new Set(workloadsMatching(workspace, semantic.namespace, semantic.subject));
  return workspace
    .policiesIn(semantic.namespace)
    .filter((other) => other.name !== semantic.name && !other.semantic.partial)
    .filter(
      (other) =>
        isEverything(other.semantic.subject) ||
        isEverything(semantic.subject) ||
        workloadsMatching(workspace, semantic.namespace, other.semantic.subject).some((w) => mine.has(w)),
    )
    .map((other) => `${other.name} (${other.where})`);
}

export function explainPolicy(semantic: SemanticPolicy, workspace: WorkspaceView = EMPTY_WORKSPACE): PolicyExplanation {
  const subjectText = explainSubject(semantic.subject, semantic.namespace);
  const ingress = explainDirection('ingress', semantic, workspace);
  const egress = explainDirection('egress', semantic, workspace);
  const others = overlapping(semantic, workspace);
  const combine =
    "Policies add up: a pod's ingress (or egress) is allowed when any policy selecting it for that direction allows it, and no policy can deny what another allows. A connection needs both ends: egress allowed at the source and ingress allowed at the destination.";
  const otherText = others.length
    ? ` ${others.length} other polic${others.length === 1 ? 'y' : 'ies'} of the workspace also appl${others.length === 1 ? 'ies' : 'y'} to some of these pods: ${others.join(', ')}.`
    : '';
  const namespaceNote = semantic.namespaceGiven
    ? ''
    : ` (metadata.namespace is not written: it applies in the namespace kubectl points at, here assumed ${code(semantic.namespace)})`;
  const summary = [
    `Applies to ${subjectText}${namespaceNote}.`,
    `Ingress: ${ingress.text}`,
    `Egress: ${egress.text}`,
    `${combine}${otherText}`,
  ].join('\n\n');
  return {
    name: semantic.name,
    namespace: semantic.namespace,
    namespaceGiven: semantic.namespaceGiven,
    subject: { text: subjectText, everything: isEverything(semantic.subject) },
    policyTypes: explainTypes(semantic),
    ingress,
    egress,
    others,
    summary,
    partial: semantic.partial,
  };
}

/** The pods spec.podSelector picks: "every pod in namespace `default`". */
export function explainSubject(subject: Selector, namespace: string): string {
  return `${podsPhrase(subject)} in namespace ${code(namespace)}`;
}
