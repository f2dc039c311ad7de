import type { Hover } from 'vscode-languageserver-types';
import {
  explainPeer,
  explainPolicy,
  explainPort,
  explainRule,
  explainSubject,
  ruleReceivers,
  type PolicyExplanation,
} from '../model/explain';
import { fieldDoc } from '../model/fieldDocs';
import { isValid, type NetworkPolicySpec } from '../model/networkPolicy';
import { formatPath, type FieldPath } from '../model/path';
import { buildSemanticPolicy, type Direction, type PortRange } from '../model/semantics';
import type { YamlFile } from '../yaml/file';
import { clusterPolicyHover } from './clusterPolicy/hover';
import { peerOf, policyAt, subjectOf, type PolicyAtCursor } from './policyAt';
import { valueRange } from './ranges';
import { listEntries, peerWorkloadEntries, plural, selectedNamespaceEntries, selectedWorkloadEntries } from './selection';
import type { AnalysisSettings } from './settings';
import type { WorkspaceIndex } from './workspace';

/**
 * Hovers in a NetworkPolicy: what the part under the cursor means (from the semantic model),
 * the workloads of the workspace it selects, and the field's reference documentation.
 */

/** The workloads of the workspace a podSelector picks in a namespace. */
function subjectWorkloads(found: PolicyAtCursor, index: WorkspaceIndex): string {
  const subject = subjectOf(found);
  const namespace = found.semantic.namespace;
  if (!subject) return '';
  const declared = index.workloadsIn(namespace).length;
  if (declared === 0) return `The workspace declares no workloads in namespace \`${namespace}\`.`;
  const selected = selectedWorkloadEntries(index, namespace, subject);
  if (selected.length === 0)
    return `Selects none of the ${plural(declared, 'workload')} the workspace declares in namespace \`${namespace}\`.`;
  return `**Selects ${plural(selected.length, 'workload')}** in namespace \`${namespace}\`:\n\n${listEntries(selected)}`;
}

function peerWorkloads(found: PolicyAtCursor, index: WorkspaceIndex): string {
  const peer = peerOf(found);
  if (!peer || peer.kind !== 'pods') return '';
  if (found.part.kind === 'peer' && found.part.field === 'namespaceSelector' && peer.namespaces !== 'own') {
    const namespaces = selectedNamespaceEntries(index, peer.namespaces);
    return namespaces.length
      ? `**Selects ${plural(namespaces.length, 'declared namespace')}**:\n\n${listEntries(namespaces)}`
      : 'Selects none of the Namespaces declared in the workspace.';
  }
  const workloads = peerWorkloadEntries(index, peer, found.semantic.namespace);
  return workloads.length
    ? `**Selects ${plural(workloads.length, 'workload')}**:\n\n${listEntries(workloads)}`
    : 'Selects no workload declared in the workspace.';
}

/** A port entry understood on its own (the policy may have unrelated mistakes). */
function portAt(found: PolicyAtCursor, direction: Direction, rule: number, port: number): PortRange | undefined {
  const spec = isValid(found.policy.spec) ? found.policy.spec : undefined;
  const rules = direction === 'ingress' ? spec?.ingress : spec?.egress;
  const item = isValid(rules) ? rules[rule] : undefined;
  const ports = isValid(item) && isValid(item.ports) ? item.ports : undefined;
  const entry = ports?.[port];
  if (!isValid(entry)) return undefined;
  const only: NetworkPolicySpec = direction === 'ingress' ? { ingress: [{ ports: [entry] }] } : { egress: [{ ports: [entry] }] };
  const meaning = buildSemanticPolicy({ spec: only }, found.semantic.namespace);
  const ranges = (direction === 'ingress' ? meaning.ingress : meaning.egress)[0]?.ports;
  return !meaning.partial && ranges && ranges !== 'all' ? ranges[0] : undefined;
}

function notes(list: readonly string[]): string {
  return list.map((note) => `*${note}*`).join('\n\n');
}

const PARTIAL = '*Part of this policy cannot be read (see its errors): this explains what can be read.*';

