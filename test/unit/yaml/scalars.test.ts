import { describe, expect, it } from 'vitest';
import { resolveKey, resolveScalar, type ScalarValue } from '../../../server/src/yaml/scalars';

const STR = 'tag:yaml.org,2002:str';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const BOOL = 'tag:yaml.org,2002:bool';
const NULL = 'tag:yaml.org,2002:null';

function plain(text: string): ScalarValue {
  const resolved = resolveScalar(text, 'plain', undefined);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.value;
}

describe('resolveScalar: plain scalars as go-yaml v2 (YAML 1.1) resolves them', () => {
  it.each(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])('%s is true', (text) => {
    expect(plain(text)).toBe(true);
  });

  it.each(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])('%s is false', (text) => {
    expect(plain(text)).toBe(false);
  });

  it.each(['yES', 'oN', 'tRUE', 'nO', 'oFF', 'Y ', 'yess', 'enabled'])('%j stays a string (not in the table)', (text) => {
    expect(plain(text)).toBe(text);
  });

  it.each(['', '~', 'null', 'Null', 'NULL'])('%j is null', (text) => {
    expect(plain(text)).toBeNull();
  });

  it.each(['nULL', 'nil', 'None'])('%s stays a string', (text) => {
    expect(plain(text)).toBe(text);
  });

  it.each([
    ['0', 0],
    ['-0', 0],
    ['42', 42],
    ['+12', 12],
    ['-12', -12],
    ['010', 8], // octal
    ['0777', 511],
    ['00', 0],
    ['0o17', 15],
    ['0O17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['-0x1F', -31],
    ['0b101', 5],
    ['-0b101', -5],
    ['1_000', 1000],
    ['1__0', 10],
    ['0x_1F', 31],
    ['1_000_', 1000], // every underscore goes, wherever it is
    ['65536', 65536],
    ['2147483648', 2147483648],
    ['18446744073709551615', 2 ** 64], // uint64 (the nearest double)
  ])('%s is the integer %d', (text, value) => {
    expect(plain(text)).toBe(value);
  });

  it.each([
    ['08', 8], // not octal: ParseInt fails, the YAML float pattern matches
    ['09.5', 9.5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5', 1.5],
    ['1.', 1],
    ['1.e2', 100],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['+.5', 0.5],
    ['1_0.5', 10.5],
    ['80.0', 80],
    ['1e-400', 0], // underflow is not an error in ParseFloat
    ['18446744073709551616', 2 ** 64], // beyond uint64: a float
    ['-9223372036854775809', -(2 ** 63)], // beyond int64: a float
  ])('%s is the float %d', (text, value) => {
    expect(plain(text)).toBe(value);
  });

  it('-0.0 is a negative zero float', () => {
    expect(Object.is(plain('-0.0'), -0)).toBe(true);
  });

  it.each([
    ['.inf', Infinity],
    ['.Inf', Infinity],
    ['.INF', Infinity],
    ['+.inf', Infinity],
    ['-.inf', -Infinity],
    ['-.Inf', -Infinity],
  ])('%s is %d', (text, value) => {
    expect(plain(text)).toBe(value);
  });

  it.each(['.nan', '.NaN', '.NAN'])('%s is NaN', (text) => {
    expect(plain(text)).toBeNaN();
  });

  it.each([
    '2024-01-01', // a timestamp decodes into interface{} as its text
    '2024-01-01T10:00:00Z',
    '2024-1-2',
    '12:30', // no base-60 numbers
    '1:20:30',
    '1.2.3',
    '10.0.0.0/8',
    '0x',
    '0b2',
    '0o8',
    '0x1.8p1', // hex floats are not YAML floats
    '1e400', // out of float64 range: ParseFloat fails
    '.Nan',
    '.infinity',
    'inf',
    'NaN',
    '.',
    '+',
    '1,000',
    '80/TCP',
    'http',
    'TCP',
    '6443-6444',
  ])('%j stays a string', (text) => {
    expect(plain(text)).toBe(text);
  });

  it('quoted and block scalars are strings whatever they look like', () => {
    for (const text of ['yes', '123', '010', '', '~', '.inf', '1e3', 'null']) {
      expect(resolveScalar(text, 'quoted', undefined)).toEqual({ ok: true, value: text });
      expect(resolveScalar(text, 'block', undefined)).toEqual({ ok: true, value: text });
    }
  });
});

