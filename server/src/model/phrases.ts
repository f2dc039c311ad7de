import { isEverything, type Requirement, type Selector } from './selector';
import type { Peer } from './semantics';
import { listText, type Protocol } from './vocabulary';

/**
 * How ports and selectors are put into words, in two registers:
 * - prose (Markdown, names in code spans): explanations, hovers, Describe Policy;
 * - labels (plain text): lint messages, summaries, the CLI's text output, the client's pickers.
 * Every text about a port or a selector is made here, so that the registers stay consistent.
 */

/** A Markdown code span for any text (a longer fence when the text holds backticks). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A count and its noun: "1 document", "2 documents", "2 policies" (the plural given when not regular). */
export function plural(count: number, singular: string, many = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : many}`;
}

/** Values in code spans: "`a`, `b` or `c`". */
export function codeList(values: readonly string[], joiner: 'or' | 'and'): string {
  return listText(values.map(code), joiner);
}

// ---------------------------------------------------------------- ports

/** A port entry: every port of a protocol, a number, an inclusive range or a named container port. */
export interface PortWords {
  readonly protocol: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

const isRange = (port: PortWords): boolean => port.endPort !== undefined && port.endPort !== port.port;

/** Prose: "TCP 443", "TCP 8000–8080", "TCP port named `http`", "every UDP port". */
export function portPhrase(port: PortWords): string {
  if (port.port === undefined) return `every ${port.protocol} port`;
  if (typeof port.port === 'string') return `${port.protocol} port named ${code(port.port)}`;
  return isRange(port) ? `${port.protocol} ${port.port}–${port.endPort}` : `${port.protocol} ${port.port}`;
}

/** Label: "TCP 443", "TCP 8000-8080", "TCP port named http", "all UDP ports". */
export function portLabel(port: PortWords): string {
  if (port.port === undefined) return `all ${port.protocol} ports`;
  if (typeof port.port === 'string') return `${port.protocol} port named ${port.port}`;
  return isRange(port) ? `${port.protocol} ${port.port}-${port.endPort}` : `${port.protocol} ${port.port}`;
}

/** Labels in one line: "TCP 80, UDP 53", cut after `max` with "+N". */
export function portList(ports: readonly PortWords[], max = Infinity): string {
  const shown = ports.slice(0, max).map(portLabel).join(', ');
  return ports.length > max ? `${shown} +${ports.length - max}` : shown;
}

/** Label of a rule's or a connection's ports: "all ports" when every port and protocol is meant. */
export function portsLabel(ports: 'all' | readonly PortWords[], max = Infinity): string {
  return ports === 'all' ? 'all ports' : portList(ports, max);
}

// ---------------------------------------------------------------- selectors, prose

/** One requirement of a selector: "label `tier` with value `frontend` or `backend`". */
export function requirementPhrase(requirement: Requirement): string {
  const key = code(requirement.key);
  switch (requirement.operator) {
    case 'In':
      return requirement.values.length === 1
        ? `label ${key} = ${code(requirement.values[0]!)}`
        : `label ${key} with value ${codeList(requirement.values, 'or')}`;
    case 'NotIn':
      // Rejected by the API server (apimachinery ValidateLabelSelectorRequirement) but still typed: say so rather than print an empty list.
      if (requirement.values.length === 0) return `label ${key} with \`NotIn\` and no values (rejected: \`NotIn\` needs values)`;
      return `no label ${key} with value ${codeList(requirement.values, 'or')} (objects without ${key} match too)`;
    case 'Exists':
      return `label ${key} (any value)`;
    case 'DoesNotExist':
      return `no label ${key}`;
  }
}

/** The requirements of a selector, ANDed: "label `app` = `web` and no label `canary`". */
export function selectorPhrase(selector: Selector): string {
  return selector.requirements.map(requirementPhrase).join(' and ');
}

/**
 * A selector with an `In` of no values matches nothing: semantics.ts stands one (key `''`) in
 * for a selector it cannot read, and the API server rejects one written (apimachinery ValidateLabelSelectorRequirement).
 */
export function matchesNothing(selector: Selector): boolean {
  return selector.requirements.some((requirement) => requirement.operator === 'In' && requirement.values.length === 0);
}

const UNUSABLE = '(its selector cannot be read or has an `In` without values, so it matches nothing)';

/** "every pod", "pods with label `app` = `web`". */
export function podsPhrase(selector: Selector): string {
  if (matchesNothing(selector)) return `no pod ${UNUSABLE}`;
  return isEverything(selector) ? 'every pod' : `pods with ${selectorPhrase(selector)}`;
}

/** "every namespace", "namespaces with label `team` = `web`". */
export function namespacesPhrase(selector: Selector): string {
  if (matchesNothing(selector)) return `no namespace ${UNUSABLE}`;
  return isEverything(selector) ? 'every namespace' : `namespaces with ${selectorPhrase(selector)}`;
}

// ---------------------------------------------------------------- selectors, labels

/** The label key Kubernetes sets on every namespace to its name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function requirementLabel(requirement: Requirement): string {
  const { key, operator, values } = requirement;
  switch (operator) {
    case 'In':
      return values.length === 1 ? `${key}=${values[0]}` : `${key} in (${values.join(', ')})`;
    case 'NotIn':
      return `${key} not in (${values.join(', ')})`;
    case 'Exists':
      return `a label ${key}`;
    case 'DoesNotExist':
      return `no label ${key}`;
  }
}

/** `app=db and tier in (a, b)`: the condition of a non-empty selector. */
export function selectorLabel(selector: Selector): string {
  return selector.requirements.map(requirementLabel).join(' and ');
}

/** "pods with app=db", "all pods". */
function podsLabel(pods: Selector): string {
  return isEverything(pods) ? 'all pods' : `pods with ${selectorLabel(pods)}`;
}

/** "namespaces with team=x", "namespace shop" (by its automatic name label), "all namespaces". */
function namespacesLabel(namespaces: Selector): string {
  if (isEverything(namespaces)) return 'all namespaces';
  const [only] = namespaces.requirements;
  if (namespaces.requirements.length === 1 && only?.key === NAMESPACE_NAME_LABEL && only.operator === 'In') {
    return only.values.length === 1 ? `namespace ${only.values[0]}` : `namespaces ${only.values.join(', ')}`;
  }
  return `namespaces with ${selectorLabel(namespaces)}`;
}

/** What a peer stands for, as a plural noun phrase: "pods with app=db in namespaces with team=x". */
export function peerLabel(peer: Peer): string {
  if (peer.kind === 'ipBlock') {
    const except = peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : '';
    return `addresses in ${peer.cidr}${except}`;
  }
  const where = peer.namespaces === 'own' ? 'this namespace' : namespacesLabel(peer.namespaces);
  return `${podsLabel(peer.pods)} in ${where}`;
}

/** The pods a policy applies to, in its namespace: "all pods in this namespace", "pods with app=web in this namespace". */
export function subjectLabel(subject: Selector): string {
  return `${podsLabel(subject)} in this namespace`;
}

/** `frontend`, `frontend and cart`, `frontend, cart and checkout`, `frontend, cart and 3 more`: names of workloads in a message. */
export function namesPhrase(names: readonly string[], shown = 2): string {
  if (names.length <= shown + 1) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
