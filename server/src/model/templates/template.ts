import type { JsonObject } from '../json';
import type { DnsTarget } from '../recipes';
import type { Labels, ParameterKind, PolicyPort, WorkloadName } from './options';

/** One value a template asks for. */
export interface TemplateParameter {
  /** camelCase; the CLI flag is its kebab-case form (`podLabels` -> `--pod-labels`). */
  readonly id: string;
  readonly title: string;
  /** What the value means, and what leaving it empty means when it is optional. */
  readonly description: string;
  readonly kind: ParameterKind;
  /** Whether it may be left empty. */
  readonly optional: boolean;
  /** The value proposed when neither the user, the file nor the workspace gives a better one. */
  readonly default?: string;
}

/** What the templates take from the settings rather than from the user. */
export interface TemplateContext {
  readonly dns: DnsTarget;
}

/**
 * A generated policy. Some templates are broad on purpose (a public web tier admits every
 * source): the lints that say so are suppressed in the document, with the reason written
 * above the suppression, so the result is lint-clean and its intent is visible.
 */
export interface GeneratedPolicy {
  readonly policy: JsonObject;
  readonly intended?: { readonly ids: readonly string[]; readonly reason: string };
}

export interface PolicyTemplate {
  readonly id: string;
  readonly title: string;
  /** What the generated policies mean, in a few sentences. */
  readonly description: string;
  readonly parameters: readonly TemplateParameter[];
  /** Throws OptionError when the options do not fit together. */
  build(values: OptionValues, context: TemplateContext): GeneratedPolicy[];
}

/** Options that are each valid but do not fit together (or a derived name that is too long). */
export class OptionError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** The typed value of each kind of parameter. */
export interface KindValue {
  name: string;
  namespace: string;
  namespaces: string[];
  labels: Labels;
  labelKey: string;
  labelValues: string[];
  ports: PolicyPort[];
  port: PolicyPort;
  cidrs: string[];
  boolean: boolean;
  workload: WorkloadName;
  priority: number;
}

/** The parsed options of a template; each template reads its own parameters by id and kind. */
export class OptionValues {
  constructor(private readonly values: ReadonlyMap<string, { readonly kind: ParameterKind; readonly value: unknown }>) {}

  /** The value, or undefined for an optional name, namespace, port or workload left empty. */
  get<K extends ParameterKind>(id: string, kind: K): KindValue[K] | undefined {
    const entry = this.values.get(id);
    // A template reading a parameter it did not declare (or as another kind) is a programming error.
    if (entry?.kind !== kind) throw new Error(`template parameter ${id} is not a declared ${kind}`);
    return entry.value as KindValue[K] | undefined;
  }

  /** The value of a parameter that is required (never empty) or empty-valued by kind (lists, labels, booleans). */
  value<K extends ParameterKind>(id: string, kind: K): KindValue[K] {
    const value = this.get(id, kind);
    if (value === undefined) throw new Error(`template parameter ${id} may be empty: use get()`);
    return value;
  }
}
