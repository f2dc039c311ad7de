import { getField, isJsonObject, type Json } from '../json';
import type { Labels } from '../selector';

/**
 * A kustomization (`kustomization.yaml`, kind Kustomization or Component of
 * kustomize.config.k8s.io), as far as the workspace model follows it: which files and
 * directories it lists, the namespace it sets and the labels it adds. Patches, generators,
 * name prefixes and remote bases are not followed.
 */

/** Labels added by `labels` (one entry) or `commonLabels`, and where kustomize writes them. */
export interface LabelRule {
  readonly pairs: Labels;
  /** Also on selectors (and pod templates): `commonLabels`, or `labels` with `includeSelectors: true`. */
  readonly selectors: boolean;
  /** Also on pod templates: `labels` with `includeTemplates: true` (implied by `selectors`). */
  readonly templates: boolean;
}

export interface Kustomization {
  readonly kind: 'Kustomization' | 'Component';
  readonly namespace?: string;
  /** `resources` and the older `bases`, in order: files, or directories holding a kustomization. */
  readonly resources: readonly string[];
  readonly components: readonly string[];
  /** In the order kustomize applies them: each `labels` entry, then `commonLabels`. */
  readonly labels: readonly LabelRule[];
}

/** The names kustomize looks for in a directory (api/konfig: RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const API_GROUP = 'kustomize.config.k8s.io/';

function strings(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

function labelMap(value: Json | undefined): Labels | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(value)) {
    const v = value[key];
    // kustomize reads map[string]string: a number or boolean written unquoted is its text.
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The kustomization a document of a kustomization file holds: an object whose apiVersion (if
 * written) is kustomize's and whose kind (if written) is Kustomization or Component.
 */
export function readKustomization(json: Json | undefined): Kustomization | undefined {
  if (!isJsonObject(json)) return undefined;
  const apiVersion = getField(json, 'apiVersion');
  const kind = getField(json, 'kind');
  if (apiVersion !== undefined && !(typeof apiVersion === 'string' && apiVersion.startsWith(API_GROUP))) return undefined;
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') return undefined;
  const namespace = getField(json, 'namespace');
  const labels: LabelRule[] = [];
  const entries = getField(json, 'labels');
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (!isJsonObject(entry)) continue;
    const pairs = labelMap(getField(entry, 'pairs'));
    if (!pairs) continue;
    const selectors = getField(entry, 'includeSelectors') === true;
    labels.push({ pairs, selectors, templates: selectors || getField(entry, 'includeTemplates') === true });
  }
  const common = labelMap(getField(json, 'commonLabels'));
  if (common) labels.push({ pairs: common, selectors: true, templates: true });
  return {
    kind: kind === 'Component' ? 'Component' : 'Kustomization',
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    resources: [...strings(getField(json, 'resources')), ...strings(getField(json, 'bases'))],
    components: strings(getField(json, 'components')),
    labels,
  };
}
