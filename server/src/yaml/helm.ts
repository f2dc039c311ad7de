/**
 * Helm chart templates are Go templates that produce YAML, not YAML: reporting their
 * `{{ ... }}` actions as YAML errors would be noise. A file is taken for a template when it
 * holds what only Go templates write: trimming markers (`{{-`, `-}}`), control actions
 * (`{{ if`, `{{ range`, `{{ end`, `{{ include` ...) or Helm's objects (`.Values`, `.Release`,
 * `.Chart`). Plain `{{ $value }}` in a quoted string (Prometheus alert text) is not enough.
 */
const HELM =
  /\{\{-|-\}\}|\{\{\s*(?:if|else|end|range|with|define|template|include|block)\b|\{\{[^}]*\.(?:Values|Release|Chart|Capabilities|Files)\b/;

export function isHelmTemplate(text: string): boolean {
  return text.includes('{{') && HELM.test(text);
}
