import type { CodeLens, Range } from 'vscode-languageserver-types';
import { COMMANDS } from '../protocol';
import type { ChangeKind, LocatedChange } from './diff';

/**
 * The changes whose causes a CodeLens looks for: finding them costs a search per change, and a
 * default-deny closes hundreds of thousands. Beyond this many the counts are of the first ones,
 * and the lens says so.
 */
export const MAX_COUNTED = 20_000;

interface Counted {
  readonly range: Range;
  readonly counts: Record<ChangeKind, number>;
}

const VERBS: readonly [ChangeKind, string][] = [
  ['opened', 'opens'],
  ['closed', 'closes'],
  ['changed', 'changes'],
];

/** `opens 3 · closes 1 connections vs HEAD`. */
export function reachabilityLensTitle(counts: Record<ChangeKind, number>, base: string, partial = false): string {
  const total = counts.opened + counts.closed + counts.changed;
  const parts = VERBS.filter(([kind]) => counts[kind] > 0).map(([kind, verb]) => `${verb} ${counts[kind].toLocaleString('en-US')}`);
  const scope = partial ? ` (of the first ${MAX_COUNTED.toLocaleString('en-US')} changes)` : '';
  return `${parts.join(' · ')} connection${total === 1 ? '' : 's'} vs ${base}${scope}`;
}

/**
 * Above each rule or policy of a file that the reachability diff names as the cause of a
 * change: how many connections it opens, closes and changes against the revision. A click
 * shows the Reachability Changes view.
 */
export function reachabilityLenses(uri: string, located: readonly LocatedChange[], base: string): CodeLens[] {
  const byPlace = new Map<string, Counted>();
  for (const change of located.slice(0, MAX_COUNTED)) {
    for (const cause of change.causes) {
      if (cause.location?.uri !== uri) continue;
      const { range } = cause.location;
      const key = `${range.start.line}:${range.start.character}`;
      let counted = byPlace.get(key);
      if (!counted) byPlace.set(key, (counted = { range, counts: { opened: 0, closed: 0, changed: 0 } }));
      counted.counts[change.kind]++;
    }
  }
  const partial = located.length > MAX_COUNTED;
  return [...byPlace.values()].map(({ range, counts }) => ({
    range,
    command: { title: reachabilityLensTitle(counts, base, partial), command: COMMANDS.showReachabilityChanges, arguments: [] },
  }));
}
