import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, messages, only, where } from './policyScope';

const ID = 'peer-and-or-confusion';
const TEAM = '{ namespaceSelector: { matchLabels: { team: x } } }';
const DB = '{ podSelector: { matchLabels: { app: db } } }';

const from = (...peers: string[]) => policy(`policyTypes: [Ingress]\ningress:\n  - from: [${peers.join(', ')}]`);

describe('peer-and-or-confusion', () => {
  it('reports a namespaceSelector-only peer followed by a podSelector-only peer, on the second item', () => {
    const text = policy(`
      policyTypes: [Ingress]
      ingress:
        - from:
            - namespaceSelector:
                matchLabels:
                  team: x
            - podSelector:
                matchLabels:
                  app: db
    `);
    expect(where(ID, text)).toEqual(['spec.ingress[0].from[1] => podSelector:\n            matchLabels:\n              app: db\n']);
    expect(messages(ID, text)).toEqual([
      'These are two peers (OR): all pods in namespaces with team=x, or pods with app=db in this namespace. ' +
        'As one peer (AND) they would mean: pods with app=db in namespaces with team=x. ' +
        'For AND, write both selectors in one list item (delete the `-` before `podSelector`); ' +
        'if OR is meant, put the two peers in separate rules (with the same ports)',
    ]);
    expect(details(ID, text)).toEqual([{ first: 0, second: 1 }]);
  });

  it('reports the other order too, naming the readings in list order', () => {
    const text = from(DB, TEAM);
    expect(where(ID, text)).toEqual([`spec.ingress[0].from[1] => ${TEAM}`]);
    const [message] = messages(ID, text);
    expect(message).toContain('These are two peers (OR): pods with app=db in this namespace, or all pods in namespaces with team=x.');
    expect(message).toContain('As one peer (AND) they would mean: pods with app=db in namespaces with team=x.');
    expect(message).toContain('delete the `-` before `namespaceSelector`');
  });

  it('reports in egress `to` lists', () => {
    const text = policy(`policyTypes: [Egress]\negress:\n  - to: [${TEAM}, ${DB}]\n    ports: [{ port: 5432 }]`);
    expect(where(ID, text)).toEqual([`spec.egress[0].to[1] => ${DB}`]);
  });

  it('reports when the policyTypes are computed (Ingress is always included)', () => {
    expect(where(ID, policy(`ingress: [{ from: [${TEAM}, ${DB}] }]`))).toEqual([`spec.ingress[0].from[1] => ${DB}`]);
  });

  it.each([
    ['podSelector: {} alone (the whole own namespace) next to a namespaceSelector', [TEAM, '{ podSelector: {} }']],
    [
      'both selectors in one item (AND)',
      ['{ namespaceSelector: { matchLabels: { team: x } }, podSelector: { matchLabels: { app: db } } }'],
    ],
    ['an item with both selectors next to a podSelector-only item', ['{ namespaceSelector: {}, podSelector: {} }', DB]],
    ['two namespaceSelector-only items', [TEAM, '{ namespaceSelector: { matchLabels: { team: z } } }']],
    ['two podSelector-only items', [DB, '{ podSelector: { matchLabels: { app: web } } }']],
    ['items that are not next to each other', [TEAM, '{ ipBlock: { cidr: 192.0.2.0/24 } }', DB]],
    ['a namespaceSelector-only item next to an ipBlock', [TEAM, '{ ipBlock: { cidr: 192.0.2.0/24 } }']],
  ])('accepts %s', (_name, peers) => {
    expect(codes(from(...peers), only(ID))).toEqual([]);
  });

  it('accepts the two peers in separate rules (OR on purpose)', () => {
    expect(codes(policy(`policyTypes: [Ingress]\ningress: [{ from: [${TEAM}] }, { from: [${DB}] }]`), only(ID))).toEqual([]);
  });

  it('pairs each item at most once', () => {
    expect(where(ID, from(TEAM, DB, TEAM))).toEqual([`spec.ingress[0].from[1] => ${DB}`]);
    expect(where(ID, from(TEAM, DB, TEAM, DB))).toEqual([`spec.ingress[0].from[1] => ${DB}`, `spec.ingress[0].from[3] => ${DB}`]);
    expect(details(ID, from(TEAM, DB, TEAM, DB))).toEqual([
      { first: 0, second: 1 },
      { first: 2, second: 3 },
    ]);
  });

  it('describes an empty namespaceSelector, a namespace by name, and every operator', () => {
    expect(messages(ID, from('{ namespaceSelector: {} }', DB))[0]).toContain(
      'all pods in all namespaces, or pods with app=db in this namespace. As one peer (AND) they would mean: pods with app=db in all namespaces.',
    );
    expect(messages(ID, from('{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: mon } } }', DB))[0]).toContain(
      'all pods in namespace mon, or',
    );
    const expressions =
      '{ podSelector: { matchExpressions: [{ key: tier, operator: In, values: [a, b] }, { key: env, operator: NotIn, values: [dev] }, ' +
      '{ key: app, operator: Exists }, { key: canary, operator: DoesNotExist }] } }';
    expect(messages(ID, from(TEAM, expressions))[0]).toContain(
      'or pods with tier in (a, b) and env not in (dev) and a label app and no label canary in this namespace.',
    );
  });

  it('does not check rules that policyTypes leaves out', () => {
    expect(codes(policy(`policyTypes: [Ingress]\negress: [{ to: [${TEAM}, ${DB}] }]`), only(ID))).toEqual([]);
  });

  it('does not run on a policy the API server cannot read', () => {
    const text = policy(`ingress:\n  - from: [${TEAM}, ${DB}]\n  - from: [{ podSelector: { matchLabels: [] } }]`);
    expect(codes(text, only(ID))).toEqual(['invalid-type']);
  });
});
