import { portsLabel } from '../model/phrases';
import type { SemanticRule } from '../model/semantics';

/** A one-line summary of a rule: "from 2 peers · TCP 80, TCP 443". */
export function summarizeRule(rule: SemanticRule): string {
  const towards = rule.direction === 'ingress' ? 'from' : 'to';
  const peers =
    rule.peers === 'any'
      ? rule.direction === 'ingress'
        ? 'from any source'
        : 'to any destination'
      : `${towards} ${rule.peers.length} peer${rule.peers.length === 1 ? '' : 's'}`;
  const ports = portsLabel(rule.ports);
  return `${peers} · ${ports}`;
}
