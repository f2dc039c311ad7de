import { code, codeList, namespacesPhrase, podsPhrase, portPhrase, selectorLabel, selectorPhrase } from '../phrases';
import { EVERYTHING, isEverything, type Selector } from '../selector';
import type { Direction } from '../vocabulary';
import type { Tier } from './api';
import { isUnreadable, type ClusterPeer, type ClusterPolicy, type ClusterPort, type ClusterRule, type ClusterSubject } from './policy';

/**
 * What a cluster-wide policy does, in plain language, from its semantic model: the pods it
 * applies to, each rule as an action on some traffic, and where that action leaves the
 * traffic in the evaluation (Admin tier, then NetworkPolicies, then Baseline tier, then allow).
 * Prose is Markdown (names in code spans); labels are plain text for outlines and messages.
 */

/** "every pod of every namespace", "pods with label `app` = `web` in namespaces with label `team` = `shop`". */
function podsIn(namespaces: Selector, pods: Selector): string {
  if (isUnreadable(namespaces) || isUnreadable(pods)) return 'no pod (a selector cannot be read)';
  if (isEverything(pods)) return isEverything(namespaces) ? 'every pod of every namespace' : `every pod of ${namespacesPhrase(namespaces)}`;
  return `${podsPhrase(pods)} in ${namespacesPhrase(namespaces)}`;
}

export function subjectPhrase(subject: ClusterSubject): string {
  return podsIn(subject.namespaces, subject.pods);
}

export function peerPhrase(peer: ClusterPeer): string {
  switch (peer.kind) {
    case 'pods':
      return podsIn(peer.namespaces === 'own' ? EVERYTHING : peer.namespaces, peer.pods);
    case 'networks':
      return `the addresses in ${codeList(peer.cidrs, 'and')} (pods whose IPs are in them too)`;
    case 'nodes':
      return isEverything(peer.nodes) ? 'the IPs of every node' : `the IPs of the nodes with ${selectorPhrase(peer.nodes)}`;
    case 'domainNames':
      return `the domains ${codeList(peer.names, 'and')}`;
  }
}

export function clusterPortPhrase(port: ClusterPort): string {
  if ('namedPort' in port) return `the container port named ${code(port.namedPort)} (its own protocol)`;
  if ('unknownProtocol' in port) return `no port (protocol ${code(port.unknownProtocol)} is not TCP, UDP or SCTP)`;
  if ('empty' in port) return `no port (the ${port.protocol} range ${port.port}–${port.endPort} starts above its end)`;
  return portPhrase(port);
}

/** "on every port", "on TCP 80 and UDP 53". */
export function portsPhrase(ports: ClusterRule['ports']): string {
  if (ports === 'all') return 'on every port';
  return `on ${ports.map(clusterPortPhrase).join(', ')}`;
}

const ACTION_VERB: Record<ClusterRule['action'], string> = { Accept: 'Accepts', Deny: 'Denies', Pass: 'Passes' };

/** "Accepts", "Denies", "Passes". */
export function actionVerb(action: ClusterRule['action']): string {
  return ACTION_VERB[action];
}

/** What happens after the rule's action, in its tier. */
function consequence(rule: ClusterRule, tier: Tier): string {
  const isolated = rule.direction === 'ingress' ? 'ingress' : 'egress';
  const other = rule.direction === 'ingress' ? 'the egress of the source' : 'the ingress of the destination';
  if (tier === 'Admin') {
    switch (rule.action) {
      case 'Accept':
        return `Final: no later rule, no NetworkPolicy and no Baseline rule is consulted for this traffic (${other} must still allow it).`;
      case 'Deny':
        return 'Final: no NetworkPolicy can allow this traffic.';
      case 'Pass':
        return `The later rules of the Admin tier are skipped: the NetworkPolicies that select the pods for ${isolated} decide, or, for pods none selects, the Baseline tier.`;
    }
  }
  const unless = `, unless a NetworkPolicy selects the pods for ${isolated} (it then decides, and this rule never applies)`;
  switch (rule.action) {
    case 'Accept':
      return `Final${unless}.`;
    case 'Deny':
      return `Final${unless}.`;
    case 'Pass':
      return `The later rules of the Baseline tier are skipped and the default applies: allowed${unless}.`;
  }
}

/** A rule's name for messages: `"allow-dns"` or `ingress[0]`. */
export function ruleLabel(rule: ClusterRule): string {
  return rule.name !== undefined ? `"${rule.name}"` : `${rule.direction}[${rule.index}]`;
}

