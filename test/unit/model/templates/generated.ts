import { EMPTY_WORKSPACE, type WorkspaceView } from '../../../../server/src/model/workspaceView';
import { explainFile } from '../../../../server/src/services/describe';
import { generateYaml } from '../../../../server/src/services/generate';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../../../server/src/services/settings';
import { parseFile } from '../../../../server/src/yaml/file';
import { diagnoseInWorkspace } from '../../helpers';

/** The YAML of a template; fails the test when the options have problems. */
export function generated(template: string, options: Record<string, string> = {}, settings: AnalysisSettings = DEFAULT_SETTINGS): string {
  const result = generateYaml(template, options, settings);
  if (!result.text) throw new Error(`${template}: ${JSON.stringify(result.problems)}`);
  return result.text;
}

/** Every diagnostic (API rules and lints) of generated YAML, the file being its own workspace. */
export function findings(text: string, files: Record<string, string> = {}, settings: Partial<AnalysisSettings> = {}): string[] {
  return diagnoseInWorkspace({ ...files, 'generated.yaml': text }, 'generated.yaml', { ...settings, lints: true }).map(
    (d) => `${d.document} ${d.code}: ${d.message}`,
  );
}

/**
 * What the explainer says each generated policy does: per policy, the policy types and, per
 * direction, "deny all", "not restricted" or the rules' texts (the allow rows).
 */
export function meaning(text: string, workspace: WorkspaceView = EMPTY_WORKSPACE): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const { explanation } of explainFile(parseFile(text), DEFAULT_SETTINGS, workspace)) {
    const direction = (d: typeof explanation.ingress) => (d.outcome === 'restricted' ? d.rules.map((rule) => rule.text) : d.outcome);
    out[`${explanation.namespace}/${explanation.name}`] = {
      subject: explanation.subject.text,
      ingress: direction(explanation.ingress),
      egress: direction(explanation.egress),
    };
  }
  return out;
}
