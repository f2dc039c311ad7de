import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../rules/catalog';
import type { Severity } from '../rules/severity';
import { ruleDocsUrl } from '../services/ruleDocs';
import type { CheckReport } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Where a file is, for SARIF: relative to the working directory (`%SRCROOT%`) when it is under it. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? { uri: pathToFileURL(path.resolve(cwd, file)).href }
    : { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** A SARIF 2.1.0 log of one run of netpol, with its rules and results. */
export function sarifLog(rules: readonly object[], results: readonly object[], toolVersion: string, cwd: string): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'netpol',
            fullName: 'kube-netpol NetworkPolicy checker',
            version: toolVersion,
            informationUri: 'https://github.com/kube-netpol/kube-netpol',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `netpol check --format sarif`, with paths relative to the working directory. */
export function formatSarif(report: CheckReport, toolVersion: string, cwd: string): string {
  const ruleIndex = new Map<string, number>(ALL_RULES.map((rule, i) => [rule.id, i]));
  const rules = ALL_RULES.map((rule) => ({
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { category: rule.category },
  }));
  const results = report.diagnostics.map((d) => ({
    ruleId: d.code,
    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(d.file, cwd),
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
        ...(d.path ? { logicalLocations: [{ fullyQualifiedName: d.path, kind: 'member' }] } : {}),
      },
    ],
    properties: { document: d.document, ...(d.path ? { fieldPath: d.path } : {}) },
  }));
  return sarifLog(rules, results, toolVersion, cwd);
}
