import { parseKubernetesVersion } from '../../server/src/model/k8sVersion';
import { ALL_RULES } from '../../server/src/rules/catalog';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../server/src/services/settings';
import { validateText, type NetpolDiagnosticData } from '../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../server/src/services/workspace';
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

/** Test options: analysis settings, plus `k8s` (a version) and `lints` (run the best-practice lints too). */
export type TestOptions = Partial<AnalysisSettings> & { k8s?: string; lints?: boolean };

/**
 * Settings for a test. Lints are off unless `lints: true`, so that a test of an API rule
 * sees only API rules; a severity given in `severities` wins either way.
 */
export function settingsFor(overrides: TestOptions = {}): AnalysisSettings {
  const { k8s, lints, severities, ...rest } = overrides;
  const lintsOff = lints
    ? {}
    : Object.fromEntries(ALL_RULES.filter((rule) => rule.category === 'lint').map((rule) => [rule.id, 'off' as const]));
  return {
    ...DEFAULT_SETTINGS,
    ...(k8s ? { version: parseKubernetesVersion(k8s)! } : {}),
    ...rest,
    severities: { ...lintsOff, ...severities },
  };
}

/** Every diagnostic of a text, with the text under its range. */
export function diagnose(text: string, overrides: TestOptions = {}): Reported[] {
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

/**
 * Diagnostics of one file of a workspace: every file of `files` (name -> YAML) is indexed,
 * then `target` is validated with the workspace lints.
 */
export function diagnoseInWorkspace(files: Record<string, string>, target: string, overrides: TestOptions = {}): Reported[] {
  const settings = settingsFor(overrides);
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) {
    const { file } = validateText(text, settings);
    if (file) index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, file, settings));
  }
  const text = files[target]!;
  const lines = new LineIndex(text);
  const { result } = validateText(text, settings, undefined, index);
  return result.diagnostics.map((d) => {
    const data = d.data as NetpolDiagnosticData;
    const start = lines.offsetAt(d.range.start);
    const end = lines.offsetAt(d.range.end);
    return {
      code: String(d.code),
      path: data.path,
      text: text.slice(start, end),
      message: typeof d.message === 'string' ? d.message : d.message.value,
      severity: d.severity ?? 0,
      document: data.document,
      start,
      end,
    };
  });
}
