import type { Loc } from '../core/source.js';
import type { TextEdit } from './types.js';

/**
 * Quotes a plain scalar as written (`true` → `"true"`, `0777` → `"0777"`), dropping a standard
 * `!!int`/`!!bool` tag in front of it, which would otherwise keep the value typed. Anything that is
 * not a one-line plain scalar (an alias, a quoted or block scalar, a flow collection) gets no edit.
 */
export function quoteScalarEdit(loc: Loc): TextEdit | undefined {
  const { file } = loc;
  const written = file.text.slice(loc.start, loc.end);
  const inner = /^!![\w:/.-]*[ \t]+/.exec(written);
  const text = inner ? written.slice(inner[0].length) : written;
  if (text === '' || /[\r\n]/.test(text) || /^["'*&!|>[{]/.test(text) || text.includes(' #'))
    return undefined;
  const lineStart = file.text.lastIndexOf('\n', loc.start - 1) + 1;
  const before = /(?:^|\s)(!![\w:/.-]*[ \t]+)$/.exec(file.text.slice(lineStart, loc.start));
  const start = before?.[1] ? loc.start - before[1].length : loc.start;
  return { file, start, end: loc.end, text: JSON.stringify(text) };
}
