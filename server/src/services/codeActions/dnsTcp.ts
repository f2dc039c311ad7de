import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { isJsonObject, type JsonObject } from '../../model/json';
import { appendItems } from '../../yaml/edit/insert';
import { nodeAt } from '../../yaml/edit/layout';
import { action, diagnosticsOf, pathOf, policyTargetOf } from './policyEdits';
import type { CodeActionProvider } from './provider';

/** The named container ports of DNS over TCP, for a UDP port name (CoreDNS and kube-dns: `dns` and `dns-tcp`). */
const TCP_NAME: Readonly<Record<string, string>> = { dns: 'dns-tcp', domain: 'domain' };

/**
 * The UDP port entry as TCP, keeping its key order, port range or port name; an entry
 * without a port (every UDP port) becomes TCP port 53 only, not every TCP port.
 */
function asTcp(udp: JsonObject): { entry: JsonObject; port: number | string } | undefined {
  const port = udp.port ?? 53;
  const tcpPort = typeof port === 'string' ? TCP_NAME[port] : port;
  if (typeof tcpPort !== 'string' && typeof tcpPort !== 'number') return undefined;
  const entry: JsonObject = { ...udp, protocol: 'TCP', port: tcpPort };
  return { entry, port: tcpPort };
}

/**
 * `dns-tcp-missing` where the policy's own rule allows UDP port 53 (the finding is on that
 * port entry): the same entry for TCP, next to it.
 */
export const dnsTcpActions: CodeActionProvider = (request) => {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnosticsOf(request, 'dns-tcp-missing')) {
    const path = pathOf(diagnostic);
    const target = policyTargetOf(request, diagnostic);
    if (!path || !target || typeof path.at(-1) !== 'number' || path.at(-2) !== 'ports') continue;
    const entry = nodeAt(target.doc, path)?.value;
    const tcp = isJsonObject(entry) ? asTcp(entry) : undefined;
    if (!tcp) continue;
    actions.push(
      ...action(request, {
        title: `Allow TCP port ${tcp.port} too`,
        kind: CodeActionKind.QuickFix,
        diagnostic,
        isPreferred: true,
        edits: [appendItems(target, path.slice(0, -1), [tcp.entry])],
      }),
    );
  }
  return actions;
};
