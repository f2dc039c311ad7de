import { describe, expect, it } from 'vitest';
import { FIX_ALL_KIND } from '../../../server/src/protocol';
import { CODE_ACTION_KINDS, codeActions } from '../../../server/src/services/codeActions/index';
import type { CodeActionProvider } from '../../../server/src/services/codeActions/provider';
import { actionsFor, applyAction, applyTitled, codesAfter, type ActionsOptions } from './insertHelpers';

const API: ActionsOptions = { lints: false };
const header = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n';

/** codeActions() with the client asking only for `only`. */
const asking =
  (only?: string[]): CodeActionProvider =>
  (request) =>
    codeActions(only ? { ...request, only } : request);

describe('codeActions', () => {
  const broken = `${header}  policyTypes: [ingress]\n`;

  it('lists the preferred fix first, then the other fixes, then docs; no "Disable" for an API error; kinds as declared', () => {
    const actions = actionsFor(asking(), broken, API);
    expect(actions.every((a) => a.kind !== undefined && CODE_ACTION_KINDS.includes(a.kind))).toBe(true);
    expect(actions.filter((a) => a.kind === 'quickfix').map((a) => a.title)).toEqual([
      'Change policyTypes to "Ingress"',
      'Show documentation for policy-types-value',
    ]);
    expect(actions.filter((a) => a.isPreferred).map((a) => a.title)).toEqual(['Change policyTypes to "Ingress"']);
    // A preferred fix of a provider listed later still comes first.
    const selectors = `${header}  ingress:\n  - ports:\n    - {port: 80, endPort: 70}\n`;
    expect(actionsFor(asking(['quickfix']), selectors, API).map((a) => a.title)).toEqual([
      'Swap port and endPort',
      'Show documentation for end-port-order',
    ]);
  });

  it('offers "Disable" for a lint, after its fixes', () => {
    const lint = `${header}  policyTypes: [Ingress]\n  ingress:\n  - ports: [{port: 80}]\n`;
    const quickFixes = actionsFor(asking(['quickfix']), lint, { lints: false, severities: { 'allow-all-sources': 'warning' } });
    expect(quickFixes.map((a) => a.title)).toEqual(['Disable allow-all-sources for this line', 'Show documentation for allow-all-sources']);
  });

  it('filters by the kinds asked for (a kind covers its sub-kinds); fix all only when asked', () => {
    const refactorings = actionsFor(asking(['refactor']), broken, API);
    expect(refactorings.every((a) => a.kind === 'refactor' || a.kind?.startsWith('refactor.'))).toBe(true);
    expect(actionsFor(asking(['quickfix']), broken, API).map((a) => a.kind)).toEqual(['quickfix', 'quickfix']);
    expect(actionsFor(asking(['source']), broken, API).map((a) => a.kind)).toEqual([FIX_ALL_KIND]);
    expect(actionsFor(asking(), broken, API).some((a) => a.kind === FIX_ALL_KIND)).toBe(false);
  });
});

describe('diagnostics a client sends back are not trusted', () => {
  it('garbage data, codes and ranges give no edits and never throw', () => {
    const text = `${header}  policyTypes: [ingress]\n`;
    const far = { start: { line: 1_000_000, character: 5 }, end: { line: 1_000_000, character: 9 } };
    const garbage: CodeActionProvider = (request) => {
      const real = request.diagnostics[0]!;
      return codeActions({
        ...request,
        diagnostics: [
          { ...real, data: null },
          { ...real, data: { document: 99, path: 'spec.policyTypes[0]' } },
          { ...real, data: { document: 0, path: 7, details: 'x' } },
          { ...real, data: { document: 0, path: 'spec.policyTypes[0]', details: { suggestion: 5 } } },
          { ...real, data: { document: 0, path: 'spec.podSelector.matchLabels' }, code: 'label-value-not-string' },
          { ...real, code: 42 },
          { ...real, range: far },
        ],
      });
    };
    const actions = actionsFor(garbage, text, API);
    // No quick fix edits: the data a fix needs is garbage, and API errors cannot be disabled by a comment.
    expect(actions.filter((a) => a.kind === 'quickfix' && a.edit).map((a) => a.title)).toEqual([]);
    expect(actions.filter((a) => a.kind === 'quickfix').map((a) => a.title)).toEqual([
      'Show documentation for policy-types-value',
      'Show documentation for label-value-not-string',
    ]);
  });
});

