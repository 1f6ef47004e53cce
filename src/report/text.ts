/** Small text helpers shared by the line-oriented reporters. */

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Messages quote user-controlled YAML, so a line break inside one could start a new log line that
 * a CI runner parses (GitHub runs any line starting with `::` after leading spaces as a command).
 * Line-oriented formats therefore show line breaks as a visible `\n`.
 */
export function singleLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\\n');
}

/** Replaces terminal control characters (escape sequences, bidi overrides) with U+FFFD. */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/**
 * Guards a log line whose start is user-controlled (a file name) against being read as a GitHub
 * workflow command: the runner trims leading whitespace, but a zero-width space is not whitespace.
 */
export function neutralizeCommand(line: string): string {
  return /^\s*::/.test(line) ? `\u200b${line}` : line;
}

/** Truncates to at most `max` UTF-16 units, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}
