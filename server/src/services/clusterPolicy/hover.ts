import type { Hover } from 'vscode-languageserver-types';
import {
  actionVerb,
  clusterPortPhrase,
  explainClusterPolicy,
  explainRule,
  peerPhrase,
  portsPhrase,
  subjectPhrase,
  tierDescription,
  tierPhrase,
} from '../../model/clusterPolicy/explain';
import { clusterFieldDoc } from '../../model/clusterPolicy/fieldDocs';
import type { ClusterPolicy, ClusterRule } from '../../model/clusterPolicy/policy';
import { code } from '../../model/phrases';
import type { WorkloadObject } from '../../model/objects';
import type { YamlFile } from '../../yaml/file';
import { valueRange } from '../ranges';
import { listEntries, plural, selectedNamespaceEntries } from '../selection';
import type { AnalysisSettings } from '../settings';
import type { WorkspaceIndex } from '../workspace';
import { clusterPolicyAt, type ClusterPolicyAtCursor } from './at';
import { hostNetworkEntries, peerWorkloadEntries, subjectWorkloadEntries } from './selection';

/**
 * Hovers in a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy: what the
 * part under the cursor means in its tier, the workloads of the workspace it selects, and the
 * field's reference documentation.
 */

const REJECTED = '*The API server rejects this policy (see its errors): it is not in the cluster, and this explains what can be read.*';

function subjectWorkloads(policy: ClusterPolicy, index: WorkspaceIndex): string {
  const selected = subjectWorkloadEntries(index, policy.subject);
  const host = hostNetworkEntries(index, policy.subject.namespaces, policy.subject.pods);
  const hostNote = host.length
    ? `\n\n*Not selected: ${plural(host.length, 'host-network workload')} (${host.map((e) => code(e.object.name)).join(', ')}).*`
    : '';
  if (selected.length === 0) return `Selects no workload declared in the workspace.${hostNote}`;
  return `**Selects ${plural(selected.length, 'workload')}**:\n\n${listEntries(selected)}${hostNote}`;
}

function ruleOf(policy: ClusterPolicy, direction: 'ingress' | 'egress', index: number): ClusterRule | undefined {
  return (direction === 'ingress' ? policy.ingress : policy.egress).find((rule) => rule.index === index);
}

/** The other policies of the same tier in the workspace, around this one by priority. */
function tierNeighbours(policy: ClusterPolicy, index: WorkspaceIndex): string {
  const same = index
    .clusterPolicies()
    .filter((other) => other.policy.tier === policy.tier && !other.rejected && !(other.name === policy.name && other.kind === policy.kind));
  if (same.length === 0) return `No other ${policy.tier} tier policy is declared in the workspace.`;
  const priority = policy.priority ?? Number.POSITIVE_INFINITY;
  const describe = (other: (typeof same)[number]) => `${code(other.name)} (${other.policy.priority ?? 'no priority'}, ${other.where})`;
  const before = same.filter((other) => (other.policy.priority ?? Number.POSITIVE_INFINITY) < priority);
  const tied = same.filter((other) => (other.policy.priority ?? Number.POSITIVE_INFINITY) === priority);
  const after = same.filter((other) => (other.policy.priority ?? Number.POSITIVE_INFINITY) > priority);
  const lines = [
    before.length ? `Evaluated after ${before.map(describe).join(', ')}.` : '',
    tied.length ? `**Same priority** as ${tied.map(describe).join(', ')}: their order is left to the implementation.` : '',
    after.length ? `Evaluated before ${after.map(describe).join(', ')}.` : '',
  ];
  return lines.filter(Boolean).join('\n\n');
}

