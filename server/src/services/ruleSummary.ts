import type { PortRange, SemanticRule } from '../model/semantics';

/** `TCP 80`, `UDP 53`, `TCP 8000-8080`, `TCP http`, `all UDP ports`. */
export function describePort(port: PortRange): string {
  if (port.port === undefined) return `all ${port.protocol} ports`;
  if (port.endPort !== undefined) return `${port.protocol} ${String(port.port)}-${port.endPort}`;
  return `${port.protocol} ${String(port.port)}`;
}

/** A one-line summary of a rule: "from 2 peers · TCP 80, TCP 443". */
export function summarizeRule(rule: SemanticRule): string {
  const towards = rule.direction === 'ingress' ? 'from' : 'to';
  const peers =
    rule.peers === 'any'
      ? rule.direction === 'ingress'
        ? 'from any source'
        : 'to any destination'
      : `${towards} ${rule.peers.length} peer${rule.peers.length === 1 ? '' : 's'}`;
  const ports = rule.ports === 'all' ? 'all ports' : rule.ports.map(describePort).join(', ');
  return `${peers} · ${ports}`;
}
