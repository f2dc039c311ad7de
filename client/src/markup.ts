/**
 * Text as HTML/SVG markup (pure, also bundled into the webviews): escaping, and the server's
 * backtick code spans as `<code>`.
 */

/** Escapes text for HTML/SVG content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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
