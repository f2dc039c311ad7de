import { describe, expect, it } from 'vitest';
import { FIX_ALL_KIND } from '../../../server/src/protocol';
import { CODE_ACTION_KINDS, codeActions } from '../../../server/src/services/codeActions/index';
import type { CodeActionProvider } from '../../../server/src/services/codeActions/provider';
import { actionsFor, applyAction, applyTitled, codesAfter, URI, type ActionsOptions } from './insertHelpers';

const API: ActionsOptions = { lints: false };
const header = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n';

/** codeActions() with the client asking only for `only`. */
const asking =
  (only?: string[]): CodeActionProvider =>
  (request) =>
    codeActions(only ? { ...request, only } : request);

describe('codeActions', () => {
  const broken = `${header}  policyTypes: [ingress]\n`;

  it('lists the fixes first, then disable and docs; kinds as declared', () => {
    const actions = actionsFor(asking(), broken, API);
    expect(actions.every((a) => a.kind !== undefined && CODE_ACTION_KINDS.includes(a.kind))).toBe(true);
    expect(actions.filter((a) => a.kind === 'quickfix').map((a) => a.title)).toEqual([
      'Change policyTypes to "Ingress"',
      'Disable policy-types-value for this line',
      'Show documentation for policy-types-value',
    ]);
    expect(actions.filter((a) => a.isPreferred).map((a) => a.title)).toEqual(['Change policyTypes to "Ingress"']);
  });

  it('filters by the kinds asked for (a kind covers its sub-kinds); fix all only when asked', () => {
    const refactorings = actionsFor(asking(['refactor']), broken, API);
    expect(refactorings.every((a) => a.kind === 'refactor' || a.kind?.startsWith('refactor.'))).toBe(true);
    expect(actionsFor(asking(['quickfix']), broken, API).map((a) => a.kind)).toEqual(['quickfix', 'quickfix', 'quickfix']);
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
    const fixes = actions.filter((a) => a.kind === 'quickfix' && a.edit);
    // The only edits: disabling a rule on the real diagnostic's line (the data is not needed for that).
    expect(fixes.map((a) => a.title)).toEqual(['Disable policy-types-value for this line', 'Disable label-value-not-string for this line']);
    expect(fixes.map((a) => a.edit!.changes![URI]![0]!.range.start.line)).toEqual([6, 6]);
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
