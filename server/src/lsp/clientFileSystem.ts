import type { Connection } from 'vscode-languageserver';
import { FindFilesRequest, ReadFileRequest } from '../protocol';
import type { WorkspaceFileSystem } from '../services/fileSystem';

function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The workspace's files as the client sees them (`workspace.findFiles`, `workspace.fs`), for a
 * server that cannot read them itself: the browser server, in vscode.dev and github.dev.
 */
export function clientFileSystem(connection: Connection): WorkspaceFileSystem {
  return {
    // VS Code sends every URI in one spelling (vscode-uri's toString()).
    normalize: (uri) => uri,
    canRead: (uri) => !uri.startsWith('untitled:'),
    async findYamlFiles(folder, exclude, onError) {
      try {
        return [...(await connection.sendRequest(FindFilesRequest, { folder, exclude }))].sort();
      } catch (error) {
        onError(folder, error);
        return [];
      }
    },
    async readFile(uri) {
      const data = await connection.sendRequest(ReadFileRequest, { uri });
      return data === null ? undefined : fromBase64(data);
    },
  };
}
