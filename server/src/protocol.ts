/**
 * The typed contract between the VS Code client and the language server, beyond LSP: every
 * `netpol/*` request and notification as a typed message (the method name and the shapes of
 * its parameters and result in one value, used by both sides), every command id, and the wire
 * shapes of their payloads. This is the only server file the client imports; it is imported by
 * the Node and the browser builds alike, so it depends on nothing but the protocol types.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { ParameterKind } from './model/templates/options';
import type { Protocol } from './model/vocabulary';

/** The words and phrasing the client shares with the server (pickers, labels, argument checks). */
export { isProtocol, listText, PROTOCOLS } from './model/vocabulary';
export { plural, portLabel, portList, portsLabel } from './model/phrases';

/**
 * Every command the extension registers. The ones in `SERVER_ONLY_COMMANDS` are invoked only by
 * the server's code actions; all the others are contributed in package.json (a test checks it).
 */
export const COMMANDS = {
  restartServer: 'netpol.restartServer',
  showOutput: 'netpol.showOutput',
  /** Shows a peek of locations (the CodeLenses). Arguments: the document URI, a position in it, and LSP locations. */
  showLocations: 'netpol.showLocations',
  /** Opens a rule's documentation (the "Show documentation for <id>" code actions). Argument: ShowRuleDocsArgs. */
  showRuleDocs: 'netpol.showRuleDocs',
  /** The Describe Policy report of the policy at a position (arguments: uri, position), or a picker. */
  describePolicy: 'netpol.describePolicy',
  checkConnection: 'netpol.checkConnection',
  showTrafficMap: 'netpol.showTrafficMap',
  /** "NetworkPolicy: Generate Policy…"; arguments `{ template, options, target: 'new' | 'append' }` skip the UI. */
  generatePolicy: 'netpol.generatePolicy',
  /** The "Allow traffic from/to workload…" refactorings; arguments: uri, position, direction, and optionally a WorkloadRef (no picker). */
  allowWorkload: 'netpol.allowWorkload',
  /** Opens a ProtocolLocation (its one argument) beside the report whose link was clicked: the Check Connection report's links. */
  openLocation: 'netpol.openLocation',
  /** "Compare Reachability With…": the Reachability Changes view against a picked revision (argument: the revision, else a picker). */
  compareReachabilityWith: 'netpol.compareReachabilityWith',
  refreshReachabilityChanges: 'netpol.refreshReachabilityChanges',
  /** The reachability CodeLens of a rule or policy: shows the Reachability Changes view. */
  showReachabilityChanges: 'netpol.showReachabilityChanges',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Commands that only the server's code actions invoke: not in the command palette, not in package.json. */
export const SERVER_ONLY_COMMANDS: readonly CommandId[] = [COMMANDS.allowWorkload, COMMANDS.showReachabilityChanges];

/** Commands that only links in the extension's own reports invoke: not in the command palette, not in package.json. */
export const LINK_ONLY_COMMANDS: readonly CommandId[] = [COMMANDS.openLocation];

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
  readonly dns?: {
    readonly namespace?: string;
    readonly podLabels?: Readonly<Record<string, string>>;
    readonly addresses?: readonly string[];
  };
  /** The network-policy-api CRDs of the cluster (ClusterNetworkPolicy and its v1alpha1 predecessors). */
  readonly networkPolicyAPI?: { readonly channel?: string };
}

export const SETTINGS_SECTION = 'netpol';

