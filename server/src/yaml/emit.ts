import { isJsonObject, type Json } from '../model/json';
import { resolveScalar } from './scalars';
import type { YamlStyle } from './style';

/**
 * Block YAML for a JSON value, written the way a person would write a manifest: plain
 * scalars where they are safe, double quotes where kubectl (go-yaml v2, YAML 1.1) or a
 * YAML 1.2 reader would read the plain text as something else (`"yes"`, `"8080"`, `"on"`).
 */

/** Characters a plain scalar may hold without any YAML reader seeing structure in it. */
const PLAIN = /^[A-Za-z0-9_./][-A-Za-z0-9_./ ]*$/;

/** Plain scalars the YAML 1.2 core schema (our parser, editors) reads as a number, boolean or null. */
const YAML12_NOT_STRING =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE)$/;

function isPlainSafe(text: string): boolean {
  if (!PLAIN.test(text) || text.endsWith(' ') || text.includes('  ')) return false;
  const resolved = resolveScalar(text, 'plain', undefined);
  return resolved.ok && resolved.value === text && !YAML12_NOT_STRING.test(text);
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return isPlainSafe(value) ? value : JSON.stringify(value);
  return String(value);
}

function key(name: string): string {
  return isPlainSafe(name) ? name : JSON.stringify(name);
}

function isEmptyCollection(value: Json): boolean {
  return (Array.isArray(value) && value.length === 0) || (isJsonObject(value) && Object.keys(value).length === 0);
}

function inline(value: Json): string {
  if (Array.isArray(value)) return '[]';
  if (isJsonObject(value)) return '{}';
  return scalar(value);
}

/** Lines of `value` at `column`; the first line has no indentation (the caller places it). */
function lines(value: Json, column: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(column);
  if (isEmptyCollection(value)) return [inline(value)];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const [first = '', ...rest] = lines(item, column + 2, style);
      return [`${i === 0 ? '' : pad}- ${first}`, ...rest];
    });
  }
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([name, child], i) => {
      const head = `${i === 0 ? '' : pad}${key(name)}:`;
      if (!Array.isArray(child) && !isJsonObject(child)) return [`${head} ${scalar(child)}`];
      if (isEmptyCollection(child)) return [`${head} ${inline(child)}`];
      const childColumn = Array.isArray(child) && !style.indentSequences ? column : column + style.indent;
      const [first = '', ...rest] = lines(child, childColumn, style);
      return [head, `${' '.repeat(childColumn)}${first}`, ...rest];
    });
  }
  return [scalar(value)];
}

/** Block YAML for `value`, every line indented by `baseIndent` spaces and ended with `style.eol`. */
export function emitYaml(value: Json, style: YamlStyle, baseIndent = 0): string {
  const pad = ' '.repeat(baseIndent);
  const [first = '', ...rest] = lines(value, baseIndent, style);
  return [pad + first, ...rest].map((line) => line + style.eol).join('');
}

/**
 * Flow YAML for `value` on one line (`{key: a, values: ["1"]}`): for text inserted into a
 * flow collection, and for a scalar that replaces another. Plain scalars never hold `,[]{}`,
 * so the same quoting rules are safe inside flow collections.
 */
export function emitFlowYaml(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(emitFlowYaml).join(', ')}]`;
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([name, child]) => `${key(name)}: ${emitFlowYaml(child)}`);
    return `{${entries.join(', ')}}`;
  }
  return scalar(value);
}
