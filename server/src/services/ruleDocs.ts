export const DOCS_BASE_URL = 'https://github.com/kube-netpol/kube-netpol/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
