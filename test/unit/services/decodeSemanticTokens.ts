import type { SemanticTokensLegend } from 'vscode-languageserver-types';
import { LineIndex } from '../../../server/src/yaml/lineIndex';

/**
 * Decodes LSP's delta-encoded semantic tokens back to `text type[+modifier...]` strings, so
 * tests assert on what is highlighted rather than on numbers.
 */
export function decodeSemanticTokens(text: string, data: readonly number[], legend: SemanticTokensLegend): string[] {
  const lines = new LineIndex(text);
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 5 <= data.length; i += 5) {
    const [deltaLine, deltaCharacter, length, type, modifiers] = data.slice(i, i + 5) as [number, number, number, number, number];
    character = deltaLine === 0 ? character + deltaCharacter : deltaCharacter;
    line += deltaLine;
    const start = lines.offsetAt({ line, character });
    const names = legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    out.push(`${text.slice(start, start + length)} ${[legend.tokenTypes[type], ...names].join('+')}`);
  }
  return out;
}
