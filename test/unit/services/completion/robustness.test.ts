import { describe, expect, it } from 'vitest';
import { completions } from '../../../../server/src/services/completion/complete';
import { DEFAULT_SETTINGS } from '../../../../server/src/services/settings';
import { parseFile } from '../../../../server/src/yaml/file';
import { LineIndex } from '../../../../server/src/yaml/lineIndex';
import { policy } from '../../helpers';
import { workspaceOf } from './complete';

const workspace = workspaceOf({
  'web.yaml':
    'kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, ports: [{name: http, containerPort: 80}]}]\n',
});

const SAMPLES = [
  policy(
    'podSelector:\n  matchLabels: {app: web}\n  matchExpressions:\n    - {key: tier, operator: In, values: [a, "b"]}\ningress:\n  - from:\n      - namespaceSelector: {}\n        podSelector:\n          matchLabels:\n            app: web\n      - ipBlock: {cidr: 10.0.0.0/8, except: [10.0.1.0/24]}\n    ports:\n      - {protocol: TCP, port: http}\n      - port: 80\n        endPort: 90\negress:\n- to: [{podSelector: {}}]\npolicyTypes: [Ingress, Egress]',
  ),
  'apiVersion: v1\nkind: List\nitems:\n- kind: NetworkPolicy\n  spec:\n    podSelector: {matchLabels: {\n      app: w\n# comment: {\n---\n--- # x\n- - - a: [b, {c: d\n',
  "\"quoted key\": 'it''s'\nkey: \"unterminated\n\t- tab\n  - : :\n {[}]\n\r\n\r",
];

/** Every offset of a text, and of every prefix of it (text cut at the cursor, as while typing). */
function* cursors(text: string): Generator<[string, number]> {
  for (let offset = 0; offset <= text.length; offset++) {
    yield [text, offset];
    yield [text.slice(0, offset), offset];
  }
}

describe('completions on any input', () => {
  it('never throw, at any offset of valid, broken and half-typed documents', () => {
    let answered = 0;
    for (const sample of SAMPLES) {
      for (const [text, offset] of cursors(sample)) {
        const lines = new LineIndex(text);
        const list = completions({
          text,
          offset,
          file: parseFile(text),
          settings: DEFAULT_SETTINGS,
          workspace,
          positionAt: (at) => lines.positionAt(at),
        });
        for (const item of list.items) {
          const edit = item.textEdit as { range: { start: { line: number } } };
          expect(edit.range.start.line).toBe(lines.positionAt(offset).line);
        }
        if (list.items.length) answered++;
      }
    }
    expect(answered).toBeGreaterThan(100);
  });
});
