import type { KubernetesVersion } from '../../model/k8sVersion';
import type { FieldPath } from '../../model/path';
import type { ClusterPolicyApiRuleId } from '../ruleIds';
import { formatValue } from '../messages';

/**
 * The errors of a custom resource's validation, as `field.Error` values
 * (k8s.io/apimachinery/pkg/util/validation/field) and printed the way kubectl shows them:
 * `spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000`.
 */

export type FieldErrorType = 'Required' | 'NotSupported' | 'TooLong' | 'TooMany' | 'TypeInvalid' | 'Invalid' | 'Duplicate';

/** The rules a custom resource's validation errors are reported under. */
export type CrdRuleId = ClusterPolicyApiRuleId | 'invalid-type';

/**
 * The `data` of a cluster policy API finding: the error type, the value a quick fix may write
 * (`suggestion`), the CEL rule that failed (`rule`), and the bound or field concerned.
 */
export interface ClusterPolicyErrorData {
  readonly errorType?: FieldErrorType;
  readonly suggestion?: string;
  readonly rule?: string;
  readonly [fact: string]: unknown;
}

/** No value printed (`field.OmitValueType`): the detail follows the error type directly. */
export const OMIT_VALUE: unique symbol = Symbol('omit value');

export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path the API server prints; `[]` is the root, which it prints as `<nil>`. */
  readonly path: FieldPath;
  readonly value?: unknown;
  readonly detail?: string;
  /** The rule id it is reported under. */
  readonly ruleId: CrdRuleId;
  /** Where to point when it is not `path` (a root error about one field). */
  readonly location?: FieldPath;
  /** Facts for quick fixes. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Advice of ours, after the API text. */
  readonly hint?: string;
}

/**
 * The error types after which the API server does not run the CEL rules of a custom
 * resource (`hasBlockingErr`, apiextensions-apiserver pkg/registry/customresource/strategy.go):
 * the object does not have the shape the rules were written for.
 */
export function isBlocking(type: FieldErrorType): boolean {
  return type === 'NotSupported' || type === 'Required' || type === 'TooLong' || type === 'TooMany' || type === 'TypeInvalid';
}

const TITLE: Record<FieldErrorType, string> = {
  Required: 'Required value',
  NotSupported: 'Unsupported value',
  TooLong: 'Too long',
  TooMany: 'Too many',
  TypeInvalid: 'Invalid value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
};

/** `field.Error.ErrorBody()`: the message without the path. */
export function errorBody(error: FieldError): string {
  let body = TITLE[error.type];
  if (error.type !== 'Required' && error.type !== 'TooLong' && error.value !== OMIT_VALUE) body += `: ${formatValue(error.value)}`;
  if (error.detail) body += `: ${error.detail}`;
  return body;
}

export function fieldErrorMessage(error: FieldError): string {
  const body = errorBody(error);
  return error.hint ? `${body}. ${error.hint}` : body;
}

/** The detail of `field.TooMany`: `must have at most 25 items` (1.34+: "item" for one). */
export function tooManyDetail(max: number): string {
  return `must have at most ${max} ${max === 1 ? 'item' : 'items'}`;
}

/** The detail of `field.TooLong`: `may not be more than 100 bytes` (1.34+: "byte" for one). */
export function tooLongDetail(max: number): string {
  return `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`;
}

/**
 * The value a failed CEL rule prints: since Kubernetes 1.35 the value itself when it is a
 * number, boolean or string, and nothing for an object or a list (kubernetes/kubernetes#132798,
 * #133832); before, the schema type (`"object"`, `"string"`).
 */
export function celValue(value: unknown, schemaType: string, version: KubernetesVersion): unknown {
  if (version.minor < 35) return schemaType;
  return typeof value === 'object' && value !== null ? OMIT_VALUE : value;
}
