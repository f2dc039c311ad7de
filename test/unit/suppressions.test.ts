import { describe, expect, it } from 'vitest';
import { diagnose, policy } from './helpers';

const lints = { lints: true };
/** A policy with two lint findings: no namespace, and an ingress rule that admits every source. */
const TWO = (comment: string) =>
  policy(`
    podSelector: {}
    policyTypes: [Ingress]
    ingress:
      ${comment}
      - ports: [{ port: 80 }]
  `);

describe('suppression comments', () => {
  it('reports both lints without a comment', () => {
    expect(diagnose(TWO('# nothing'), lints).map((d) => d.code)).toEqual(['missing-namespace', 'allow-all-sources']);
  });

  it('netpol-disable-next-line turns a rule off on the next line only', () => {
    expect(diagnose(TWO('# netpol-disable-next-line allow-all-sources'), lints).map((d) => d.code)).toEqual(['missing-namespace']);
    // Another rule id on that line does not suppress it.
    expect(diagnose(TWO('# netpol-disable-next-line peer-and-or-confusion'), lints).map((d) => d.code)).toEqual([
      'missing-namespace',
      'allow-all-sources',
    ]);
  });

  it('takes several ids separated by commas', () => {
    const text = TWO('# netpol-disable-next-line peer-and-or-confusion, allow-all-sources');
    expect(diagnose(text, lints).map((d) => d.code)).toEqual(['missing-namespace']);
  });

  it('netpol-disable turns rules off in the whole document, wherever the comment is', () => {
    const text = `${TWO('# ok')}# netpol-disable missing-namespace,allow-all-sources\n`;
    expect(diagnose(text, lints)).toEqual([]);
  });

  it('netpol-disable above the first document of a file applies to it', () => {
    const text = `# netpol-disable missing-namespace, allow-all-sources\n${TWO('# ok')}---\n${TWO('# nothing')}`;
    expect(diagnose(text, lints).map((d) => `${d.document} ${d.code}`)).toEqual(['1 missing-namespace', '1 allow-all-sources']);
  });

  it('netpol-disable applies to its own document only', () => {
    const text = `${TWO('# netpol-disable allow-all-sources')}---\n${TWO('# nothing')}`;
    expect(diagnose(text, lints).map((d) => `${d.document} ${d.code}`)).toEqual([
      '0 missing-namespace',
      '1 missing-namespace',
      '1 allow-all-sources',
    ]);
  });

  it('does not turn API errors off: the comment gets a warning of its own', () => {
    const text = policy(`
      podSelector: {}
      ingress:
        - ports:
            # netpol-disable-next-line port-protocol
            - protocol: tcp
    `);
    const found = diagnose(text, { severities: { 'invalid-suppression': 'warning' } });
    expect(found.map((d) => `${d.code} ${d.text}`)).toEqual(['invalid-suppression port-protocol', 'port-protocol tcp']);
    expect(found[0]!.message).toBe('port-protocol cannot be disabled: the API server rejects this.');
    expect(found[0]!.severity).toBe(2);
    const wholeDocument = `# netpol-disable unknown-field, yaml-duplicate-key\n${policy('podselector: {}')}`;
    expect(diagnose(wholeDocument, { severities: { 'invalid-suppression': 'warning' } }).map((d) => `${d.code} ${d.text}`)).toEqual([
      'invalid-suppression unknown-field',
      'invalid-suppression yaml-duplicate-key',
      'unknown-field podselector',
    ]);
  });

  it('says when an id names no rule, with the closest one', () => {
    const found = diagnose(TWO('# netpol-disable-next-line allow-all-source'), lints);
    expect(found.map((d) => d.code)).toEqual(['missing-namespace', 'invalid-suppression', 'allow-all-sources']);
    expect(found[1]!.message).toBe(
      '"allow-all-source" is not a rule id, so this comment disables nothing. Did you mean allow-all-sources?',
    );
  });
});
