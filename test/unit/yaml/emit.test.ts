import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../server/src/model/json';
import { emitYaml } from '../../../server/src/yaml/emit';
import { parseChunk } from '../../../server/src/yaml/parse';
import { DEFAULT_STYLE, type YamlStyle } from '../../../server/src/yaml/style';

/** What kubectl would read back from the emitted text. */
function readBack(text: string): Json | undefined {
  const parsed = parseChunk(text);
  expect(parsed.documents.flatMap((d) => d.problems)).toEqual([]);
  return parsed.documents[0]?.json;
}

const FOUR: YamlStyle = { indent: 4, indentSequences: true, eol: '\n' };

describe('emitYaml', () => {
  it('writes kubectl-style block YAML by default', () => {
    const text = emitYaml(
      { spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] } },
      DEFAULT_STYLE,
    );
    expect(text).toBe(
      [
        'spec:',
        '  podSelector: {}',
        '  policyTypes:',
        '  - Egress',
        '  egress:',
        '  - ports:',
        '    - protocol: UDP',
        '      port: 53',
        '',
      ].join('\n'),
    );
  });

  it('follows the indentation step, indented sequences, a base indent and CRLF', () => {
    const text = emitYaml({ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }, { ...FOUR, eol: '\r\n' }, 2);
    expect(text).toBe(['  to:', '      - podSelector:', '            matchLabels:', '                app: db', ''].join('\r\n'));
  });

  it('quotes strings kubectl would read as something else', () => {
    for (const value of [
      'yes',
      'on',
      'Off',
      'y',
      '8080',
      '0x1F',
      '1e3',
      '1_000',
      'null',
      '~',
      '',
      '.5',
      'a: b',
      'x #y',
      '-x',
      '*a',
      ' lead',
      'trail ',
    ]) {
      const text = emitYaml({ v: value }, DEFAULT_STYLE);
      expect(text, value).toBe(`v: ${JSON.stringify(value)}\n`);
      expect(readBack(text)).toEqual({ v: value });
    }
  });

  it('leaves ordinary names, label keys and CIDRs plain', () => {
    for (const value of ['networking.k8s.io/v1', 'app.kubernetes.io/name', 'k8s-app', '10.0.0.0/8', 'kube-dns', '2001_db8']) {
      expect(emitYaml({ v: value }, DEFAULT_STYLE)).toBe(`v: ${value}\n`);
    }
  });

  it('writes empty collections inline and scalars at the top level', () => {
    expect(emitYaml({}, DEFAULT_STYLE)).toBe('{}\n');
    expect(emitYaml([], DEFAULT_STYLE)).toBe('[]\n');
    expect(emitYaml({ a: [], b: {} }, DEFAULT_STYLE)).toBe('a: []\nb: {}\n');
    expect(emitYaml('yes', DEFAULT_STYLE)).toBe('"yes"\n');
  });

  it('round-trips any JSON value through our YAML reader, in every style', () => {
    const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.string(),
        fc.constantFrom('yes', '8080', 'a: b', '#x', '[x]', 'app', '10.0.0.0/8'),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const style = fc.record({
      indent: fc.integer({ min: 1, max: 8 }),
      indentSequences: fc.boolean(),
      eol: fc.constantFrom('\n' as const, '\r\n' as const),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json, { maxKeys: 5 }), style, (value, chosen) => {
        const read = readBack(emitYaml(value, chosen));
        expect(read).toEqual(Object.keys(value).length === 0 ? {} : value);
      }),
      { numRuns: 300 },
    );
  });
});
