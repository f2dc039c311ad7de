import type { CodeLens } from 'vscode-languageserver';
import type { ReachabilityChangeItem, ReachabilityChangesParams, ReachabilityChangesResult } from '../protocol';
import { diffWorkspaces, type WorkspaceDiff } from '../services/diff';
import { reachabilityLenses } from '../services/reachabilityLens';
import type { ResolvedSettings } from '../services/resolveSettings';
import type { RevisionFiles, RevisionReader } from '../services/revisions';
import { WorkspaceIndex } from '../services/workspace';
import { indexManifest, loadManifest } from '../services/workspaceLoader';

/** More changes than a view can show usefully (a default-deny closes thousands): the first ones, and the count. */
const MAX_ITEMS = 2000;

/**
 * Reachability Changes: the workspace as the editor has it (the index, unsaved text included)
 * against the same folders at a git revision. The revision's side is indexed once per commit
 * (and again when a configuration file changes), so a comparison after an edit costs the diff
 * alone.
 */
export class ReachabilityChanges {
  private base: { readonly key: string; readonly index: Promise<WorkspaceIndex> } | undefined;

  constructor(
    private readonly reader: RevisionReader | undefined,
    private readonly live: WorkspaceIndex,
    private readonly folders: () => readonly string[],
    private readonly settingsFor: (uri: string, scope: string) => Promise<ResolvedSettings>,
    private readonly includes: (uri: string) => Promise<boolean>,
  ) {}

  /** A configuration file changed: the revision's side is indexed again on the next request. */
  forget(): void {
    this.base = undefined;
  }

  revisions(): Promise<string[]> {
    const folder = this.folders()[0];
    return this.reader && folder ? this.reader.revisions(folder) : Promise.resolve([]);
  }

  /** The workspace as edited against `base`, or why there is no comparison. */
  private async diff(base: string): Promise<{ diff: WorkspaceDiff; commit: string } | { error: string }> {
    const folders = this.folders();
    if (!this.reader) return { error: 'Comparing with a git revision needs the desktop language server.' };
    if (!folders.length) return { error: 'Open a folder in a git repository to compare its reachability with a revision.' };
    let sides: RevisionFiles[];
    try {
      sides = await Promise.all(folders.map((folder) => this.reader!.filesAt(folder, base)));
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const key = JSON.stringify([folders, sides.map((side) => side.commit)]);
    if (this.base?.key !== key) this.base = { key, index: this.indexOf(folders, sides) };
    return { diff: diffWorkspaces(await this.base.index, this.live), commit: sides[0]!.commit };
  }

  /** The reachability CodeLenses of a file (its URI as the index has it), against HEAD; none without a repository. */
  async lenses(uri: string): Promise<CodeLens[]> {
    const compared = await this.diff('HEAD');
    return 'diff' in compared ? reachabilityLenses(uri, compared.diff.located, 'HEAD') : [];
  }

  async changes(params: ReachabilityChangesParams): Promise<ReachabilityChangesResult> {
    const base = params.base?.trim() || 'HEAD';
    const compared = await this.diff(base);
    if ('error' in compared) {
      return {
        base,
        changes: [],
        total: 0,
        policies: { added: [], removed: [], changed: [] },
        workloads: { added: [], removed: [] },
        error: compared.error,
      };
    }
    const { diff, commit } = compared;
    const changes = diff.located.slice(0, MAX_ITEMS).map((located): ReachabilityChangeItem => ({
      ...located.change,
      kind: located.kind,
      causes: located.causes,
      ...(located.fromLocation ? { fromLocation: located.fromLocation } : {}),
      ...(located.toLocation ? { toLocation: located.toLocation } : {}),
    }));
    return {
      base,
      commit,
      changes,
      total: diff.located.length,
      policies: diff.report.policies,
      workloads: diff.report.workloads,
    };
  }

  private async indexOf(folders: readonly string[], sides: readonly RevisionFiles[]): Promise<WorkspaceIndex> {
    const index = new WorkspaceIndex();
    for (const [i, side] of sides.entries()) {
      for (const { uri, oid } of side.files) {
        if (!(await this.includes(uri))) continue;
        const { analysis } = await this.settingsFor(uri, folders[i]!.replace(/\/$/, ''));
        indexManifest(index, loadManifest(uri, await side.read(oid), analysis), analysis);
      }
    }
    return index;
  }
}
