import type { Json } from '../../model/json';
import { emitYaml } from '../emit';
import type { YamlStyle } from '../style';
import type { OffsetEdit } from './layout';

/** A whole document added at the end of a file, after a `---` line (a line break first when the file lacks a final one). */
export function appendDocument(text: string, value: Json, style: YamlStyle): OffsetEdit {
  const body = emitYaml(value, style);
  const blank = text.trim() === '';
  const separator = blank ? '' : `---${style.eol}`;
  const lineBreak = text === '' || /[\r\n]$/.test(text) ? '' : style.eol;
  return { start: text.length, end: text.length, newText: `${lineBreak}${separator}${body}` };
}
