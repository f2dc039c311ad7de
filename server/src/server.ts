/**
 * Node entry point of the language server. The transport (--stdio, --node-ipc,
 * --socket=N) comes from the command line, as vscode-languageserver reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));
