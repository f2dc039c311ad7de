import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  portsLabel,
  ReachabilityChangesRequest,
  RevisionsRequest,
  type AllowedPorts,
  type ProtocolLocation,
  type ReachabilityCause,
  type ReachabilityChangeItem,
  type ReachabilityChangesResult,
} from '../../server/src/protocol';
import { endpointKey, endpointLabel } from './connectivity/endpoints';

export const VIEW_ID = 'netpol.reachabilityChanges';

function allowedLabel(ports: AllowedPorts): string {
  return ports === 'none' ? 'nothing' : portsLabel(ports);
}

/** `opened: TCP 80`, `closed: all ports`, `TCP 80 → TCP 80, 443`. */
export function changeDescription(change: ReachabilityChangeItem): string {
  if (change.kind === 'opened') return `opened: ${allowedLabel(change.after)}`;
  if (change.kind === 'closed') return `closed: ${allowedLabel(change.before)}`;
  return `${allowedLabel(change.before)} → ${allowedLabel(change.after)}`;
}

const causeLabel = (cause: ReachabilityCause): string =>
  `${cause.policy.namespace}/${cause.policy.name}${cause.rule ? ` ${cause.rule}` : ''}`;

type Node =
  | { readonly type: 'change'; readonly change: ReachabilityChangeItem }
  | { readonly type: 'cause'; readonly cause: ReachabilityCause }
  | { readonly type: 'end'; readonly label: string; readonly location: ProtocolLocation }
  | { readonly type: 'message'; readonly text: string };

function openCommand(location: ProtocolLocation, title: string): vscode.Command {
  const { start, end } = location.range;
  return {
    command: 'vscode.open',
    title,
    arguments: [
      vscode.Uri.parse(location.uri),
      { selection: new vscode.Range(start.line, start.character, end.line, end.character), preview: true },
    ],
  };
}

/**
 * The "Reachability Changes" view (Source Control side bar): the connections the workspace as
 * edited (unsaved text included) opens, closes or changes against a git revision (HEAD unless
 * "Compare Reachability With…" picked another), one item per ordered pair of workloads or
 * addresses, its children the policies and rules behind it, each opening where it is written.
 */
export class ReachabilityChangesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private base = 'HEAD';
  private result: ReachabilityChangesResult | undefined;
  private error: string | undefined;
  private refreshing: Promise<void> | undefined;
  private again = false;
  /** Resolves after each refresh (for tests and the refresh figure). */
  private readonly refreshed = new vscode.EventEmitter<ReachabilityChangesResult | undefined>();
  readonly onDidRefresh = this.refreshed.event;

  constructor(
    private readonly client: () => Promise<LanguageClient | undefined>,
    workspaceChanged: vscode.Event<void>,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.refreshed,
      workspaceChanged(() => this.schedule()),
      // The index already has a saved document's text (open documents are indexed as typed): ask at once.
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.languageId === 'yaml' && this.view.visible) void this.refresh();
      }),
      this.view.onDidChangeVisibility((event) => {
        if (event.visible) this.schedule();
      }),
    );
    if (this.view.visible) this.schedule();
  }

  /** The result shown (for tests). */
  get current(): ReachabilityChangesResult | undefined {
    return this.result;
  }

  /** "Compare Reachability With…": a branch, tag or commit picked or typed. */
  async compareWith(revision?: string): Promise<void> {
    let picked = revision;
    if (picked === undefined) {
      const client = await this.client();
      const revisions = client ? await client.sendRequest(RevisionsRequest).catch(() => [] as string[]) : [];
      const quickPick = vscode.window.createQuickPick();
      quickPick.title = 'Compare Reachability With…';
      quickPick.placeholder = 'A branch, tag or commit (HEAD~1, origin/main, a commit id)';
      quickPick.items = revisions.map((label) => ({ label }));
      picked = await new Promise<string | undefined>((resolve) => {
        quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.label ?? (quickPick.value.trim() || undefined)));
        quickPick.onDidHide(() => resolve(undefined));
        quickPick.show();
      });
      quickPick.dispose();
    }
    if (!picked) return;
    this.base = picked;
    await this.refresh();
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /** The reachability CodeLens: the view shown (it refreshes as it becomes visible). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /**
   * The workspace changed: a visible view asks at once. The server tells at most a few changes
   * a second, and `refresh` runs one request at a time, the latest state winning.
   */
  schedule(): void {
    if (this.view.visible) void this.refresh();
  }

  /** Asks the server again; one request at a time, the latest state winning. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.load().finally(() => {
      this.refreshing = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const client = await this.client();
    if (!client) return;
    try {
      this.result = await client.sendRequest(ReachabilityChangesRequest, { base: this.base });
      this.error = this.result.error;
    } catch (error) {
      this.result = undefined;
      this.error = error instanceof Error ? error.message : String(error);
    }
    const result = this.result;
    this.view.description = `vs ${this.base}${result?.commit ? ` (${result.commit.slice(0, 8)})` : ''}`;
    this.view.message =
      result && result.total > result.changes.length ? `The first ${result.changes.length} of ${result.total} changes.` : undefined;
    this.view.badge = result?.total ? { value: result.total, tooltip: `${result.total} reachability changes vs ${this.base}` } : undefined;
    this.changed.fire(undefined);
    this.refreshed.fire(result);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'message') return new vscode.TreeItem(node.text);
    if (node.type === 'end') {
      const item = new vscode.TreeItem(node.label);
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      item.command = openCommand(node.location, 'Open the workload');
      return item;
    }
    if (node.type === 'cause') {
      const item = new vscode.TreeItem(causeLabel(node.cause));
      item.iconPath = new vscode.ThemeIcon('shield');
      item.description = node.cause.location ? undefined : 'removed';
      if (node.cause.location) item.command = openCommand(node.cause.location, 'Open the policy');
      return item;
    }
    const { change } = node;
    const item = new vscode.TreeItem(
      `${endpointLabel(change.from)} → ${endpointLabel(change.to)}`,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `${endpointKey(change.from)}\n${endpointKey(change.to)}`;
    item.description = changeDescription(change);
    item.contextValue = change.kind;
    item.iconPath =
      change.kind === 'opened'
        ? new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground'))
        : change.kind === 'closed'
          ? new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground'))
          : new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground'));
    item.tooltip = `${item.label as string}: ${changeDescription(change)} (vs ${this.base})`;
    const first = change.causes.find((cause) => cause.location)?.location;
    if (first) item.command = openCommand(first, 'Open the rule behind the change');
    return item;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (this.error) return [{ type: 'message', text: this.error }];
      if (!this.result) return [];
      if (this.result.changes.length === 0) return [{ type: 'message', text: `No connection opened or closed vs ${this.base}.` }];
      return this.result.changes.map((change) => ({ type: 'change', change }));
    }
    if (node.type !== 'change') return [];
    const { change } = node;
    const ends: Node[] = [];
    if (change.fromLocation) ends.push({ type: 'end', label: endpointLabel(change.from), location: change.fromLocation });
    if (change.toLocation) ends.push({ type: 'end', label: endpointLabel(change.to), location: change.toLocation });
    return [...change.causes.map((cause): Node => ({ type: 'cause', cause })), ...ends];
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
