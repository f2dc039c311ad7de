import type { Diagnostic } from 'vscode-languageserver-types';
import type { NetpolDiagnosticData } from '../services/validation';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** One line of `netpol check --format json` (a stable contract; lines and columns 1-based, end exclusive). */
export interface CliDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: SeverityName;
  readonly code: string;
  readonly message: string;
  readonly path: string | null;
  readonly document: number;
}

const NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function toCliDiagnostic(file: string, d: Diagnostic): CliDiagnostic {
  const data = d.data as NetpolDiagnosticData | undefined;
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: NAMES[d.severity ?? 1] ?? 'error',
    code: String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    path: data?.path ?? null,
    document: data?.document ?? 0,
  };
}

export interface CheckReport {
  readonly files: readonly string[];
  /** What the output shows (errors only with `--quiet`). */
  readonly diagnostics: readonly CliDiagnostic[];
  /** The warnings found, shown or not: what `--max-warnings` counts. */
  readonly warnings: number;
}

export function hasErrors(report: CheckReport): boolean {
  return report.diagnostics.some((d) => d.severity === 'error');
}
