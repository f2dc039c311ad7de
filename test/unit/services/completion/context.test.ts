import { describe, expect, it } from 'vitest';
import { completionContextAt } from '../../../../server/src/yaml/completionContext';
import { yaml } from '../../helpers';

/** The context at the `|` marker of a text (the marker removed). */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const context = completionContextAt(text, offset);
  return context && { ...context, replaced: text.slice(context.replaceStart, context.replaceEnd), siblings: [...context.siblings.keys()] };
}

describe('completion context, block style', () => {
  it('places a half-typed key by its indentation', () => {
    const c = at(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      spec:
        podSelector: {}
        ingress:
          - ports:
              - port: 80
                proto|
          - from: []
    `);
    expect(c).toMatchObject({ slot: 'key', path: ['spec', 'ingress', 0, 'ports', 0], word: 'proto', replaced: 'proto', flow: false });
    expect(c?.siblings).toEqual(['port']);
  });

  it('counts items and sees siblings after the cursor', () => {
    const c = at(yaml`
      spec:
        egress:
        - to: []
        - |
          ports: []
    `);
    expect(c).toMatchObject({ slot: 'key', path: ['spec', 'egress', 1], item: true, word: '' });
    expect(c?.siblings).toEqual(['ports']);
  });

  it('reads a value slot and the whole value as the replace range', () => {
    const c = at(yaml`
      spec:
        ingress:
        - ports:
          - protocol: T|CP # comment
    `);
    expect(c).toMatchObject({ slot: 'value', path: ['spec', 'ingress', 0, 'ports', 0, 'protocol'], word: 'T', replaced: 'TCP' });
  });

  it('lists the scalar items already in a sequence', () => {
    const c = at(yaml`
      spec:
        policyTypes:
          - Ingress
          - |
    `);
    expect(c).toMatchObject({ slot: 'key', item: true, path: ['spec', 'policyTypes', 1], listed: ['Ingress'] });
  });

  it('finds an empty line under a key as a slot of that key', () => {
    const c = at('spec:\n  ingress:\n    |\n');
    expect(c).toMatchObject({ slot: 'key', path: ['spec', 'ingress'], word: '' });
  });

  it('keeps to the cursor document of a multi-document file', () => {
    const c = at('kind: Deployment\nspec: {}\n---\nkind: NetworkPolicy\nsp|\n---\nspec: {}\n');
    expect(c).toMatchObject({ slot: 'key', path: [], word: 'sp' });
    expect(c?.siblings).toEqual(['kind']);
  });

  it('knows an empty document and the end of the file', () => {
    expect(at('|')).toMatchObject({ slot: 'key', path: [], emptyDocument: true });
    expect(at('# only a comment\nap|')).toMatchObject({ word: 'ap', emptyDocument: true });
    expect(at('kind: NetworkPolicy\n|')).toMatchObject({ slot: 'key', path: [], emptyDocument: false });
  });

  it('notices a colon after the key being edited', () => {
    expect(at('spec:\n  pod|Selector: {}\n')).toMatchObject({ slot: 'key', path: ['spec'], hasColon: true, replaced: 'podSelector' });
  });

  it('gives nothing inside a comment', () => {
    expect(at('spec: # po|\n')).toBeUndefined();
  });

  it('reads the entries of an enclosing mapping', () => {
    const c = at(yaml`
      spec:
        podSelector:
          matchExpressions:
            - key: app
              operator: In
              values:
                - |
    `);
    expect(c).toMatchObject({ path: ['spec', 'podSelector', 'matchExpressions', 0, 'values', 0], item: true });
    expect(c?.entriesAt(['spec', 'podSelector', 'matchExpressions', 0]).get('key')).toBe('app');
  });

  it('reads kubectl-style sequences flush with their key', () => {
    const c = at('spec:\n  ingress:\n  - from:\n    - podSelector: {}\n    - |\n');
    expect(c).toMatchObject({ path: ['spec', 'ingress', 0, 'from', 1], item: true });
  });
});

describe('completion context, flow style', () => {
  it('places a key inside a flow mapping', () => {
    const c = at('spec:\n  podSelector: {matchLabels: {app: web}, |}\n');
    expect(c).toMatchObject({ slot: 'key', path: ['spec', 'podSelector'], flow: true, word: '' });
    expect(c?.siblings).toEqual(['matchLabels']);
  });

  it('places a value inside nested flow collections', () => {
    const c = at('spec:\n  ingress: [{ports: [{protocol: U|}]}]\n');
    expect(c).toMatchObject({ slot: 'value', path: ['spec', 'ingress', 0, 'ports', 0, 'protocol'], word: 'U', replaced: 'U' });
  });

  it('lists flow sequence items and gives the item index', () => {
    const c = at('spec:\n  policyTypes: [Ingress, |]\n');
    expect(c).toMatchObject({ slot: 'value', path: ['spec', 'policyTypes', 1], listed: ['Ingress'] });
    const middle = at('spec:\n  policyTypes: [Ingress, E|, Egress]\n');
    expect(middle).toMatchObject({ path: ['spec', 'policyTypes', 1], word: 'E', listed: ['Ingress', 'Egress'] });
  });

  it('reads a label value with its key', () => {
    const c = at('spec:\n  podSelector:\n    matchLabels: {app: w|, tier: db}\n');
    expect(c).toMatchObject({ slot: 'value', path: ['spec', 'podSelector', 'matchLabels', 'app'], word: 'w' });
    expect(c?.siblings).toEqual(['app', 'tier']);
  });

  it('does not take a bracket inside a plain scalar for a flow collection', () => {
    expect(at('metadata:\n  annotations:\n    note: a[1]\n  |\n')).toMatchObject({ slot: 'key', path: ['metadata'], flow: false });
  });

  it('survives unclosed brackets spanning lines', () => {
    const c = at('spec:\n  podSelector: {matchLabels:\n    {app: |\n');
    expect(c).toMatchObject({ slot: 'value', path: ['spec', 'podSelector', 'matchLabels', 'app'], flow: true });
  });
});
