import type { FieldPath } from '../../model/path';
import type { Schema } from '../../rules/schema';

/** The schema of the field at a path inside a policy (indices step into lists, any key into a string map). */
export function schemaAt(root: Schema, path: FieldPath): Schema | undefined {
  let schema: Schema | undefined = root;
  for (const segment of path) {
    if (!schema) return undefined;
    if (schema.kind === 'list' && typeof segment === 'number') schema = schema.items;
    else if (schema.kind === 'struct' && typeof segment === 'string')
      schema = Object.hasOwn(schema.fields, segment) ? schema.fields[segment] : undefined;
    else if (schema.kind === 'stringMap' && typeof segment === 'string') schema = { kind: 'string' };
    else return undefined;
  }
  return schema;
}
