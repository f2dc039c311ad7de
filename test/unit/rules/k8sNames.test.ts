import { describe, expect, it } from 'vitest';
import {
  byteLength,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  dnsSubdomainNameErrors,
  labelValueErrors,
  portNameErrors,
  portNumberErrors,
  qualifiedNameErrors,
} from '../../../server/src/rules/k8sNames';

const a = (n: number) => 'a'.repeat(n);
/** A string of `bytes` UTF-8 bytes but one character fewer: it ends with 'é' (2 bytes). */
const withAccent = (bytes: number) => `${a(bytes - 2)}é`;

describe('byteLength (Go len: UTF-8 bytes)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    [withAccent(64), 64],
  ])('%j is %i bytes', (s, bytes) => {
    expect(byteLength(s)).toBe(bytes);
  });
});

describe('qualifiedNameErrors (label keys, IsQualifiedName)', () => {
  it.each([
    'app',
    'App',
    'a',
    '1',
    'my.name',
    '123-abc',
    'A_b-C.d',
    'example.com/MyName',
    'kubernetes.io/metadata.name',
    'app.kubernetes.io/name',
    a(63),
    `${a(253)}/x`,
    `${a(10)}.${a(10)}/${a(63)}`,
  ])('accepts %j', (key) => {
    expect(qualifiedNameErrors(key)).toEqual([]);
  });

  it('name part: 63 bytes ok, 64 rejected (counted in bytes)', () => {
    expect(qualifiedNameErrors(a(63))).toEqual([]);
    expect(qualifiedNameErrors(a(64))).toEqual(['name part must be no more than 63 bytes']);
    // 63 characters but 64 bytes: too long (and 'é' is outside the charset).
    const errors = qualifiedNameErrors(withAccent(64));
    expect(errors[0]).toBe('name part must be no more than 63 bytes');
    expect(errors).toHaveLength(2);
    // 63 bytes with the 'é': only the charset error.
    expect(qualifiedNameErrors(withAccent(63))).toHaveLength(1);
    expect(qualifiedNameErrors(withAccent(63))[0]).toMatch(/^name part must consist of alphanumeric characters/);
  });

  it('prefix part: 253 bytes ok, 254 rejected', () => {
    expect(qualifiedNameErrors(`${a(253)}/x`)).toEqual([]);
    expect(qualifiedNameErrors(`${a(254)}/x`)).toEqual(['prefix part must be no more than 253 bytes']);
  });

  it.each([
    ['', ['name part must be non-empty', 'name part must consist']],
    ['-app', ['name part must consist']],
    ['app-', ['name part must consist']],
    ['_app', ['name part must consist']],
    ['app.', ['name part must consist']],
    ['my app', ['name part must consist']],
    ['a=b', ['name part must consist']],
    ['a:b', ['name part must consist']],
    ['ä', ['name part must consist']],
    ['example.com/', ['name part must be non-empty', 'name part must consist']],
    ['/app', ['prefix part must be non-empty']],
    ['Example.com/app', ['prefix part a lowercase RFC 1123 subdomain must consist']],
    ['example_com/app', ['prefix part a lowercase RFC 1123 subdomain must consist']],
    ['-example.com/app', ['prefix part a lowercase RFC 1123 subdomain must consist']],
    ['a/b/c', ['a qualified name must consist']],
    ['//', ['a qualified name must consist']],
  ])('rejects %j', (key, prefixes) => {
    const errors = qualifiedNameErrors(key);
    expect(errors).toHaveLength(prefixes.length);
    errors.forEach((error, i) => expect(error.startsWith(prefixes[i]!)).toBe(true));
  });

  it('names the optional prefix in the message of a key with two slashes', () => {
    expect(qualifiedNameErrors('a/b/c')[0]).toContain("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
  });
});

describe('labelValueErrors (IsValidLabelValue)', () => {
  it.each(['', 'a', 'A', '1', 'my_value', 'MyValue', '12345', 'a.b-c_d', a(63)])('accepts %j', (value) => {
    expect(labelValueErrors(value)).toEqual([]);
  });

  it('63 bytes ok, 64 rejected, counted in bytes', () => {
    expect(labelValueErrors(a(63))).toEqual([]);
    expect(labelValueErrors(a(64))).toEqual(['must be no more than 63 bytes']);
    expect(labelValueErrors(withAccent(64))).toHaveLength(2);
    expect(labelValueErrors(withAccent(64))[0]).toBe('must be no more than 63 bytes');
  });

  it.each(['-a', 'a-', '.a', 'a_', ' ', 'a b', 'a/b', 'web app', 'é', 'a=b'])('rejects %j', (value) => {
    const errors = labelValueErrors(value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^a valid label must be an empty string or consist of alphanumeric characters/);
  });
});

describe('dns1123LabelErrors (IsDNS1123Label: namespaces)', () => {
  it.each(['a', '1', 'default', 'kube-system', '1abc', 'a-1', a(63)])('accepts %j', (value) => {
    expect(dns1123LabelErrors(value)).toEqual([]);
  });

  it('63 ok, 64 rejected', () => {
    expect(dns1123LabelErrors(a(63))).toEqual([]);
    expect(dns1123LabelErrors(a(64))).toEqual(['must be no more than 63 bytes']);
  });

  it('a valid subdomain with dots "must not contain dots"', () => {
    expect(dns1123LabelErrors('a.b')).toEqual(['must not contain dots']);
    expect(dns1123LabelErrors(`${a(40)}.${a(40)}`)).toEqual(['must be no more than 63 bytes', 'must not contain dots']);
  });

  it.each(['', 'A', 'a_b', '-a', 'a-', 'a..b', 'a b', 'é'])('rejects %j with the label regex message', (value) => {
    const errors = dns1123LabelErrors(value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^a lowercase RFC 1123 label must consist of/);
  });
});

describe('dns1123SubdomainErrors (IsDNS1123Subdomain: names, label key prefixes)', () => {
  it.each(['a', 'allow.web', '1-2.3', 'example.com', a(253), `${a(63)}.${a(63)}.${a(63)}.${a(61)}`])('accepts %j', (value) => {
    expect(dns1123SubdomainErrors(value)).toEqual([]);
  });

  it('253 ok, 254 rejected', () => {
    expect(dns1123SubdomainErrors(a(253))).toEqual([]);
    expect(dns1123SubdomainErrors(a(254))).toEqual(['must be no more than 253 bytes']);
    expect(dns1123SubdomainErrors(withAccent(254))).toHaveLength(2);
  });

  it.each(['', 'A', 'a..b', '.a', 'a.', '-a', 'a-', 'a_b', 'a/b', 'a.-b'])('rejects %j', (value) => {
    const errors = dns1123SubdomainErrors(value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^a lowercase RFC 1123 subdomain must consist of/);
  });
});

describe('dnsSubdomainNameErrors (NameIsDNSSubdomain)', () => {
  it('a name may not end with "-"; a generateName prefix may', () => {
    expect(dnsSubdomainNameErrors('web-', false)).toHaveLength(1);
    expect(dnsSubdomainNameErrors('web-', true)).toEqual([]);
    expect(dnsSubdomainNameErrors('a-', true)).toEqual([]);
  });

  it('masks the trailing dash as upstream does: the last two characters become "a"', () => {
    // maskTrailingDash("x.-") = "x" + "a": valid, although "x.a" would be too.
    expect(dnsSubdomainNameErrors('x.-', true)).toEqual([]);
    // "x..-" -> "x.a": valid (a one-character cut would leave "x..a", invalid).
    expect(dnsSubdomainNameErrors('x..-', true)).toEqual([]);
    // A lone "-" is left alone (len(name) > 1 is required) and is invalid.
    expect(dnsSubdomainNameErrors('-', true)).toHaveLength(1);
    expect(dnsSubdomainNameErrors('Web-', true)).toHaveLength(1);
  });
});

describe('portNumberErrors (IsValidPortNum)', () => {
  it.each([1, 80, 65535])('accepts %i', (port) => {
    expect(portNumberErrors(port)).toEqual([]);
  });
  it.each([0, -1, 65536, 2 ** 31 - 1])('rejects %i', (port) => {
    expect(portNumberErrors(port)).toEqual(['must be between 1 and 65535, inclusive']);
  });
});

describe('portNameErrors (IsValidPortName)', () => {
  it.each(['http', 'h', 'h2c', 'dns-tcp', 'a1', '1a', a(15), 'x-1-y'])('accepts %j', (name) => {
    expect(portNameErrors(name)).toEqual([]);
  });

  it('15 bytes ok, 16 rejected', () => {
    expect(portNameErrors(a(15))).toEqual([]);
    expect(portNameErrors(a(16))).toEqual(['must be no more than 15 bytes']);
    // 15 characters, 16 bytes.
    expect(portNameErrors(withAccent(16))).toEqual([
      'must be no more than 15 bytes',
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ]);
  });

  it.each([
    ['8080', ['must contain at least one letter (a-z)']],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['Http', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['my_port', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['a.b', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-http', ['must not begin or end with a hyphen']],
    ['http-', ['must not begin or end with a hyphen']],
    ['-', ['must contain at least one letter (a-z)', 'must not begin or end with a hyphen']],
    ['--', ['must contain at least one letter (a-z)', 'must not contain consecutive hyphens', 'must not begin or end with a hyphen']],
  ])('rejects %j', (name, errors) => {
    expect(portNameErrors(name)).toEqual(errors);
  });
});
