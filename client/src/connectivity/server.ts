import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ConnectivityRequest,
  QueryRequest,
  type ConnectivityResult,
  type ProtocolLocation,
  type QueryParams,
  type QueryResult,
} from '../../../server/src/protocol';

/** Starts the language server if needed and returns its client (undefined when it cannot start). */
export type ClientProvider = () => Promise<LanguageClient | undefined>;

/** LSP's "method not found": a server without the connectivity handlers. */
const METHOD_NOT_FOUND = -32601;

/** A sentence for the user about a failed connectivity request. */
export function requestErrorMessage(method: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === METHOD_NOT_FOUND) return `The NetworkPolicy language server does not answer ${method}.`;
  return `${method} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** The connectivity of the workspace, as the server computes it. */
export function requestConnectivity(client: LanguageClient): Promise<ConnectivityResult> {
  return client.sendRequest(ConnectivityRequest, {});
}

/** Whether `from` can reach `to` on a port, and why. */
export function requestQuery(client: LanguageClient, params: QueryParams): Promise<QueryResult> {
  return client.sendRequest(QueryRequest, params);
}

/** The editor group where a rule opens from a panel in `panelColumn`: the first group, or the second when the panel is in the first. */
export function besideColumn(panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  return panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
}

/**
 * Opens a location's document with its range selected and the cursor at its start (a rule's
 * range spans its lines: its first line is where to read from).
 */
export async function openLocation(location: ProtocolLocation, viewColumn: vscode.ViewColumn, preserveFocus = false): Promise<void> {
  const { start, end } = location.range;
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { viewColumn, preserveFocus });
  editor.selection = new vscode.Selection(end.line, end.character, start.line, start.character);
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
