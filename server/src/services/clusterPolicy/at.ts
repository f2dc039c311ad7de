import type { FieldPath } from '../../model/path';
import type { Direction } from '../../model/vocabulary';
import {
  analyseClusterPolicy,
  clusterPoliciesOf,
  type ClusterPolicyAnalysis,
  type ClusterPolicyLocation,
} from '../../rules/clusterPolicy/validateClusterPolicy';
import { cursorAt, type CursorContext } from '../../yaml/cursor';
import type { YamlFile } from '../../yaml/file';
import type { AnalysisSettings } from '../settings';

/** The part of a cluster-wide policy a cursor is on, for hovers and navigation. */
export type ClusterPart =
  | { readonly kind: 'root' }
  | { readonly kind: 'tier' }
  | { readonly kind: 'priority' }
  | { readonly kind: 'subject'; readonly selector: 'namespaces' | 'pods' | 'namespaceSelector' | 'podSelector' | undefined }
  | { readonly kind: 'rule'; readonly direction: Direction; readonly rule: number; readonly field?: string }
  | {
      readonly kind: 'peer';
      readonly direction: Direction;
      readonly rule: number;
      readonly peer: number;
      readonly field?: string;
    }
  | { readonly kind: 'port'; readonly direction: Direction; readonly rule: number; readonly port: number }
  | { readonly kind: 'other' };

export interface ClusterPolicyAtCursor {
  readonly cursor: CursorContext;
  readonly location: ClusterPolicyLocation;
  readonly analysis: ClusterPolicyAnalysis;
  /** The cursor's path inside the policy. */
  readonly path: FieldPath;
  readonly part: ClusterPart;
}

function partOf(path: FieldPath): ClusterPart {
  const [top, field, rule, list, item, below] = path;
  if (path.length === 0 || top === 'kind' || top === 'apiVersion' || (top === 'metadata' && (path.length === 1 || field === 'name')))
    return { kind: 'root' };
  if (top !== 'spec') return { kind: 'other' };
  if (path.length === 1) return { kind: 'root' };
  if (field === 'tier') return { kind: 'tier' };
  if (field === 'priority') return { kind: 'priority' };
  if (field === 'subject') {
    const selector = path[2] === 'pods' && (path[3] === 'namespaceSelector' || path[3] === 'podSelector') ? path[3] : path[2];
    return {
      kind: 'subject',
      selector:
        selector === 'namespaces' || selector === 'pods' || selector === 'namespaceSelector' || selector === 'podSelector'
          ? selector
          : undefined,
    };
  }
  if ((field !== 'ingress' && field !== 'egress') || typeof rule !== 'number') return { kind: 'other' };
  if ((list === 'from' || list === 'to') && typeof item === 'number') {
    const nested = below === 'pods' && (path[6] === 'namespaceSelector' || path[6] === 'podSelector') ? path[6] : below;
    return { kind: 'peer', direction: field, rule, peer: item, ...(typeof nested === 'string' ? { field: nested } : {}) };
  }
  if ((list === 'protocols' || list === 'ports') && typeof item === 'number') return { kind: 'port', direction: field, rule, port: item };
  return { kind: 'rule', direction: field, rule, ...(typeof list === 'string' ? { field: list } : {}) };
}

/** The cluster policy of a document (or List item) at a path of the document. */
export function clusterPolicyOfPath(json: Parameters<typeof clusterPoliciesOf>[0], path: FieldPath): ClusterPolicyLocation | undefined {
  return clusterPoliciesOf(json).find((candidate) => candidate.path.every((segment, i) => path[i] === segment));
}

/** The ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy under a file offset. */
export function clusterPolicyAt(file: YamlFile, offset: number, settings: AnalysisSettings): ClusterPolicyAtCursor | undefined {
  const cursor = cursorAt(file, offset);
  if (!cursor) return undefined;
  const location = clusterPolicyOfPath(cursor.doc.json, cursor.path);
  if (!location) return undefined;
  const analysis = analyseClusterPolicy(location, { version: settings.version, channel: settings.channel });
  const path = cursor.path.slice(location.path.length);
  return { cursor, location, analysis, path, part: partOf(path) };
}
