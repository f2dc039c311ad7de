import { describe, expect, it } from 'vitest';
import { validateText } from '../../../server/src/services/validation';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { codes, diagnose, offsetOf, policy, reported, settingsFor, yaml } from '../helpers';

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: test\n';

/** `depth` nested flow lists: [[[...]]]. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** The classic "billion laughs": 9 levels of 9 aliases each (9^9 strings once expanded). */
function billionLaughs(): string {
  const lines = [HEAD.trimEnd(), '  annotations:', '    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`    ${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\nspec: {}\n`;
}

describe('yaml-syntax', () => {
  it('accepts well-formed YAML in block and flow style', () => {
    expect(codes(policy('podSelector: {}'))).toEqual([]);
    expect(
      codes(
        '{ apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: { name: test }, spec: { ingress: [ { from: [ { podSelector: {} } ] } ] } }',
      ),
    ).toEqual([]);
  });

  it('reports an unclosed flow mapping', () => {
    const found = diagnose(`${HEAD}spec:\n  podSelector: {\n`);
    expect(found.map((d) => [d.code, d.path])).toEqual([['yaml-syntax', null]]);
  });

  it('reports an unclosed quote', () => {
    expect(codes(`${HEAD}spec:\n  podSelector: { matchLabels: { app: "web } }\n`)).toContain('yaml-syntax');
  });

  it('reports tabs used as indentation, at the tab', () => {
    const text = `${HEAD}spec:\n\tpodSelector: {}\n`;
    const syntax = diagnose(text).filter((d) => d.code === 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]?.text).toBe('\t');
    expect(syntax[0]?.start).toBe(offsetOf(text, '\t'));
  });

  it('reports a key without its colon in a NetworkPolicy (the partial document has no kind)', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind NetworkPolicy\nmetadata:\n  name: test\n';
    const found = diagnose(text);
    expect(found.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(found[0]?.start).toBe(offsetOf(text, 'kind NetworkPolicy'));
  });

  it('reports bad indentation', () => {
    expect(codes(`${HEAD}spec:\n  podSelector: {}\n policyTypes: [Ingress]\n`)).toContain('yaml-syntax');
  });

  it('can be turned off (another extension reports syntax errors)', () => {
    expect(codes(`${HEAD}spec:\n  podSelector: {\n`, { yamlSyntaxErrors: false })).toEqual([]);
  });

  it('says nothing about files without a NetworkPolicy, even broken ones', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: [\n';
    expect(diagnose(deployment)).toEqual([]);
    expect(diagnose('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "unclosed\n')).toEqual([]);
    expect(diagnose('just: [broken\n- yaml\n\t{{ .Values.x }}\n')).toEqual([]);
    expect(diagnose('key: value\n  bad: indent\n')).toEqual([]);
  });
});

describe('yaml-duplicate-key', () => {
  it('accepts distinct keys', () => {
    expect(codes(policy('podSelector: { matchLabels: { a: x, b: x2, "1": z } }'))).toEqual([]);
  });

  it('rejects a repeated key, pointing at the second one; the last value wins', () => {
    const text = `${HEAD}spec: { policyTypes: [Bad] }\nspec: {}\n`;
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual(['yaml-duplicate-key null => spec']);
    expect(found[0]?.start).toBe(offsetOf(text, 'spec', 1));
  });

  it('compares keys as JSON keys: yes and true are both "true", 1 and "1" both "1"', () => {
    expect(codes(policy('podSelector: { matchLabels: { yes: a, true: b } }'))).toEqual(['yaml-duplicate-key']);
    expect(codes(policy('podSelector: { matchLabels: { 1: a, "1": b } }'))).toEqual(['yaml-duplicate-key']);
    expect(codes(policy('podSelector: { matchLabels: { 010: a, "8": b } }'))).toEqual(['yaml-duplicate-key']);
  });

  it('is reported in nested mappings too', () => {
    const text = policy(`
      ingress:
        - ports:
            - port: 80
              port: 443
    `);
    expect(diagnose(text).map((d) => `${d.code} => ${d.text}`)).toEqual(['yaml-duplicate-key => port']);
  });
});