/** `initializationOptions` of the `initialize` request (client -> server). */
export interface NetpolInitializationOptions {
  readonly settings?: Partial<NetpolSettings>;
  /**
   * Whether the workspace is trusted (VS Code's Restricted Mode when false). Untrusted: only the
   * open documents are analysed (of the workspace's other files only `.netpol.yaml` is read) and
   * only diagnostics, hovers and completions are offered. Absent means trusted (the CLI, other editors).
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

/** Sent after every analysis of an open file (server -> client). */
export const FileStatusNotification = new NotificationType<FileStatus>('netpol/fileStatus');

/** The server could not use a setting value (server -> client), e.g. an unknown Kubernetes version. */
export interface SettingsProblem {
  readonly message: string;
}

export const SettingsProblemNotification = new NotificationType<SettingsProblem>('netpol/settingsProblem');

/** The argument of COMMANDS.showRuleDocs (the server owns the docs URL). */
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

/** A peer of a rule, explained (a source or destination). */
export interface PeerExplanationWire {
  /** Position in `from`/`to`. */
  readonly index: number;
  readonly kind: 'pods' | 'ipBlock';
  /** A noun phrase: "pods with label `app` = `web` in namespace `shop`". */
  readonly text: string;
  /** The traps of this kind of peer. */
  readonly notes: readonly string[];
}

export interface PortExplanationWire {
  /** "TCP 443", "TCP 8000–8080", "TCP port named `http` (8080 on Deployment web)". */
  readonly text: string;
  readonly notes: readonly string[];
}

export interface RuleExplanationWire {
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly peers: 'any' | readonly PeerExplanationWire[];
  readonly ports: 'all' | readonly PortExplanationWire[];
  /** A rule of a direction the policy does not isolate: it has no effect. */
  readonly ignored: boolean;
  readonly text: string;
}

export interface DirectionExplanationWire {
  readonly direction: 'ingress' | 'egress';
  /** Whether this policy isolates the selected pods in this direction. */
  readonly isolated: boolean;
  readonly rules: readonly RuleExplanationWire[];
  readonly outcome: 'not-isolated' | 'deny-all' | 'allow-all' | 'restricted';
  readonly text: string;
}

/**
 * What a NetworkPolicy does, in words, as `netpol/explain` and `netpol explain --format json`
 * send it. The server's model must stay assignable to it (the compiler checks where it is sent).
 */
export interface PolicyExplanationWire {
  readonly name: string;
  readonly namespace: string;
  /** False when metadata.namespace is not written (kubectl applies it in its context's namespace). */
  readonly namespaceGiven: boolean;
  readonly subject: { readonly text: string; readonly everything: boolean };
  readonly policyTypes: { readonly ingress: boolean; readonly egress: boolean; readonly explicit: boolean; readonly text: string };
  readonly ingress: DirectionExplanationWire;
  readonly egress: DirectionExplanationWire;
  /** Other policies of the workspace that apply to some of the same pods. */
  readonly others: readonly string[];
  /** The policy in a few sentences. */
  readonly summary: string;
  /** Part of the policy could not be read: the explanation covers what could. */
  readonly partial: boolean;
}

export interface ExplainedPolicyResult {
  /** Where it is in its document: '' or `items[2]`. */
  readonly path: string;
  readonly document: number;
  /** The range of its `kind` key. */
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly explanation: PolicyExplanationWire;
  /** The "Describe Policy" report. */
  readonly markdown: string;
}

export interface ExplainResult {
  readonly policies: readonly ExplainedPolicyResult[];
}

export const ExplainRequest = new RequestType<ExplainParams, ExplainResult, void>('netpol/explain');

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

export type ConnectivityProtocol = Protocol;

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
  /**
   * The cluster-wide policies the connections went through (the API server accepts them), Admin
   * then Baseline, each tier in evaluation order; absent when the workspace has none.
   */
  readonly clusterPolicies?: readonly { readonly kind: string; readonly name: string; readonly tier: string; readonly priority?: number }[];
  readonly connections: readonly {
    readonly from: ConnectivityEndpoint;
    readonly to: ConnectivityEndpoint;
    readonly ports: 'all' | readonly PortSpec[];
  }[];
}

/**
 * A NetworkPolicy of the workspace that kubectl or the API server would refuse: the cluster would
 * not have it, so it takes no part in connectivity. Connectivity results list them so that a
 * verdict is never silently computed without a policy the author thinks is there.
 */
export interface NotAppliedPolicy {
  readonly namespace: string;
  readonly name: string;
  /** Its `metadata.name` (or its `kind` when it has no name). */
  readonly location: ProtocolLocation;
  /** Its first error, as kubectl prints it: `spec.ingress[0].ports[0].endPort: Invalid value: 79: …`. */
  readonly reason: string;
}

