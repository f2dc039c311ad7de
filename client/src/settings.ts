import * as vscode from 'vscode';
import type { NetpolSettings } from '../../server/src/protocol';

const RED_HAT_YAML = 'redhat.vscode-yaml';

/**
 * `netpol.yamlSyntaxErrors: auto` means "unless Red Hat's YAML extension is there": it
 * reports syntax errors already, and the same problem twice is noise.
 */
export function resolveYamlSyntaxErrors(value: unknown): boolean {
  if (value === 'never' || value === false) return false;
  if (value === 'always' || value === true) return true;
  return vscode.extensions.getExtension(RED_HAT_YAML) === undefined;
}

/** The settings section as the server reads it, with client-side values resolved. */
export function resolveSettingsSection(section: unknown): unknown {
  if (typeof section !== 'object' || section === null) return section;
  const raw = section as Record<string, unknown>;
  return { ...raw, yamlSyntaxErrors: resolveYamlSyntaxErrors(raw.yamlSyntaxErrors) } satisfies Partial<NetpolSettings>;
}