describe('yaml-conversion', () => {
  it.each([
    ['.nan', '.nan'],
    ['.inf', '.inf'],
    ['-.Inf', '-.Inf'],
  ])('rejects %s, which JSON cannot represent', (value, text) => {
    const doc = policy(`podSelector: { matchLabels: { a: ${value} } }`);
    expect(reported(doc, 'yaml-conversion')).toEqual([`(yaml) => ${text}`]);
    // The document is not analysed further.
    expect(codes(doc)).toEqual(['yaml-conversion']);
  });

  it('rejects a null mapping key', () => {
    expect(reported(policy('podSelector: { ~: x }'), 'yaml-conversion')).toEqual(['(yaml) => ~']);
    expect(reported(policy('podSelector: { null: x }'), 'yaml-conversion')).toEqual(['(yaml) => null']);
  });

  it('rejects a mapping or sequence as a key', () => {
    expect(reported(policy('? [a, b]\n: x'), 'yaml-conversion')).toEqual(['(yaml) => [a, b]']);
  });

  it('rejects an unknown alias', () => {
    expect(reported(policy('podSelector: *nope'), 'yaml-conversion')).toEqual(['(yaml) => *nope']);
  });

  it('rejects a value that contradicts its explicit tag', () => {
    const text = policy('ingress: [{ ports: [{ port: !!int http }] }]');
    expect(reported(text, 'yaml-conversion')).toEqual(['(yaml) => http']);
    expect(diagnose(text)[0]?.message).toContain('cannot decode !!str `http` as a !!int');
  });

  it('accepts tags that fit their value', () => {
    expect(codes(policy('ingress: [{ ports: [{ port: !!int "80", protocol: !!str TCP }] }]'))).toEqual([]);
    expect(codes(policy('podSelector: { matchLabels: { version: !!str 1.0 } }'))).toEqual([]);
    // The non-specific tag makes a string: a port name, not a number.
    expect(reported(policy('ingress: [{ ports: [{ port: ! 80 }] }]'), 'port-name')).toEqual(['spec.ingress[0].ports[0].port => 80']);
  });

  it('rejects a merge of something that is not a map', () => {
    expect(codes(policy('podSelector: { <<: [a] }'))).toEqual(['yaml-conversion']);
  });

  it('says nothing about conversion problems in other kinds of document', () => {
    expect(diagnose('apiVersion: v1\nkind: ConfigMap\ndata:\n  ratio: .nan\n  ref: *nope\n  ~: x\n')).toEqual([]);
  });
});

