/**
 * Numeric literal classification with Go's rules (`parse.newNumber` plus `strconv.ParseInt/
 * ParseUint/ParseFloat` with base 0), so `1`, `1.0`, `0x10`, `'a'` and `1e3` get the same int/uint/
 * float flags Go gives them.
 */

import type { NumberNode } from './ast.js';
import { goQuote, goUnquote } from './gostr.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Underscores are allowed only between digits or after a base prefix (Go's `underscoreOK`). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hexPrefix = false;
  if (s.length >= 2 && s[0] === '0') {
    const c = s[1]!.toLowerCase();
    if (c === 'b' || c === 'o' || c === 'x') {
      i = 2;
      saw = '0';
      hexPrefix = c === 'x';
    }
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    const isD = (c >= '0' && c <= '9') || (hexPrefix && /[a-fA-F]/.test(c));
    if (isD) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** `strconv.ParseInt(text, 0, 64)` / `ParseUint`: returns the value or undefined. */
export function parseGoInt(text: string, unsigned: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    if (unsigned) return undefined;
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let base = 10;
  let body = s;
  if (s[0] === '0' && s.length > 1) {
    const c = s[1]!.toLowerCase();
    if (c === 'x') {
      base = 16;
      body = s.slice(2);
    } else if (c === 'o') {
      base = 8;
      body = s.slice(2);
    } else if (c === 'b') {
      base = 2;
      body = s.slice(2);
    } else {
      base = 8;
      body = s.slice(1);
    }
  }
  if (body.includes('_')) {
    if (!underscoreOK(text)) return undefined;
    body = body.replaceAll('_', '');
  }
  if (body === '') return undefined;
  const digits =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let v = 0n;
  const b = BigInt(base);
  for (const ch of body) v = v * b + BigInt(Number.parseInt(ch, 16));
  if (neg) v = -v;
  if (unsigned) return v <= UINT64_MAX ? v : undefined;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

/** `strconv.ParseFloat(text, 64)` for the literal forms the lexer produces. */
export function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replaceAll('_', '');
  }
  let sign = 1;
  if (s.startsWith('+') || s.startsWith('-')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (/^0[xX]/.test(s)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
    const intPart = m[1] ?? '';
    const frac = m[2] ?? '';
    const mant = Number.parseInt(intPart + frac || '0', 16);
    return sign * mant * 2 ** (Number(m[3]) - 4 * frac.length);
  }
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return undefined;
  return sign * Number(s);
}

function emptyNumber(text: string, pos: number, end: number): NumberNode {
  return {
    type: 'number',
    pos,
    end,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0n,
    uint: 0n,
    float: 0,
    complex: [0, 0],
  };
}

function simplifyComplex(n: NumberNode): void {
  if (n.complex[1] === 0) {
    n.isFloat = true;
    n.float = n.complex[0];
    if (Number.isInteger(n.float) && Math.abs(n.float) < 2 ** 63) {
      n.isInt = true;
      n.int = BigInt(n.float);
    }
    if (Number.isInteger(n.float) && n.float >= 0 && n.float < 2 ** 64) {
      n.isUint = true;
      n.uint = BigInt(n.float);
    }
  }
}

/** Builds a NumberNode or returns Go's error message. */
export function newNumber(
  text: string,
  kind: 'number' | 'charConstant' | 'complex',
  pos: number,
  end: number,
): NumberNode | string {
  const n = emptyNumber(text, pos, end);
  if (kind === 'charConstant') {
    const body = text.slice(1);
    // strconv.UnquoteChar on the body: decode one char and require the closing quote to follow.
    const first = goUnquote(`'${firstCharOf(body)}'`);
    if (!first.ok) return 'invalid syntax';
    const consumed = firstCharOf(body);
    if (body.slice(consumed.length) !== "'") return `malformed character constant: ${text}`;
    const cp = first.value.codePointAt(0) ?? 0;
    n.isInt = n.isUint = n.isFloat = true;
    n.int = n.uint = BigInt(cp);
    n.float = cp;
    return n;
  }
  if (kind === 'complex') {
    const m = /^([+-]?[^+-]+(?:[eE][+-][0-9_]+)?)([+-].*)i$/.exec(text);
    const re = m ? parseGoFloat(m[1]!) : undefined;
    const im = m ? parseGoFloat(m[2]!) : undefined;
    if (re === undefined || im === undefined) return `expected integer`;
    n.isComplex = true;
    n.complex = [re, im];
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseGoFloat(text.slice(0, -1));
    if (f !== undefined) {
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseGoInt(text, true);
  if (u !== undefined) {
    n.isUint = true;
    n.uint = u;
  }
  const i = parseGoInt(text, false);
  if (i !== undefined) {
    n.isInt = true;
    n.int = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float = Number(n.int);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float = Number(n.uint);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined && Number.isFinite(f)) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        n.isInt = true;
        n.int = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint = BigInt(f);
      }
    } else if (f !== undefined) {
      return `${goQuote(text)}: value out of range`;
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

/** The first (possibly escaped) character of a char-constant body, in source form. */
function firstCharOf(body: string): string {
  if (body[0] !== '\\') {
    const cp = body.codePointAt(0);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }
  const e = body[1];
  if (e === 'x') return body.slice(0, 4);
  if (e === 'u') return body.slice(0, 6);
  if (e === 'U') return body.slice(0, 10);
  if (e !== undefined && e >= '0' && e <= '7') return body.slice(0, 4);
  return body.slice(0, 2);
}
