/**
 * The typed contract between the VS Code client and the language server, beyond LSP.
 * This is the only server file the client imports.
 */
import type { PolicyExplanation } from './model/explain';
import type { ParameterKind } from './model/templates/options';

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
  /** Where cluster DNS runs, for the DNS quick fixes and refactorings. */
  readonly dns?: { readonly namespace?: string; readonly podLabels?: Readonly<Record<string, string>> };
}

export const SETTINGS_SECTION = 'netpol';

/** `initializationOptions` of the `initialize` request (client -> server). */
export interface NetpolInitializationOptions {
  readonly settings?: Partial<NetpolSettings>;
  /**
   * Whether the workspace is trusted (VS Code's Restricted Mode when false). Untrusted: only the
   * open documents are analysed (no file of the workspace is read) and only diagnostics, hovers
   * and completions are offered. Absent means trusted (the CLI, other editors).
   */
  readonly trusted?: boolean;
}

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

/** Client command of the "Show documentation for <id>" code actions: opens the rule's page. */
export const SHOW_RULE_DOCS = 'netpol.showRuleDocs';

/** The argument of SHOW_RULE_DOCS (the server owns the docs URL). */
export interface ShowRuleDocsArgs {
  readonly ruleId: string;
  readonly url: string;
}

/** The code action kind of "fix all netpol problems" (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.netpol';

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

/** A text range as LSP sends it. */
export interface ProtocolRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** A place in the workspace (a policy, a rule, a workload's name). */
export interface ProtocolLocation {
  readonly uri: string;
  readonly range: ProtocolRange;
}

/** A workload of the workspace, as connectivity names it. */
export interface WorkloadRef {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}

/** One end of a connection: a workload, or addresses outside the cluster. */
export type ConnectivityEndpoint = WorkloadRef | { readonly cidr: string };

export type ConnectivityProtocol = 'TCP' | 'UDP' | 'SCTP';

/** A port or port range (`endPort` inclusive), named ports already resolved. */
export interface PortSpec {
  readonly protocol: ConnectivityProtocol;
  readonly port: number;
  readonly endPort?: number;
}

/**
 * The connectivity JSON contract (also `netpol connectivity --format json`): pairs with
 * nothing allowed are omitted; self-connections are not listed.
 */
export interface ConnectivityReport {
  readonly workloads: readonly (WorkloadRef & { readonly labels: Readonly<Record<string, string>> })[];
  readonly connections: readonly {
    readonly from: ConnectivityEndpoint;
    readonly to: ConnectivityEndpoint;
    readonly ports: 'all' | readonly PortSpec[];
  }[];
}

/** `netpol/connectivity` (client -> server): the workspace's connectivity, with where workloads are declared. */
export interface ConnectivityResult extends ConnectivityReport {
  /** Where each workload of `workloads` is declared (same order). */
  readonly locations: readonly ProtocolLocation[];
}

export const ConnectivityRequest = 'netpol/connectivity';

/** `netpol/query` (client -> server): can `from` open a connection to `to` on a port? */
export interface QueryParams {
  readonly from: ConnectivityEndpoint;
  readonly to: ConnectivityEndpoint;
  /** A number, or a named port resolved against the destination's container ports. */
  readonly port: number | string;
  readonly protocol: ConnectivityProtocol;
}

/** A rule (or a whole policy, for isolation) that took part in a verdict. */
export interface DecidingPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly location?: ProtocolLocation;
  /** The rules of the policy that allow the connection, e.g. `spec.ingress[0]`; empty when it only isolates. */
  readonly rules: readonly { readonly path: string; readonly location?: ProtocolLocation }[];
}

/** One direction of a verdict: the source's egress or the destination's ingress. */
export interface DirectionVerdict {
  readonly allowed: boolean;
  /** Whether some policy of this direction selects the pod (if not, everything is allowed). */
  readonly isolated: boolean;
  /** The policies selecting the pod in this direction. */
  readonly policies: readonly DecidingPolicy[];
  /** One plain sentence: why. */
  readonly reason: string;
}

