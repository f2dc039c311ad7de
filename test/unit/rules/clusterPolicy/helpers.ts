import { yaml } from '../../helpers';

/** Indents a YAML block (any common indentation) by `by` spaces. */
function indent(text: string, by: number): string {
  return yaml([text] as unknown as TemplateStringsArray)
    .split('\n')
    .map((line) => (line === '' ? line : `${' '.repeat(by)}${line}`))
    .join('\n');
}

/** A ClusterNetworkPolicy (v1alpha2) named `test` whose spec is `spec`. */
export function cnp(spec: string, metadata = 'name: test'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n${indent(metadata, 2)}\nspec:\n${indent(spec, 2)}\n`;
}

/** An Admin ClusterNetworkPolicy of priority 10 for every namespace, with these rules. */
export function adminRules(rules: string): string {
  return cnp(`tier: Admin\npriority: 10\nsubject:\n  namespaces: {}\n${yaml([rules] as unknown as TemplateStringsArray)}`);
}

/** An AdminNetworkPolicy (v1alpha1) named `test`. */
export function anp(spec: string, metadata = 'name: test'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n${indent(metadata, 2)}\nspec:\n${indent(spec, 2)}\n`;
}

/** A BaselineAdminNetworkPolicy (v1alpha1), named `default` unless told otherwise. */
export function banp(spec: string, metadata = 'name: default'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata:\n${indent(metadata, 2)}\nspec:\n${indent(spec, 2)}\n`;
}
