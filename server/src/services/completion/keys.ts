import { CompletionItemKind } from 'vscode-languageserver-types';
import { fieldDoc, type FieldDoc } from '../../model/fieldDocs';
import type { FieldPath } from '../../model/path';
import type { Schema } from '../../rules/schema';
import type { YamlStyle } from '../../yaml/style';
import { RANK, type ItemSpec } from './items';

/** Where a key is inserted: the column of its mapping, block or flow, and whether `:` is already written. */
export interface KeySlot {
  readonly column: number;
  readonly flow: boolean;
  readonly hasColon: boolean;
  /** The slot is a list's, not its item's: the key starts a new `- ` item. */
  readonly newItem: boolean;
}

/** ObjectMeta fields the API server fills in: never written in a manifest, so never offered. */
const SERVER_MANAGED = new Set([
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'ownerReferences',
  'finalizers',
  'clusterName',
]);

/** Written by controllers (the alpha status), not by people. */
const NOT_WRITTEN = new Set(['status']);

/** Fields whose values are completed: open the suggestions right after inserting the key. */
const COMPLETED_VALUES = new Set([
  'apiVersion',
  'tier',
  'action',
  'destinationNamedPort',
  'number',
  'start',
  'end',
  'kind',
  'namespace',
  'protocol',
  'port',
  'operator',
  'key',
  'policyTypes',
  'values',
  'matchLabels',
]);

const pad = (n: number): string => ' '.repeat(n);

/** Snippet text after `name:` for a field of this schema, the key being at `column`. */
function valueStub(schema: Schema, column: number, slot: KeySlot, style: YamlStyle): string {
  const nested = schema.kind === 'struct' || schema.kind === 'stringMap';
  if (slot.flow) return schema.kind === 'list' ? ': [$0]' : nested ? ': {$0}' : ': $0';
  if (schema.kind === 'list') return `:${style.eol}${pad(column + (style.indentSequences ? style.indent : 0))}- $0`;
  if (nested) return `:${style.eol}${pad(column + style.indent)}$0`;
  return ': $0';
}

/** The keys of a struct that are not present yet, each with its reference documentation. */
export function keyItems(
  struct: Extract<Schema, { kind: 'struct' }>,
  path: FieldPath,
  present: ReadonlySet<string>,
  slot: KeySlot,
  style: YamlStyle,
  docOf: (path: FieldPath) => FieldDoc | undefined = fieldDoc,
): ItemSpec[] {
  const column = slot.column + (slot.newItem ? 2 : 0);
  const prefix = slot.newItem ? '- ' : '';
  return Object.entries(struct.fields)
    .filter(([name]) => !present.has(name) && !SERVER_MANAGED.has(name) && !NOT_WRITTEN.has(name))
    .map(([name, schema]) => {
      const doc = docOf([...path, name]);
      return {
        label: name,
        kind: CompletionItemKind.Property,
        insert: slot.hasColon ? name : `${prefix}${name}${valueStub(schema, column, slot, style)}`,
        snippet: !slot.hasColon,
        ...(doc ? { detail: doc.type, documentation: doc.doc } : {}),
        filterText: name,
        rank: RANK.key,
        suggestAfter: !slot.hasColon && COMPLETED_VALUES.has(name),
      };
    });
}
