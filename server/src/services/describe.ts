import type { Range } from 'vscode-languageserver-types';
import type { ClusterPolicyKind } from '../model/clusterPolicy/api';
import { explainClusterPolicy, type ClusterPolicyExplanation } from '../model/clusterPolicy/explain';
import { explainPolicy, type DirectionExplanation, type PolicyExplanation } from '../model/explain';
import { code } from '../model/phrases';
import { formatPath } from '../model/path';
import type { WorkspaceView } from '../model/workspaceView';
import { understandPolicy } from '../rules/understood';
import { analyseClusterPolicy, clusterPoliciesOf } from '../rules/clusterPolicy/validateClusterPolicy';
import { policiesOf } from '../rules/validateDocument';
import type { YamlFile } from '../yaml/file';
import { locate } from '../yaml/locate';
import { fileRange } from './ranges';
import type { AnalysisSettings } from './settings';
import { explainPolicyAt } from './hover';
import { documentAt } from '../yaml/cursor';
import { type WorkspaceIndex } from './workspace';

/** One policy of a file, explained. */
export interface ExplainedPolicy {
  /** Where it is in its document: '' or `items[2]`. */
  readonly path: string;
  readonly document: number;
  /** The range of its `kind` key (where its CodeLens sits). */
  readonly range: Range;
  readonly explanation: PolicyExplanation;
}

/** Every NetworkPolicy of a file, explained against the workspace. */
export function explainFile(file: YamlFile, settings: AnalysisSettings, workspace: WorkspaceView): ExplainedPolicy[] {
  const out: ExplainedPolicy[] = [];
  for (const chunk of file.chunks) {
    chunk.parsed.documents.forEach((doc, i) => {
      for (const location of policiesOf(doc.json)) {
        const { semantic } = understandPolicy(location, settings.version, settings.cluster.defaultNamespace);
        out.push({
          path: formatPath(location.path),
          document: chunk.firstDocument + i,
          range: fileRange(chunk, locate(doc, [...location.path, 'kind'], 'key')),
          explanation: explainPolicy(semantic, workspace),
        });
      }
    });
  }
  return out;
}

