import type { CrdArray, CrdObject, CrdSchema } from '../../model/clusterPolicy/crd';
import { getField, isJsonObject, type Json, type JsonObject } from '../../model/json';
import type { KubernetesVersion } from '../../model/k8sVersion';
import { formatPath, type FieldPath } from '../../model/path';
import { celValue, tooLongDetail, tooManyDetail, type CrdRuleId, type FieldError } from './fieldErrors';

/**
 * OpenAPI v3 validation of a custom resource, as the API server runs it (kube-openapi
 * pkg/validation/validate, converted to field errors by apiextensions-apiserver
 * pkg/apiserver/validation/validation.go), then the `x-kubernetes-list-type: set` check
 * (pkg/apiserver/schema/listtype) and the CEL rules (pkg/apiserver/schema/cel). Every error
 * carries the API server's path and text; the caller decides whether the CEL rules run.
 */

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** The JSON type of a decoded value (a whole number is an integer, as Go decodes it into int64). */
function jsonType(value: Json): JsonType {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'array' : 'object';
}

/** The OpenAPI type of a schema node. */
export function schemaType(schema: CrdSchema): 'object' | 'array' | 'string' | 'integer' {
  switch (schema.type) {
    case 'object':
    case 'map':
    case 'metadata':
    case 'status':
      return 'object';
    default:
      return schema.type;
  }
}

/**
 * The rule a node's violations are reported under. The schemas are written in the model, which
 * does not know the catalog: crd.test.ts checks that every id they name is a catalog id.
 */
function ruleIdOf(node: { readonly ruleId?: string } | undefined): CrdRuleId {
  return (node?.ruleId ?? 'invalid-type') as CrdRuleId;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** `<path> in body <detail>`, the wording of kube-openapi's errors. */
function inBody(path: FieldPath, detail: string): string {
  return `${formatPath(path)} in body ${detail}`;
}

/**
 * The rule a missing required field is reported under: the object's own (a range without its
 * end), else the field's when it is a value of its own (a missing tier or subject), else the
 * generic one (a rule without `from`, a policy without `spec`).
 */
function requiredRuleId(schema: CrdObject, key: string): CrdRuleId {
  const field = schema.properties[key];
  return (schema.ruleId ?? (field && field.type !== 'array' ? field.ruleId : undefined) ?? 'cluster-required-field') as CrdRuleId;
}

class SchemaValidator {
  readonly errors: FieldError[] = [];

  constructor(private readonly version: KubernetesVersion) {}

  private push(error: FieldError): void {
    this.errors.push(error);
  }

  /**
   * kube-openapi's type validator. An integer with a `format` reports a boolean or an object
   * against the format (`must be of type int32: ""`), and a fraction as a "double".
   */
  private typeError(value: Json, schema: CrdSchema, path: FieldPath): boolean {
    const expected = schemaType(schema);
    const actual = jsonType(value);
    if (actual === expected || (expected === 'object' && actual === 'object')) return false;
    let typeName: string = expected;
    let found: string = actual;
    if (schema.type === 'integer' && actual !== 'null' && actual !== 'string' && actual !== 'array') {
      typeName = schema.format;
      found = actual === 'number' ? 'double' : '';
    }
    this.push({
      type: 'TypeInvalid',
      path,
      value: found,
      detail: inBody(path, `must be of type ${typeName}: ${JSON.stringify(found)}`),
      ruleId: 'invalid-type',
      data: { expected, actual },
    });
    return true;
  }

  validate(value: Json, schema: CrdSchema, path: FieldPath): void {
    if (schema.type === 'status') return;
    const typeFailed = this.typeError(value, schema, path);
    if (schema.type === 'metadata') return;
    if (schema.type === 'string') {
      if (typeof value === 'string') this.string(value, schema, path);
      if (schema.enum && !schema.enum.includes(value as string)) {
        this.push({
          type: 'NotSupported',
          path,
          value,
          detail: `supported values: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`,
          ruleId: ruleIdOf(schema),
          data: { supported: schema.enum },
        });
      }
      return;
    }
    if (schema.type === 'integer') {
      if (typeof value === 'number') this.integer(value, schema, path);
      return;
    }
    if (typeFailed) return;
    if (schema.type === 'array' && Array.isArray(value)) this.array(value, schema, path);
    else if ((schema.type === 'object' || schema.type === 'map') && isJsonObject(value)) this.object(value, schema, path);
  }

  private string(value: string, schema: Extract<CrdSchema, { type: 'string' }>, path: FieldPath): void {
    const ruleId = ruleIdOf(schema);
    // kube-openapi counts characters (runes), though the message says bytes.
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
      this.push({ type: 'TooLong', path, value, detail: tooLongDetail(schema.maxLength), ruleId, data: { maxLength: schema.maxLength } });
      return;
    }
    if (schema.pattern && !schema.pattern.regex.test(value)) {
      this.push({ type: 'Invalid', path, value, detail: inBody(path, `should match '${schema.pattern.source}'`), ruleId });
    }
  }

  private integer(value: number, schema: Extract<CrdSchema, { type: 'integer' }>, path: FieldPath): void {
    const ruleId = ruleIdOf(schema);
    // From 1.36 kube-openapi also checks that the value fits its format; the error has no field
    // path of its own (the API server prints it under `<nil>`), so it is located on the field.
    if (this.version.minor >= 36 && (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX)) {
      this.push({
        type: 'Invalid',
        path: [],
        location: path,
        value: '',
        detail: `Checked value must be of type integer with format ${schema.format} in ${formatPath(path)}`,
        ruleId: 'invalid-type',
        data: { expected: schema.format, actual: Number.isInteger(value) ? 'integer' : 'number' },
      });
    }
    if (schema.minimum !== undefined && value < schema.minimum) {
      this.push({
        type: 'Invalid',
        path,
        value,
        detail: inBody(path, `should be greater than or equal to ${schema.minimum}`),
        ruleId,
        data: { minimum: schema.minimum },
      });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      this.push({
        type: 'Invalid',
        path,
        value,
        detail: inBody(path, `should be less than or equal to ${schema.maximum}`),
        ruleId,
        data: { maximum: schema.maximum },
      });
    }
  }

  private array(value: readonly Json[], schema: CrdArray, path: FieldPath): void {
    value.forEach((item, i) => this.validate(item, schema.items, [...path, i]));
    const ruleId = ruleIdOf(schema);
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.push({
        type: 'Invalid',
        path,
        value: value.length,
        detail: inBody(path, `should have at least ${schema.minItems} items`),
        ruleId,
        data: { minItems: schema.minItems },
      });
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      this.push({
        type: 'TooMany',
        path,
        value: value.length,
        detail: tooManyDetail(schema.maxItems),
        ruleId,
        data: { maxItems: schema.maxItems },
      });
    }
  }

  private object(value: JsonObject, schema: CrdObject | Extract<CrdSchema, { type: 'map' }>, path: FieldPath): void {
    if (schema.type === 'map') {
      for (const key of Object.keys(value)) this.validate(value[key]!, schema.values, [...path, key]);
      return;
    }
    const count = Object.keys(value).length;
    const ruleId = ruleIdOf(schema);
    if (schema.minProperties !== undefined && count < schema.minProperties) {
      this.push({
        type: 'Invalid',
        path,
        value: count,
        detail: inBody(path, `should have at least ${schema.minProperties} properties`),
        ruleId,
        data: { minProperties: schema.minProperties },
      });
    }
    if (schema.maxProperties !== undefined && count > schema.maxProperties) {
      this.push({
        type: 'TooMany',
        path,
        value: count,
        detail: tooManyDetail(schema.maxProperties),
        ruleId,
        data: { maxProperties: schema.maxProperties },
      });
    }
    for (const key of Object.keys(schema.properties)) {
      const field = getField(value, key);
      if (field !== undefined) this.validate(field, schema.properties[key]!, [...path, key]);
    }
    for (const key of schema.required ?? []) {
      if (getField(value, key) !== undefined) continue;
      this.push({ type: 'Required', path: [...path, key], ruleId: requiredRuleId(schema, key), data: { field: key } });
    }
  }
}

