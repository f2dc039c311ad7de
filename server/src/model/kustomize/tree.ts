import { KUSTOMIZATION_FILE_NAMES, type Kustomization, type LabelRule } from './kustomization';

/**
 * Which kustomizations build each file of the workspace, from the kustomization files found in
 * it: a file listed in `resources` (directly, or through the directories and components it
 * lists, recursively) is built by every kustomization on the way, innermost first.
 *
 * Paths are the workspace's file URIs, resolved as kustomize resolves them: relative to the
 * kustomization's directory. A collection of manifests flattened into one folder, each path's
 * `/` written as `__` (`kustomize__base__kustomization.yaml` for `kustomize/base/kustomization.yaml`),
 * is read as the tree it was.
 */

/** What one kustomization does to the objects it builds. */
export interface KustomizeStep {
  readonly namespace?: string;
  readonly labels: readonly LabelRule[];
}

/**
 * The kustomizations that build a file, innermost first. Where several build it (a base of two
 * overlays), only the steps they have in common: the base's own, not the overlays' (the
 * workspace model holds each object once).
 */
export interface KustomizeContext {
  readonly steps: readonly KustomizeStep[];
}

/** Remote bases (git, http) are not followed. */
function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.startsWith('git@');
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `a/./b/../c` → `a/c`, keeping the URI's scheme and authority (`file:///`) intact. */
function normalize(path: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)?(.*)$/i.exec(path)!;
  const out: string[] = [];
  for (const segment of match[2]!.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') out.pop();
    else out.push(decode(segment));
  }
  return `${match[1] ?? ''}/${out.join('/')}`;
}

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** The paths a file stands for: its own, and the tree path of a flattened name (`a__b.yaml` → `a/b.yaml`). */
function logicalPaths(uri: string): string[] {
  const own = normalize(uri);
  const slash = own.lastIndexOf('/');
  const name = own.slice(slash + 1);
  return name.includes('__') ? [own, `${own.slice(0, slash)}/${name.split('__').join('/')}`] : [own];
}

function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** Whether a file's name is a kustomization's, as written or flattened. */
export function isKustomizationFile(uri: string): boolean {
  return logicalPaths(uri).some(isKustomizationPath);
}

/** The kustomize contexts of a workspace's files, by path; see `contextOf`. */
export interface KustomizeContexts {
  readonly byPath: ReadonlyMap<string, KustomizeContext>;
}

/** A file's context: by its own path, else by the tree path of its flattened name. Undefined: no kustomization lists it. */
export function contextOf(contexts: KustomizeContexts, uri: string): KustomizeContext | undefined {
  if (contexts.byPath.size === 0) return undefined;
  for (const path of logicalPaths(uri)) {
    const found = contexts.byPath.get(path);
    if (found) return found;
  }
  return undefined;
}

/**
 * The contexts of the files the kustomizations list (by URI). An entry is a kustomization when a
 * kustomization of the workspace sits in the directory it names (or is the file it names), else
 * a file: whether that file exists does not matter (each file looks itself up by its paths).
 */
export function kustomizeContexts(kustomizations: ReadonlyMap<string, Kustomization>): KustomizeContexts {
  /** A directory's kustomization, by the directory's path; and each kustomization by its own paths. */
  const byDirectory = new Map<string, string>();
  const byPath = new Map<string, string>();
  for (const uri of kustomizations.keys()) {
    for (const path of logicalPaths(uri)) {
      byPath.set(path, uri);
      if (isKustomizationPath(path) && !byDirectory.has(dirname(path))) byDirectory.set(dirname(path), uri);
    }
  }
  const directoryOf = (uri: string) => dirname(logicalPaths(uri).find(isKustomizationPath) ?? normalize(uri));

  type Target = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'kustomization'; readonly uri: string };
  const resolve = (from: string, entry: string): Target | undefined => {
    if (isRemote(entry)) return undefined;
    const path = normalize(`${directoryOf(from)}/${entry}`);
    const kustomization = byDirectory.get(path) ?? byPath.get(path);
    return kustomization ? { kind: 'kustomization', uri: kustomization } : { kind: 'file', path };
  };

  const chains = new Map<string, KustomizeStep[][]>();
  const steps = new Map<string, KustomizeStep>();
  const stepOf = (uri: string): KustomizeStep => {
    let step = steps.get(uri);
    if (!step) {
      const k = kustomizations.get(uri)!;
      step = { ...(k.namespace !== undefined ? { namespace: k.namespace } : {}), labels: k.labels };
      steps.set(uri, step);
    }
    return step;
  };
  const referenced = new Set<string>();
  for (const [uri, k] of kustomizations) {
    for (const entry of [...k.resources, ...k.components]) {
      const target = resolve(uri, entry);
      if (target?.kind === 'kustomization' && target.uri !== uri) referenced.add(target.uri);
    }
  }

  /**
   * Walks a kustomization with the steps that run after its own (its parents'). Its resources
   * are built by its components (in order), then itself; a component's, by itself, the
   * components after it and its parent.
   */
  const reached = new Set<string>();
  const walk = (uri: string, after: readonly KustomizeStep[], visiting: Set<string>): void => {
    if (visiting.has(uri)) return;
    visiting.add(uri);
    reached.add(uri);
    const k = kustomizations.get(uri)!;
    const components = k.components.flatMap((entry) => {
      const target = resolve(uri, entry);
      return target?.kind === 'kustomization' ? [target.uri] : [];
    });
    const own = [...components.map(stepOf), stepOf(uri), ...after];
    for (const entry of k.resources) {
      const target = resolve(uri, entry);
      if (!target) continue;
      if (target.kind === 'kustomization') walk(target.uri, own, visiting);
      else {
        const list = chains.get(target.path);
        if (list) list.push(own);
        else chains.set(target.path, [own]);
      }
    }
    components.forEach((component, i) => walk(component, [...components.slice(i + 1).map(stepOf), stepOf(uri), ...after], visiting));
    visiting.delete(uri);
  };
  for (const uri of kustomizations.keys()) if (!referenced.has(uri)) walk(uri, [], new Set());
  // Kustomizations that only a cycle reaches (kustomize refuses those) are walked from themselves.
  for (const uri of kustomizations.keys()) if (!reached.has(uri)) walk(uri, [], new Set());

  const out = new Map<string, KustomizeContext>();
  for (const [path, list] of chains) {
    const first = list[0]!;
    let common = first.length;
    for (const chain of list) {
      let i = 0;
      while (i < common && i < chain.length && chain[i] === first[i]) i++;
      common = i;
    }
    out.set(path, { steps: first.slice(0, common) });
  }
  return { byPath: out };
}

/** The namespace the kustomizations put a file's objects in (the outermost that sets one). */
export function kustomizeNamespace(context: KustomizeContext): string | undefined {
  let namespace: string | undefined;
  for (const step of context.steps) if (step.namespace !== undefined) namespace = step.namespace;
  return namespace;
}
