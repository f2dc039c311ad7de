import type { CheckReport } from './report';

/** Compiler style: `file:line:col: severity id message [field path]`. */
export function formatText(report: CheckReport): string {
  return report.diagnostics
    .map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}${d.path ? ` [${d.path}]` : ''}\n`)
    .join('');
}

export function summary(report: CheckReport): string {
  const count = (severity: string) => report.diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const files = new Set(report.diagnostics.map((d) => d.file)).size;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const notes = count('info') + count('hint');
  if (notes) parts.push(plural(notes, 'note'));
  return `${parts.join(', ')} in ${plural(files, 'file')} (${plural(report.files.length, 'file')} checked)\n`;
}
