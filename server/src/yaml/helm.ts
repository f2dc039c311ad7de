/**
 * Helm chart templates are Go templates that produce YAML, not YAML: reporting their
 * `{{ ... }}` actions as YAML errors would be noise. A file is taken for a template when it
 * holds what only Go templates write: trimming markers (`{{-`, `-}}`), control actions
 * (`{{ if`, `{{ range`, `{{ end`, `{{ include` ...) or Helm's objects (`.Values`, `.Release`,
 * `.Chart`). Plain `{{ $value }}` in a quoted string (Prometheus alert text) is not enough.
 */
const MARKERS = /\{\{-|-\}\}|\{\{[ \t\r\n]*(?:if|else|end|range|with|define|template|include|block)\b/;
const HELM_OBJECT = /\.(?:Values|Release|Chart|Capabilities|Files)\b/;

export function isHelmTemplate(text: string): boolean {
  return text.includes('{{') && (MARKERS.test(text) || helmObjectInAction(text));
}

/**
 * Whether an action (from `{{` to the next `}`) names a Helm object. Only the first `{{` of
 * a run without `}` is looked at: the later ones' actions are parts of its action. So each
 * character is read once, where a pattern like `\{\{[^}]*\.Values` re-reads the rest of the
 * text from every `{{` of a line of a million `{`.
 */
function helmObjectInAction(text: string): boolean {
  for (let at = text.indexOf('{{'); at >= 0;) {
    const close = text.indexOf('}', at);
    if (HELM_OBJECT.test(text.slice(at, close < 0 ? text.length : close))) return true;
    if (close < 0) return false;
    at = text.indexOf('{{', close);
  }
  return false;
}
