/**
 * Plain-scalar resolution as yaml.v3 does it (resolve.go), which differs from YAML 1.2 core:
 * `0777` is octal, underscores are dropped from numbers, `0b`/`0o` prefixes work, only the
 * true/True/TRUE spellings are booleans, and timestamps stay strings when decoded into `any`.
 * Integers beyond 2^53 become bigint so no digit is lost.
 */
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const NANS = new Set(['.nan', '.NaN', '.NAN']);
const INFS = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NEG_INFS = new Set(['-.inf', '-.Inf', '-.INF']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export type ScalarValue = string | number | bigint | boolean | null;

export function resolvePlainScalar(text: string): ScalarValue {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  const c = text.charCodeAt(0);
  if (c === 46 /* . */) {
    if (NANS.has(text)) return Number.NaN;
    if (INFS.has(text)) return Number.POSITIVE_INFINITY;
    const f = goParseFloat(text);
    return f === undefined ? text : f;
  }
  if (c === 43 || c === 45 || (c >= 48 && c <= 57)) {
    if (INFS.has(text)) return Number.POSITIVE_INFINITY;
    if (NEG_INFS.has(text)) return Number.NEGATIVE_INFINITY;
    const plain = text.replaceAll('_', '');
    const i = goParseIntBase0(plain);
    if (i !== undefined && i >= INT64_MIN && i <= UINT64_MAX) return toNumberOrBig(i);
    if (YAML_FLOAT.test(plain)) {
      const f = goParseFloat(plain);
      if (f !== undefined) return f;
    }
    const prefixed = parsePrefixed(plain);
    if (prefixed !== undefined && prefixed >= INT64_MIN && prefixed <= INT64_MAX)
      return toNumberOrBig(prefixed);
  }
  return text;
}

function toNumberOrBig(i: bigint): number | bigint {
  const n = Number(i);
  return Number.isSafeInteger(n) ? n : i;
}

/** strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, 0x / 0o / 0b / leading-0 octal prefixes. */
function goParseIntBase0(s: string): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  const body = s.slice(i);
  if (body === '') return undefined;
  let digits: string;
  let base: number;
  if (/^0[xX]/.test(body)) {
    base = 16;
    digits = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    digits = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    digits = body.slice(2);
  } else if (body.length > 1 && body[0] === '0') {
    base = 8;
    digits = body.slice(1);
  } else {
    base = 10;
    digits = body;
  }
  if (digits === '') return undefined;
  const valid =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return neg ? -v : v;
}

function parsePrefixed(s: string): bigint | undefined {
  const m = /^(-?)0([bo])([0-9a-fA-F]+)$/.exec(s);
  if (!m) return undefined;
  const valid = m[2] === 'b' ? /^[01]+$/ : /^[0-7]+$/;
  if (!valid.test(m[3]!)) return undefined;
  const v = BigInt(`0${m[2]}${m[3]}`);
  return m[1] ? -v : v;
}

/** strconv.ParseFloat(s, 64) for the decimal forms YAML reaches here. */
function goParseFloat(s: string): number | undefined {
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
  const f = Number(s);
  // Go reports a range error for overflow, and yaml.v3 then keeps the text as a string.
  return Number.isFinite(f) ? f : undefined;
}