export function rulePhrase(rule: ClusterRule): string {
  const peers = rule.peers.map(peerPhrase);
  const where = rule.direction === 'ingress' ? 'from' : 'to';
  return `**${ACTION_VERB[rule.action]}** ${rule.direction} ${where} ${peers.join(', or ')}, ${portsPhrase(rule.ports)}`;
}

export function explainRule(rule: ClusterRule, tier: Tier): string {
  return `${rulePhrase(rule)}. ${consequence(rule, tier)}`;
}

/** The tier, with where it stands in the evaluation. */
export function tierPhrase(policy: ClusterPolicy): string {
  const priority = policy.priority === undefined ? '' : `, priority ${policy.priority}`;
  return policy.tier === 'Admin'
    ? `Admin tier${priority}: evaluated before every NetworkPolicy`
    : `Baseline tier${priority}: evaluated after the NetworkPolicies, for the pods no NetworkPolicy selects in the direction concerned`;
}

export function tierDescription(tier: Tier): string {
  return tier === 'Admin'
    ? 'The **Admin** tier is evaluated first, before every NetworkPolicy: its `Accept` and `Deny` are final and namespace owners cannot override them; `Pass` hands the traffic to the NetworkPolicies.'
    : 'The **Baseline** tier is evaluated last, only for pods that no NetworkPolicy selects in the direction concerned: it sets the cluster default, which any NetworkPolicy overrides. Traffic no rule matches is allowed.';
}

function directionSummary(policy: ClusterPolicy, direction: Direction): string {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  const name = direction === 'ingress' ? 'Ingress' : 'Egress';
  if (rules.length === 0) return `${name}: no rules, so it does not affect ${direction} traffic.`;
  const lines = rules.map((rule, i) => `${i + 1}. ${rule.name !== undefined ? `${code(rule.name)}: ` : ''}${rulePhrase(rule)}.`);
  return `${name}, in order (the first rule that matches decides):\n\n${lines.join('\n')}`;
}

export interface ClusterPolicyExplanation {
  /** "ClusterNetworkPolicy `defaults` (Admin tier, priority 10)" */
  readonly title: string;
  /** Markdown: subject, tier, each direction's rules. */
  readonly summary: string;
}

export function explainClusterPolicy(policy: ClusterPolicy): ClusterPolicyExplanation {
  const priority = policy.priority === undefined ? '' : `, priority ${policy.priority}`;
  const title = `${policy.kind} ${code(policy.name || '(unnamed)')} (${policy.tier} tier${priority})`;
  const summary = [
    `Applies to ${subjectPhrase(policy.subject)} (host-network pods are never selected); ${tierPhrase(policy)}.`,
    directionSummary(policy, 'ingress'),
    directionSummary(policy, 'egress'),
    'Unlike a NetworkPolicy it does not isolate the pods: traffic that no rule matches goes on to the next policy and tier.',
  ].join('\n\n');
  return { title, summary };
}

// ---------------------------------------------------------------- labels (plain text)

function selectorText(selector: Selector, all: string, some: string): string {
  if (isUnreadable(selector)) return `${some} with an unreadable selector`;
  return isEverything(selector) ? all : `${some} with ${selectorLabel(selector)}`;
}

/** "all pods of all namespaces", "pods with app=web in namespaces with team=shop". */
export function subjectLabel(subject: ClusterSubject): string {
  return `${selectorText(subject.pods, 'all pods', 'pods')} of ${selectorText(subject.namespaces, 'all namespaces', 'namespaces')}`;
}

/** One line for an outline: "Deny from all namespaces on TCP 80". */
export function ruleSummary(rule: ClusterRule): string {
  const where = rule.direction === 'ingress' ? 'from' : 'to';
  const peers = rule.peers
    .map((peer) => {
      switch (peer.kind) {
        case 'pods':
          return peer.namespaces === 'own'
            ? ''
            : `${selectorText(peer.pods, 'all pods', 'pods')} of ${selectorText(peer.namespaces, 'all namespaces', 'namespaces')}`;
        case 'networks':
          return peer.cidrs.join(', ');
        case 'nodes':
          return selectorText(peer.nodes, 'all nodes', 'nodes');
        case 'domainNames':
          return peer.names.join(', ');
      }
    })
    .join('; ');
  const ports =
    rule.ports === 'all'
      ? 'all ports'
      : rule.ports
          .map((port) =>
            'namedPort' in port
              ? `port ${port.namedPort}`
              : 'unknownProtocol' in port
                ? `${port.unknownProtocol} (no port)`
                : port.endPort !== undefined
                  ? `${port.protocol} ${port.port}-${port.endPort}`
                  : `${port.protocol} ${port.port}`,
          )
          .join(', ');
  return `${rule.action} ${where} ${peers} on ${ports}`;
}