describe('source.fixAll.netpol', () => {
  const fixAll = asking([FIX_ALL_KIND]);

  it('applies every safe preferred fix in one edit, leaving the rest byte-for-byte', () => {
    const before = [
      'apiVersion: extensions/v1beta1 # old',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: web',
      '  labels: {version: 1.0}',
      'spec:',
      '  podselector: {}',
      '  policyTypes: [ingress, Egress]',
      '  ingress:',
      '  - ports:',
      '    - {protocol: tcp, port: 9000, endPort: 8000}',
      '    - port: 53',
      '      protocol: udp',
      '',
    ].join('\r\n');
    const actions = actionsFor(fixAll, before, API);
    expect(actions.map((a) => a.title)).toEqual(['Fix all 7 auto-fixable NetworkPolicy problems']);
    const after = applyAction(before, actions[0]!);
    expect(after).toBe(
      [
        'apiVersion: networking.k8s.io/v1 # old',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: web',
        '  labels: {version: "1.0"}',
        'spec:',
        '  podSelector: {}',
        '  policyTypes: [Ingress, Egress]',
        '  ingress:',
        '  - ports:',
        '    - {protocol: TCP, port: 8000, endPort: 9000}',
        '    - port: 53',
        '      protocol: UDP',
        '',
      ].join('\r\n'),
    );
    expect(codesAfter(after, API)).toEqual([]);
    expect(actionsFor(fixAll, after, API)).toEqual([]);
  });

  it('leaves fixes that change what is allowed, and alternatives, to the author', () => {
    // In without values: only placeholders and alternatives, nothing preferred.
    const before = `${header.replace('podSelector: {}', 'podSelector:\n    matchExpressions: [{key: app, operator: In}]')}`;
    expect(actionsFor(fixAll, before, API)).toEqual([]);
    expect(applyTitled(asking(), before, 'Use Exists', API)).toContain('operator: Exists');
  });

  it('applies two fixes in one flow mapping when their edits do not touch', () => {
    const before = `${header}  ingress:\n  - ports: [{protocol: tcp, port: http, endPort: 80}]\n`;
    const [all] = actionsFor(fixAll, before, API);
    expect(applyAction(before, all!)).toBe(`${header}  ingress:\n  - ports: [{protocol: TCP, port: http}]\n`);
  });

  it('takes one of two fixes whose edits overlap; the next run has nothing left to do', () => {
    const strict = { ...API, k8s: '1.36' };
    // The except is outside cidr (remove it) and has host bits (rewrite it): both edits are on its line.
    const before = `${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except:\n        - 192.168.0.5/24\n        - 10.0.1.0/24\n`;
    const [first] = actionsFor(fixAll, before, strict);
    expect(first?.title).toBe('Fix all: Remove except 192.168.0.5/24');
    const once = applyAction(before, first!);
    expect(once).toBe(`${header}  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except:\n        - 10.0.1.0/24\n`);
    expect(codesAfter(once, strict)).toEqual([]);
    expect(actionsFor(fixAll, once, strict)).toEqual([]);
  });

  it('does not split an ipBlock from its selector unasked (the author meant something NetworkPolicy cannot say)', () => {
    const before = `${header}  egress:\n  - to:\n    - namespaceSelector: {}\n      ipBlock: {cidr: 10.0.0.0/8}\n`;
    expect(actionsFor(fixAll, before, API)).toEqual([]);
    expect(actionsFor(asking(), before, API).find((a) => a.isPreferred)?.title).toBe('Split the ipBlock into its own peer');
  });

  it('never takes two fixes that together write a key twice (each alone is fine)', () => {
    const lints = { lints: true };
    // `policytypes` is renamed to policyTypes; the lint implicit-policy-types would write policyTypes too.
    const before = `${header.replace('name: web', 'name: web\n  namespace: shop')}  policytypes: [Ingress]\n  ingress:\n  - {}\n`;
    expect(codesAfter(before, lints)).toEqual(expect.arrayContaining(['unknown-field', 'implicit-policy-types']));
    const [all] = actionsFor(fixAll, before, lints);
    expect(all?.title).toBe('Fix all: Rename "policytypes" to "policyTypes"');
    const after = applyAction(before, all!);
    expect(after).toBe(before.replace('policytypes:', 'policyTypes:'));
    expect(codesAfter(after, lints)).not.toContain('implicit-policy-types');
  });
});
