import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, messages, only, where } from './policyScope';

const ID = 'all-namespaces-peer';
const HINT =
  'Select the namespaces you mean (by name: matchLabels with kubernetes.io/metadata.name), or leave out namespaceSelector for pods of this namespace only';

const from = (peer: string) => policy(`policyTypes: [Ingress]\ningress: [{ from: [{ podSelector: {} }, ${peer}] }]`);

describe('all-namespaces-peer', () => {
  it('reports `namespaceSelector: {}` alone on the selector: every pod of the cluster', () => {
    const text = policy(`
      policyTypes: [Ingress]
      ingress:
        - from:
            - namespaceSelector: {}
    `);
    expect(where(ID, text)).toEqual(['spec.ingress[0].from[0].namespaceSelector => {}']);
    expect(messages(ID, text)).toEqual([
      `This namespaceSelector has no conditions, so it selects every namespace: this peer admits traffic from all pods in all namespaces of the cluster. ${HINT}`,
    ]);
    expect(details(ID, text)).toEqual([{ rule: 0, peer: 0 }]);
  });

  it('with a podSelector: the matching pods of every namespace', () => {
    const text = from('{ namespaceSelector: {}, podSelector: { matchLabels: { app: prometheus } } }');
    expect(where(ID, text)).toEqual(['spec.ingress[0].from[1].namespaceSelector => {}']);
    expect(messages(ID, text)[0]).toContain('this peer admits traffic from pods with app=prometheus in all namespaces of the cluster.');
    expect(messages(ID, from('{ namespaceSelector: {}, podSelector: {} }'))[0]).toContain(
      'from all pods in all namespaces of the cluster.',
    );
  });

  it('reports selectors without conditions written otherwise', () => {
    expect(where(ID, from('{ namespaceSelector: { matchLabels: {} } }'))).toEqual([
      'spec.ingress[0].from[1].namespaceSelector => { matchLabels: {} }',
    ]);
    expect(where(ID, from('{ namespaceSelector: { matchExpressions: [] } }'))).toEqual([
      'spec.ingress[0].from[1].namespaceSelector => { matchExpressions: [] }',
    ]);
  });

  it('reports egress peers, as destinations', () => {
    const text = policy('policyTypes: [Egress]\negress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 443 }] }]');
    expect(where(ID, text)).toEqual(['spec.egress[0].to[0].namespaceSelector => {}']);
    expect(messages(ID, text)[0]).toContain('this peer allows traffic to all pods in all namespaces of the cluster.');
  });

  it.each([
    ['a namespaceSelector with labels', '{ namespaceSelector: { matchLabels: { team: x } } }'],
    ['a namespaceSelector with an expression', '{ namespaceSelector: { matchExpressions: [{ key: team, operator: Exists }] } }'],
    ['a podSelector alone (own namespace)', '{ podSelector: {} }'],
    ['an ipBlock', '{ ipBlock: { cidr: 0.0.0.0/0 } }'],
  ])('accepts %s', (_name, peer) => {
    expect(codes(from(peer), only(ID))).toEqual([]);
  });

  it('does not check rules that policyTypes leaves out', () => {
    expect(codes(policy('policyTypes: [Egress]\ningress: [{ from: [{ namespaceSelector: {} }] }]'), only(ID))).toEqual([]);
  });
});
