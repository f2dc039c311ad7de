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

/** Opens a location's document with its range selected. */
export async function openLocation(location: ProtocolLocation, viewColumn: vscode.ViewColumn, preserveFocus = false): Promise<void> {
  const { start, end } = location.range;
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
    viewColumn,
    preserveFocus,
    selection: new vscode.Range(start.line, start.character, end.line, end.character),
  });
}
