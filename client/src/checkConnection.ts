import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ConnectivityRequest,
  portLabel,
  PROTOCOLS,
  QueryRequest,
  type ConnectivityEndpoint,
  type ConnectivityProtocol,
  type ConnectivityResult,
  type QueryParams,
  type QueryResult,
} from '../../server/src/protocol';
import {
  endpointKey,
  isWorkload,
  looksLikeAddress,
  parseCidrInput,
  parsePortInput,
  portsAllowedTo,
  workloadsNamed,
} from './connectivity/endpoints';
import { parseProtocol, parseQueryArguments, type PartialQuery } from './connectivity/arguments';
import { ConnectionReportPanel } from './connectivity/reportPanel';
import { requestConnectivity, requestErrorMessage, requestQuery, type ClientProvider } from './connectivity/server';

type Picked<T> = T | undefined;
const STEPS = 4;

/**
 * "NetworkPolicy: Check Connection…": can a source (a workload or external addresses) open a
 * connection to a destination on a port? The server's answer is shown as a report beside the
 * YAML, with both directions and links to the deciding policies and rules.
 */
export class CheckConnection implements vscode.Disposable {
  private readonly reports: ConnectionReportPanel;

  constructor(
    extensionUri: vscode.Uri,
    private readonly client: ClientProvider,
  ) {
    this.reports = new ConnectionReportPanel(extensionUri);
  }

  /** Asks for what `args` does not give, shows the report and returns the server's verdict. */
  async run(args?: unknown): Promise<QueryResult | undefined> {
    const given = parseQueryArguments(args);
    if ('error' in given) {
      void vscode.window.showErrorMessage(`Check Connection: ${given.error}`);
      return undefined;
    }
    const client = await this.client();
    if (!client) return undefined;
    const params = await this.complete(client, given);
    if (!params) return undefined;
    let result: QueryResult;
    try {
      result = await requestQuery(client, params);
    } catch (error) {
      void vscode.window.showErrorMessage(requestErrorMessage(QueryRequest.method, error));
      return undefined;
    }
    this.reports.show(params, result);
    return result;
  }

  /** The report page last shown (for tests). */
  get report(): string | undefined {
    return this.reports.html;
  }

  private async complete(client: LanguageClient, given: PartialQuery): Promise<QueryParams | undefined> {
    let connectivity: ConnectivityResult | undefined;
    // Only the pickers need the workspace's connectivity.
    const workspace = async (): Promise<ConnectivityResult | undefined> => {
      if (connectivity) return connectivity;
      try {
        connectivity = await requestConnectivity(client);
      } catch (error) {
        void vscode.window.showErrorMessage(requestErrorMessage(ConnectivityRequest.method, error));
      }
      return connectivity;
    };
    const from = given.from ?? (await this.pickEndpoint(await workspace(), 1, 'From: the source of the connection'));
    if (!from) return undefined;
    const to = given.to ?? (await this.pickEndpoint(await workspace(), 2, 'To: the destination'));
    if (!to) return undefined;
    if (given.port !== undefined) return { from, to, port: given.port, protocol: given.protocol ?? 'TCP' };
    const picked = await this.pickPort(await workspace(), to, given.protocol);
    return picked && { from, to, ...picked };
  }

