import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, lint, messages, only, where } from './policyScope';

const ID = 'redundant-rule';
const WEB = '{ podSelector: { matchLabels: { app: web } } }';

const ingress = (...rules: string[]) => policy(`policyTypes: [Ingress]\ningress: [${rules.join(', ')}]`);

describe('redundant-rule', () => {
  it('reports the later of two equal rules, on the rule', () => {
    const text = policy(`
      policyTypes: [Ingress]
      ingress:
        - from: [${WEB}]
          ports: [{ port: 80 }]
        - ports: [{ port: 80 }]
          from: [${WEB}]
    `);
    expect(where(ID, text)).toEqual([`spec.ingress[1] => ports: [{ port: 80 }]\n      from: [${WEB}]\n`]);
    expect(messages(ID, text)).toEqual([
      'This rule allows exactly what spec.ingress[0] allows (the same sources and ports), so it has no effect. Delete it, or change it if it was meant to allow something else',
    ]);
    expect(details(ID, text)).toEqual([{ coveredBy: 0 }]);
    expect(lint(ID, text)[0]?.severity).toBe(3);
  });

  it('reports a rule covered by a later, broader one', () => {
    const text = ingress(`{ from: [${WEB}], ports: [{ port: 8080 }] }`, `{ from: [${WEB}], ports: [{ port: 8000, endPort: 8999 }] }`);
    expect(where(ID, text)).toEqual([`spec.ingress[0] => { from: [${WEB}], ports: [{ port: 8080 }] }`]);
    expect(messages(ID, text)).toEqual([
      "Everything this rule allows, spec.ingress[1] allows too (its from and ports include all of this rule's), so it has no effect. " +
        'Delete it, or change it if it was meant to allow something else',
    ]);
    expect(details(ID, text)).toEqual([{ coveredBy: 1 }]);
  });

  it.each([
    ['no `from` covers any peers', `{ from: [${WEB}], ports: [{ port: 80 }] }`, '{ ports: [{ port: 80 }] }'],
    [
      '`from: []` covers any peers',
      `{ from: [${WEB}, { ipBlock: { cidr: 192.0.2.0/24 } }], ports: [{ port: 80 }] }`,
      '{ from: [], ports: [{ port: 80 }] }',
    ],
    ['no `ports` covers all ports', `{ from: [${WEB}], ports: [{ protocol: SCTP, port: 9 }, { port: http }] }`, `{ from: [${WEB}] }`],
    [
      'a protocol without port covers its ports',
      `{ from: [${WEB}], ports: [{ port: http }, { port: 1, endPort: 65535 }] }`,
      `{ from: [${WEB}], ports: [{ protocol: TCP }] }`,
    ],
    ['an equal range', `{ ports: [{ port: 80, endPort: 90 }] }`, '{ ports: [{ port: 80, endPort: 90 }, { port: 443 }] }'],
    ['a subset of the peers', `{ from: [${WEB}] }`, `{ from: [{ podSelector: {} }, ${WEB}] }`],
    [
      'matchLabels and the equal expression',
      `{ from: [${WEB}] }`,
      '{ from: [{ podSelector: { matchExpressions: [{ key: app, operator: In, values: [web] }] } }] }',
    ],
    [
      'requirements and values in another order',
      '{ from: [{ namespaceSelector: { matchExpressions: [{ key: a, operator: In, values: [x, z] }, { key: b, operator: Exists }] } }] }',
      '{ from: [{ namespaceSelector: { matchExpressions: [{ key: b, operator: Exists }, { key: a, operator: In, values: [z, x] }] } }] }',
    ],
    [
      'except entries in another order',
      '{ from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16] } }] }',
      '{ from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.2.0.0/16, 10.1.0.0/16] } }] }',
    ],
  ])('reports a covered rule: %s', (_name, covered, covering) => {
    expect(where(ID, ingress(covering, covered)).map((line) => line.split(' => ')[0])).toEqual(['spec.ingress[1]']);
    expect(details(ID, ingress(covering, covered))).toEqual([{ coveredBy: 0 }]);
  });

  it.each([
    ['a broader selector (not compared)', `{ from: [${WEB}] }`, '{ from: [{ podSelector: {} }] }'],
    ['another protocol', '{ ports: [{ protocol: UDP, port: 53 }] }', '{ ports: [{ port: 53 }] }'],
    ['a named port next to a number', '{ ports: [{ port: http }] }', '{ ports: [{ port: 80 }] }'],
    ['overlapping ranges', '{ ports: [{ port: 80, endPort: 90 }] }', '{ ports: [{ port: 85, endPort: 95 }] }'],
    [
      'a podSelector alone next to the same podSelector in all namespaces',
      `{ from: [${WEB}] }`,
      '{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: web } } }] }',
    ],
    ['a cidr written differently', '{ from: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }', '{ from: [{ ipBlock: { cidr: 10.0.0.0/9 } }] }'],
    [
      'other except entries',
      '{ from: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }',
      '{ from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }] }',
    ],
  ])('accepts %s', (_name, a, b) => {
    expect(codes(ingress(a, b), only(ID))).toEqual([]);
    expect(codes(ingress(b, a), only(ID))).toEqual([]);
  });

  it('does not report a rule covered only by several rules together', () => {
    const text = ingress('{ ports: [{ port: 80 }, { port: 81 }] }', '{ ports: [{ port: 80 }] }', '{ ports: [{ port: 81 }] }');
    expect(where(ID, text).map((line) => line.split(' => ')[0])).toEqual(['spec.ingress[1]', 'spec.ingress[2]']);
  });

  it('reports every copy of a rule against the first', () => {
    const text = ingress('{ ports: [{ port: 80 }] }', '{ ports: [{ port: 80 }] }', '{ ports: [{ port: 80 }] }');
    expect(where(ID, text).map((line) => line.split(' => ')[0])).toEqual(['spec.ingress[1]', 'spec.ingress[2]']);
    expect(details(ID, text)).toEqual([{ coveredBy: 0 }, { coveredBy: 0 }]);
  });

  it('compares rules of the same direction only', () => {
    expect(
      codes(policy('policyTypes: [Ingress, Egress]\ningress: [{ ports: [{ port: 80 }] }]\negress: [{ ports: [{ port: 80 }] }]'), only(ID)),
    ).toEqual([]);
  });

  it('reports a peer written twice in one rule, on the later one', () => {
    const text = policy(`policyTypes: [Egress]\negress: [{ to: [${WEB}, { podSelector: {} }, ${WEB}] }]`);
    expect(where(ID, text)).toEqual([`spec.egress[0].to[2] => ${WEB}`]);
    expect(messages(ID, text)).toEqual([
      'This peer repeats spec.egress[0].to[0], so it has no effect. Delete it, or change it if it was meant to select something else',
    ]);
    expect(details(ID, text)).toEqual([{ duplicateOf: 0 }]);
  });

  it('does not check rules that policyTypes leaves out', () => {
    expect(codes(policy('policyTypes: [Ingress]\negress: [{ ports: [{ port: 80 }] }, { ports: [{ port: 80 }] }]'), only(ID))).toEqual([]);
  });
});
