import { describe, expect, it } from 'vitest';
import { convertSelectorActions } from '../../../server/src/services/codeActions/convertSelector';
import { yaml } from '../helpers';
import { applyTitled, codesAfter, policyHead, titles, withoutCursor } from './insertHelpers';

const policyWith = (ingress: string) =>
  policyHead('web') +
  yaml`
  spec:
    podSelector: {}
    ingress:
    - from:
${ingress}
`;

describe('Convert matchLabels ⇄ matchExpressions', () => {
  const labels = policyWith('      - podSelector:\n          matchLabels:   # who\n            app: web<|>\n            tier: "1"\n');
  const expressions = policyWith(
    '      - podSelector:\n          matchExpressions:   # who\n          - key: app\n            operator: In\n            values:\n            - web\n          - key: tier\n            operator: In\n            values:\n            - "1"\n',
  );

  it('converts labels to expressions, and back to the same text', () => {
    const after = applyTitled(convertSelectorActions, labels, 'Convert matchLabels to matchExpressions');
    expect(after).toBe(withoutCursor(expressions).text);
    expect(codesAfter(after)).toEqual(codesAfter(withoutCursor(labels).text));
    const back = applyTitled(
      convertSelectorActions,
      after.replace('- key: app', '- key: app<|>'),
      'Convert matchExpressions to matchLabels',
    );
    expect(back).toBe(withoutCursor(labels).text);
  });

  it('converts a flow selector', () => {
    const flow = policyWith('      - namespaceSelector: {matchLabels: {team: a<|>}}\n');
    const after = applyTitled(convertSelectorActions, flow, 'Convert matchLabels');
    expect(after).toBe(
      withoutCursor(policyWith('      - namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [a]}]}\n')).text,
    );
  });

  it('is not offered when the conversion would lose something', () => {
    expect(
      titles(
        convertSelectorActions,
        policyWith('      - podSelector:\n          matchExpressions:\n          - {key: app, operator: In, values: [a, b]}<|>\n'),
      ),
    ).toEqual([]);
    expect(
      titles(
        convertSelectorActions,
        policyWith('      - podSelector:\n          matchExpressions:\n          - {key: app, operator: Exists}<|>\n'),
      ),
    ).toEqual([]);
    expect(
      titles(
        convertSelectorActions,
        policyWith('      - podSelector:\n          matchLabels: {a: b}\n          matchExpressions: [{key: app, operator: Exists}]<|>\n'),
      ),
    ).toEqual([]);
    expect(titles(convertSelectorActions, policyWith('      - podSelector: {}<|>\n'))).toEqual([]);
  });
});