  private async pickEndpoint(
    workspace: ConnectivityResult | undefined,
    step: number,
    title: string,
  ): Promise<Picked<ConnectivityEndpoint>> {
    if (!workspace) return undefined;
    const fixed = endpointItems(workspace);
    const picker = vscode.window.createQuickPick<EndpointItem>();
    picker.title = `Check Connection (${step}/${STEPS}): ${title}`;
    picker.placeholder =
      workspace.workloads.length > 0
        ? 'A workload (name, shop/web or shop/Deployment/web), or an IP address or CIDR'
        : 'The workspace has no workloads: type an IP address or CIDR';
    picker.matchOnDescription = true;
    picker.matchOnDetail = true;
    picker.items = fixed;
    // What is typed in the CLI's forms (`shop/web`, `shop/Deployment/web`, an address) is
    // offered first, whatever the fuzzy filter makes of it.
    picker.onDidChangeValue((value) => {
      picker.items = [...typedItems(value, workspace), ...fixed];
    });
    const chosen = await new Promise<EndpointItem | undefined>((resolve) => {
      picker.onDidAccept(() => {
        const item = picker.selectedItems[0];
        // An item that only says what is wrong with the typed text keeps the picker open.
        if (item && !item.endpoint && !item.typeAddress) return;
        resolve(item);
        picker.hide();
      });
      picker.onDidHide(() => resolve(undefined));
      picker.show();
    });
    picker.dispose();
    if (!chosen) return undefined;
    if (chosen.endpoint) return chosen.endpoint;
    const typed = await vscode.window.showInputBox({
      title: `Check Connection (${step}/${STEPS}): ${title}`,
      prompt: 'An IP address or a CIDR outside the cluster',
      placeHolder: '203.0.113.7 or 10.0.0.0/8',
      validateInput: (value) => {
        const parsed = parseCidrInput(value);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    if (typed === undefined) return undefined;
    const parsed = parseCidrInput(typed);
    return 'cidr' in parsed ? parsed : undefined;
  }

  /** The ports connections to `to` allow (when the workspace has any), or a typed port and a protocol. */
  private async pickPort(
    workspace: ConnectivityResult | undefined,
    to: ConnectivityEndpoint,
    protocol: ConnectivityProtocol | undefined,
  ): Promise<Picked<Pick<QueryParams, 'port' | 'protocol'>>> {
    const title = `Check Connection (3/${STEPS}): port`;
    const known = workspace ? portsAllowedTo(workspace.connections, to).filter((spec) => !protocol || spec.protocol === protocol) : [];
    if (known.length > 0) {
      type Item = vscode.QuickPickItem & { readonly pick?: Pick<QueryParams, 'port' | 'protocol'> };
      const chosen = await vscode.window.showQuickPick<Item>(
        [
          ...known.map((spec) => ({
            label: portLabel(spec),
            description: 'allowed to this destination from some source',
            pick: { port: spec.port, protocol: spec.protocol },
          })),
          { label: '$(edit) Another port or port name…', alwaysShow: true },
        ],
        { title, placeHolder: 'The destination port' },
      );
      if (!chosen) return undefined;
      if (chosen.pick) return chosen.pick;
    }
    const typed = await vscode.window.showInputBox({
      title,
      prompt: "A port number, or a named port of the destination's containers",
      placeHolder: '8080 or http',
      validateInput: (value) => {
        const parsed = parsePortInput(value);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    if (typed === undefined) return undefined;
    const parsed = parsePortInput(typed);
    if (!('port' in parsed)) return undefined;
    const chosenProtocol =
      protocol ??
      (
        await vscode.window.showQuickPick(
          PROTOCOLS.map((label) => ({ label, description: label === 'TCP' ? 'the default of a NetworkPolicy port' : undefined })),
          { title: `Check Connection (4/${STEPS}): protocol`, placeHolder: 'The protocol' },
        )
      )?.label;
    return chosenProtocol ? { port: parsed.port, protocol: parseProtocol(chosenProtocol) ?? 'TCP' } : undefined;
  }

  dispose(): void {
    this.reports.dispose();
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type EndpointItem = vscode.QuickPickItem & {
  readonly endpoint?: ConnectivityEndpoint;
  /** The item that asks for an address to be typed. */
  readonly typeAddress?: boolean;
};

/** The workloads by namespace, the addresses the policies name, then "type an address" (last: not the default). */
function endpointItems(workspace: ConnectivityResult): EndpointItem[] {
  const items: EndpointItem[] = [];
  let namespace: string | undefined;
  for (const workload of [...workspace.workloads].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name))) {
    if (workload.namespace !== namespace) {
      namespace = workload.namespace;
      items.push({ label: `namespace ${namespace}`, kind: vscode.QuickPickItemKind.Separator });
    }
    const labels = Object.entries(workload.labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    items.push({
      label: workload.name,
      description: `${workload.kind} · ${workload.namespace}`,
      detail: labels || undefined,
      endpoint: { namespace: workload.namespace, kind: workload.kind, name: workload.name },
    });
  }
  const externals = new Map<string, ConnectivityEndpoint>();
  for (const connection of workspace.connections)
    for (const endpoint of [connection.from, connection.to]) if (!isWorkload(endpoint)) externals.set(endpointKey(endpoint), endpoint);
  if (externals.size > 0) items.push({ label: 'external addresses in the policies', kind: vscode.QuickPickItemKind.Separator });
  for (const endpoint of externals.values())
    if (!isWorkload(endpoint)) items.push({ label: endpoint.cidr, description: 'external', endpoint });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: '$(globe) Type an IP address or CIDR…',
    detail: 'Addresses outside the cluster, e.g. 203.0.113.7 or 10.0.0.0/8',
    alwaysShow: true,
    typeAddress: true,
  });
  return items;
}

/** What the typed text names: workloads in the CLI's forms, an address, or what is wrong with an address. */
function typedItems(value: string, workspace: ConnectivityResult): EndpointItem[] {
  const named = workloadsNamed(value, workspace.workloads).map((workload): EndpointItem => ({
    label: `${workload.namespace}/${workload.name}`,
    description: workload.kind,
    alwaysShow: true,
    endpoint: { namespace: workload.namespace, kind: workload.kind, name: workload.name },
  }));
  if (named.length > 0 || !looksLikeAddress(value)) return named;
  const parsed = parseCidrInput(value);
  return 'cidr' in parsed
    ? [{ label: `$(globe) ${parsed.cidr}`, description: 'addresses outside the cluster', alwaysShow: true, endpoint: parsed }]
    : [{ label: `$(error) ${parsed.error}`, alwaysShow: true }];
}
