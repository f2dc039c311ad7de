/**
 * The typed contract between the VS Code client and the language server, beyond LSP.
 * This is the only server file the client imports.
 */
import type { PolicyExplanation } from './model/explain';

/** The `netpol` settings section as the server reads it (after the client resolved `auto` values). */
export interface NetpolSettings {
  readonly enable: boolean;
  /** `latest` or `1.N`. */
  readonly kubernetesVersion: string;
  /** Rule id -> error | warning | info | hint | off. */
  readonly rules: Readonly<Record<string, string>>;
  /** Resolved by the client: `auto` becomes true or false. */
  readonly yamlSyntaxErrors: boolean | 'auto' | 'always' | 'never';
  readonly maxFileSizeMB: number;
  readonly diagnosticsDelay: number;
  /** Namespace of objects without metadata.namespace. */
  readonly defaultNamespace: string;
  readonly cluster: { readonly podCIDRs?: readonly string[]; readonly serviceCIDRs?: readonly string[] };
}

export const SETTINGS_SECTION = 'netpol';

/** What the server knows about one open file; sent after every analysis (server -> client). */
export interface FileStatus {
  readonly uri: string;
  readonly version: number;
  readonly state: 'analysed' | 'too-large' | 'helm-template' | 'disabled';
  /** NetworkPolicies in the file (items of lists included). */
  readonly policies: number;
  readonly documents: number;
  readonly problems: number;
  /** The Kubernetes version the file was checked against, e.g. `latest (1.37)`. */
  readonly kubernetesVersion: string;
  /** Milliseconds the last analysis took. */
  readonly durationMs: number;
}

export const FileStatusNotification = 'netpol/fileStatus';

/** The server could not use a setting value (server -> client), e.g. an unknown Kubernetes version. */
export interface SettingsProblem {
  readonly message: string;
}

export const SettingsProblemNotification = 'netpol/settingsProblem';

/**
 * Client command the server's CodeLenses invoke: show a peek of locations.
 * Arguments: the document URI, a position in it, and LSP locations.
 */
export const SHOW_LOCATIONS = 'netpol.showLocations';

/** `netpol/explain` (client -> server): the NetworkPolicies of a document, explained. */
export interface ExplainParams {
  readonly uri: string;
  /** Only the policy at this position; all the policies of the document when absent. */
  readonly position?: { readonly line: number; readonly character: number };
}

export interface ExplainedPolicyResult {
  /** Where it is in its document: '' or `items[2]`. */
  readonly path: string;
  readonly document: number;
  /** The range of its `kind` key. */
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly explanation: PolicyExplanation;
  /** The "Describe Policy" report. */
  readonly markdown: string;
}

export interface ExplainResult {
  readonly policies: readonly ExplainedPolicyResult[];
}

export const ExplainRequest = 'netpol/explain';

/** Client command: the Describe Policy report of the policy at a position (arguments: uri, position), or a picker. */
export const DESCRIBE_POLICY = 'netpol.describePolicy';