/** `netpol/connectivity` (client -> server): the workspace's connectivity, with where workloads are declared. */
export interface ConnectivityResult extends ConnectivityReport {
  /** Where each workload of `workloads` is declared (same order). */
  readonly locations: readonly ProtocolLocation[];
  /** Every policy of the workspace left out because the cluster would refuse it. */
  readonly notApplied: readonly NotAppliedPolicy[];
}

/** `netpol/connectivity` takes no parameters (clients send `{}`). */
export type ConnectivityParams = Readonly<Record<string, never>>;

export const ConnectivityRequest = new RequestType<ConnectivityParams, ConnectivityResult, void>('netpol/connectivity');

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

/** A policy or rule a trail step names, with where it is written. */
export interface TrailLink {
  readonly label: string;
  readonly location?: ProtocolLocation;
}

/**
 * A tier a direction went through, in evaluation order (Admin, NetworkPolicy, Baseline, then
 * the default), when cluster-wide policies apply to the pod.
 */
export interface TrailStep {
  readonly tier: 'Admin' | 'NetworkPolicy' | 'Baseline' | 'Default';
  /** The step as a phrase: `[Admin] cluster-defaults rule "allow-monitoring" Pass`, `[NetworkPolicy] shop/web-ingress allows`. */
  readonly text: string;
  /** Admin and Baseline: the policy, then its deciding rule; NetworkPolicy: the policies that decide. */
  readonly links: readonly TrailLink[];
  /**
   * What the step did: the deciding rule's action (v1alpha2 words: a v1alpha1 `Allow` is
   * `Accept`); for NetworkPolicy `Accept` when they allow and `Deny` when they do not; for the
   * default `Accept`. `Pass` goes on to the next step.
   */
  readonly decision: 'Accept' | 'Deny' | 'Pass';
  /** Admin and Baseline: the cluster-wide policy that decided. */
  readonly clusterPolicy?: { readonly kind: string; readonly name: string; readonly priority?: number };
  /** Admin and Baseline: its deciding rule, e.g. `spec.ingress[1]`, with its name when it has one. */
  readonly rule?: { readonly path: string; readonly name?: string };
}

/** One direction of a verdict: the source's egress or the destination's ingress. */
export interface DirectionVerdict {
  readonly allowed: boolean;
  /** Whether some NetworkPolicy of this direction selects the pod (if not, NetworkPolicy allows everything). */
  readonly isolated: boolean;
  /** The NetworkPolicies selecting the pod in this direction. */
  readonly policies: readonly DecidingPolicy[];
  /** The tiers the connection went through; absent when no cluster-wide policy applies to the pod in this direction. */
  readonly trail?: readonly TrailStep[];
  /** One plain sentence: why. */
  readonly reason: string;
}

export interface QueryResult {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /**
   * The policies left out because the cluster would refuse them, that would otherwise have had a
   * say: in the namespace of a workload end, selecting it (or with a selector that cannot be read).
   */
  readonly notApplied: readonly NotAppliedPolicy[];
}

export const QueryRequest = new RequestType<QueryParams, QueryResult, void>('netpol/query');

/** What one side of a change allows: nothing, every port and protocol, or these ports. */
export type AllowedPorts = 'none' | 'all' | readonly PortSpec[];

/** An ordered pair whose allowed ports differ between two versions of the workspace. */
export interface ReachabilityChange {
  readonly from: ConnectivityEndpoint;
  readonly to: ConnectivityEndpoint;
  readonly before: AllowedPorts;
  readonly after: AllowedPorts;
}

/** A NetworkPolicy by namespace and name. */
export interface PolicyRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The reachability diff JSON contract (also `netpol diff --format json`): connections by
 * source then destination (workload pairs, then addresses to each workload, then from each);
 * policies and workloads by namespace and name. A renamed policy is one removed and one added.
 */
export interface ReachabilityDiff {
  readonly changes: readonly ReachabilityChange[];
  readonly policies: {
    readonly added: readonly PolicyRef[];
    readonly removed: readonly PolicyRef[];
    readonly changed: readonly PolicyRef[];
  };
  readonly workloads: { readonly added: readonly WorkloadRef[]; readonly removed: readonly WorkloadRef[] };
}

