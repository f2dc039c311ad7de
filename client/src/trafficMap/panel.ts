import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ConnectivityRequest, QueryRequest, type ConnectivityResult, type ProtocolLocation } from '../../../server/src/protocol';
import {
  besideColumn,
  openLocation,
  requestConnectivity,
  requestErrorMessage,
  requestQuery,
  type ClientProvider,
} from '../connectivity/server';
import { connectionQuery } from './graph';
import { webviewHtml } from './html';
import type { FromWebview, ToWebview } from './messages';
import { decidingLocation, renderExplanation, renderView } from './render';

/** Changes closer together than this are one refresh. */
const REFRESH_DELAY_MS = 100;

/**
 * "NetworkPolicy: Show Traffic Map": the workspace's allowed connections as a map and a
 * matrix in a webview, asked again whenever the server's workspace changes. A click on a
 * connection asks the server why it is allowed and opens the deciding rule.
 */
export class TrafficMap implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private report: ConnectivityResult | undefined;
  /** The links of the explanation shown last (the webview names them by index). */
  private locations: readonly ProtocolLocation[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  /** Fires with every message sent to the webview (tests wait on it). */
  readonly onDidPost = this.posted.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: ClientProvider,
    /** Fires when the server's workspace changed (its `netpol/workspaceChanged` notification). */
    private readonly onDidChangeWorkspace: vscode.Event<void>,
  ) {}

  /** The connectivity the map shows (for tests). */
  get current(): ConnectivityResult | undefined {
    return this.report;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', 'trafficMap');
    const panel = vscode.window.createWebviewPanel(
      'netpol.trafficMap',
      'Traffic Map',
      { viewColumn: vscode.ViewColumn.Beside },
      { enableScripts: true, localResourceRoots: [media] },
    );
    this.panel = panel;
    panel.webview.html = webviewHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'main.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'trafficMap.css')).toString(),
    });
    this.watchers.push(
      panel.webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message)),
      panel.onDidDispose(() => this.closed()),
      // The server says when its index changed (edits, saves, files created or deleted, the
      // first indexing finished): asking on every keystroke would ask before it knows.
      this.onDidChangeWorkspace(() => this.scheduleRefresh()),
    );
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        // Also after the panel was hidden and shown again: the webview was reloaded.
        await this.refresh();
        break;
      case 'explain':
        await this.explain(message.edge);
        break;
      case 'open': {
        const location = this.locations[message.location];
        if (location) await openLocation(location, besideColumn(this.panel?.viewColumn));
        break;
      }
      case 'openNotApplied': {
        const policy = this.report?.notApplied[message.index];
        if (policy) await openLocation(policy.location, besideColumn(this.panel?.viewColumn));
        break;
      }
    }
  }

  private async refresh(): Promise<void> {
    const client = await this.client();
    if (!this.panel) return;
    if (!client) {
      this.post({ type: 'error', message: 'The NetworkPolicy language server is not running.' });
      return;
    }
    try {
      this.report = await requestConnectivity(client);
    } catch (error) {
      this.post({ type: 'error', message: requestErrorMessage(ConnectivityRequest.method, error) });
      return;
    }
    this.post({ type: 'view', ...renderView(this.report) });
  }

  private async explain(index: number): Promise<void> {
    const connection = this.report?.connections[index];
    const client = await this.client();
    if (!connection || !client) return;
    const params = connectionQuery(connection);
    try {
      const result = await requestQuery(client, params);
      const explanation = renderExplanation(params, result);
      this.locations = explanation.locations;
      this.post({ type: 'explanation', html: explanation.html });
      const rule = decidingLocation(result);
      // The map keeps the focus (the next click is on the map too).
      if (rule) await openLocation(rule, besideColumn(this.panel?.viewColumn), true);
    } catch (error) {
      this.post({ type: 'error', message: requestErrorMessage(QueryRequest.method, error) });
    }
  }

  private post(message: ToWebview): void {
    if (!this.panel) return;
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
  }

  private closed(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    this.panel = undefined;
    this.report = undefined;
    this.locations = [];
  }

  dispose(): void {
    this.panel?.dispose();
    this.closed();
    this.posted.dispose();
  }
}