describe('resolveScalar: explicit tags', () => {
  it.each([
    [STR, '123', 'plain', '123'],
    [STR, 'true', 'plain', 'true'],
    [STR, '', 'plain', ''],
    [STR, '~', 'plain', '~'],
    [INT, '123', 'plain', 123],
    [INT, '0x1F', 'plain', 31],
    [INT, '12', 'quoted', 12], // !!int "12": the tag wins over the quotes
    [FLOAT, '1.5', 'plain', 1.5],
    [FLOAT, '1', 'plain', 1], // an integer is accepted as a float
    [FLOAT, '1e3', 'quoted', 1000],
    [BOOL, 'yes', 'plain', true],
    [BOOL, 'off', 'quoted', false],
    [NULL, '~', 'plain', null],
    [NULL, '', 'plain', null],
  ] as const)('%s %j (%s) is %j', (tag, text, style, value) => {
    expect(resolveScalar(text, style, tag)).toEqual({ ok: true, value });
  });

  it.each([
    [INT, 'abc', 'cannot decode !!str `abc` as a !!int'],
    [INT, '1.5', 'cannot decode !!float `1.5` as a !!int'],
    [INT, '', 'cannot decode !!null `` as a !!int'],
    [INT, 'yes', 'cannot decode !!bool `yes` as a !!int'],
    [FLOAT, 'abc', 'cannot decode !!str `abc` as a !!float'],
    [BOOL, '1', 'cannot decode !!int `1` as a !!bool'],
    [BOOL, 'maybe', 'cannot decode !!str `maybe` as a !!bool'],
    [NULL, 'x', 'cannot decode !!str `x` as a !!null'],
  ])('%s %j is an error', (tag, text, message) => {
    expect(resolveScalar(text, 'plain', tag)).toEqual({ ok: false, message });
  });

  it('the non-specific tag ! keeps any scalar a string (go-yaml does not resolve it)', () => {
    expect(resolveScalar('123', 'plain', '!')).toEqual({ ok: true, value: '123' });
    expect(resolveScalar('true', 'plain', '!')).toEqual({ ok: true, value: 'true' });
    expect(resolveScalar('~', 'plain', '!')).toEqual({ ok: true, value: '~' });
    expect(resolveScalar('x', 'quoted', '!')).toEqual({ ok: true, value: 'x' });
  });

  it('an unknown (local) tag keeps the scalar a string', () => {
    expect(resolveScalar('12', 'plain', '!port')).toEqual({ ok: true, value: '12' });
    expect(resolveScalar('yes', 'plain', 'tag:example.com,2024:thing')).toEqual({ ok: true, value: 'yes' });
  });
});

describe('resolveKey: JSON object keys as sigs.k8s.io/yaml writes them', () => {
  it.each([
    ['spec', 'spec'],
    ['yes', 'true'],
    ['on', 'true'],
    ['y', 'true'],
    ['n', 'false'],
    ['off', 'false'],
    ['1', '1'],
    ['010', '8'],
    ['0x1F', '31'],
    ['-5', '-5'],
    ['18446744073709551615', '18446744073709551615'],
    // floats: strconv.FormatFloat(f, 'g', -1, 32)
    ['1.5', '1.5'],
    ['0.1', '0.1'],
    ['.5', '0.5'],
    ['1e3', '1000'],
    ['123456.0', '123456'],
    ['1e6', '1e+06'],
    ['1.5e6', '1.5e+06'],
    ['1e-7', '1e-07'],
    ['0.0001', '0.0001'],
    ['0.00001', '1e-05'],
    ['123456789.0', '1.2345679e+08'], // float32 precision
    ['-0.0', '-0'],
    ['1e39', '.inf'], // beyond float32: +Inf
    ['-1e39', '-.inf'],
    ['.inf', '.inf'],
    ['-.inf', '-.inf'],
    ['.nan', '.nan'],
    ['2024-01-01', '2024-01-01'],
  ])('plain %s is %j', (text, key) => {
    expect(resolveKey(text, 'plain', undefined)).toEqual({ ok: true, key });
  });

  it('quoted keys stay as written', () => {
    expect(resolveKey('yes', 'quoted', undefined)).toEqual({ ok: true, key: 'yes' });
    expect(resolveKey('~', 'quoted', undefined)).toEqual({ ok: true, key: '~' });
    expect(resolveKey('', 'quoted', undefined)).toEqual({ ok: true, key: '' });
  });

  it.each(['', '~', 'null', 'NULL'])('the null key %j cannot be converted', (text) => {
    const resolved = resolveKey(text, 'plain', undefined);
    expect(resolved.ok).toBe(false);
  });

  it('honours explicit tags', () => {
    expect(resolveKey('1', 'plain', STR)).toEqual({ ok: true, key: '1' });
    expect(resolveKey('yes', 'plain', STR)).toEqual({ ok: true, key: 'yes' });
    expect(resolveKey('12', 'quoted', INT)).toEqual({ ok: true, key: '12' });
    // !!float makes an integer a float32 key.
    expect(resolveKey('1', 'plain', FLOAT)).toEqual({ ok: true, key: '1' });
    expect(resolveKey('16777217', 'plain', FLOAT)).toEqual({ ok: true, key: '1.6777216e+07' });
    expect(resolveKey('16777217', 'plain', undefined)).toEqual({ ok: true, key: '16777217' });
    expect(resolveKey('1.5', 'plain', '!')).toEqual({ ok: true, key: '1.5' });
    expect(resolveKey('x', 'plain', INT)).toEqual({ ok: false, message: 'cannot decode !!str `x` as a !!int' });
  });
});
