import * as vscode from 'vscode';
import { COMMANDS, plural, type FileStatus } from '../../server/src/protocol';

/** Context key: the active editor holds at least one NetworkPolicy. */
export const POLICY_FILE_CONTEXT = 'netpol.policyFile';
/** Context key: the server's state (`when` clauses of Restart Server and Show Output). */
export const SERVER_STATE_CONTEXT = 'netpol.serverState';

export type ServerState = 'idle' | 'starting' | 'running' | 'stopped' | 'failed';

/**
 * The language status item of YAML files: whether the server runs, and what it found in
 * the active file (policies, documents, the Kubernetes version checked against).
 */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly files = new Map<string, FileStatus>();
  private state: ServerState = 'idle';
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires whenever the text or state shown changes (tests wait on it). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('netpol.status', { language: 'yaml' });
    this.item.name = 'Kubernetes NetworkPolicy';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
    );
    void vscode.commands.executeCommand('setContext', SERVER_STATE_CONTEXT, this.state);
    this.render();
  }

  setState(state: ServerState): void {
    if (state !== this.state) void vscode.commands.executeCommand('setContext', SERVER_STATE_CONTEXT, state);
    this.state = state;
    this.render();
  }

  /** The server's state as shown (for tests). */
  get serverState(): ServerState {
    return this.state;
  }

  update(status: FileStatus): void {
    this.files.set(status.uri, status);
    this.render();
  }

  forget(uri: string): void {
    this.files.delete(uri);
    this.render();
  }

  /** What the item shows (for tests and the log). */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    this.draw();
    // Commands that only apply to a file with policies are shown only there (`when` clauses).
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const hasPolicies = this.state === 'running' && (uri ? (this.files.get(uri)?.policies ?? 0) > 0 : false);
    if (hasPolicies !== this.lastContext) {
      this.lastContext = hasPolicies;
      void vscode.commands.executeCommand('setContext', POLICY_FILE_CONTEXT, hasPolicies);
    }
    this.changed.fire();
  }

  private lastContext: boolean | undefined;

  private draw(): void {
    const item = this.item;
    item.busy = this.state === 'starting';
    item.severity = this.state === 'failed' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['netpol.'] };
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const file = uri ? this.files.get(uri) : undefined;
    switch (this.state) {
      case 'idle':
        item.text = 'NetworkPolicy: idle';
        item.detail = 'Starts when a YAML file contains a NetworkPolicy';
        return;
      case 'starting':
        item.text = 'NetworkPolicy: starting';
        item.detail = undefined;
        return;
      case 'failed':
        item.text = 'NetworkPolicy: server failed';
        item.detail = 'See the output channel';
        item.command = { title: 'Show Log', command: COMMANDS.showOutput };
        return;
      case 'stopped':
        item.text = 'NetworkPolicy: stopped';
        item.detail = undefined;
        item.command = { title: 'Restart', command: COMMANDS.restartServer };
        return;
      case 'running':
        break;
    }
    if (!file) {
      item.text = 'NetworkPolicy';
      item.detail = 'Not analysed yet';
    } else if (file.state === 'disabled') {
      item.text = 'NetworkPolicy: disabled';
      item.detail = 'netpol.enable is off';
    } else if (file.state === 'too-large') {
      item.text = 'NetworkPolicy: file too large';
      item.detail = 'See netpol.maxFileSizeMB';
    } else if (file.state === 'helm-template') {
      item.text = 'NetworkPolicy: Helm template';
      item.detail = 'Not analysed: check the rendered manifests';
    } else {
      item.text = `NetworkPolicy: ${plural(file.policies, 'policy', 'policies')}`;
      item.detail = `Kubernetes ${file.kubernetesVersion} · ${plural(file.documents, 'document')} · checked in ${file.durationMs} ms`;
    }
    // Restricted Mode: say why navigation and quick fixes are missing.
    if (!vscode.workspace.isTrusted) item.detail = `${item.detail ?? ''} · Restricted Mode: open files only`;
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
