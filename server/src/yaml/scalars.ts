/**
 * YAML scalars resolved the way kubectl resolves them: kubectl turns YAML into JSON with
 * sigs.k8s.io/yaml, which decodes with go-yaml v2, a YAML 1.1 resolver. So `yes`, `on`,
 * `y` are booleans, `010` is octal 8, `0x1F` is 31, `1_000` is 1000, `1e3` is a float, and
 * `2024-01-01` stays a string. Quoted and block scalars are always strings unless tagged.
 */

export type ScalarValue = null | boolean | number | string;

export type ScalarStyle = 'plain' | 'quoted' | 'block';

export type Resolution = { ok: true; value: ScalarValue } | { ok: false; message: string };

const STR = 'tag:yaml.org,2002:str';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const BOOL = 'tag:yaml.org,2002:bool';
const NULL = 'tag:yaml.org,2002:null';
const BINARY = 'tag:yaml.org,2002:binary';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const RESOLVABLE = new Set(['', STR, INT, FLOAT, BOOL, NULL, TIMESTAMP]);

type Typed = { tag: string; value: ScalarValue };

const RESOLVE_MAP = new Map<string, Typed>();
function addAll(tag: string, value: ScalarValue, spellings: string[]): void {
  for (const s of spellings) RESOLVE_MAP.set(s, { tag, value });
}
addAll(BOOL, true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
addAll(BOOL, false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
addAll(NULL, null, ['', '~', 'null', 'Null', 'NULL']);
addAll(FLOAT, Number.NaN, ['.nan', '.NaN', '.NAN']);
addAll(FLOAT, Number.POSITIVE_INFINITY, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
addAll(FLOAT, Number.NEGATIVE_INFINITY, ['-.inf', '-.Inf', '-.INF']);

/** go-yaml's `resolveTable`: the class of a scalar's first character. */
function hint(first: string | undefined): 'D' | 'S' | 'M' | '.' | 'N' | undefined {
  if (first === undefined) return 'N';
  if (first >= '0' && first <= '9') return 'D';
  if (first === '+' || first === '-') return 'S';
  if (first === '.') return '.';
  if ('yYnNtTfFoO~'.includes(first)) return 'M';
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint(s, 0, 64)` (underscores already removed). */
function parseGoInt(s: string): number | undefined {
  const value = parseGoBigInt(s);
  return value === undefined ? undefined : Number(value);
}

/** `parseGoInt` without rounding: map keys beyond 2^53 must keep every digit. */
function parseGoBigInt(s: string): bigint | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1n : 1n;
  const body = match[2]!;
  let magnitude: bigint;
  const prefix = body.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0b' || prefix === '0o') magnitude = BigInt(`0${prefix[1]}${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body);
  const value = sign * magnitude;
  // int64, or uint64 for non-negative values (go-yaml tries ParseUint after ParseInt).
  if (value < -(2n ** 63n) || value > 2n ** 64n - 1n) return undefined;
  return value;
}

/** Go's `strconv.ParseFloat(s, 64)` for the decimal forms go-yaml lets through. */
function parseGoFloat(s: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  const value = Number(s);
  // Out of float64 range is a ParseFloat error, so go-yaml keeps the text as a string.
  return Number.isFinite(value) ? value : undefined;
}

/** go-yaml v2 `resolve(tag, in)`. */
/** go-yaml v2 `parseTimestamp` formats: a date, optionally with a time and zone. */
const TIMESTAMP_FORMAT = /^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{1,2}(:\d{2})?)?)?$/;

function resolveTagged(tag: string, text: string): Typed {
  if (!RESOLVABLE.has(tag)) return { tag, value: text };
  // A timestamp decodes into interface{} as its original text (go-yaml v2 backward compatibility).
  if (tag === TIMESTAMP && TIMESTAMP_FORMAT.test(text)) return { tag: TIMESTAMP, value: text };
  const h = hint(text[0]);
  if (h !== undefined && tag !== STR && tag !== BINARY) {
    const known = RESOLVE_MAP.get(text);
    if (known) return known;
    if (h === '.') {
      const f = parseGoFloat(text);
      if (f !== undefined) return { tag: FLOAT, value: f };
    } else if (h === 'D' || h === 'S') {
      // Timestamps decode into interface{} as their original string, as below.
      const plain = text.replace(/_/g, '');
      const i = parseGoInt(plain);
      if (i !== undefined) return { tag: INT, value: i };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: FLOAT, value: f };
      }
    }
  }
  return { tag: STR, value: text };
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function resolveTyped(text: string, style: ScalarStyle, tag: string | undefined): Typed | { error: string } {
  const explicit = tag ?? '';
  if (explicit === '' && style !== 'plain') return { tag: STR, value: text };
  // The non-specific tag `!` is not resolvable in go-yaml v2 (resolvableTag): `! 123` stays a string.
  const typed = resolveTagged(explicit, text);
  if (explicit !== '' && RESOLVABLE.has(explicit) && explicit !== typed.tag && explicit !== STR) {
    if (!(explicit === FLOAT && typed.tag === INT)) {
      return { error: `cannot decode ${shortTag(typed.tag)} \`${text}\` as a ${shortTag(explicit)}` };
    }
    // go-yaml turns an integer tagged !!float into a float64 (which matters for map keys).
    return { tag: FLOAT, value: typed.value };
  }
  return typed;
}

/**
 * The JSON value of a scalar. `tag` is the explicit tag in long form (`tag:yaml.org,2002:int`)
 * or undefined. The non-specific tag `!` makes any scalar a string, as in go-yaml v2.
 */
export function resolveScalar(text: string, style: ScalarStyle, tag: string | undefined): Resolution {
  const typed = resolveTyped(text, style, tag);
  return 'error' in typed ? { ok: false, message: typed.error } : { ok: true, value: typed.value };
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`, as sigs.k8s.io/yaml formats float map keys. */
function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  // Go converts to float32 first: beyond its range the value is infinite.
  const f = Math.fround(value);
  if (f === Number.POSITIVE_INFINITY) return '.inf';
  if (f === Number.NEGATIVE_INFINITY) return '-.inf';
  if (Object.is(f, -0)) return '-0';
  let digits = 1;
  while (digits < 9 && Math.fround(Number(f.toPrecision(digits))) !== f) digits++;
  const [mantissa, exponentText] = f.toExponential(digits - 1).split('e');
  const exponent = Number(exponentText);
  // Shortest %g switches to exponent form outside [-4, 6).
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(Number(f.toPrecision(digits)));
}

/**
 * A mapping key as sigs.k8s.io/yaml turns it into a JSON object key: strings as they are,
 * integers in decimal, booleans as `true`/`false`, floats in Go's float32 `%g`; a null key
 * cannot be converted.
 */
export function resolveKey(
  text: string,
  style: ScalarStyle,
  tag: string | undefined,
): { ok: true; key: string } | { ok: false; message: string } {
  const typed = resolveTyped(text, style, tag);
  if ('error' in typed) return { ok: false, message: typed.error };
  const { value } = typed;
  if (typeof value === 'string') return { ok: true, key: value };
  if (typeof value === 'boolean') return { ok: true, key: value ? 'true' : 'false' };
  if (typeof value === 'number') {
    if (typed.tag === INT) return { ok: true, key: (parseGoBigInt(text.replace(/_/g, '')) ?? BigInt(value)).toString() };
    return { ok: true, key: formatFloat32(value) };
  }
  return { ok: false, message: `a null mapping key (\`${text}\`) cannot be converted to JSON` };
}
