import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, lint, messages, only, where } from './policyScope';

const ID = 'deny-all-direction';

describe('deny-all-direction', () => {
  it('reports an Egress entry without egress rules, on the entry', () => {
    const text = policy(`
      podSelector:
        matchLabels:
          app: api
      policyTypes:
        - Egress
    `);
    expect(where(ID, text)).toEqual(['spec.policyTypes[0] => Egress']);
    expect(messages(ID, text)).toEqual([
      'policyTypes lists Egress and there is no `egress`: all egress from pods with app=api in this namespace is denied, DNS lookups included, ' +
        'except what other policies selecting these pods allow. That is a default deny; if traffic should be allowed, add egress rules',
    ]);
    expect(details(ID, text)).toEqual([{ type: 'Egress' }]);
    expect(lint(ID, text)[0]?.severity).toBe(3);
  });

  it('reports each direction, for a missing and for an empty list', () => {
    const text = policy('podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress: []');
    expect(where(ID, text)).toEqual(['spec.policyTypes[0] => Ingress', 'spec.policyTypes[1] => Egress']);
    const [ingress, egress] = messages(ID, text);
    expect(ingress).toMatch(
      /^policyTypes lists Ingress and `ingress: \[\]` has no rules: all ingress to all pods in this namespace is denied, except what other policies/,
    );
    expect(egress).toMatch(
      /^policyTypes lists Egress and there is no `egress`: all egress from all pods in this namespace is denied, DNS lookups included/,
    );
    expect(details(ID, text)).toEqual([{ type: 'Ingress' }, { type: 'Egress' }]);
  });

  it('reports a duplicated entry once, on the first', () => {
    expect(where(ID, policy('policyTypes: [Egress, Egress]'))).toEqual(['spec.policyTypes[0] => Egress']);
  });

  it('reports only the direction without rules', () => {
    expect(where(ID, policy('policyTypes: [Ingress, Egress]\ningress: [{ from: [{ podSelector: {} }] }]'))).toEqual([
      'spec.policyTypes[1] => Egress',
    ]);
  });

  it.each([
    ['a direction with a rule', 'policyTypes: [Egress]\negress: [{ to: [{ podSelector: {} }] }]'],
    ['a direction with an allow-all rule', 'policyTypes: [Ingress]\ningress: [{}]'],
    ['computed policyTypes (implicit-policy-types)', 'podSelector: {}'],
    ['an empty policyTypes (computed)', 'policyTypes: []'],
  ])('accepts %s', (_name, spec) => {
    expect(codes(policy(spec), only(ID))).toEqual([]);
  });

  it('does not add to an invalid policyTypes (the API server rejects the policy)', () => {
    expect(codes(policy('policyTypes: [Egress, ingress]'), only(ID))).toEqual(['policy-types-value']);
  });
});