describe('yaml-alias-limit', () => {
  it('accepts ordinary anchor reuse', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: test }
      spec:
        podSelector: &web { matchLabels: { app: web } }
        ingress:
          - from: [{ podSelector: *web }, { podSelector: *web }]
            ports: &ports [{ port: 80 }, { port: 443 }]
        egress:
          - to: [{ podSelector: *web }]
            ports: *ports
    `;
    expect(codes(text)).toEqual([]);
  });

  it('accepts 150 aliases of a small map (well under the ratio)', () => {
    const items = Array.from({ length: 150 }, () => '      - *p').join('\n');
    const text = `${HEAD}spec:\n  ingress:\n    - ports:\n      - &p { port: 80 }\n${items}\n`;
    expect(codes(text)).toEqual([]);
  });

  it('rejects a billion-laughs bomb quickly, with one diagnostic and no analysis', () => {
    const started = Date.now();
    const found = diagnose(billionLaughs());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(found.map((d) => d.code)).toEqual(['yaml-alias-limit']);
    expect(found[0]?.text.startsWith('*')).toBe(true);
  });

  it('says nothing about a bomb that is not a NetworkPolicy', () => {
    expect(diagnose(billionLaughs().replace('kind: NetworkPolicy', 'kind: ConfigMap'))).toEqual([]);
  });
});

describe('yaml-depth-limit', () => {
  /** A policy with a deeply nested value where anything goes (managedFields[].fieldsV1). */
  const deep = (depth: number) => `${HEAD}  managedFields:\n    - operation: Apply\n      fieldsV1: ${nested(depth)}\nspec: {}\n`;

  it('accepts deep but sane nesting', () => {
    expect(codes(deep(100))).toEqual([]);
    expect(codes(deep(480))).toEqual([]);
  });

  it('rejects nesting beyond the limit with one diagnostic', () => {
    expect(codes(deep(600))).toEqual(['yaml-depth-limit']);
    expect(codes(deep(5000))).toEqual(['yaml-depth-limit']);
  });
});

describe('characters and line breaks', () => {
  it.each(['\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\ufffe'])('rejects the control character %j, at the character', (ch) => {
    const text = `${HEAD}  labels: { app: "we${ch}b" }\nspec: {}\n`;
    const found = diagnose(text);
    expect(found.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(found[0]?.text).toBe(ch);
    expect(found[0]?.message).toContain(`U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  });

  it('accepts tab in a quoted value, NEL and non-ASCII text', () => {
    expect(codes(`${HEAD}  annotations: { note: "a\tb\u0085c", owner: "Zoë 😀" }\nspec: {}\n`)).toEqual([]);
  });

  it('locates errors in a CRLF file', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n  name: Bad\r\nspec:\r\n  policyTypes: [ingress]\r\n';
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'metadata-name metadata.name => Bad',
      'policy-types-value spec.policyTypes[0] => ingress',
    ]);
  });

  it('reads a file with lone CR line breaks like any other', () => {
    const text = 'apiVersion: networking.k8s.io/v1\rkind: NetworkPolicy\rmetadata:\r  name: Bad\rspec:\r  policyTypes: [ingress]\r';
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'metadata-name metadata.name => Bad',
      'policy-types-value spec.policyTypes[0] => ingress',
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('ends a yaml-syntax range at the end of its line, never after it (%s)', (_, eol) => {
    // The parser reports the sequence used as a key at the line break after `policyTypes:`.
    const text = `${HEAD}spec:\n  policyTypes:\n\t   - Ingress\n  podSelector: {}\n`.replace(/\n/g, eol);
    const lines = text.split(/\r\n|\r|\n/);
    const { result } = validateText(text, settingsFor());
    const syntax = result.diagnostics.filter((d) => d.code === 'yaml-syntax');
    const atBreak = syntax.find(
      (d) => typeof d.message === 'string' && d.message.startsWith('A block sequence may not be used as an implicit map key'),
    );
    const keyLine = lines.indexOf('  policyTypes:');
    expect(atBreak?.range).toEqual({ start: { line: keyLine, character: 14 }, end: { line: keyLine, character: 14 } });
    for (const { range } of syntax) {
      expect(range.start.character).toBeLessThanOrEqual(lines[range.start.line]!.length);
      expect(range.end.character).toBeLessThanOrEqual(lines[range.end.line]!.length);
      // A range that runs on to the next line ends after content there, not at its first column.
      if (range.end.line > range.start.line) expect(range.end.character).toBeGreaterThan(0);
    }
  });

  it('converts an offset between the CR and the LF of a line break to the end of its line', () => {
    const lines = new LineIndex('ab\r\ncd');
    expect(lines.positionAt(2)).toEqual({ line: 0, character: 2 });
    expect(lines.positionAt(3)).toEqual({ line: 0, character: 2 });
    expect(lines.positionAt(4)).toEqual({ line: 1, character: 0 });
  });

  it('ignores a byte order mark', () => {
    const text = `\ufeff${HEAD.replace('name: test', 'name: Bad')}spec: {}\n`;
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} => ${d.text}`)).toEqual(['metadata-name => Bad']);
    expect(found[0]?.start).toBe(offsetOf(text, 'Bad'));
  });

  it('locates errors after non-ASCII and astral characters (UTF-16 positions)', () => {
    const text = `${HEAD}  annotations: { note: "😀 é 中" }\n  labels: { app: "😀" }\nspec: {}\n`;
    const [d] = diagnose(text);
    expect(d?.code).toBe('metadata-labels');
    expect(d?.text).toBe('"😀"');
    expect(d?.start).toBe(offsetOf(text, '"😀"'));
  });
});

describe('anchors, aliases and merge keys', () => {
  it('validates merged values and lets explicit keys after the merge override', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: test }
      spec:
        ingress:
          - ports:
              - &tcp { protocol: TCP, port: 80 }
              - <<: *tcp
                protocol: udp
              - <<: [*tcp, { endPort: 79 }]
    `;
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'port-protocol spec.ingress[0].ports[1].protocol => udp',
      'end-port-order spec.ingress[0].ports[2].endPort => 79',
    ]);
  });

  it('points errors in aliased maps at the anchored node', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: test }
      spec:
        ingress:
          - ports:
              - &bad { port: 0 }
        egress:
          - ports:
              - *bad
    `;
    const found = diagnose(text);
    expect(found.map((d) => d.path)).toEqual(['spec.ingress[0].ports[0].port', 'spec.egress[0].ports[0].port']);
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, '0 }'), offsetOf(text, '0 }')]);
  });

  it('points errors in merged keys at the anchored key', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: test }
      spec:
        ingress:
          - ports:
              - &base { port: 80, protocl: TCP }
              - <<: *base
    `;
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} ${d.path}`)).toEqual([
      'unknown-field spec.ingress[0].ports[0].protocl',
      'unknown-field spec.ingress[0].ports[1].protocl',
    ]);
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, 'protocl'), offsetOf(text, 'protocl')]);
  });

  it('a scalar alias is resolved to its anchor value', () => {
    const text = policy(`
      ingress:
        - ports:
            - { port: &p 8080, endPort: *p }
            - { port: &n http, endPort: 9000 }
    `);
    expect(diagnose(text).map((d) => `${d.code} ${d.path}`)).toEqual(['end-port-requires-numeric-port spec.ingress[0].ports[1].endPort']);
  });
});

describe('file-too-large', () => {
  it('analyses a file up to the size limit', () => {
    const text = `${HEAD.replace('name: test', 'name: Bad')}spec: {}\n`;
    expect(codes(text, { maxFileSize: text.length })).toEqual(['metadata-name']);
  });

  it('does not analyse a larger file: one information diagnostic at the start', () => {
    const text = `${HEAD.replace('name: test', 'name: Bad')}spec: {}\n`;
    const found = diagnose(text, { maxFileSize: text.length - 1 });
    expect(found.map((d) => `${d.code} ${d.start}-${d.end} ${d.severity}`)).toEqual(['file-too-large 0-0 3']);
  });
});

describe('multi-document files', () => {
  it('numbers documents and keeps positions across chunks and ... markers', () => {
    const text = yaml`
      # leading comment
      apiVersion: v1
      kind: Service
      metadata: { name: Svc }
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: First }
      ...
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: Second }
    `;
    const found = diagnose(text);
    expect(found.map((d) => `${d.document} ${d.path} => ${d.text}`)).toEqual(['1 metadata.name => First', '2 metadata.name => Second']);
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, 'First'), offsetOf(text, 'Second')]);
  });

  it('keeps a --- at column 0 from ending a block scalar early: it starts a new document', () => {
    const text = `${HEAD}  annotations:\n    note: |\n      text\n---\n      more\n`;
    // The second document is just the scalar "more": not a NetworkPolicy.
    expect(codes(text)).toEqual([]);
  });
});
