import { describe, expect, it } from 'vitest';
import { codes, diagnose, policy, reported } from '../helpers';

const types = (list: string) => policy(`policyTypes: ${list}`);

describe('policy-types-count', () => {
  it.each(['[Ingress, Egress]', '[Egress, Ingress]', '[Ingress]', '[Egress]', '[]', 'null'])('accepts %s', (list) => {
    expect(codes(types(list))).toEqual([]);
  });

  it('accepts two entries even when they repeat (duplicates are not checked)', () => {
    expect(codes(types('[Egress, Egress]'))).toEqual([]);
    expect(codes(types('[Ingress, Ingress]'))).toEqual([]);
  });

  it('rejects three entries at spec.policyTypes, on the list', () => {
    expect(reported(types('[Ingress, Egress, Ingress]'), 'policy-types-count')).toEqual(['spec.policyTypes => [Ingress, Egress, Ingress]']);
    expect(diagnose(types('[Ingress, Egress, Ingress]'))[0]?.message).toContain('may not specify more than two policyTypes');
  });

  it('then does not check the entries', () => {
    expect(codes(types('[Ingress, egress, Foo]'))).toEqual(['policy-types-count']);
    expect(codes(types('[a, b, c, d]'))).toEqual(['policy-types-count']);
  });

  it('points at the whole value of a block list', () => {
    const text = policy(`
      policyTypes:
        - Ingress
        - Egress
        - Egress
    `);
    expect(reported(text, 'policy-types-count')).toEqual(['spec.policyTypes => - Ingress\n    - Egress\n    - Egress\n']);
  });
});

describe('policy-types-value', () => {
  it('accepts exactly Ingress and Egress', () => {
    expect(codes(types('[Ingress]'))).toEqual([]);
    expect(codes(types('["Egress"]'))).toEqual([]);
  });

  it.each(['ingress', 'EGRESS', 'Both', 'All', '""', 'null', '" Ingress"'])('rejects %s on the entry', (value) => {
    expect(reported(types(`[Ingress, ${value}]`), 'policy-types-value')).toEqual([`spec.policyTypes[1] => ${value}`]);
    expect(diagnose(types(`[Ingress, ${value}]`))[0]?.message).toMatch(/^Unsupported value: .*: supported values: "Ingress", "Egress"/);
  });

  it('suggests the case-sensitive spelling', () => {
    expect(diagnose(types('[egress]'))[0]?.message).toContain('write "Egress"');
  });

  it('reports each bad entry of a two-entry list', () => {
    expect(reported(types('[ingress, egress]'), 'policy-types-value')).toEqual([
      'spec.policyTypes[0] => ingress',
      'spec.policyTypes[1] => egress',
    ]);
  });

  it('a wrong-typed list or entry is invalid-type only', () => {
    expect(codes(types('Ingress'))).toEqual(['invalid-type']);
    expect(codes(types('[1]'))).toEqual(['invalid-type']);
    expect(codes(types('[Ingress, true]'))).toEqual(['invalid-type']);
  });
});
