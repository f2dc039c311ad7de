import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../server/src/protocol';
import { ruleActions } from '../../../server/src/services/codeActions/ruleActions';
import { ruleDocsUrl } from '../../../server/src/services/ruleDocs';
import { actionsFor, applyTitled, codesAfter, titles, type ActionsOptions } from './insertHelpers';

const API: ActionsOptions = { lints: false };
const header = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n';

describe('Disable <id> for this line', () => {
  it('inserts the directive above the line, at its indentation, and the diagnostic is gone', () => {
    const before = `${header}  ingress:\n  - ports:\n    - protocol: tcp\n`;
    const after = applyTitled(ruleActions, before, 'Disable port-protocol for this line', API);
    expect(after).toBe(`${header}  ingress:\n  - ports:\n    # netpol-disable-next-line port-protocol\n    - protocol: tcp\n`);
    expect(codesAfter(after, API)).not.toContain('port-protocol');
    // Applying it again has nothing to do.
    expect(titles(ruleActions, after, API)).toEqual([]);
  });

  it('appends the id to an existing directive above, keeping CRLF', () => {
    const before =
      `${header}  ingress:\n  - ports:\n    # netpol-disable-next-line end-port-order\n    - {protocol: tcp, port: 80, endPort: 8080}\n`.replace(
        /\n/g,
        '\r\n',
      );
    const after = applyTitled(ruleActions, before, 'Disable port-protocol', API);
    expect(after).toBe(
      `${header}  ingress:\n  - ports:\n    # netpol-disable-next-line end-port-order, port-protocol\n    - {protocol: tcp, port: 80, endPort: 8080}\n`.replace(
        /\n/g,
        '\r\n',
      ),
    );
    expect(codesAfter(after, API)).not.toContain('port-protocol');
  });

  it('writes new lines with the file line ends (CRLF)', () => {
    const before = `${header}  policyTypes: [ingress]\n`.replace(/\n/g, '\r\n');
    const after = applyTitled(ruleActions, before, 'Disable policy-types-value', API);
    expect(after).toBe(`${header}  # netpol-disable-next-line policy-types-value\n  policyTypes: [ingress]\n`.replace(/\n/g, '\r\n'));
    expect(codesAfter(after, API)).not.toContain('policy-types-value');
  });

  it('works in the second document of a file, and on its first line', () => {
    const second = 'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector: {}\n';
    const before = `${header}---\n${second}`;
    const after = applyTitled(ruleActions, before, 'Disable api-version', API);
    expect(after).toBe(`${header}---\n# netpol-disable-next-line api-version\n${second}`);
    expect(codesAfter(after, API)).toEqual([]);
  });

  it('offers one action per rule and line, one docs link per rule', () => {
    const before = `${header}  policyTypes: [ingress, egress]\n`;
    expect(titles(ruleActions, before, API)).toEqual([
      'Disable policy-types-value for this line',
      'Show documentation for policy-types-value',
    ]);
  });

  it('not for a YAML syntax error or a bad --- line (kubectl refuses the file whatever a comment says)', () => {
    expect(titles(ruleActions, `${header}  ingress: [\n`, API)).toEqual(['Show documentation for yaml-syntax']);
    expect(titles(ruleActions, `${header}--- {}\n`, API)).toEqual(['Show documentation for yaml-document-separator']);
  });

  it('a YAML duplicate key can be disabled too', () => {
    const before = `${header}  podSelector: {}\n`;
    const after = applyTitled(ruleActions, before, 'Disable yaml-duplicate-key', API);
    expect(after).toBe(`${header}  # netpol-disable-next-line yaml-duplicate-key\n  podSelector: {}\n`);
    expect(codesAfter(after, API)).toEqual([]);
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
