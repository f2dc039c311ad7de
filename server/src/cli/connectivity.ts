import type { ConnectivityEndpoint, ConnectivityReport, PortSpec } from '../protocol';
import { portList } from '../model/phrases';

/** `netpol connectivity` output formats (json is the report itself). */

/** `default/web[Deployment]`, or a CIDR. */
export function endpointLabel(endpoint: ConnectivityEndpoint): string {
  return 'cidr' in endpoint ? endpoint.cidr : `${endpoint.namespace}/${endpoint.name}[${endpoint.kind}]`;
}

/** `TCP 80, TCP 8000-8080, UDP 53`, or `all` (every port and protocol): the CLI's columns are terse. */
export function portsColumn(ports: 'all' | readonly PortSpec[]): string {
  return ports === 'all' ? 'all' : portList(ports);
}

/** One line per connection: `default/web[Deployment] => default/db[StatefulSet] : TCP 3306`. */
export function formatConnectivityText(report: ConnectivityReport): string {
  return report.connections.map((c) => `${endpointLabel(c.from)} => ${endpointLabel(c.to)} : ${portsColumn(c.ports)}\n`).join('');
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function nodeId(endpoint: ConnectivityEndpoint): string {
  return dotString('cidr' in endpoint ? endpoint.cidr : `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}`);
}

/** Graphviz: workloads grouped by namespace, external ranges as boxes, edges labelled with ports. */
export function formatConnectivityDot(report: ConnectivityReport): string {
  const lines = ['digraph connectivity {', '  rankdir=LR;', '  node [shape=ellipse];'];
  const namespaces = [...new Set(report.workloads.map((w) => w.namespace))];
  namespaces.forEach((namespace, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${dotString(namespace)};`);
    for (const w of report.workloads.filter((workload) => workload.namespace === namespace))
      lines.push(`    ${nodeId(w)} [label=${dotString(`${w.name}\n${w.kind}`)}];`);
    lines.push('  }');
  });
  const cidrs = new Set(report.connections.flatMap((c) => [c.from, c.to]).flatMap((e) => ('cidr' in e ? [e.cidr] : [])));
  for (const cidr of cidrs) lines.push(`  ${dotString(cidr)} [shape=box];`);
  for (const c of report.connections) lines.push(`  ${nodeId(c.from)} -> ${nodeId(c.to)} [label=${dotString(portsColumn(c.ports))}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

/** A Markdown table of the connections. */
export function formatConnectivityMarkdown(report: ConnectivityReport): string {
  const lines = [
    `# Connectivity`,
    '',
    `${report.workloads.length} workload${report.workloads.length === 1 ? '' : 's'}, ${report.connections.length} allowed connection${report.connections.length === 1 ? '' : 's'}.`,
    '',
    ...(report.clusterPolicies?.length
      ? [
          `Through the cluster-wide policies, in evaluation order: ${report.clusterPolicies
            .map((policy) => `${cell(policy.name)} (${policy.tier}${policy.priority !== undefined ? `, priority ${policy.priority}` : ''})`)
            .join(', ')}.`,
          '',
        ]
      : []),
    '| From | To | Ports |',
    '| --- | --- | --- |',
    ...report.connections.map((c) => `| ${cell(endpointLabel(c.from))} | ${cell(endpointLabel(c.to))} | ${portsColumn(c.ports)} |`),
  ];
  return `${lines.join('\n')}\n`;
}
