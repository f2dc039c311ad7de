import { fileURLToPath } from 'node:url';
import type { AllowedPorts, ConnectivityEndpoint, PolicyRef, ProtocolLocation, ReachabilityDiff, WorkloadRef } from '../protocol';
import { changeKind, type ChangeCause, type LocatedChange, type WorkspaceDiff } from '../services/diff';
import { endpointLabel, portsColumn } from './connectivity';
import { artifactLocation, sarifLog } from './formatSarif';

/** `netpol diff` output formats (json is the report itself). */

function allowedLabel(ports: AllowedPorts): string {
  return ports === 'none' ? 'nothing' : portsColumn(ports);
}

const policyLabel = (policy: PolicyRef) => `${policy.namespace}/${policy.name}`;
const workloadLabel = (workload: WorkloadRef) => `${workload.namespace}/${workload.name}[${workload.kind}]`;

function causeLabel(cause: ChangeCause): string {
  return cause.rule ? `${policyLabel(cause.policy)} ${cause.rule}` : policyLabel(cause.policy);
}

/** What is behind a change: its policies and rules, else the workload added or removed at one of its ends. */
function reasons(located: LocatedChange, report: ReachabilityDiff): string[] {
  if (located.causes.length) return located.causes.map(causeLabel);
  const same = (a: WorkloadRef, b: ConnectivityEndpoint) =>
    !('cidr' in b) && a.namespace === b.namespace && a.kind === b.kind && a.name === b.name;
  const ends = [located.change.from, located.change.to];
  return [
    ...report.workloads.added.filter((w) => ends.some((end) => same(w, end))).map((w) => `${workloadLabel(w)} added`),
    ...report.workloads.removed.filter((w) => ends.some((end) => same(w, end))).map((w) => `${workloadLabel(w)} removed`),
  ];
}

/** `3 connections opened, 1 closed` from counts; undefined when all are zero. */
function counted(singular: string, pluralForm: string, counts: readonly (readonly [number, string])[]): string | undefined {
  const shown = counts.filter(([n]) => n > 0);
  if (!shown.length) return undefined;
  return shown.map(([n, what], i) => (i === 0 ? `${n} ${n === 1 ? singular : pluralForm} ${what}` : `${n} ${what}`)).join(', ');
}

/** One sentence: `2 connections opened, 1 closed; 1 policy added, 1 changed; 1 workload removed.` */
export function diffSummary(report: ReachabilityDiff): string {
  const kinds = report.changes.map(changeKind);
  const { policies, workloads } = report;
  const parts = [
    counted(
      'connection',
      'connections',
      KINDS.map((kind) => [kinds.filter((k) => k === kind).length, kind] as const),
    ),
    counted('policy', 'policies', [
      [policies.added.length, 'added'],
      [policies.removed.length, 'removed'],
      [policies.changed.length, 'changed'],
    ]),
    counted('workload', 'workloads', [
      [workloads.added.length, 'added'],
      [workloads.removed.length, 'removed'],
    ]),
  ].filter((part) => part !== undefined);
  return parts.length ? `${parts.join('; ')}.` : 'No change in reachability, policies or workloads.';
}

const KINDS = ['opened', 'closed', 'changed'] as const;
const MARK = { opened: '+', closed: '-', changed: '~' } as const;

/** `+ from => to : ports`, `- from => to : ports`, `~ from => to : before -> after`, each with its causes; then policies, workloads and the summary. */
export function formatDiffText(diff: WorkspaceDiff): string {
  const lines = diff.located.map((located) => {
    const { change, kind } = located;
    const ports =
      kind === 'opened'
        ? allowedLabel(change.after)
        : kind === 'closed'
          ? allowedLabel(change.before)
          : `${allowedLabel(change.before)} -> ${allowedLabel(change.after)}`;
    const why = reasons(located, diff.report);
    const because = why.length ? `  (${why.join('; ')})` : '';
    return `${MARK[kind]} ${endpointLabel(change.from)} => ${endpointLabel(change.to)} : ${ports}${because}`;
  });
  const { policies, workloads } = diff.report;
  const listed = [
    ...policies.added.map((p) => `+ policy ${policyLabel(p)}`),
    ...policies.removed.map((p) => `- policy ${policyLabel(p)}`),
    ...policies.changed.map((p) => `~ policy ${policyLabel(p)}`),
    ...workloads.added.map((w) => `+ workload ${workloadLabel(w)}`),
    ...workloads.removed.map((w) => `- workload ${workloadLabel(w)}`),
  ];
  return [
    ...lines,
    ...(lines.length && listed.length ? [''] : []),
    ...listed,
    ...(lines.length || listed.length ? [''] : []),
    diffSummary(diff.report),
  ]
    .map((line) => `${line}\n`)
    .join('');
}

/** Rows of a Markdown table past which a pull-request comment says how many more there are. */
export const MARKDOWN_ROWS = 100;

