/**
 * How a dispatched string value must look for the declared input type. GitHub's dispatch API only
 * carries strings, so these are checks on text.
 */

// A decimal literal as Go's strconv.ParseFloat reads it (the parser actionlint uses for `number`
// defaults), minus what ParseFloat also takes but no one means as a workflow input: hexadecimal
// floats, `_` digit separators, `Inf`/`Infinity`/`NaN`. Surrounding whitespace is rejected, as there.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isDispatchNumber(value: string): boolean {
  // ParseFloat fails with ErrRange on overflow (e.g. `1e400`); Number() gives Infinity there.
  return DECIMAL.test(value) && Number.isFinite(Number(value));
}

/**
 * `true` or `false` in any letter case. actionlint accepts boolean defaults case-insensitively, and
 * flagging `True` would be a guess about the API that we cannot confirm, so the lenient reading wins.
 */
export function isDispatchBoolean(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false';
}

/** Choice values must equal one of the options exactly (GitHub's UI and API compare verbatim). */
export function isDispatchChoice(value: string, options: readonly string[]): boolean {
  return options.includes(value);
}
