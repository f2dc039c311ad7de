/**
 * Browser entry point of the language server: a web worker, speaking LSP over postMessage,
 * reading the workspace's files through the client.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { clientFileSystem } from '../lsp/clientFileSystem';
import { startServer } from '../lsp/startServer';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, {
  fileSystem: clientFileSystem(connection),
  yieldToEventLoop: () => new Promise((resolve) => setTimeout(resolve, 0)),
});
