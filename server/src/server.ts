/**
 * Node entry point of the language server. The transport (--stdio, --node-ipc,
 * --socket=N) comes from the command line, as vscode-languageserver reads it.
 */
import { setImmediate } from 'node:timers/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';
import { nodeRevisions } from './node/revisions';
import { nodeFileSystem } from './node/workspaceFiles';

/** NETPOL_REQUEST_BUDGET_MS overrides the time budget of a request (tests set a tiny one). */
const budget = Number(process.env.NETPOL_REQUEST_BUDGET_MS);

startServer(createConnection(ProposedFeatures.all), {
  fileSystem: nodeFileSystem,
  yieldToEventLoop: () => setImmediate(),
  revisions: nodeRevisions,
  ...(budget > 0 ? { requestBudgetMs: budget } : {}),
});
