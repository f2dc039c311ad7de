import { plural } from '../model/phrases';
import { listText } from '../model/vocabulary';
import type { CheckReport } from './report';

/** Compiler style: `file:line:col: severity id message [field path]`. */
export function formatText(report: CheckReport): string {
  return report.diagnostics
    .map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}${d.path ? ` [${d.path}]` : ''}\n`)
    .join('');
}

export function summary(report: CheckReport): string {
  const count = (...severities: string[]) => report.diagnostics.filter((d) => severities.includes(d.severity)).length;
  const checked = `(${plural(report.files.length, 'file')} checked)`;
  const found = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info', 'hint'), 'note'],
  ] as const;
  const parts = found.filter(([n]) => n > 0).map(([n, word]) => plural(n, word));
  if (parts.length === 0) return `No problems found ${checked}\n`;
  const files = new Set(report.diagnostics.map((d) => d.file)).size;
  return `${listText(parts, 'and')} in ${plural(files, 'file')} ${checked}\n`;
}