export interface QueryResult {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

export const QueryRequest = 'netpol/query';

/**
 * The workspace's namespaces, workloads or policies changed (server -> client), so the
 * connectivity may have: views built from `netpol/connectivity` ask again. Sent at most a
 * few times a second; `version` grows with every change.
 */
export interface WorkspaceChanged {
  readonly version: number;
}

export const WorkspaceChangedNotification = 'netpol/workspaceChanged';

/** One value a policy template asks for (see the README's Generate Policy section). */
export interface TemplateParameterInfo {
  /** camelCase id; the CLI flag is its kebab-case form. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly kind: ParameterKind;
  /** How a value is written, e.g. "key=value pairs separated by commas". */
  readonly syntax: string;
  readonly optional: boolean;
  readonly default?: string;
}

export interface TemplateInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly parameters: readonly TemplateParameterInfo[];
}

/** A workload of the workspace a `workload` option may name, with the option values it implies. */
export interface TemplateWorkloadChoice {
  /** `Deployment/web`. */
  readonly value: string;
  readonly namespace: string;
  /** Option text by parameter id (its pod labels and ports). */
  readonly fills: Readonly<Record<string, string>>;
}

/** `netpol/templates` (client -> server): the templates, with defaults for a document (the file's namespace). */
export interface TemplatesParams {
  readonly uri?: string;
}

export interface TemplatesResult {
  readonly templates: readonly TemplateInfo[];
  /** Option text by parameter id, better than the templates' own defaults (the file's namespace, the cluster CIDRs). */
  readonly defaults: Readonly<Record<string, string>>;
  readonly workloads: readonly TemplateWorkloadChoice[];
}

export const TemplatesRequest = 'netpol/templates';

/** `netpol/generate` (client -> server): a template's policies as YAML. */
export interface GenerateParams {
  readonly template: string;
  /** Option text by parameter id; missing ones take the template's default. */
  readonly options: Readonly<Record<string, string>>;
  /** With `append`, the text is what to add at the end of this open document (its style, `---` first). */
  readonly uri?: string;
  readonly target?: 'new' | 'append';
}

export interface GenerateResult {
  /** The YAML, absent when there are problems. */
  readonly text?: string;
  readonly policies: readonly { readonly name: string; readonly namespace: string }[];
  /** What is wrong with the options (parameter '' for an unknown template). */
  readonly problems: readonly { readonly parameter: string; readonly message: string }[];
}

export const GenerateRequest = 'netpol/generate';

/** `netpol/checkTemplateOption` (client -> server): what is wrong with one option's text, as it is typed. */
export interface CheckTemplateOptionParams {
  readonly template: string;
  readonly parameter: string;
  readonly value: string;
}

export interface CheckTemplateOptionResult {
  readonly message?: string;
}

export const CheckTemplateOptionRequest = 'netpol/checkTemplateOption';

/** Client command "NetworkPolicy: Generate Policy…"; arguments `{ template, options, target: 'new' | 'append' }` skip the UI. */
export const GENERATE_POLICY = 'netpol.generatePolicy';

/** `netpol/workloads` (client -> server): the workloads of the workspace, to pick one from. */
export interface WorkloadsResult {
  readonly workloads: readonly (WorkloadRef & { readonly podLabels: Readonly<Record<string, string>> })[];
}

export const WorkloadsRequest = 'netpol/workloads';

/** `netpol/allowWorkloadEdit` (client -> server): a rule that lets a workload's pods reach the policy's pods, or be reached by them. */
export interface AllowWorkloadEditParams {
  readonly uri: string;
  /** A position in the policy. */
  readonly position: { readonly line: number; readonly character: number };
  /** `ingress`: traffic from the workload; `egress`: traffic to it. */
  readonly direction: 'ingress' | 'egress';
  readonly workload: WorkloadRef;
}

export interface AllowWorkloadEditResult {
  /** Edits of the document `uri`; absent when there is nothing to do (see `message`). */
  readonly edits?: readonly { readonly range: ProtocolRange; readonly newText: string }[];
  readonly message?: string;
}

export const AllowWorkloadEditRequest = 'netpol/allowWorkloadEdit';

/** Client command of the "Allow traffic from/to workload…" refactorings; arguments: uri, position, direction, and optionally a WorkloadRef (no picker). */
export const ALLOW_WORKLOAD = 'netpol.allowWorkload';
