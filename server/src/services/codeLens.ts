import { isWorkloadObject } from '../model/objects';
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { explainDirection } from '../model/explain';
import type { SemanticPolicy } from '../model/semantics';
import { COMMANDS } from '../protocol';
import { understandPolicy } from '../rules/understood';
import { policiesOf } from '../rules/validateDocument';
import type { YamlFile } from '../yaml/file';
import { locate } from '../yaml/locate';
import { shortSummary } from './describe';
import { fileRange } from './ranges';
import { selectedWorkloadEntries } from './selection';
import type { AnalysisSettings } from './settings';
import { never } from './cancellation';
import { notAppliedPolicies, workloadReach } from './connectivity';
import { indexObjects, type WorkspaceIndex } from './workspace';

/** At most this many workloads are listed by a click on a workload's CodeLens (each lens carries its list). */
const MAX_LISTED = 100;

/**
 * On a workload's name, once the workspace has a policy (a NetworkPolicy or a cluster-wide one
 * the API server accepts): how many workloads can reach it and how many it can reach (click to
 * list them), from the connectivity of the workspace; and the policies that would select it but
 * are left out because the cluster would refuse them.
 */
function workloadLenses(
  uri: string,
  file: YamlFile,
  settings: AnalysisSettings,
  index: WorkspaceIndex,
  isCancelled: () => boolean,
): CodeLens[] {
  if (index.policyEntries().length === 0 && index.clusterPolicies().every((policy) => policy.rejected)) return [];
  const out: CodeLens[] = [];
  for (const entry of indexObjects(uri, file, settings)) {
    if (isCancelled()) return out;
    const object = entry.object;
    if (!isWorkloadObject(object)) continue;
    const reach = workloadReach(index, object, MAX_LISTED);
    if (!reach) continue;
    const title = `reachable from ${reach.from} workload${reach.from === 1 ? '' : 's'} · can reach ${reach.to}`;
    out.push({
      range: entry.nameRange,
      command: { title, command: COMMANDS.showLocations, arguments: [uri, entry.nameRange.start, reach.locations] },
    });
    const notApplied = notAppliedPolicies(index, [object]);
    if (notApplied.length === 0) continue;
    const count = notApplied.length === 1 ? '1 policy selecting it is' : `${notApplied.length} policies selecting it are`;
    out.push({
      range: entry.nameRange,
      command: {
        title: `⚠ ${count} not applied (the cluster would refuse ${notApplied.length === 1 ? 'it' : 'them'})`,
        command: COMMANDS.showLocations,
        arguments: [uri, entry.nameRange.start, notApplied.map((policy) => policy.location)],
      },
    });
  }
  return out;
}

/**
 * What a policy does in each direction: all the lens says. Not the whole explanation, whose
 * list of the other policies that apply to the same pods makes a lens per policy quadratic.
 */
function directions(semantic: SemanticPolicy, index: WorkspaceIndex) {
  return { ingress: explainDirection('ingress', semantic, index), egress: explainDirection('egress', semantic, index) };
}

/**
 * Above each policy: how many workloads of the workspace it selects (click to list them), and
 * what it does in a line (click for the Describe Policy report). On each workload: what it can
 * reach and what reaches it. Once `isCancelled` says so (the request's time ran out), the
 * lenses made so far.
 */
export function codeLenses(
  uri: string,
  file: YamlFile,
  settings: AnalysisSettings,
  index: WorkspaceIndex,
  isCancelled: () => boolean = never,
): CodeLens[] {
  const out: CodeLens[] = workloadLenses(uri, file, settings, index, isCancelled);
  for (const chunk of file.chunks) {
    for (const doc of chunk.parsed.documents) {
      for (const location of policiesOf(doc.json)) {
        if (isCancelled()) return out;
        const { semantic } = understandPolicy(location, settings.version, settings.cluster.defaultNamespace);
        if (semantic.partial) continue;
        const range = fileRange(chunk, locate(doc, [...location.path, 'kind'], 'key'));
        const declared = index.workloadsIn(semantic.namespace).length;
        const selected = selectedWorkloadEntries(index, semantic.namespace, semantic.subject);
        const locations: Location[] = selected.map((entry) => ({ uri: entry.uri, range: entry.labelsRange ?? entry.nameRange }));
        const title =
          declared === 0
            ? `no workloads of namespace ${semantic.namespace} in the workspace`
            : `selects ${selected.length} of ${declared} workload${declared === 1 ? '' : 's'} in ${semantic.namespace}`;
        out.push({ range, command: { title, command: COMMANDS.showLocations, arguments: [uri, range.start, locations] } });
        // What it does, in a line; click for the full report.
        out.push({
          range,
          command: { title: shortSummary(directions(semantic, index)), command: COMMANDS.describePolicy, arguments: [uri, range.start] },
        });
      }
    }
  }
  return out;
}
