import type { ServerCapabilities } from 'vscode-languageserver';
import type { NetpolInitializationOptions } from '../protocol';

/** Whether the client declared the workspace trusted; a client that says nothing is trusted. */
export function isTrustedWorkspace(initializationOptions: unknown): boolean {
  if (typeof initializationOptions !== 'object' || initializationOptions === null) return true;
  return (initializationOptions as NetpolInitializationOptions).trusted !== false;
}

/**
 * The capabilities an untrusted workspace gets: validation of the open documents, hovers and
 * completions. Everything that edits (code actions), follows references across the workspace
 * (definition, references, CodeLens) or is not needed to read a policy is left out: the manifests
 * of an untrusted workspace are not read (its `.netpol.yaml` files are, being data that decides
 * how the open ones are checked), so those answers would be partial anyway.
 */
export function untrustedCapabilities(capabilities: ServerCapabilities): ServerCapabilities {
  const { textDocumentSync, hoverProvider, completionProvider, workspace } = capabilities;
  return { textDocumentSync, hoverProvider, completionProvider, workspace };
}

/** The error message of a netpol/* request refused in Restricted Mode. */
export const RESTRICTED_MODE = 'Restricted Mode: trust this workspace to use this NetworkPolicy command.';
