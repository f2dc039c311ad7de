import { describe, expect, it } from 'vitest';
import { detailsIn, docs, lintIn, netpol, reportedIn } from './workspace';

const ID = 'duplicate-policy';
const web = netpol('web', 'shop', 'podSelector: { matchLabels: { app: web } }\ningress: [{}]');
const webDeny = netpol('web', 'shop', 'podSelector: { matchLabels: { app: web } }');

describe('duplicate-policy', () => {
  it('reports two policies of the same name and namespace in one file, each naming the other', () => {
    const files = { 'a.yaml': docs(web, webDeny) };
    const found = lintIn(files, 'a.yaml', ID);
    expect(reportedIn(files, 'a.yaml', ID)).toEqual(['metadata.name => web', 'metadata.name => web']);
    expect(found.map((d) => d.severity)).toEqual([2, 2]);
    expect(found.map((d) => d.message)).toEqual([
      'Another NetworkPolicy named "web" in namespace "shop" is declared at a.yaml:13: whichever is applied last replaces the other, so only one of them takes effect',
      'Another NetworkPolicy named "web" in namespace "shop" is declared at a.yaml:4: whichever is applied last replaces the other, so only one of them takes effect',
    ]);
    expect(found.map((d) => d.document)).toEqual([0, 1]);
    expect(detailsIn(files, 'a.yaml', ID)).toEqual([{ others: ['a.yaml:13'] }, { others: ['a.yaml:4'] }]);
  });

  it('reports duplicates across files', () => {
    const files = { 'a.yaml': web, 'b.yaml': webDeny };
    expect(reportedIn(files, 'a.yaml', ID)).toEqual(['metadata.name => web']);
    expect(lintIn(files, 'a.yaml', ID)[0]?.message).toMatch(
      /^Another NetworkPolicy named "web" in namespace "shop" is declared at b\.yaml:4: /,
    );
    expect(lintIn(files, 'b.yaml', ID)[0]?.message).toMatch(/ is declared at a\.yaml:4: /);
  });

  it('does not count the policy itself', () => {
    expect(reportedIn({ 'a.yaml': web }, 'a.yaml', ID)).toEqual([]);
    expect(reportedIn({ 'a.yaml': web, 'b.yaml': netpol('api', 'shop', 'podSelector: {}') }, 'a.yaml', ID)).toEqual([]);
  });

  it('accepts the same name in other namespaces', () => {
    expect(
      reportedIn(
        { 'a.yaml': docs(web, netpol('web', 'blog', 'podSelector: {}'), netpol('web', undefined, 'podSelector: {}')) },
        'a.yaml',
        ID,
      ),
    ).toEqual([]);
  });

  it('places a policy without a namespace in the default namespace', () => {
    const text = docs(netpol('web', undefined, 'podSelector: {}'), netpol('web', 'default', 'podSelector: { matchLabels: { a: b } }'));
    expect(reportedIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual(['metadata.name => web', 'metadata.name => web']);
  });

  it('names every other copy when there are several', () => {
    const files = { 'a.yaml': web, 'b.yaml': webDeny, 'c.yaml': netpol('web', 'shop', 'podSelector: {}') };
    expect(lintIn(files, 'a.yaml', ID)[0]?.message).toBe(
      '2 other NetworkPolicies named "web" in namespace "shop" are declared at b.yaml:4, c.yaml:4: whichever is applied last replaces the others, so only one of them takes effect',
    );
  });

  it('lists every location of identical copies (it cannot tell which is this one)', () => {
    const files = { 'a.yaml': web, 'b.yaml': web };
    expect(reportedIn(files, 'a.yaml', ID)).toEqual(['metadata.name => web']);
    expect(lintIn(files, 'a.yaml', ID)[0]?.message).toBe(
      '2 NetworkPolicies named "web" in namespace "shop" are declared in the workspace, this one among them (at a.yaml:4, b.yaml:4): whichever is applied last replaces the other, so only one of them takes effect',
    );
  });

  it('ignores a copy that the API server rejects', () => {
    const broken = netpol('web', 'shop', 'ingress: [{ ports: [{ protocol: udp }] }]');
    expect(reportedIn({ 'a.yaml': web, 'b.yaml': broken }, 'a.yaml', ID)).toEqual([]);
  });
});
