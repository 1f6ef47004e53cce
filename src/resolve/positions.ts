import type { Loc } from '../core/source.js';

/**
 * Maps an offset inside a string value back to the source: exact for plain and quoted scalars that
 * sit on one line without escapes (the text between the quotes is the value); otherwise the start of
 * the scalar, since folded and block scalars do not map characters one to one.
 */
export function offsetInScalar(loc: Loc, value: string, offset: number, length = 0): Loc {
  const src = loc.file.text.slice(loc.start, loc.end);
  let base: number | undefined;
  if (src === value) base = loc.start;
  else if ((src.startsWith("'") || src.startsWith('"')) && src.length >= 2 && src.slice(1, -1) === value)
    base = loc.start + 1;
  if (base === undefined) return { file: loc.file, start: loc.start, end: loc.end };
  const start = base + Math.max(0, Math.min(offset, value.length));
  return { file: loc.file, start, end: Math.min(base + value.length, start + Math.max(0, length)) };
}
