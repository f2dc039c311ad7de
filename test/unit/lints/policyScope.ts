import { validateText, type NetpolDiagnosticData } from '../../../server/src/services/validation';
import { ALL_RULES } from '../../../server/src/rules/catalog';
import { diagnose, settingsFor, type Reported, type TestOptions } from '../helpers';

/** Helpers for the tests of the policy-scope lints: one lint on (at its catalog severity), the others off. */

export function only(id: string, options: TestOptions = {}): TestOptions {
  const meta = ALL_RULES.find((rule) => rule.id === id);
  if (!meta) throw new Error(`no rule ${id}`);
  return { ...options, severities: { [id]: meta.severity, ...options.severities } };
}

/** The diagnostics of one lint (and nothing else may be reported). */
export function lint(id: string, text: string, options: TestOptions = {}): Reported[] {
  const all = diagnose(text, only(id, options));
  const others = all.filter((d) => d.code !== id);
  if (others.length > 0) throw new Error(`unexpected diagnostics: ${others.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  return all;
}

/** `path => text under the range` of each diagnostic of one lint. */
export function where(id: string, text: string, options: TestOptions = {}): string[] {
  return lint(id, text, options).map((d) => `${d.path} => ${d.text}`);
}

/** The messages of one lint. */
export function messages(id: string, text: string, options: TestOptions = {}): string[] {
  return lint(id, text, options).map((d) => d.message);
}

/** `data.details` of the diagnostics of one lint. */
export function details(id: string, text: string, options: TestOptions = {}): unknown[] {
  const { result } = validateText(text, settingsFor(only(id, options)));
  return result.diagnostics.filter((d) => d.code === id).map((d) => (d.data as NetpolDiagnosticData).details);
}
