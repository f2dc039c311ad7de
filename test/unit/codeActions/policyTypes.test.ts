import { describe, expect, it } from 'vitest';
import { policyTypesActions } from '../../../server/src/services/codeActions/policyTypes';
import { applyTitled, codesAfter, policyHead, titles } from './insertHelpers';

const HEAD = policyHead('api');

describe('implicit-policy-types quick fix', () => {
  it('writes the computed types after podSelector, keeping the comment after it', () => {
    const before = `${HEAD}spec:\n  podSelector: {} # every pod\n  egress:\n  - ports:\n    - port: 53\n      protocol: UDP\n`;
    // The cursor is in the policy too: its quick fix stands for "Make policyTypes explicit".
    expect(titles(policyTypesActions, before)).toEqual(['Write policyTypes: [Ingress, Egress]']);
    const after = applyTitled(policyTypesActions, before, 'Write policyTypes: [Ingress, Egress]');
    expect(after).toBe(
      `${HEAD}spec:\n  podSelector: {} # every pod\n  policyTypes:\n  - Ingress\n  - Egress\n  egress:\n  - ports:\n    - port: 53\n      protocol: UDP\n`,
    );
    expect(codesAfter(after)).not.toContain('implicit-policy-types');
    expect(titles(policyTypesActions, after)).toEqual([]);
  });

  it('keeps CRLF line ends and replaces an empty list', () => {
    const before = `${HEAD}spec:\n  podSelector: {}\n  policyTypes: []\n`.replace(/\n/g, '\r\n');
    const after = applyTitled(policyTypesActions, before, 'Write policyTypes: [Ingress]');
    expect(after).toBe(`${HEAD}spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n`.replace(/\n/g, '\r\n'));
    expect(codesAfter(after)).not.toContain('implicit-policy-types');
  });

  it('writes into a flow spec', () => {
    const before = `${HEAD}spec: {podSelector: {}}\n`;
    const after = applyTitled(policyTypesActions, before, 'Write policyTypes');
    expect(after).toBe(`${HEAD}spec: {podSelector: {}, policyTypes: [Ingress]}\n`);
    expect(codesAfter(after)).not.toContain('implicit-policy-types');
  });
});

describe('rules-ignored-by-policy-types quick fix', () => {
  it('adds the missing type to a flow list', () => {
    const before = `${HEAD}spec:\n  podSelector: {}\n  policyTypes: [Ingress]   # ingress only?\n  egress:\n  - to:\n    - podSelector: {}\n`;
    const after = applyTitled(policyTypesActions, before, 'Add Egress to policyTypes');
    expect(after).toBe(
      `${HEAD}spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]   # ingress only?\n  egress:\n  - to:\n    - podSelector: {}\n`,
    );
    expect(codesAfter(after)).not.toContain('rules-ignored-by-policy-types');
    expect(titles(policyTypesActions, after)).toEqual([]);
  });

  it('deletes the ignored rules, with the comment above them, as the alternative', () => {
    const before = `${HEAD}spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  # outbound\n  egress:\n  - to:\n    - podSelector: {}\n  ingress: []\n`;
    const after = applyTitled(policyTypesActions, before, 'Delete the ignored egress rules');
    expect(after).toBe(`${HEAD}spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: []\n`);
    expect(codesAfter(after)).not.toContain('rules-ignored-by-policy-types');
  });

  it('adds the missing type to a block list, in the second document of a file', () => {
    const first = `${HEAD}spec:\n  podSelector: {}\n`;
    const second = `${HEAD.replace('name: api', 'name: db')}spec:\n  podSelector: {}\n  policyTypes:\n    - Egress\n  ingress:\n    - {}\n`;
    const after = applyTitled(policyTypesActions, `${first}---\n${second}`, 'Add Ingress to policyTypes');
    expect(after).toBe(`${first}---\n${second.replace('    - Egress\n', '    - Egress\n    - Ingress\n')}`);
    expect(codesAfter(after)).not.toContain('rules-ignored-by-policy-types');
  });
});

describe('Make policyTypes explicit', () => {
  it('is offered at the cursor when the types are computed, and writes them', () => {
    const before = `${HEAD}spec:\n  podSelector:\n    matchLabels:\n      app: api<|>\n  ingress: []\n`;
    const after = applyTitled(policyTypesActions, before, 'Make policyTypes explicit: [Ingress]', {
      severities: { 'implicit-policy-types': 'off' },
    });
    expect(after).toBe(`${HEAD}spec:\n  podSelector:\n    matchLabels:\n      app: api\n  policyTypes:\n  - Ingress\n  ingress: []\n`);
    expect(titles(policyTypesActions, `${after}<|>`)).toEqual([]);
  });

  it('is not offered outside a policy or on a half-typed one', () => {
    expect(titles(policyTypesActions, 'apiVersion: v1\nkind: Service<|>\n')).toEqual([]);
    expect(() => titles(policyTypesActions, `${HEAD}spec:\n  podSelector: [<|>\n`)).not.toThrow();
  });
});
