import { isJsonObject, type JsonObject } from '../../model/json';
import { templateById, TEMPLATES } from '../../model/templates/catalog';
import { OptionError, OptionValues, type GeneratedPolicy, type PolicyTemplate, type TemplateContext } from '../../model/templates/template';
import { dnsSubdomainNameErrors } from '../../rules/k8sNames';
import { parseOption } from './options';

/** metadata.name and metadata.namespace of a generated policy ('' when missing). */
export function nameOf(policy: JsonObject): { name: string; namespace: string } {
  const metadata = policy.metadata;
  const text = (key: string) => (isJsonObject(metadata) && typeof metadata[key] === 'string' ? metadata[key] : '');
  return { name: text('name'), namespace: text('namespace') };
}

export interface OptionProblem {
  /** The parameter id ('' when the template itself is unknown). */
  readonly parameter: string;
  readonly message: string;
}

export type GenerateOutcome =
  | { readonly ok: true; readonly policies: readonly GeneratedPolicy[] }
  | { readonly ok: false; readonly problems: readonly OptionProblem[] };

/** What is wrong with one option's text, or undefined (for validation as the user types). */
export function checkOption(template: PolicyTemplate, parameter: string, text: unknown): string | undefined {
  const declared = template.parameters.find((p) => p.id === parameter);
  if (!declared) return `${template.id} has no option ${parameter}`;
  if (typeof text !== 'string') return `${declared.title} must be given as text`;
  const parsed = parseOption(declared, text);
  return parsed.ok ? undefined : parsed.message;
}

/**
 * The policies of a template for the options given (text by parameter id; a missing one
 * takes its default), or every problem of the options.
 */
export function generatePolicies(templateId: string, given: unknown, context: TemplateContext): GenerateOutcome {
  // Options come from requests and command arguments: anything but a map of text is refused, not thrown on.
  const options: Readonly<Record<string, unknown>> =
    typeof given === 'object' && given !== null && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
  const template = templateById(templateId);
  if (!template) {
    return {
      ok: false,
      problems: [{ parameter: '', message: `There is no template "${templateId}": use one of ${TEMPLATES.map((t) => t.id).join(', ')}` }],
    };
  }
  const problems: OptionProblem[] = Object.keys(options)
    .filter((id) => !template.parameters.some((p) => p.id === id))
    .map((id) => ({ parameter: id, message: `${template.id} has no option ${id}` }));
  const values = new Map<string, { kind: PolicyTemplate['parameters'][number]['kind']; value: unknown }>();
  for (const parameter of template.parameters) {
    const text = Object.prototype.hasOwnProperty.call(options, parameter.id) ? options[parameter.id] : undefined;
    if (text !== undefined && typeof text !== 'string') {
      problems.push({ parameter: parameter.id, message: `${parameter.title} must be given as text` });
      continue;
    }
    const parsed = parseOption(parameter, text ?? parameter.default ?? '');
    if (parsed.ok) values.set(parameter.id, { kind: parameter.kind, value: parsed.value });
    else problems.push({ parameter: parameter.id, message: parsed.message });
  }
  if (problems.length) return { ok: false, problems };
  let policies: GeneratedPolicy[];
  try {
    policies = template.build(new OptionValues(values), context);
  } catch (error) {
    if (error instanceof OptionError) return { ok: false, problems: [{ parameter: error.parameter, message: error.message }] };
    throw error;
  }
  // A derived name (prefix + suffix) may exceed what a name may be.
  for (const { policy } of policies) {
    const { name } = nameOf(policy);
    const errors = dnsSubdomainNameErrors(name, false);
    if (errors.length)
      return { ok: false, problems: [{ parameter: 'name', message: `The policy name "${name}" is not valid: ${errors.join('; ')}` }] };
  }
  return { ok: true, policies };
}
