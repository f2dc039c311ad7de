import type { GeneratedPolicy } from '../../model/templates/template';
import { emitYaml } from '../../yaml/emit';
import type { YamlStyle } from '../../yaml/style';

/**
 * YAML documents for generated policies: each preceded, when it is broad on purpose, by
 * why and a `# netpol-disable` comment for the lints that would say so.
 */
export function renderPolicies(policies: readonly GeneratedPolicy[], style: YamlStyle): string {
  return policies
    .map(({ policy, intended }) => {
      const comments = intended
        ? [`# ${intended.reason}`, `# netpol-disable ${intended.ids.join(', ')}`].map((line) => line + style.eol)
        : [];
      return comments.join('') + emitYaml(policy, style);
    })
    .join(`---${style.eol}`);
}

/** Whether the text ends with a `---` line (an empty last document to write into). */
function endsWithSeparator(text: string): boolean {
  return /(^|\n)---[ \t]*\r?\n?$/.test(text);
}

/**
 * What to add at the end of `text` so that `documents` become new documents of it: a line
 * break if the last line has none, and a `---` unless the file is empty or already ends
 * with one.
 */
export function appendedText(text: string, documents: string, style: YamlStyle): string {
  if (text.trim() === '') return text === '' || text.endsWith('\n') ? documents : style.eol + documents;
  const lineBreak = text.endsWith('\n') ? '' : style.eol;
  return endsWithSeparator(text) ? lineBreak + documents : `${lineBreak}---${style.eol}${documents}`;
}
