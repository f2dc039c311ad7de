import type { WorkspaceFileSystem } from '../services/fileSystem';
import type { RevisionReader } from '../services/revisions';

/**
 * What differs between the Node server and the browser (web worker) server, handed to
 * `startServer` by each entry point (json-language-features' RuntimeEnvironment).
 */
export interface RuntimeEnvironment {
  /** How workspace files are found and read. */
  readonly fileSystem: WorkspaceFileSystem;
  /** Resolves after a turn of the event loop, so that other messages (a newer edit) get through. */
  readonly yieldToEventLoop: () => Promise<void>;
  /** The workspace at a git revision, for Reachability Changes (the Node server only). */
  readonly revisions?: RevisionReader;
  /** The time budget of a request on a document (REQUEST_BUDGET_MS when not given). */
  readonly requestBudgetMs?: number;
}