function cell(text: string): string {
  return `\`${text.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  const shown = rows.slice(0, MARKDOWN_ROWS);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...shown.map((row) => `| ${row.join(' | ')} |`),
    ...(rows.length > shown.length ? ['', `… and ${rows.length - shown.length} more (\`netpol diff --format json\` lists them all).`] : []),
  ];
}

/** For a pull-request comment: a heading and summary line, then a table per kind of change. */
export function formatDiffMarkdown(diff: WorkspaceDiff, against?: string): string {
  const lines = [`### Reachability changes${against ? ` against \`${against}\`` : ''}`, '', `**${diffSummary(diff.report)}**`];
  const why = (located: LocatedChange) =>
    reasons(located, diff.report)
      .map((reason) => cell(reason))
      .join(', ');
  for (const kind of KINDS) {
    const changes = diff.located.filter((c) => c.kind === kind);
    if (!changes.length) continue;
    const title = { opened: 'Opened', closed: 'Closed', changed: 'Changed' }[kind];
    const header = kind === 'changed' ? ['From', 'To', 'Before', 'After', 'Why'] : ['From', 'To', 'Ports', 'Why'];
    const rows = changes.map((located) => {
      const { change } = located;
      const ends = [cell(endpointLabel(change.from)), cell(endpointLabel(change.to))];
      if (kind === 'changed') return [...ends, allowedLabel(change.before), allowedLabel(change.after), why(located)];
      return [...ends, allowedLabel(kind === 'opened' ? change.after : change.before), why(located)];
    });
    lines.push('', `#### ${title} (${changes.length})`, '', ...table(header, rows));
  }
  const { policies, workloads } = diff.report;
  const objectRows = [
    ...policies.added.map((p) => ['policy', cell(policyLabel(p)), 'added']),
    ...policies.removed.map((p) => ['policy', cell(policyLabel(p)), 'removed']),
    ...policies.changed.map((p) => ['policy', cell(policyLabel(p)), 'changed']),
    ...workloads.added.map((w) => ['workload', cell(workloadLabel(w)), 'added']),
    ...workloads.removed.map((w) => ['workload', cell(workloadLabel(w)), 'removed']),
  ];
  if (objectRows.length) lines.push('', '#### Policies and workloads', '', ...table(['Kind', 'Name', 'Change'], objectRows));
  return `${lines.join('\n')}\n`;
}

const SARIF_RULES = [
  {
    id: 'connection-opened',
    name: 'Connection opened',
    shortDescription: { text: 'A connection the base did not allow is allowed.' },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: 'connection-widened',
    name: 'Connection widened',
    shortDescription: { text: 'A connection is allowed on ports or protocols the base did not allow.' },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: 'connection-closed',
    name: 'Connection closed',
    shortDescription: { text: 'A connection the base allowed is no longer allowed (or on fewer ports).' },
    defaultConfiguration: { level: 'note' },
  },
] as const;

/** The located change's best place: its first located cause, else a workload at its ends. */
function placeOf(located: LocatedChange): ProtocolLocation | undefined {
  return located.causes.find((cause) => cause.location)?.location ?? located.toLocation ?? located.fromLocation;
}

/** One result per connection newly allowed (opened, or widened), at the rule that allows it; closed or narrowed ones as notes. */
export function formatDiffSarif(diff: WorkspaceDiff, toolVersion: string, cwd: string): string {
  const results = diff.located.map((located) => {
    const { change, kind, widens } = located;
    const why = reasons(located, diff.report);
    const ruleId = kind === 'opened' ? 'connection-opened' : widens ? 'connection-widened' : 'connection-closed';
    const ends = `${endpointLabel(change.from)} => ${endpointLabel(change.to)}`;
    const text =
      kind === 'opened'
        ? `Newly allowed: ${ends} on ${allowedLabel(change.after)}.`
        : kind === 'closed'
          ? `No longer allowed: ${ends} on ${allowedLabel(change.before)}.`
          : `${ends} now allows ${allowedLabel(change.after)} (was ${allowedLabel(change.before)}).`;
    const place = placeOf(located);
    return {
      ruleId,
      ruleIndex: SARIF_RULES.findIndex((rule) => rule.id === ruleId),
      level: ruleId === 'connection-closed' ? 'note' : 'warning',
      message: { text: why.length ? `${text.slice(0, -1)} (${why.join('; ')}).` : text },
      ...(place
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(fileURLToPath(place.uri), cwd),
                  region: {
                    startLine: place.range.start.line + 1,
                    startColumn: place.range.start.character + 1,
                    endLine: place.range.end.line + 1,
                    endColumn: place.range.end.character + 1,
                  },
                },
              },
            ],
          }
        : {}),
      properties: { from: change.from, to: change.to, before: change.before, after: change.after },
    };
  });
  return sarifLog(SARIF_RULES, results, toolVersion, cwd);
}
