/**
 * API server error texts (`k8s.io/apimachinery/pkg/util/validation/field`), so that a
 * diagnostic reads like the `kubectl apply` error it predicts.
 */

/** How field.Invalid prints a bad value: strings quoted, numbers and booleans bare. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function invalid(value: unknown, detail: string): string {
  return `Invalid value: ${formatValue(value)}: ${detail}`;
}

export function required(detail = ''): string {
  return detail ? `Required value: ${detail}` : 'Required value';
}

export function notSupported(value: unknown, supported: readonly string[]): string {
  return `Unsupported value: ${formatValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
}

export function forbidden(detail: string): string {
  return `Forbidden: ${detail}`;
}

export function tooLong(limit: number): string {
  return `Too long: may not be more than ${limit} bytes`;
}

/** An API message followed by advice of ours. */
export function withHint(message: string, hint: string): string {
  return `${message}. ${hint}`;
}
