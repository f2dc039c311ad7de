import { validateText, type NetpolDiagnosticData } from '../../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { diagnoseInWorkspace, settingsFor, type TestOptions } from '../helpers';

/** Builders of the other objects a workspace lint looks at (YAML documents, `---`-joined by `docs`). */

export function namespace(name: string, labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels);
  const written = entries.length ? `\n  labels:\n${entries.map(([k, v]) => `    ${k}: ${v}`).join('\n')}` : '';
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}${written}\n`;
}

/** A Deployment whose pods carry `labels` and whose one container declares `ports` (`name/port/protocol`). */
export function deployment(name: string, ns: string | undefined, labels: Record<string, string>, ports: string[] = []): string {
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `        ${k}: ${v}`)
    .join('\n');
  const portLines = ports.length
    ? `\n          ports:\n${ports
        .map((p) => {
          const [portName, port, protocol] = p.split('/');
          return `            - ${portName ? `name: ${portName}\n              ` : ''}containerPort: ${port}${protocol ? `\n              protocol: ${protocol}` : ''}`;
        })
        .join('\n')}`
    : '';
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    labelLines,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: example/${name}${portLines}`,
    '',
  ].join('\n');
}

/** A NetworkPolicy in `ns` (none when undefined) whose spec is `spec` (YAML at any indentation, as in `policy`). */
export function netpol(name: string, ns: string | undefined, spec: string): string {
  const body = spec
    .replace(/^\n/, '')
    .split('\n')
    .map((line) => line.trimEnd());
  const indents = body.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = Math.min(...indents);
  const lines = body.map((line) => (line === '' ? line : `  ${line.slice(common)}`)).join('\n');
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n${lines.replace(/\n*$/, '\n')}`;
}

export const docs = (...documents: string[]): string => documents.join('---\n');

/** The diagnostics of one lint for `target` in a workspace of `files` (only that lint on). */
export function lintIn(files: Record<string, string>, target: string, id: string, overrides: TestOptions = {}) {
  return diagnoseInWorkspace(files, target, { ...overrides, severities: { [id]: 'warning', ...overrides.severities } }).filter(
    (d) => d.code === id,
  );
}

/** `path => text` of one lint's diagnostics, as `reported` gives them for a single text. */
export function reportedIn(files: Record<string, string>, target: string, id: string, overrides: TestOptions = {}): string[] {
  return lintIn(files, target, id, overrides).map((d) => `${d.path ?? '(yaml)'} => ${d.text}`);
}

/** Every code reported for `target` with all lints on. */
export function codesIn(files: Record<string, string>, target: string): string[] {
  return diagnoseInWorkspace(files, target, { lints: true }).map((d) => d.code);
}

/** The `details` (diagnostic data) of one lint's diagnostics. */
export function detailsIn(files: Record<string, string>, target: string, id: string): unknown[] {
  const settings = settingsFor({ severities: { [id]: 'warning' } });
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) {
    const { file } = validateText(text, settings);
    if (file) index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, file, settings));
  }
  return validateText(files[target]!, settings, undefined, index)
    .result.diagnostics.filter((d) => d.code === id)
    .map((d) => (d.data as NetpolDiagnosticData).details);
}
