/**
 * A field path into a Kubernetes object: object keys and list indices, printed the way
 * the API server prints `field.Path` (`spec.ingress[0].ports[1].endPort`).
 */
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

/**
 * `spec.egress[0].ports[1]` back to a field path (diagnostics carry the printed form). Exact
 * for the paths of spec fields; a key holding a dot (a label key) would be split.
 */
export function parseFieldPath(path: string): FieldPath {
  const out: PathSegment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return out;
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
