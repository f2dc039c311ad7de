import { describe, expect, it } from 'vitest';
import { selectorSuggestionActions } from '../../../server/src/services/codeActions/selectorSuggestion';
import { yaml } from '../helpers';
import { applyTitled, codesAfter, deployment, policyHead, titles } from './insertHelpers';

const files = { 'apps.yaml': deployment('web', 'shop', { app: 'web-frontend', tier: 'front' }) };

const policyWith = (selector: string) =>
  policyHead('web') +
  yaml`
  spec:
    podSelector:
${selector}
    policyTypes: [Ingress]
`;

describe('selector-matches-nothing quick fix', () => {
  it('replaces the matchLabels value with the closest existing label, keeping its quotes', () => {
    const before = policyWith("      matchLabels:\n        app: 'web-frontnd' # typo\n");
    const after = applyTitled(selectorSuggestionActions, before, 'Change app: web-frontnd to app: web-frontend', { files });
    expect(after).toBe(policyWith("      matchLabels:\n        app: 'web-frontend' # typo\n"));
    expect(codesAfter(after, { files })).not.toContain('selector-matches-nothing');
    expect(titles(selectorSuggestionActions, after, { files })).toEqual([]);
  });

  it('replaces the key too', () => {
    const before = policyWith('      matchLabels: {tie: front}\n');
    const after = applyTitled(selectorSuggestionActions, before, 'Change tie: front to tier: front', { files });
    expect(after).toBe(policyWith('      matchLabels: {tier: front}\n'));
    expect(codesAfter(after, { files })).not.toContain('selector-matches-nothing');
  });

  it('replaces an In value of matchExpressions', () => {
    const before = policyWith('      matchExpressions:\n      - key: app\n        operator: In\n        values: [web-frontnd, other]\n');
    const after = applyTitled(selectorSuggestionActions, before, 'Change app: web-frontnd', { files });
    expect(after).toBe(
      policyWith('      matchExpressions:\n      - key: app\n        operator: In\n        values: [web-frontend, other]\n'),
    );
    expect(codesAfter(after, { files })).not.toContain('selector-matches-nothing');
  });
});