/** "Ingress: 2 rules · Egress: denies all", for a CodeLens. */
export function shortSummary(explanation: Pick<PolicyExplanation, 'ingress' | 'egress'>): string {
  const part = (name: string, direction: DirectionExplanation) => {
    switch (direction.outcome) {
      case 'not-isolated':
        return `${name}: not restricted`;
      case 'deny-all':
        return `${name}: denies all`;
      case 'allow-all':
        return `${name}: allows all`;
      default:
        return `${name}: ${direction.rules.filter((rule) => !rule.ignored).length} allow rule${direction.rules.length === 1 ? '' : 's'}`;
    }
  };
  return `${part('Ingress', explanation.ingress)} · ${part('Egress', explanation.egress)}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The explain table, like policy-assistant's: one row per direction × peer × ports, then what is denied. */
function table(explanation: PolicyExplanation): string {
  const rows: string[][] = [];
  const subject = explanation.subject.text;
  for (const direction of [explanation.ingress, explanation.egress]) {
    const name = direction.direction === 'ingress' ? 'Ingress' : 'Egress';
    if (!direction.isolated) {
      rows.push([name, subject, 'any', 'any', 'not restricted by this policy']);
      continue;
    }
    for (const rule of direction.rules) {
      // A rule none of whose peers (or ports) can be read allows nothing: it has no allow row.
      if ((rule.peers !== 'any' && rule.peers.length === 0) || (rule.ports !== 'all' && rule.ports.length === 0)) continue;
      const ports = rule.ports === 'all' ? 'all ports and protocols' : rule.ports.map((port) => port.text).join(', ');
      const peers =
        rule.peers === 'any' ? [direction.direction === 'ingress' ? 'any source' : 'any destination'] : rule.peers.map((peer) => peer.text);
      for (const peer of peers) rows.push([name, subject, peer, ports, `allow (spec.${direction.direction}[${rule.index}])`]);
    }
    if (direction.outcome !== 'allow-all') rows.push([name, subject, 'anything else', 'any', 'deny']);
  }
  const header = `| Direction | Applies to | ${'Peer'} | Ports | Action |\n| --- | --- | --- | --- | --- |`;
  return `${header}\n${rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`).join('\n')}`;
}

function directionSection(direction: DirectionExplanation): string {
  const title = direction.direction === 'ingress' ? 'Ingress' : 'Egress';
  const lines = [`## ${title}`, '', direction.text];
  if (direction.rules.length) {
    lines.push('');
    direction.rules.forEach((rule) => {
      lines.push(`${rule.index + 1}. ${rule.text}`);
      const notes = [
        ...(rule.peers === 'any' ? [] : rule.peers.flatMap((peer) => peer.notes)),
        ...(rule.ports === 'all' ? [] : rule.ports.flatMap((port) => port.notes)),
      ];
      for (const note of [...new Set(notes)]) lines.push(`   - *${note}*`);
    });
  }
  return lines.join('\n');
}

/** The "Describe Policy" report: a readable kubectl-describe, plus the explain table. */
export function describeMarkdown(policy: ExplainedPolicy): string {
  const { explanation } = policy;
  return [
    `# NetworkPolicy ${code(explanation.name || '(unnamed)')}`,
    '',
    `Namespace ${code(explanation.namespace)}${explanation.namespaceGiven ? '' : ' (not written: kubectl applies it in the namespace of its context)'}.`,
    ...(explanation.partial ? ['', '> Part of this policy cannot be read (see its errors): this report covers what can be read.'] : []),
    '',
    '## Summary',
    '',
    explanation.summary,
    '',
    '## Selected pods',
    '',
    `${explanation.subject.text.charAt(0).toUpperCase()}${explanation.subject.text.slice(1)}.`,
    '',
    '## Policy types',
    '',
    explanation.policyTypes.text,
    '',
    directionSection(explanation.ingress),
    '',
    directionSection(explanation.egress),
    '',
    '## Explain table',
    '',
    table(explanation),
    '',
  ].join('\n');
}

/** The summary as plain text (the CLI's text output). */
export function plainSummary(policy: ExplainedPolicy): string {
  const { explanation } = policy;
  const title = `NetworkPolicy ${explanation.namespace}/${explanation.name || '(unnamed)'}${policy.path ? ` [${policy.path}]` : ''}`;
  return `${title}\n${explanation.summary.replace(/`([^`]*)`/g, '$1')}\n`;
}

/**
 * `netpol/explain`: the policies of a file, or only the one at `offset` (none when the offset
 * is in no policy), each with its Describe Policy report.
 */
export function explainRequest(
  file: YamlFile,
  offset: number | undefined,
  settings: AnalysisSettings,
  index: WorkspaceIndex,
): (ExplainedPolicy & { readonly markdown: string })[] {
  let policies = explainFile(file, settings, index);
  if (offset !== undefined) {
    const at = explainPolicyAt(file, offset, settings, index);
    const document = documentAt(file, offset)?.document;
    policies = at ? policies.filter((policy) => policy.path === at.path && policy.document === document) : [];
  }
  return policies.map((policy) => ({ ...policy, markdown: describeMarkdown(policy) }));
}

/** One cluster-wide policy of a file, explained. */
export interface ExplainedClusterPolicy {
  /** Where it is in its document: '' or `items[2]`. */
  readonly path: string;
  readonly document: number;
  readonly kind: ClusterPolicyKind;
  readonly name: string;
  /** The API server rejects it: the explanation covers what can be read. */
  readonly rejected: boolean;
  readonly explanation: ClusterPolicyExplanation;
}

/** Every ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy of a file, explained. */
export function explainClusterFile(file: YamlFile, settings: AnalysisSettings): ExplainedClusterPolicy[] {
  return file.chunks.flatMap((chunk) =>
    chunk.parsed.documents.flatMap((doc, i) =>
      clusterPoliciesOf(doc.json).map((location) => {
        const analysis = analyseClusterPolicy(location, { version: settings.version, channel: settings.channel });
        return {
          path: formatPath(location.path),
          document: chunk.firstDocument + i,
          kind: location.type.kind,
          name: analysis.policy.name,
          rejected: analysis.rejected,
          explanation: explainClusterPolicy(analysis.policy),
        };
      }),
    ),
  );
}

const REJECTED_NOTE = 'The API server rejects this policy (see its errors): it is not in the cluster; this explains what can be read.';

/** The Markdown report of a cluster-wide policy. */
export function describeClusterMarkdown(policy: ExplainedClusterPolicy): string {
  return [`# ${policy.explanation.title}`, '', ...(policy.rejected ? [`> ${REJECTED_NOTE}`, ''] : []), policy.explanation.summary, ''].join(
    '\n',
  );
}

/** The explanation as plain text (the CLI's text output). */
export function plainClusterSummary(policy: ExplainedClusterPolicy): string {
  const plain = (text: string) => text.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1');
  const title = `${plain(policy.explanation.title)}${policy.path ? ` [${policy.path}]` : ''}`;
  return `${title}\n${policy.rejected ? `${REJECTED_NOTE}\n` : ''}${plain(policy.explanation.summary)}\n`;
}
