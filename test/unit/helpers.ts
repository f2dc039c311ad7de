import { parseKubernetesVersion } from '../../server/src/model/k8sVersion';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../server/src/services/settings';
import { validateText, type NetpolDiagnosticData } from '../../server/src/services/validation';
import { LineIndex } from '../../server/src/yaml/lineIndex';

/** Removes the common indentation of a template literal (and its first empty line). */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  text = text.replace(/^\n/, '');
  const indents = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)![0].length);
  const common = Math.min(...indents);
  return text
    .split('\n')
    .map((line) => line.slice(common))
    .join('\n');
}

/** A NetworkPolicy named `test` whose spec is `spec` (YAML, any indentation). */
export function policy(spec: string, metadata = 'name: test'): string {
  const indent = (s: string) =>
    yaml([s] as unknown as TemplateStringsArray)
      .split('\n')
      .map((line) => (line === '' ? line : `  ${line}`))
      .join('\n');
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${indent(metadata)}\nspec:\n${indent(spec)}\n`;
}

export interface Reported {
  readonly code: string;
  /** `data.path`, or null for YAML problems. */
  readonly path: string | null;
  /** The text the diagnostic's range covers. */
  readonly text: string;
  /** Offsets of the range in the text (to tell apart equal texts at different places). */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly severity: number;
  readonly document: number;
}

export function settingsFor(overrides: Partial<AnalysisSettings> & { k8s?: string } = {}): AnalysisSettings {
  const { k8s, ...rest } = overrides;
  return { ...DEFAULT_SETTINGS, ...(k8s ? { version: parseKubernetesVersion(k8s)! } : {}), ...rest };
}

/** Every diagnostic of a text, with the text under its range. */
export function diagnose(text: string, overrides: Partial<AnalysisSettings> & { k8s?: string } = {}): Reported[] {
  const lines = new LineIndex(text);
  const { result } = validateText(text, settingsFor(overrides));
  return result.diagnostics.map((d) => {
    const data = d.data as NetpolDiagnosticData;
    return {
      code: String(d.code),
      path: data.path,
      text: text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)),
      start: lines.offsetAt(d.range.start),
      end: lines.offsetAt(d.range.end),
      message: typeof d.message === 'string' ? d.message : d.message.value,
      severity: d.severity ?? 0,
      document: data.document,
    };
  });
}

/** The diagnostics of one rule, as `path => text` pairs (the most common assertion). */
export function reported(text: string, code: string, overrides: Parameters<typeof diagnose>[1] = {}): string[] {
  return diagnose(text, overrides)
    .filter((d) => d.code === code)
    .map((d) => `${d.path ?? '(yaml)'} => ${d.text}`);
}

/** Rule ids reported for a text. */
export function codes(text: string, overrides: Parameters<typeof diagnose>[1] = {}): string[] {
  return diagnose(text, overrides).map((d) => d.code);
}

/** Offset of the `nth` (0-based) occurrence of `needle` in `text`; throws when there is none. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return at;
}
