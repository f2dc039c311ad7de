import { describe, expect, it } from 'vitest';
import type { CreateFile, TextDocumentEdit } from 'vscode-languageserver-types';
import { defaultDenyActions } from '../../../server/src/services/codeActions/defaultDeny';
import { yaml } from '../helpers';
import { actionsFor, applyTitled, codesAfter, deployment, titles, withoutCursor } from './insertHelpers';

const files = { 'apps.yaml': deployment('web', 'shop', { app: 'web' }) };

const web = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: web<|>
    namespace: shop
  spec:
    podSelector:
      matchLabels:
        app: web
    ingress:
      - {}
`;

const DENY = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: default-deny-ingress
    namespace: shop
  spec:
    podSelector: {}
    policyTypes:
      - Ingress
`;

describe('Add default-deny policy for this namespace', () => {
  it('appends the policy as a new document of the file, in its style', () => {
    const after = applyTitled(defaultDenyActions, web, 'Add default-deny-ingress policy for namespace shop to this file', { files });
    expect(after).toBe(`${withoutCursor(web).text}---\n${DENY}`);
    expect(codesAfter(withoutCursor(web).text, { files })).toContain('namespace-without-default-deny');
    const [inFile, newFile] = actionsFor(defaultDenyActions, web, { files });
    expect([inFile?.kind, inFile?.isPreferred, inFile?.diagnostics?.[0]?.code, newFile?.kind]).toEqual([
      'quickfix',
      true,
      'namespace-without-default-deny',
      'quickfix',
    ]);
    expect(codesAfter(after, { files })).not.toContain('namespace-without-default-deny');
    expect(titles(defaultDenyActions, `${after}<|>`, { files })).toEqual([]);
  });

  it('adds a line break first when the file has no final one, and omits the namespace when the policy has none', () => {
    const before =
      'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: web}<|>\nspec: {podSelector: {matchLabels: {app: web}}}';
    // No workload in the namespace, so no lint: a refactoring.
    expect(actionsFor(defaultDenyActions, before).map((a) => a.kind)).toEqual(['refactor', 'refactor']);
    const after = applyTitled(defaultDenyActions, before, 'Add default-deny-ingress policy for namespace default to this file');
    expect(after).toBe(
      `${withoutCursor(before).text}\n---\n${DENY.replace('  namespace: shop\n', '').replace(/^ {4}- Ingress/m, '  - Ingress')}`,
    );
  });

  it('creates a new file beside this one', () => {
    const action = actionsFor(defaultDenyActions, web, { files }).find((a) => a.title.endsWith('in a new file'))!;
    const [create, edit] = action.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    expect(create).toEqual({ kind: 'create', uri: 'file:///ws/default-deny-ingress-shop.yaml' });
    expect(edit.textDocument.uri).toBe(create.uri);
    expect(edit.edits[0]).toMatchObject({ newText: DENY });
  });

  it('is not offered when the namespace has a default-deny policy in the workspace', () => {
    expect(titles(defaultDenyActions, web, { files: { ...files, 'deny.yaml': DENY } })).toEqual([]);
  });
});
