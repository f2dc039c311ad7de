/**
 * A field path into a Kubernetes object: object keys and list indices, printed the way
 * the API server prints `field.Path` (`spec.ingress[0].ports[1].endPort`).
 */
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
