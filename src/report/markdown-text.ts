/** Escaping for Markdown that GitHub renders in step summaries and PR comments. */

/**
 * Plain text as inline Markdown: punctuation that would format is backslash-escaped, HTML is
 * neutralised with entities, and `@` gets a zero-width space so a PR comment pings nobody.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@&#8203;');
}

/** A code span that survives any backticks inside `text`. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A message as inline Markdown: spans the rule already wrote in backticks stay code, everything
 * else is escaped.
 */
export function escapeMessage(message: string): string {
  const text = message.replace(/\r\n|\r|\n/g, ' ');
  let out = '';
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let runEnd = i;
    while (text[runEnd] === '`') runEnd++;
    const run = runEnd - i;
    const close = findRun(text, runEnd, run);
    if (close === -1) {
      i = runEnd;
      continue;
    }
    out += escapeInline(text.slice(plainStart, i)) + text.slice(i, close + run);
    i = plainStart = close + run;
  }
  return out + escapeInline(text.slice(plainStart));
}

/** Index of the next backtick run of exactly `length` at or after `from`, or -1. */
function findRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let end = i;
    while (text[end] === '`') end++;
    if (end - i === length) return i;
    i = end;
  }
  return -1;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
