/**
 * Node entry point of the language server. The transport (--stdio, --node-ipc,
 * --socket=N) comes from the command line, as vscode-languageserver reads it.
 */
import { setImmediate } from 'node:timers/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';
import { nodeRevisions } from './node/revisions';
import { nodeFileSystem } from './node/workspaceFiles';

startServer(createConnection(ProposedFeatures.all), {
  fileSystem: nodeFileSystem,
  yieldToEventLoop: () => setImmediate(),
  revisions: nodeRevisions,
});
