import {
  type CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver-types';

/**
 * Completion items as every provider builds them: a text edit over the word being typed
 * (replaced, never duplicated), text inserted exactly as written (the indentation is
 * computed here, so VS Code must not re-indent it), and an order from a rank.
 */

export interface ItemSpec {
  readonly label: string;
  readonly kind: CompletionItemKind;
  /** Snippet syntax when `snippet`, else plain text. */
  readonly insert: string;
  readonly snippet?: boolean;
  readonly detail?: string;
  readonly documentation?: string;
  /** Lower first; ties keep the order of the providers. */
  readonly rank: number;
  readonly filterText?: string;
  /** Open the suggestions again after inserting (a key whose values we complete). */
  readonly suggestAfter?: boolean;
}

/** The `$`, `}` and `\` of literal text, escaped for snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

const SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function toItem(spec: ItemSpec, range: Range, order: number): CompletionItem {
  return {
    label: spec.label,
    kind: spec.kind,
    textEdit: { range, newText: spec.insert },
    insertTextFormat: spec.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    // Rank, then the providers' order: a stable, explicit order for the client.
    sortText: `${String(spec.rank).padStart(4, '0')}-${String(order).padStart(5, '0')}`,
    ...(spec.detail ? { detail: spec.detail } : {}),
    ...(spec.documentation ? { documentation: { kind: MarkupKind.Markdown, value: spec.documentation } } : {}),
    ...(spec.filterText ? { filterText: spec.filterText } : {}),
    ...(spec.suggestAfter ? { command: SUGGEST } : {}),
  };
}

/** Ranks of the kinds of items, most likely first. */
export const RANK = {
  /** Values of the workspace for the pods or namespaces concerned. */
  concerned: 10,
  key: 20,
  value: 20,
  workspace: 30,
  snippet: 40,
  common: 50,
  wellKnown: 60,
} as const;
