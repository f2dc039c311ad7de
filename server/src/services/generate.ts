import { KIND_SYNTAX } from '../model/templates/options';
import { TEMPLATES, templateById } from '../model/templates/catalog';
import type { WorkspaceView } from '../model/workspaceView';
import type { GenerateParams, GenerateResult, TemplateInfo, TemplatesResult } from '../protocol';
import { DEFAULT_STYLE, detectStyle } from '../yaml/style';
import { likelyNamespace, settingsDefaults, workloadChoices } from './generate/defaults';
import { checkOption, generatePolicies, nameOf } from './generate/policies';
import { appendedText, renderPolicies } from './generate/render';
import type { AnalysisSettings } from './settings';
import { indexObjects } from './workspace';
import type { YamlFile } from '../yaml/file';

/**
 * "Generate Policy": the template catalog for the wizard and the CLI, defaults from the
 * current file and the workspace, and the YAML of a template's policies, either as a new
 * document or as text to append to a file in that file's style.
 */

export function templateCatalog(): TemplateInfo[] {
  return TEMPLATES.map((template) => ({
    id: template.id,
    title: template.title,
    description: template.description,
    parameters: template.parameters.map((parameter) => ({ ...parameter, syntax: KIND_SYNTAX[parameter.kind] })),
  }));
}

/**
 * The catalog with defaults: the namespace most of the file's objects are in (else the most
 * common namespace of the workspace's workloads, else the default namespace), the cluster's
 * CIDRs from the settings, and the workloads a `workload` option may name.
 */
export function templatesFor(fileNamespaces: readonly string[], settings: AnalysisSettings, workspace: WorkspaceView): TemplatesResult {
  const workloads = workloadChoices(workspace);
  const namespaces = fileNamespaces.length ? fileNamespaces : workloads.map((workload) => workload.namespace);
  return {
    templates: templateCatalog(),
    defaults: { namespace: likelyNamespace(namespaces, settings), ...settingsDefaults(settings) },
    workloads,
  };
}

/** The namespace of every object of a file (a Namespace's own name), for the default namespace. */
export function namespacesOfFile(file: YamlFile, settings: AnalysisSettings): string[] {
  return indexObjects('', file, settings).flatMap(({ object }) =>
    object.kind === 'Namespace' ? [object.name] : object.kind === 'ClusterPolicy' ? [] : [object.namespace],
  );
}

export function checkTemplateOption(templateId: string, parameter: string, value: unknown): string | undefined {
  const template = templateById(templateId);
  return template ? checkOption(template, parameter, value) : `There is no template "${templateId}"`;
}

/**
 * The YAML of a template's policies: new documents in kubectl's style, or, given the text
 * of the file they are appended to, the text to add at its end in the file's style.
 */
/**
 * `netpol/generate`: with `target: 'append'` the text to add at the end of the document
 * (`appendTo`, its current text; undefined when it is not open), else a new document.
 */
export function generateFor(params: GenerateParams, settings: AnalysisSettings, appendTo: string | undefined): GenerateResult {
  if (params.target !== 'append') return generateYaml(params.template, params.options, settings);
  if (appendTo === undefined) return { policies: [], problems: [{ parameter: '', message: 'The document to append to is not open.' }] };
  return generateYaml(params.template, params.options, settings, appendTo);
}

export function generateYaml(templateId: string, options: unknown, settings: AnalysisSettings, appendTo?: string): GenerateResult {
  const outcome = generatePolicies(templateId, options, { dns: settings.dns });
  if (!outcome.ok) return { policies: [], problems: outcome.problems };
  const style = appendTo === undefined ? DEFAULT_STYLE : detectStyle(appendTo);
  const documents = renderPolicies(outcome.policies, style);
  const policies = outcome.policies.map(({ policy }) => nameOf(policy));
  return { text: appendTo === undefined ? documents : appendedText(appendTo, documents, style), policies, problems: [] };
}
