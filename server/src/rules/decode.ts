import { INVALID, type StringMap } from '../model/networkPolicy';
import { isJsonObject, jsonTypeName, type Json, type JsonObject } from '../model/json';
import type { FieldPath } from '../model/path';
import { prefixFinding, type Finding } from './finding';
import type { Schema } from './schema';
import { closestName } from './suggest';

/**
 * Strict decoding of a manifest, as the API server does it before validation
 * (`fieldValidation=Strict`, which kubectl sends by default): every unknown field and every
 * value of the wrong JSON type is reported, not only the first. The result has the shape
 * of the Go types: a value of the wrong type becomes INVALID, `null` means absent, and
 * `null` list items are zero values.
 */
export interface Decoded {
  readonly value: unknown;
  readonly findings: Finding[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([.,]\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Go's `time.Parse(time.RFC3339, s)` (metav1.Time): only an upper-case T and Z, every field
 * in range (no February 30th, no hour 24); fractions after '.' or ','; zone offsets up to
 * 24:60, as Go's parser allows.
 */
function isRfc3339(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
  const zoneOk = match[8] === undefined || (Number(match[8]) <= 24 && Number(match[9]) <= 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && zoneOk;
}

function describe(value: Json): string {
  switch (jsonTypeName(value)) {
    case 'string':
    case 'number':
    case 'bool':
      return `a ${jsonTypeName(value) === 'bool' ? 'boolean' : jsonTypeName(value)} (${JSON.stringify(value)})`;
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return 'null';
  }
}

function expected(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      return 'a string';
    case 'int32':
      return 'an integer (int32)';
    case 'int64':
      return 'an integer';
    case 'bool':
      return 'a boolean (true or false)';
    case 'intOrString':
      return 'a port number or a port name';
    case 'time':
      return 'an RFC 3339 date-time string';
    case 'struct':
      return `an object (${schema.goType})`;
    case 'list':
      return 'a list';
    case 'stringMap':
      return 'a map of strings';
    default:
      return 'JSON';
  }
}

const BOOLEAN_NOTE = 'kubectl reads YAML 1.1, where true/false, yes/no, on/off and y/n are booleans';

function hintFor(schema: Schema, value: Json): string | undefined {
  const actual = jsonTypeName(value);
  if (schema.kind === 'string' && (actual === 'number' || actual === 'bool')) {
    return actual === 'bool' ? `Quote it to make it a string (${BOOLEAN_NOTE})` : 'Quote it to make it a string';
  }
  if ((schema.kind === 'int32' || schema.kind === 'int64') && typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) {
    return 'Remove the quotes to make it a number';
  }
  if (schema.kind === 'list' && actual === 'object') return 'Write it as a list: start the entry with "- "';
  if (schema.kind === 'list' && actual !== 'array') return 'Write it as a list, e.g. [a, b] or "- a" lines';
  if (schema.kind === 'struct' && actual === 'array') return 'Remove the "- ": a single object is expected here';
  return undefined;
}

function isInteger(value: Json, min: number, max: number): boolean {
  // Go's encoding/json prints whole floats below 1e21 as integers, which then decode fine.
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

interface DecodedItem {
  readonly value: unknown;
  readonly findings: readonly Finding[];
}

const decodedItems = new WeakMap<object, Map<Schema, DecodedItem>>();

class Decoder {
  readonly findings: Finding[] = [];

  private typeError(path: FieldPath, schema: Schema, value: Json): void {
    const name = path.length > 0 ? String(path[path.length - 1]) : 'the document';
    let message = `Invalid type: ${typeof path[path.length - 1] === 'number' ? 'this item' : name} must be ${expected(schema)}, not ${describe(value)}`;
    if ((schema.kind === 'int32' || schema.kind === 'intOrString') && typeof value === 'number') {
      message = Number.isInteger(value)
        ? `Invalid type: ${name} ${String(value)} does not fit in a 32-bit integer`
        : `Invalid type: ${name} must be a whole number, not ${String(value)}`;
    }
    const hint = hintFor(schema, value);
    this.findings.push({
      ruleId: 'invalid-type',
      path,
      message: hint ? `${message}. ${hint}` : message,
      data: { expected: schema.kind, actual: jsonTypeName(value) },
    });
  }

  decode(value: Json, schema: Schema, path: FieldPath): unknown {
    if (value === null) return undefined;
    switch (schema.kind) {
      case 'any':
        return value;
      case 'string':
        if (typeof value === 'string') return value;
        break;
      case 'bool':
        if (typeof value === 'boolean') return value;
        break;
      case 'int32':
        if (isInteger(value, INT32_MIN, INT32_MAX)) return value;
        break;
      case 'int64':
        if (isInteger(value, -(2 ** 63), 2 ** 63)) return value;
        break;
      case 'intOrString':
        // IntOrString.UnmarshalJSON: a JSON string is a name, anything else must be an int32.
        if (typeof value === 'string' || isInteger(value, INT32_MIN, INT32_MAX)) return value;
        break;
      case 'time':
        if (typeof value === 'string') {
          if (isRfc3339(value)) return value;
          this.findings.push({
            ruleId: 'invalid-type',
            path,
            message: `Invalid value: ${JSON.stringify(value)}: must be an RFC 3339 date-time such as "2024-01-31T12:00:00Z"`,
          });
          return INVALID;
        }
        break;
      case 'list':
        if (Array.isArray(value)) return value.map((item, i) => this.decodeItem(item, schema.items, [...path, i]));
        break;
      case 'stringMap':
        if (isJsonObject(value)) return this.decodeStringMap(value, schema.labels, path);
        break;
      case 'struct':
        if (isJsonObject(value)) return this.decodeStruct(value, schema, path);
        break;
    }
    this.typeError(path, schema, value);
    return INVALID;
  }

  /**
   * A list item: `null` decodes to the zero value of the item type. An object or list item
   * is decoded once per schema and reused while its JSON lives: an edit of one peer of a rule
   * of 50,000 re-parses only that peer (yaml/splice.ts), and the others keep their JSON, so
   * their decoding (and the meaning and checks derived from it) is not done again.
   */
  private decodeItem(item: Json, schema: Schema, path: FieldPath): unknown {
    if (typeof item === 'object' && item !== null) {
      let bySchema = decodedItems.get(item);
      let decoded = bySchema?.get(schema);
      if (!decoded) {
        const alone = new Decoder();
        decoded = { value: alone.decode(item, schema, []), findings: alone.findings };
        if (!bySchema) {
          bySchema = new Map<Schema, DecodedItem>();
          decodedItems.set(item, bySchema);
        }
        bySchema.set(schema, decoded);
      }
      for (const finding of decoded.findings) this.findings.push(prefixFinding(path, finding));
      return decoded.value;
    }
    if (item !== null) return this.decode(item, schema, path);
    switch (schema.kind) {
      case 'string':
        return '';
      case 'int32':
      case 'int64':
        return 0;
      case 'bool':
        return false;
      case 'struct':
      case 'stringMap':
        return Object.create(null);
      case 'list':
        return [];
      default:
        return undefined;
    }
  }

  /**
   * A non-string value stays in the map as INVALID rather than being dropped: a selector missing
   * an entry would select more pods than the one written (model/selector.ts reads it as unreadable).
   */
  private decodeStringMap(object: JsonObject, labels: boolean, path: FieldPath): StringMap {
    const out: Record<string, StringMap[string]> = Object.create(null) as Record<string, StringMap[string]>;
    for (const key of Object.keys(object)) {
      const value = object[key]!;
      if (typeof value === 'string') out[key] = value;
      else if (value === null) out[key] = '';
      else {
        const kind = labels ? 'label' : 'annotation';
        const actual = jsonTypeName(value);
        const fix = actual === 'bool' ? `Quote it (${BOOLEAN_NOTE})` : actual === 'number' ? 'Quote it' : 'Use a single string';
        this.findings.push({
          ruleId: 'label-value-not-string',
          // The API server reports the map, not the key (as for validation errors).
          path,
          location: [...path, key],
          message: `Invalid type: the value of ${kind} "${key}" is ${actual === 'bool' ? 'a boolean' : actual === 'number' ? 'a number' : describe(value)}, but ${kind} values must be strings. ${fix}`,
          data: { key, actual: jsonTypeName(value) },
        });
        out[key] = INVALID;
      }
    }
    return out;
  }

  private decodeStruct(object: JsonObject, schema: Extract<Schema, { kind: 'struct' }>, path: FieldPath): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const known = Object.keys(schema.fields);
    for (const key of Object.keys(object)) {
      const fieldPath = [...path, key];
      const fieldSchema = Object.prototype.hasOwnProperty.call(schema.fields, key) ? schema.fields[key] : undefined;
      if (!fieldSchema) {
        this.findings.push(unknownField(key, fieldPath, schema.goType, known));
        continue;
      }
      const decoded = this.decode(object[key]!, fieldSchema, fieldPath);
      if (decoded !== undefined) out[key] = decoded;
    }
    return out;
  }
}

/** Advice for fields that belong to the other direction of a rule: a common, dangerous slip. */
const WRONG_DIRECTION: Readonly<Record<string, { goType: string; instead: string; effect: string }>> = {
  to: { goType: 'NetworkPolicyIngressRule', instead: 'from', effect: 'sources' },
  from: { goType: 'NetworkPolicyEgressRule', instead: 'to', effect: 'destinations' },
};

/** Advice of the caller's own on an unknown field: the field meant, and why. */
export interface UnknownFieldAdvice {
  readonly suggestion?: string;
  readonly text: string;
}

/** The `unknown-field` finding of strict decoding, with the likely intended name and the type's fields. */
export function unknownField(key: string, path: FieldPath, goType: string, known: readonly string[], advice?: UnknownFieldAdvice): Finding {
  const wrongDirection = WRONG_DIRECTION[key];
  const isWrongDirection = !advice && wrongDirection?.goType === goType;
  const suggestion = advice ? advice.suggestion : isWrongDirection ? wrongDirection.instead : closestName(key, known);
  const parts = [`Unknown field "${key}"`];
  if (advice) {
    parts.push(advice.text);
  } else if (isWrongDirection) {
    parts.push(
      `${goType === 'NetworkPolicyIngressRule' ? 'Ingress' : 'Egress'} rules use "${wrongDirection.instead}"; a server that drops this field would allow all ${wrongDirection.effect}`,
    );
  } else if (suggestion) {
    parts.push(`Did you mean "${suggestion}"?`);
  }
  parts.push(`${goType} fields: ${known.join(', ')}`);
  const message = parts.map((p) => (/[.?]$/.test(p) ? p : `${p}.`)).join(' ');
  return {
    ruleId: 'unknown-field',
    path,
    target: 'key',
    message,
    data: { field: key, ...(suggestion ? { suggestion } : {}), known },
  };
}

export function decode(value: Json, schema: Schema, path: FieldPath = []): Decoded {
  const decoder = new Decoder();
  const decoded = decoder.decode(value, schema, path);
  return { value: decoded, findings: decoder.findings };
}
