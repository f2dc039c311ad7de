import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../server/src/protocol';
import { ruleActions } from '../../../server/src/services/codeActions/ruleActions';
import { ruleDocsUrl } from '../../../server/src/services/ruleDocs';
import { actionsFor, applyTitled, codesAfter, titles, type ActionsOptions } from './insertHelpers';

const API: ActionsOptions = { lints: false };
/** Only the lint these tests disable. */
const LINT: ActionsOptions = { lints: false, severities: { 'allow-all-sources': 'warning' } };
const header = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n';

describe('Disable <id> for this line', () => {
  it('inserts the directive above the line, at its indentation, and the diagnostic is gone', () => {
    const before = `${header}  ingress:\n  - ports:\n    - protocol: TCP\n`;
    const after = applyTitled(ruleActions, before, 'Disable allow-all-sources for this line', LINT);
    expect(after).toBe(`${header}  ingress:\n  # netpol-disable-next-line allow-all-sources\n  - ports:\n    - protocol: TCP\n`);
    expect(codesAfter(after, LINT)).toEqual([]);
    // Applying it again has nothing to do.
    expect(titles(ruleActions, after, LINT)).toEqual([]);
  });

  it('appends the id to an existing directive above, keeping CRLF', () => {
    const before = `${header}  ingress:\n  # netpol-disable-next-line redundant-rule\n  - ports: [{port: 80}]\n`.replace(/\n/g, '\r\n');
    const after = applyTitled(ruleActions, before, 'Disable allow-all-sources', LINT);
    expect(after).toBe(
      `${header}  ingress:\n  # netpol-disable-next-line redundant-rule, allow-all-sources\n  - ports: [{port: 80}]\n`.replace(
        /\n/g,
        '\r\n',
      ),
    );
    expect(codesAfter(after, LINT)).toEqual([]);
  });

  it('writes new lines with the file line ends (CRLF)', () => {
    const before = `${header}  ingress: [{}]\n`.replace(/\n/g, '\r\n');
    const after = applyTitled(ruleActions, before, 'Disable allow-all-sources', LINT);
    expect(after).toBe(`${header}  # netpol-disable-next-line allow-all-sources\n  ingress: [{}]\n`.replace(/\n/g, '\r\n'));
    expect(codesAfter(after, LINT)).toEqual([]);
  });

  it('works in the second document of a file, and on its first line', () => {
    const second =
      '{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: api}, spec: {podSelector: {}, ingress: [{}]}}\n';
    const before = `${header}---\n${second}`;
    const after = applyTitled(ruleActions, before, 'Disable allow-all-sources', LINT);
    expect(after).toBe(`${header}---\n# netpol-disable-next-line allow-all-sources\n${second}`);
    expect(codesAfter(after, LINT)).toEqual([]);
  });

  it('offers one action per rule and line, one docs link per rule', () => {
    const before = `${header}  ingress: [{}, {ports: [{port: 80}]}]\n`;
    expect(titles(ruleActions, before, LINT)).toEqual([
      'Disable allow-all-sources for this line',
      'Show documentation for allow-all-sources',
    ]);
  });

  it('not for what kubectl or the API server rejects: a comment cannot change that', () => {
    expect(titles(ruleActions, `${header}  policyTypes: [ingress]\n`, API)).toEqual(['Show documentation for policy-types-value']);
    expect(titles(ruleActions, `${header}  podSelector: {}\n`, API)).toEqual(['Show documentation for yaml-duplicate-key']);
    expect(titles(ruleActions, `${header}  ingress: [\n`, API)).toEqual(['Show documentation for yaml-syntax']);
    expect(titles(ruleActions, `${header}--- {}\n`, API)).toEqual(['Show documentation for yaml-document-separator']);
  });
});

describe('Show documentation for <id>', () => {
  it('is a command with the rule id and its docs URL', () => {
    const [docs] = actionsFor(ruleActions, `${header}  policyTypes: [ingress]\n`, API).filter((a) => a.title.startsWith('Show'));
    expect(docs?.kind).toBe('quickfix');
    expect(docs?.edit).toBeUndefined();
    expect(docs?.command).toEqual({
      title: 'Show documentation for policy-types-value',
      command: COMMANDS.showRuleDocs,
      arguments: [{ ruleId: 'policy-types-value', url: ruleDocsUrl('policy-types-value') }],
    });
  });

  it('nothing for a file without problems', () => {
    expect(titles(ruleActions, header, API)).toEqual([]);
  });
});
