import { describe, expect, it } from 'vitest';
import { codes, diagnose, policy, reported } from '../helpers';

const from = (peer: string) =>
  policy(`
    ingress:
      - from:
          - ${peer}
  `);

const to = (peer: string) =>
  policy(`
    policyTypes: [Egress]
    egress:
      - to:
          - ${peer}
  `);

describe('peer-empty', () => {
  it.each([
    '{ podSelector: {} }',
    '{ namespaceSelector: {} }',
    '{ ipBlock: { cidr: 10.0.0.0/8 } }',
    '{ podSelector: { matchLabels: { app: web } }, namespaceSelector: {} }', // AND of both: valid
  ])('accepts %s', (peer) => {
    expect(codes(from(peer))).toEqual([]);
    expect(codes(to(peer))).toEqual([]);
  });

  it('rejects {} in from, on the item', () => {
    expect(reported(from('{}'), 'peer-empty')).toEqual(['spec.ingress[0].from[0] => {}']);
    expect(diagnose(from('{}'))[0]?.message).toMatch(/^Required value: must specify a peer/);
  });

  it('rejects {} in to, on the item', () => {
    expect(reported(to('{}'), 'peer-empty')).toEqual(['spec.egress[0].to[0] => {}']);
    expect(diagnose(to('{}'))[0]?.message).toContain('leave out `to`');
  });

  it('rejects a null item (the zero NetworkPolicyPeer)', () => {
    expect(codes(from('null'))).toEqual(['peer-empty']);
    expect(reported(from('null'), 'peer-empty')).toEqual(['spec.ingress[0].from[0] => null']);
  });

  it('treats selectors set to null as absent', () => {
    expect(codes(from('{ podSelector: null, namespaceSelector: null, ipBlock: null }'))).toEqual(['peer-empty']);
  });

  it('a selector of the wrong type counts as set (invalid-type only, no cascade)', () => {
    expect(codes(from('{ podSelector: [] }'))).toEqual(['invalid-type']);
  });

  it('an item with only unknown fields is empty too', () => {
    expect(codes(from('{ podselector: {} }')).sort()).toEqual(['peer-empty', 'unknown-field']);
  });

  it('reports every empty item at its own index', () => {
    const text = policy(`
      ingress:
        - from: [{ podSelector: {} }, {}]
        - from: [{}]
      egress:
        - to: [{ namespaceSelector: {} }, { ipBlock: { cidr: 0.0.0.0/0 } }, {}]
    `);
    expect(reported(text, 'peer-empty')).toEqual([
      'spec.ingress[0].from[1] => {}',
      'spec.ingress[1].from[0] => {}',
      'spec.egress[0].to[2] => {}',
    ]);
  });

  it('accepts empty from/to lists and rules without peers (allow all)', () => {
    expect(codes(policy('ingress: [{ from: [] }]'))).toEqual([]);
    expect(codes(policy('ingress: [{}]'))).toEqual([]);
    expect(codes(policy('egress: [{ to: [] }]'))).toEqual([]);
  });
});

describe('peer-ipblock-exclusive', () => {
  it('accepts ipBlock alone, and ipBlock next to a selector as separate items', () => {
    expect(codes(from('{ ipBlock: { cidr: 10.0.0.0/8 } }'))).toEqual([]);
    const text = policy(`
      ingress:
        - from:
            - ipBlock: { cidr: 10.0.0.0/8 }
            - podSelector: {}
    `);
    expect(codes(text)).toEqual([]);
  });

  it.each([
    '{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }',
    '{ ipBlock: { cidr: 10.0.0.0/8 }, namespaceSelector: {} }',
    '{ podSelector: {}, namespaceSelector: {}, ipBlock: { cidr: 10.0.0.0/8 } }',
  ])('rejects %s once, at the peer, pointing at the ipBlock key', (peer) => {
    expect(reported(from(peer), 'peer-ipblock-exclusive')).toEqual(['spec.ingress[0].from[0] => ipBlock']);
    expect(reported(to(peer), 'peer-ipblock-exclusive')).toEqual(['spec.egress[0].to[0] => ipBlock']);
  });

  it('says Forbidden: may not specify both ipBlock and another peer', () => {
    expect(diagnose(from('{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }'))[0]?.message).toMatch(
      /^Forbidden: may not specify both ipBlock and another peer/,
    );
  });

  it('still validates the ipBlock and the selectors of such a peer', () => {
    const text = from('{ ipBlock: { cidr: 10.0.0.0/33 }, podSelector: { matchLabels: { app: "a b" } } }');
    expect(codes(text).sort()).toEqual(['ipblock-cidr-invalid', 'label-value', 'peer-ipblock-exclusive']);
  });

  it('counts an ipBlock of the wrong type as set', () => {
    expect(codes(from('{ ipBlock: 10.0.0.0/8, podSelector: {} }')).sort()).toEqual(['invalid-type', 'peer-ipblock-exclusive']);
  });

  it('does not count a null ipBlock', () => {
    expect(codes(from('{ ipBlock: null, podSelector: {} }'))).toEqual([]);
  });
});
