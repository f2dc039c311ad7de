import type * as vscode from 'vscode';
import { NetpolExtension } from './netpolExtension';

let extension: NetpolExtension | undefined;

export function activate(context: vscode.ExtensionContext): NetpolExtension {
  extension = new NetpolExtension(context);
  return extension;
}

export async function deactivate(): Promise<void> {
  await extension?.dispose();
  extension = undefined;
}