/** The explanation of the part of the policy under the cursor. */
function explainPart(found: PolicyAtCursor, explanation: PolicyExplanation, index: WorkspaceIndex): string[] {
  const { path, semantic } = found;
  const sections: string[] = [];
  const partial = semantic.partial ? [PARTIAL] : [];
  const isRoot =
    path.length === 0 ||
    path[0] === 'kind' ||
    path[0] === 'apiVersion' ||
    (path[0] === 'metadata' && (path.length === 1 || path[1] === 'name'));
  if (isRoot) return [`**NetworkPolicy \`${explanation.name || '(unnamed)'}\`**`, ...partial, explanation.summary];
  if (path[0] !== 'spec') return [];
  if (path.length === 1) return [`**What this policy does**`, ...partial, explanation.summary];
  if (path[1] === 'podSelector') {
    const subject = subjectOf(found);
    if (subject) sections.push(`Applies to ${explainSubject(subject, semantic.namespace)}.`);
    const workloads = subjectWorkloads(found, index);
    if (workloads) sections.push(workloads);
    return sections;
  }
  if (path[1] === 'policyTypes') {
    return [...partial, explanation.policyTypes.text, `Ingress: ${explanation.ingress.text}`, `Egress: ${explanation.egress.text}`];
  }
  const direction = path[1];
  if (direction !== 'ingress' && direction !== 'egress') return [];
  const directionExplanation = direction === 'ingress' ? explanation.ingress : explanation.egress;
  if (path.length === 2) return [...partial, `${direction === 'ingress' ? 'Ingress' : 'Egress'}: ${directionExplanation.text}`];
  const ruleIndex = path[2];
  if (typeof ruleIndex !== 'number') return [];
  const rule = (direction === 'ingress' ? semantic.ingress : semantic.egress).find((r) => r.index === ruleIndex);
  const ruleText = rule ? explainRule(rule, semantic, index).text : undefined;
  const listKey = path[3];
  if ((listKey === 'from' || listKey === 'to') && typeof path[4] === 'number') {
    const peer = peerOf(found);
    if (peer) {
      const peerExplanation = explainPeer(peer, path[4], semantic.namespace);
      sections.push(
        `${direction === 'ingress' ? 'Allows traffic from' : 'Allows traffic to'} ${peerExplanation.text}${rule && rule.ports !== 'all' ? ', on the ports of this rule' : ''}.`,
      );
      const workloads = peerWorkloads(found, index);
      if (workloads) sections.push(workloads);
      if (peerExplanation.notes.length) sections.push(notes(peerExplanation.notes));
    }
    return sections;
  }
  if (listKey === 'ports' && typeof path[4] === 'number') {
    const port = portAt(found, direction, ruleIndex, path[4]);
    if (port) {
      const receivers = rule ? ruleReceivers(rule, semantic, index) : [];
      const explained = explainPort(port, receivers);
      const defaulted =
        port.protocol === 'TCP' && !hasProtocol(found, direction, ruleIndex, path[4]) ? '; protocol is not written, so it is TCP' : '';
      sections.push(`Port: ${explained.text}${defaulted}.`);
      if (explained.notes.length) sections.push(notes(explained.notes));
    }
    if (ruleText) sections.push(`The rule: ${ruleText}`);
    return sections;
  }
  if (listKey === 'from' || listKey === 'to') {
    const missing = direction === 'ingress' ? 'source' : 'destination';
    sections.push(`The items of \`${listKey}\` are ORed; an empty list means any ${missing}, inside or outside the cluster.`);
  }
  if (ruleText) sections.push(...partial, ruleText);
  return sections;
}

function hasProtocol(found: PolicyAtCursor, direction: Direction, rule: number, port: number): boolean {
  const spec = isValid(found.policy.spec) ? found.policy.spec : undefined;
  const rules = direction === 'ingress' ? spec?.ingress : spec?.egress;
  const item = isValid(rules) ? rules[rule] : undefined;
  const entry = isValid(item) && isValid(item.ports) ? item.ports[port] : undefined;
  return isValid(entry) && entry.protocol !== undefined;
}

/** The field's reference documentation, under the explanation. */
function reference(path: FieldPath): string | undefined {
  const doc = fieldDoc(path);
  return doc ? `**${doc.field}** · ${doc.type}\n\n${doc.doc}` : undefined;
}

/** The hover of a position in a NetworkPolicy, or undefined outside one. */
export function hover(file: YamlFile, offset: number, settings: AnalysisSettings, index: WorkspaceIndex): Hover | undefined {
  const found = policyAt(file, offset, settings.version, settings.cluster.defaultNamespace);
  if (!found) return clusterPolicyHover(file, offset, settings, index);
  const explanation = explainPolicy(found.semantic, index);
  const sections = explainPart(found, explanation, index);
  const doc = reference(found.path);
  if (doc) sections.push(doc);
  if (sections.length === 0) return undefined;
  const { cursor } = found;
  return {
    contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') },
    range: valueRange(cursor.chunk, cursor.doc, cursor.path, cursor.onKey ? 'key' : 'value'),
  };
}

/** The structured explanation of a policy (for `netpol/explain` and the CLI). */
export function explainPolicyAt(
  file: YamlFile,
  offset: number,
  settings: AnalysisSettings,
  index: WorkspaceIndex,
): { path: string; explanation: PolicyExplanation } | undefined {
  const found = policyAt(file, offset, settings.version, settings.cluster.defaultNamespace);
  if (!found) return undefined;
  return { path: formatPath(found.location.path), explanation: explainPolicy(found.semantic, index) };
}
