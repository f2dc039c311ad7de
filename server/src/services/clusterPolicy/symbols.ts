import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { ruleSummary, subjectLabel } from '../../model/clusterPolicy/explain';
import { buildClusterPolicy } from '../../model/clusterPolicy/policy';
import { clusterPoliciesOf } from '../../rules/clusterPolicy/validateClusterPolicy';
import type { FileChunk } from '../../yaml/file';
import type { YamlDocument } from '../../yaml/parse';
import { fieldRange, fileRange, valueRange } from '../ranges';

/** Outline entries of the cluster-wide policies of a document: the policy, its subject and its rules. */
export function clusterPolicySymbols(chunk: FileChunk, doc: YamlDocument): DocumentSymbol[] {
  return clusterPoliciesOf(doc.json).map((location) => {
    // The outline shows what is written: the meaning is built without validating it.
    const policy = buildClusterPolicy(location.type.kind, location.json);
    const base = location.path;
    const range = base.length ? fieldRange(chunk, doc, base) : fileRange(chunk, doc.span);
    const children: DocumentSymbol[] = [];
    const child = (name: string, detail: string, kind: SymbolKind, path: (string | number)[]) =>
      children.push({
        name,
        detail,
        kind,
        range: fieldRange(chunk, doc, [...base, ...path]),
        selectionRange: valueRange(chunk, doc, [...base, ...path], 'key'),
      });
    const spec = location.json['spec'];
    if (spec !== null && typeof spec === 'object' && !Array.isArray(spec) && 'subject' in spec)
      child('subject', subjectLabel(policy.subject), SymbolKind.Field, ['spec', 'subject']);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      const name = rule.name !== undefined ? `${rule.direction}[${rule.index}] ${rule.name}` : `${rule.direction}[${rule.index}]`;
      child(name, ruleSummary(rule), SymbolKind.Method, ['spec', rule.direction, rule.index]);
    }
    const priority = policy.priority === undefined ? '' : ` ${policy.priority}`;
    return {
      name: policy.name || '(unnamed)',
      detail: `${location.type.kind} · ${policy.tier}${priority}`,
      kind: SymbolKind.Class,
      range,
      selectionRange: valueRange(chunk, doc, [...base, 'metadata', 'name']),
      children,
    };
  });
}