/** What is behind a change: a policy added, changed or removed, or one of its rules. */
export interface ReachabilityCause {
  readonly policy: PolicyRef;
  /** Where the policy, or its rule, is written in the newer version; absent for a removed policy. */
  readonly location?: ProtocolLocation;
  /** The rule that allows the connection, e.g. `spec.ingress[0]` (absent: the policy as a whole, e.g. it isolates). */
  readonly rule?: string;
}

/** `netpol/reachabilityChanges`: the workspace as the editor has it (unsaved text included) against a git revision. */
export interface ReachabilityChangesParams {
  /** A commit, branch or tag (`HEAD~1`, `origin/main`); HEAD when absent. */
  readonly base?: string;
}

/** One connection opened, closed or changed, with its causes and where its ends are declared. */
export interface ReachabilityChangeItem extends ReachabilityChange {
  readonly kind: 'opened' | 'closed' | 'changed';
  readonly causes: readonly ReachabilityCause[];
  readonly fromLocation?: ProtocolLocation;
  readonly toLocation?: ProtocolLocation;
}

export interface ReachabilityChangesResult {
  /** The revision compared with, as asked, and the commit it named. */
  readonly base: string;
  readonly commit?: string;
  /** The first changes, in the order of the diff contract (at most a few thousand). */
  readonly changes: readonly ReachabilityChangeItem[];
  /** How many changes there are in all. */
  readonly total: number;
  readonly policies: ReachabilityDiff['policies'];
  readonly workloads: ReachabilityDiff['workloads'];
  /** Why there is no comparison (no repository, an unknown revision, the browser). */
  readonly error?: string;
}

export const ReachabilityChangesRequest = new RequestType<ReachabilityChangesParams, ReachabilityChangesResult, void>(
  'netpol/reachabilityChanges',
);

/** `netpol/revisions`: HEAD, the branches (local and remote) and the tags of the workspace's repository, for a picker. */
export const RevisionsRequest = new RequestType0<string[], void>('netpol/revisions');

/**
 * The workspace's namespaces, workloads or policies changed (server -> client), so the
 * connectivity may have: views built from `netpol/connectivity` ask again. Sent at most a
 * few times a second; `version` grows with every change.
 */
export interface WorkspaceChanged {
  readonly version: number;
}

export const WorkspaceChangedNotification = new NotificationType<WorkspaceChanged>('netpol/workspaceChanged');

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

export const TemplatesRequest = new RequestType<TemplatesParams, TemplatesResult, void>('netpol/templates');

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

export const GenerateRequest = new RequestType<GenerateParams, GenerateResult, void>('netpol/generate');

/** `netpol/checkTemplateOption` (client -> server): what is wrong with one option's text, as it is typed. */
export interface CheckTemplateOptionParams {
  readonly template: string;
  readonly parameter: string;
  readonly value: string;
}

export interface CheckTemplateOptionResult {
  readonly message?: string;
}

export const CheckTemplateOptionRequest = new RequestType<CheckTemplateOptionParams, CheckTemplateOptionResult, void>(
  'netpol/checkTemplateOption',
);

/** `netpol/workloads` (client -> server): the workloads of the workspace, to pick one from. */
export interface WorkloadsResult {
  readonly workloads: readonly (WorkloadRef & { readonly podLabels: Readonly<Record<string, string>> })[];
}

export const WorkloadsRequest = new RequestType0<WorkloadsResult, void>('netpol/workloads');

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

export const AllowWorkloadEditRequest = new RequestType<AllowWorkloadEditParams, AllowWorkloadEditResult, void>('netpol/allowWorkloadEdit');

/**
 * `netpol/findFiles` (server -> client; the browser server, which cannot read files itself):
 * the YAML files (`**\/*.{yaml,yml}`) under a workspace folder, as VS Code's `workspace.findFiles`
 * finds them, without node_modules, .git and the `exclude` globs (relative to the folder).
 */
export interface FindFilesParams {
  readonly folder: string;
  readonly exclude: readonly string[];
}

export const FindFilesRequest = new RequestType<FindFilesParams, string[], void>('netpol/findFiles');

/** `netpol/readFile` (server -> client; the browser server): a file's bytes in base64, null when there is no such file. */
export interface ReadFileParams {
  readonly uri: string;
}

export const ReadFileRequest = new RequestType<ReadFileParams, string | null, void>('netpol/readFile');
