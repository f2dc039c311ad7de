/**
 * YAML's white space and line breaks, and nothing else (YAML 1.2.2 §5.4 and §5.5): white
 * space is space and tab (`s-white`), a line break is LF or CR (`b-char`). Every other
 * character — NBSP, U+2028, form feed, vertical tab, a BOM inside a document — is content
 * to YAML, which a plain scalar may hold, even though `String.prototype.trim` and the
 * regular expression `\s` take it for blank. Code that reads YAML text reads it with these.
 */

export const isWhite = (c: string | undefined): boolean => c === ' ' || c === '\t';

export const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** White space or a line break: what separates tokens. */
export const isBlank = (c: string | undefined): boolean => isWhite(c) || isBreak(c);

/** `s` without its leading white space. */
export function trimWhiteStart(s: string): string {
  let i = 0;
  while (i < s.length && isWhite(s[i])) i++;
  return s.slice(i);
}

/** `s` without its trailing white space. */
export function trimWhiteEnd(s: string): string {
  let i = s.length;
  while (i > 0 && isWhite(s[i - 1])) i--;
  return s.slice(0, i);
}

/** `s` without its leading and trailing white space and line breaks. */
export function trimBlank(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isBlank(s[start])) start++;
  while (end > start && isBlank(s[end - 1])) end--;
  return s.slice(start, end);
}
