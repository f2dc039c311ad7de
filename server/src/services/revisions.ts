/**
 * The workspace at a git revision, for comparing reachability with it in the editor. Read by
 * the Node server from the repository's objects in process (server/src/node); the browser
 * server has no reader, and says so.
 */

/** The manifests under a workspace folder at a commit. */
export interface RevisionFiles {
  readonly commit: string;
  /** By URI (as the file would be in the work tree), with the blob to read. */
  readonly files: readonly { readonly uri: string; readonly oid: string }[];
  read(oid: string): Promise<Uint8Array>;
}

export interface RevisionReader {
  /** The commit `revision` names in the repository of `folder` (a URI), and the manifests under the folder at it; throws with a sentence. */
  filesAt(folder: string, revision: string): Promise<RevisionFiles>;
  /** HEAD, then the branches and tags of the folder's repository; none outside a repository. */
  revisions(folder: string): Promise<string[]>;
}