/** The OpenAPI errors of a pruned, defaulted custom resource against its schema. */
export function validateSchema(value: JsonObject, schema: CrdObject, version: KubernetesVersion): FieldError[] {
  const validator = new SchemaValidator(version);
  validator.validate(value, schema, []);
  return validator.errors;
}

// ----------------------------------------------------------------------------- list sets

/** `x-kubernetes-list-type: set`: the second appearance of a value is a duplicate (once per value). */
export function validateListSets(value: Json, schema: CrdSchema, path: FieldPath = []): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (node: Json, at: CrdSchema, where: FieldPath): void => {
    if (at.type === 'array' && Array.isArray(node)) {
      if (at.set) {
        const seen = new Map<string, number>();
        node.forEach((item, i) => {
          const key = JSON.stringify(item);
          const times = seen.get(key) ?? 0;
          seen.set(key, times + 1);
          if (times === 1) errors.push({ type: 'Duplicate', path: [...where, i], value: item, ruleId: ruleIdOf(at) });
        });
      }
      node.forEach((item, i) => walk(item, at.items, [...where, i]));
    } else if (at.type === 'object' && isJsonObject(node)) {
      for (const key of Object.keys(at.properties)) {
        const field = getField(node, key);
        if (field !== undefined) walk(field, at.properties[key]!, [...where, key]);
      }
    }
  };
  walk(value, schema, path);
  return errors;
}

// ----------------------------------------------------------------------------- CEL rules

/** The `x-kubernetes-validations` rules that fail, each at the node that declares it. */
export function validateCelRules(value: Json, schema: CrdSchema, version: KubernetesVersion, path: FieldPath = []): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (node: Json, at: CrdSchema, where: FieldPath): void => {
    for (const rule of at.rules ?? []) {
      if (rule.evaluate(node)) continue;
      errors.push({
        type: 'Invalid',
        path: where,
        value: celValue(node, schemaType(at), version),
        detail: rule.message,
        ruleId: ruleIdOf(rule),
        ...(where.length === 0 ? { location: ['metadata', 'name'] } : {}),
        data: { rule: rule.rule },
      });
    }
    if (at.type === 'array' && Array.isArray(node)) node.forEach((item, i) => walk(item, at.items, [...where, i]));
    else if (at.type === 'object' && isJsonObject(node)) {
      for (const key of Object.keys(at.properties)) {
        const field = getField(node, key);
        if (field !== undefined) walk(field, at.properties[key]!, [...where, key]);
      }
    }
  };
  walk(value, schema, path);
  return errors;
}
