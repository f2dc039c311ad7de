import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isJsonObject } from '../model/json';
import { understandPolicy } from '../rules/understood';
import { policiesOf } from '../rules/validateDocument';
import type { YamlFile } from '../yaml/file';
import { clusterPolicySymbols } from './clusterPolicy/symbols';
import { fieldRange, fileRange, valueRange } from './ranges';
import { summarizeRule } from './ruleSummary';
import type { AnalysisSettings } from './settings';
import { never } from './cancellation';

/**
 * The outline: every NetworkPolicy of the file with its selector, types and rules. Once
 * `isCancelled` says so (the request's time ran out), the policies found so far.
 */
export function documentSymbols(file: YamlFile, settings: AnalysisSettings, isCancelled: () => boolean = never): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const chunk of file.chunks) {
    for (const doc of chunk.parsed.documents) {
      out.push(...clusterPolicySymbols(chunk, doc));
      for (const location of policiesOf(doc.json)) {
        if (isCancelled()) return out;
        const { semantic } = understandPolicy(location, settings.version, settings.cluster.defaultNamespace);
        const base = location.path;
        const range = location.path.length ? fieldRange(chunk, doc, base) : fileRange(chunk, doc.span);
        const spec = location.json.spec;
        const children: DocumentSymbol[] = [];
        const child = (name: string, detail: string, kind: SymbolKind, path: (string | number)[]) => {
          const childRange = fieldRange(chunk, doc, [...base, ...path]);
          children.push({ name, detail, kind, range: childRange, selectionRange: valueRange(chunk, doc, [...base, ...path], 'key') });
        };
        if (isJsonObject(spec) && 'podSelector' in spec)
          child('podSelector', `pods in ${semantic.namespace}`, SymbolKind.Field, ['spec', 'podSelector']);
        if (isJsonObject(spec) && 'policyTypes' in spec) {
          const types = [semantic.types.ingress ? 'Ingress' : '', semantic.types.egress ? 'Egress' : ''].filter(Boolean).join(', ');
          child('policyTypes', types, SymbolKind.Field, ['spec', 'policyTypes']);
        }
        for (const rule of [...semantic.ingress, ...semantic.egress]) {
          child(`${rule.direction}[${rule.index}]`, summarizeRule(rule), SymbolKind.Method, ['spec', rule.direction, rule.index]);
        }
        const selection = valueRange(chunk, doc, [...base, 'metadata', 'name']);
        out.push({
          name: semantic.name || '(unnamed)',
          detail: `NetworkPolicy · ${semantic.namespace}`,
          kind: SymbolKind.Class,
          range,
          selectionRange: selection,
          children,
        });
      }
    }
  }
  return out;
}
