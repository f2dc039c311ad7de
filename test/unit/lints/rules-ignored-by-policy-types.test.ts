import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, messages, only, where } from './policyScope';

const ID = 'rules-ignored-by-policy-types';

describe('rules-ignored-by-policy-types', () => {
  it('reports egress rules that policyTypes leaves out, on the egress key', () => {
    const text = policy(`
      policyTypes: [Ingress]
      ingress:
        - from: [{ podSelector: {} }]
      egress:
        - to: [{ podSelector: {} }]
    `);
    expect(where(ID, text)).toEqual(['spec.egress => egress']);
    expect(messages(ID, text)).toEqual([
      'spec.policyTypes is [Ingress] and does not list Egress, so this egress rule has no effect: this policy does not restrict egress from the selected pods. ' +
        'Add Egress to policyTypes to enforce it, or delete `egress`',
    ]);
    expect(details(ID, text)).toEqual([{ missing: 'Egress' }]);
  });

  it('reports ingress rules that policyTypes leaves out, counting them', () => {
    const text = policy('policyTypes: [Egress]\ningress: [{}, { ports: [{ port: 80 }] }]');
    expect(where(ID, text)).toEqual(['spec.ingress => ingress']);
    expect(messages(ID, text)).toEqual([
      'spec.policyTypes is [Egress] and does not list Ingress, so these 2 ingress rules have no effect: this policy does not restrict ingress to the selected pods. ' +
        'Add Ingress to policyTypes to enforce them, or delete `ingress`',
    ]);
    expect(details(ID, text)).toEqual([{ missing: 'Ingress' }]);
  });

  it('quotes policyTypes as written, duplicates included', () => {
    expect(messages(ID, policy('policyTypes: [Ingress, Ingress]\negress: [{}]'))[0]).toMatch(
      /^spec\.policyTypes is \[Ingress, Ingress\] and/,
    );
  });

  it.each([
    ['an empty list of the left-out direction', 'policyTypes: [Ingress]\negress: []'],
    ['both directions listed', 'policyTypes: [Ingress, Egress]\ningress: [{}]\negress: [{}]'],
    ['computed policyTypes (egress rules add Egress)', 'egress: [{}]'],
    ['an empty policyTypes (computed)', 'policyTypes: []\negress: [{}]'],
  ])('accepts %s', (_name, spec) => {
    expect(codes(policy(spec), only(ID))).toEqual([]);
  });

  it('does not add to an invalid policyTypes (the API server rejects the policy)', () => {
    expect(codes(policy('policyTypes: [Ingress, egress]\negress: [{}]'), only(ID))).toEqual(['policy-types-value']);
    expect(codes(policy('policyTypes: [Ingress, Ingress, Ingress]\negress: [{}]'), only(ID))).toEqual(['policy-types-count']);
  });
});
