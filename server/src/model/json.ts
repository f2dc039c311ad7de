/**
 * The JSON value of a document, exactly as kubectl would send it to the API server after
 * converting the YAML (YAML 1.1 scalars as go-yaml v2 resolves them). Objects have a null
 * prototype so that keys such as `__proto__` or `constructor` are plain data.
 */
export type Json = null | boolean | number | string | JsonArray | JsonObject;
export type JsonArray = Json[];
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property lookup that is safe for null-prototype objects and odd keys. */
export function getField(object: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** The JSON type name as Go's encoding/json reports it in unmarshal errors. */
export function jsonTypeName(value: Json): 'null' | 'bool' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'array' : 'object';
}