function explainPart(found: ClusterPolicyAtCursor, index: WorkspaceIndex): string[] {
  const { policy } = found.analysis;
  const { part } = found;
  const rejected = found.analysis.rejected ? [REJECTED] : [];
  switch (part.kind) {
    case 'root': {
      const explanation = explainClusterPolicy(policy);
      return [`**${explanation.title}**`, ...rejected, explanation.summary, subjectWorkloads(policy, index)];
    }
    case 'tier':
      return [...rejected, tierDescription(policy.tier), tierNeighbours(policy, index)];
    case 'priority':
      return [...rejected, `${tierPhrase(policy)}.`, tierNeighbours(policy, index)];
    case 'subject': {
      if (part.selector === 'namespaceSelector' || (part.selector === 'namespaces' && policy.subject.form === 'namespaces')) {
        const namespaces = selectedNamespaceEntries(index, policy.subject.namespaces);
        const declared = namespaces.length
          ? `**Selects ${plural(namespaces.length, 'declared namespace')}**:\n\n${listEntries(namespaces)}`
          : '';
        return [...rejected, `Applies to ${subjectPhrase(policy.subject)}.`, subjectWorkloads(policy, index), declared].filter(Boolean);
      }
      return [...rejected, `Applies to ${subjectPhrase(policy.subject)}.`, subjectWorkloads(policy, index)];
    }
    case 'rule': {
      const rule = ruleOf(policy, part.direction, part.rule);
      if (!rule) return rejected;
      const name = rule.name !== undefined ? ` ${code(rule.name)}` : '';
      return [...rejected, `**Rule${name}** (${policy.tier} tier): ${explainRule(rule, policy.tier)}`];
    }
    case 'peer': {
      const rule = ruleOf(policy, part.direction, part.rule);
      const peer = rule?.peers[part.peer];
      if (!rule || !peer) return rejected;
      const sections = [
        ...rejected,
        `${actionVerb(rule.action)} ${rule.direction} ${rule.direction === 'ingress' ? 'from' : 'to'} ${peerPhrase(peer)}, ${portsPhrase(rule.ports)}.`,
      ];
      if (peer.kind === 'pods') {
        const workloads = peerWorkloadEntries(index, peer);
        sections.push(
          workloads.length
            ? `**Selects ${plural(workloads.length, 'workload')}**:\n\n${listEntries(workloads)}`
            : 'Selects no workload declared in the workspace.',
        );
      }
      return sections;
    }
    case 'port': {
      const rule = ruleOf(policy, part.direction, part.rule);
      const port = rule && rule.ports !== 'all' ? rule.ports[part.port] : undefined;
      if (!rule || !port) return rejected;
      const sections = [...rejected, `Port: ${clusterPortPhrase(port)}.`];
      if ('namedPort' in port) {
        const receivers =
          rule.direction === 'ingress'
            ? subjectWorkloadEntries(index, policy.subject)
            : rule.peers.flatMap((peer) => peerWorkloadEntries(index, peer));
        const resolved = receivers.flatMap((entry) =>
          (entry.object as WorkloadObject).ports
            .filter((p) => p.name === port.namedPort)
            .map((p) => `${code(entry.object.name)}: ${p.protocol} ${p.port}`),
        );
        sections.push(
          resolved.length
            ? `Resolves to ${resolved.join(', ')}.`
            : `No ${rule.direction === 'ingress' ? 'selected' : 'destination'} workload of the workspace declares a container port named ${code(port.namedPort)}: it matches nothing there.`,
        );
      }
      return sections;
    }
    default:
      return [];
  }
}

/** The hover of a position in a cluster-wide policy, or undefined outside one. */
export function clusterPolicyHover(file: YamlFile, offset: number, settings: AnalysisSettings, index: WorkspaceIndex): Hover | undefined {
  const found = clusterPolicyAt(file, offset, settings);
  if (!found) return undefined;
  const sections = explainPart(found, index);
  const doc = clusterFieldDoc(found.location.type.kind, found.path);
  if (doc) sections.push(`**${doc.field}** · ${doc.type}\n\n${doc.doc}`);
  if (sections.length === 0) return undefined;
  const { cursor } = found;
  return {
    contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') },
    range: valueRange(cursor.chunk, cursor.doc, cursor.path, cursor.onKey ? 'key' : 'value'),
  };
}
