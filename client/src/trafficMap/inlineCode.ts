import { escapeXml } from './mapSvg';

/**
 * The server's sentences mark code with backticks (`podSelector`, `TCP 8443`): as HTML, those
 * spans are `<code>` and the rest is escaped text. An unpaired backtick stays a backtick.
 */
export function textWithCode(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`') ? `<code>${escapeXml(part.slice(1, -1))}</code>` : escapeXml(part),
    )
    .join('');
}
