import * as vscode from 'vscode';
import { COMMANDS, type ProtocolLocation, type QueryParams, type QueryResult } from '../../../server/src/protocol';
import { reportPage } from './reportPage';
import { besideColumn, openLocation } from './server';

/**
 * The Check Connection report: one webview panel beside the YAML, replaced by every check.
 * Its links run `netpol.openLocation` (the only command the page may run), which opens the
 * rule at its line in the editor group beside the report.
 */
export class ConnectionReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: string | undefined;
  private readonly command: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.command = vscode.commands.registerCommand(COMMANDS.openLocation, (location: ProtocolLocation) =>
      openLocation(location, besideColumn(this.panel?.viewColumn)),
    );
  }

  /** The page shown last (for tests). */
  get html(): string | undefined {
    return this.shown;
  }

  show(params: QueryParams, result: QueryResult): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', 'report');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'netpol.connectionReport',
        'Check Connection',
        { viewColumn: vscode.ViewColumn.Beside },
        { enableScripts: false, enableCommandUris: [COMMANDS.openLocation], localResourceRoots: [media] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
    } else {
      this.panel.reveal(undefined);
    }
    const webview = this.panel.webview;
    this.shown = reportPage(
      { cspSource: webview.cspSource, styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css')).toString() },
      params,
      result,
    );
    webview.html = this.shown;
  }

  dispose(): void {
    this.panel?.dispose();
    this.command.dispose();
  }
}
