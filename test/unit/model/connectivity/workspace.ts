import { formatConnectivityText } from '../../../../server/src/cli/connectivity';
import { computeConnectivity } from '../../../../server/src/model/connectivity/engine';
import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import { connectivityReport } from '../../../../server/src/services/connectivity';
import type { AnalysisSettings } from '../../../../server/src/services/settings';
import { validateText } from '../../../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../../../server/src/services/workspace';
import { settingsFor } from '../../helpers';

/** Workspaces of inline YAML for the connectivity tests. */

const SETTINGS = settingsFor();

/** A workspace index of these files (name -> YAML), built the way the server builds it. */
export function workspaceOf(files: Record<string, string>, settings: AnalysisSettings = SETTINGS): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) {
    const { file } = validateText(text, settings);
    if (file) index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, file, settings));
  }
  return index;
}

/** The connectivity of a workspace as the CLI's text lines. */
export function connectivityLines(files: Record<string, string>): string[] {
  const model = new ConnectivityModel(inputFromWorkspace(workspaceOf(files)));
  return formatConnectivityText(connectivityReport(computeConnectivity(model)))
    .split('\n')
    .filter(Boolean);
}

/** A Deployment whose pods have these labels and container ports (`name:port/PROTO`, `port`). */
export function deployment(namespace: string, name: string, labels: Record<string, string>, ports: string[] = []): string {
  const containerPorts = ports.map((spec) => {
    const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP|SCTP))?$/.exec(spec)!;
    const [, portName, port, protocol] = match;
    return `{ containerPort: ${port}${portName ? `, name: ${portName}` : ''}${protocol ? `, protocol: ${protocol}` : ''} }`;
  });
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name}, namespace: ${namespace} }`,
    'spec:',
    '  template:',
    `    metadata: { labels: ${JSON.stringify(labels)} }`,
    '    spec:',
    `      containers: [{ name: main, image: app, ports: [${containerPorts.join(', ')}] }]`,
    '',
  ].join('\n');
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}, labels: ${JSON.stringify(labels)} }\n`;
}

/** A NetworkPolicy; `spec` is YAML flow or block text indented by two spaces. */
export function netpol(namespace: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n${spec
    .split('\n')
    .map((line) => (line.trim() ? `  ${line}` : line))
    .join('\n')}\n`;
}
