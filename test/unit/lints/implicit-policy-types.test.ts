import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, lint, messages, only, where } from './policyScope';

const ID = 'implicit-policy-types';

describe('implicit-policy-types', () => {
  it('reports a policy without policyTypes and egress rules on the spec key: [Ingress], egress NOT restricted', () => {
    const text = policy('podSelector: {}\ningress: [{ from: [{ podSelector: {} }] }]');
    expect(where(ID, text)).toEqual(['spec.policyTypes => spec']);
    expect(messages(ID, text)).toEqual([
      'spec.policyTypes is not written, so Kubernetes computes [Ingress]. ' +
        'Ingress is always included: the selected pods accept only the ingress that an ingress rule (of this or another policy) allows. ' +
        'Egress is NOT included, so this policy does NOT restrict egress from the selected pods ' +
        '(Egress is added only when there is at least one egress rule; `egress: []` does not add it). ' +
        'Write `policyTypes: [Ingress]` to make this visible, or `policyTypes: [Ingress, Egress]` to restrict egress too (with no egress rules, that denies all egress)',
    ]);
    expect(details(ID, text)).toEqual([{ computed: ['Ingress'] }]);
    expect(lint(ID, text)[0]?.severity).toBe(3);
  });

  it('says that `egress: []` does not add Egress, and that no ingress rules deny all ingress', () => {
    const text = policy('podSelector: {}\negress: []');
    const [message] = messages(ID, text);
    expect(message).toContain(
      'Ingress is always included, and with no ingress rules this policy denies all ingress to the selected pods (unless another policy allows it).',
    );
    expect(message).toContain(
      'Egress is NOT included, so this policy does NOT restrict egress from the selected pods: `egress: []` does not add Egress (only an egress rule does).',
    );
    expect(details(ID, text)).toEqual([{ computed: ['Ingress'] }]);
  });

  it('computes [Ingress, Egress] with egress rules; an egress-only policy also denies all ingress', () => {
    const text = policy('podSelector: {}\negress: [{ to: [{ podSelector: {} }] }]');
    expect(messages(ID, text)).toEqual([
      'spec.policyTypes is not written, so Kubernetes computes [Ingress, Egress]. ' +
        'Ingress is always included, and with no ingress rules this policy denies all ingress to the selected pods (unless another policy allows it); ' +
        'Egress is included because there are egress rules. ' +
        'If only egress was meant to be restricted, write `policyTypes: [Egress]`; otherwise write `policyTypes: [Ingress, Egress]` to make this visible',
    ]);
    expect(details(ID, text)).toEqual([{ computed: ['Ingress', 'Egress'] }]);
  });

  it('with rules for both directions', () => {
    const [message] = messages(ID, policy('ingress: [{}]\negress: [{}]'));
    expect(message).toMatch(/^spec\.policyTypes is not written, so Kubernetes computes \[Ingress, Egress\]\. Ingress is always included: /);
    expect(message).toMatch(/Write `policyTypes: \[Ingress, Egress\]` to make this visible$/);
  });

  it('reports `policyTypes: []` (defaulted the same way) on its key', () => {
    const text = policy('podSelector: {}\npolicyTypes: []');
    expect(where(ID, text)).toEqual(['spec.policyTypes => policyTypes']);
    expect(messages(ID, text)[0]).toMatch(/^spec\.policyTypes is empty, so Kubernetes computes \[Ingress\]\. /);
  });

  it.each(['policyTypes: [Ingress]', 'policyTypes: [Egress]', 'policyTypes: [Ingress, Egress]\negress: []'])('accepts %s', (spec) => {
    expect(codes(policy(`podSelector: {}\n${spec}`), only(ID))).toEqual([]);
  });
});
