import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../server/src/rules/catalog';
import type { RuleCategory } from '../../server/src/rules/rule';
import { diagnoseInWorkspace } from './helpers';

/**
 * The rule documentation (docs/rules): one page per rule id, an index, and examples that
 * really do what the page says. An example is a ```yaml block after a line containing ❌
 * (must be reported with the page's code) or ✅ (must produce no diagnostic at all); the
 * marker holds until the next marker or heading. HTML comments before a block set options:
 * `<!-- k8s: 1.35 -->` (netpol.kubernetesVersion), `<!-- netpol.maxFileSizeMB: 0.0001 -->`,
 * `<!-- netpol.networkPolicyAPI.channel: experimental -->`,
 * `<!-- also: a, b -->` (other codes a ❌ example is allowed to produce). Each example is validated as
 * the one file of a workspace, so that the lints that consult the workspace see its other documents.
 */

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
const INDEX = 'README.md';

const CATEGORY_LABEL: Record<RuleCategory, string> = {
  yaml: 'YAML',
  schema: 'Schema/decoding',
  api: 'API validation',
  lint: 'Lint',
};

interface Example {
  readonly kind: 'bad' | 'good';
  readonly text: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
  readonly k8s?: string;
  readonly maxFileSizeMB?: number;
  readonly channel?: 'standard' | 'experimental';
  readonly also: readonly string[];
}

function examplesOf(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let marker: Example['kind'] | undefined;
  let options: { k8s?: string; maxFileSizeMB?: number; channel?: 'standard' | 'experimental'; also: string[] } = { also: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*```(\S*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      const start = i + 1;
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
      if (fence[1] === 'yaml' && marker) examples.push({ kind: marker, text: `${body.join('\n')}\n`, line: start, ...options });
      options = { also: [] };
      continue;
    }
    if (/^#/.test(line)) marker = undefined;
    if (line.includes('❌')) marker = 'bad';
    if (line.includes('✅')) marker = 'good';
    for (const comment of line.matchAll(/<!--\s*([\w.]+)\s*:\s*(.*?)\s*-->/g)) {
      const [, key, value] = comment as unknown as [string, string, string];
      if (key === 'k8s') options.k8s = value;
      else if (key === 'netpol.maxFileSizeMB') options.maxFileSizeMB = Number(value);
      else if (key === 'netpol.networkPolicyAPI.channel' && (value === 'standard' || value === 'experimental')) options.channel = value;
      else if (key === 'also') options.also = value.split(',').map((s) => s.trim());
      else throw new Error(`unknown example option "${key}" on line ${i + 1}`);
    }
  }
  return examples;
}

/** Runs an example of the page of `id` (a lint's example runs with that lint on, the other lints off). */
function run(example: Example, id: string) {
  const lint = ALL_RULES.find((rule) => rule.id === id && rule.category === 'lint');
  return diagnoseInWorkspace({ 'example.yaml': example.text }, 'example.yaml', {
    ...(lint ? { severities: { [id]: lint.severity } } : {}),
    ...(example.k8s ? { k8s: example.k8s } : {}),
    ...(example.maxFileSizeMB !== undefined ? { maxFileSize: example.maxFileSizeMB * 1024 * 1024 } : {}),
    ...(example.channel ? { channel: example.channel } : {}),
  });
}

const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== INDEX) : [];
const ids = ALL_RULES.map((rule) => rule.id);

describe('docs/rules', () => {
  it('has a page for every rule', () => {
    expect(ids.filter((id) => !pages.includes(`${id}.md`))).toEqual([]);
  });

  it('has no page without a rule', () => {
    expect(pages.filter((page) => !(ids as readonly string[]).includes(page.replace(/\.md$/, '')))).toEqual([]);
  });

  it('links every page from the index', () => {
    const index = readFileSync(join(DOCS, INDEX), 'utf8');
    expect(ids.filter((id) => !index.includes(`](${id}.md)`))).toEqual([]);
  });
});

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('docs/rules/%s.md', (id, rule) => {
  const file = join(DOCS, `${id}.md`);
  const markdown = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const examples = examplesOf(markdown);

  it('starts with its id', () => {
    expect(markdown.split('\n')[0]).toBe(`# ${id}`);
  });

  it('states the category and default severity of the catalog', () => {
    // Table cells may be padded (prettier aligns the columns).
    const row = (name: string) => new RegExp(`^\\|\\s*${name}\\s*\\|\\s*(.*?)\\s*\\|\\s*$`, 'm').exec(markdown)?.[1];
    expect(row('Category')).toBe(CATEGORY_LABEL[rule.category]);
    expect(row('Default severity')).toBe(rule.severity);
  });

  it('shows how to configure it', () => {
    expect(markdown).toContain(`"netpol.rules": { "${id}": `);
  });

  it('has a failing and a fixed example', () => {
    expect(examples.filter((e) => e.kind === 'bad').length).toBeGreaterThan(0);
    expect(examples.filter((e) => e.kind === 'good').length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    if (example.kind === 'bad') {
      it(`reports the ❌ example at line ${example.line}, and nothing unexpected`, () => {
        const found = run(example, id).map((d) => d.code);
        expect(found).toContain(id);
        expect(found.filter((code) => code !== id && !example.also.includes(code))).toEqual([]);
      });
    } else {
      it(`reports nothing for the ✅ example at line ${example.line}`, () => {
        expect(run(example, id).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      });
    }
  }
});
