import type { NotAppliedPolicy } from '../protocol';

/**
 * The policies that `netpol connectivity` and `netpol query` leave out because the cluster would
 * refuse them: listed in the JSON output (`notApplied`) and as notes on stderr for the other
 * formats, so that no verdict is silently computed without a policy the author thinks is there.
 */

/** One entry of `notApplied` in the JSON output (file as shown on the command line, line 1-based). */
export interface NotAppliedEntry {
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export function notAppliedEntries(policies: readonly NotAppliedPolicy[], shown: (uri: string) => string): NotAppliedEntry[] {
  return policies.map((policy) => ({
    namespace: policy.namespace,
    name: policy.name,
    file: shown(policy.location.uri),
    line: policy.location.range.start.line + 1,
    reason: policy.reason,
  }));
}

/** `netpol: note: policy shop/web (policies.yaml:12) is not applied, the cluster would refuse it: <reason>` per policy. */
export function notAppliedNotes(entries: readonly NotAppliedEntry[]): string {
  return entries
    .map(
      (entry) =>
        `netpol: note: policy ${entry.namespace}/${entry.name} (${entry.file}:${entry.line}) is not applied, the cluster would refuse it: ${entry.reason}\n`,
    )
    .join('');
}
