/**
 * String algorithms the function libraries rely on, re-implemented from their Go sources' documented
 * behaviour: Go's `strings.Title`/`ToUpper`/`Trim*`/`Split*`, golang.org/x/text `cases.Title`
 * (Gomplate), Masterminds/goutils (`Abbreviate`, `Initials`, `Uncapitalize`, `SwapCase`) and
 * huandu/xstrings case conversions (`snakecase`, `kebabcase`, `camelcase`).
 */

import { isDigit, isLetter, isUnicodeSpace, utf8Bytes } from '../gostr.js';
import { fail } from './types.js';

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const MARK = /^\p{M}$/u;
const NUMBER = /^\p{N}$/u;
const PUNCT = /^\p{P}$/u;

const ch = (cp: number): string => String.fromCodePoint(cp);
export const isUpper = (cp: number): boolean => UPPER.test(ch(cp));
export const isLower = (cp: number): boolean => LOWER.test(ch(cp));

function mapRune(cp: number, f: (s: string) => string): number {
  const r = f(ch(cp));
  const c = r.codePointAt(0)!;
  return r === ch(c) ? c : cp;
}

/** Go's `unicode.ToUpper` (single-rune mapping). */
export const toUpperRune = (cp: number): number => mapRune(cp, (s) => s.toUpperCase());
export const toLowerRune = (cp: number): number => mapRune(cp, (s) => s.toLowerCase());

function runes(s: string): number[] {
  return [...s].map((c) => c.codePointAt(0)!);
}

function fromRunes(r: number[]): string {
  return r.map(ch).join('');
}

/** Go's `strings.ToUpper`. */
export function goToUpper(s: string): string {
  return fromRunes(runes(s).map(toUpperRune));
}

export function goToLower(s: string): string {
  return fromRunes(runes(s).map(toLowerRune));
}

/** Go's (deprecated) `strings.Title`, used by Sprig's `title`: upper-cases word starts, leaves the rest. */
export function goTitle(s: string): string {
  let prev = 0x20;
  return fromRunes(
    runes(s).map((r) => {
      const sep = isSeparator(prev);
      prev = r;
      return sep ? toUpperRune(r) : r;
    }),
  );
}

function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f)
      return false;
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isUnicodeSpace(r);
}

/**
 * golang.org/x/text `cases.Title(language.Und)` (Gomplate's `strings.Title`/`title`): the first letter
 * of each word is upper-cased and the rest lower-cased. Word boundaries approximate Unicode word
 * segmentation: letters, digits, marks and `_` form words; `'` `.` `:` between letters do not split.
 */
export function casesTitle(s: string): string {
  const rs = runes(s);
  const out: number[] = [];
  let inWord = false;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    const wordChar = isLetter(r) || NUMBER.test(ch(r)) || MARK.test(ch(r)) || r === 0x5f;
    if (wordChar) {
      out.push(inWord ? toLowerRune(r) : toUpperRune(r));
      inWord = true;
      continue;
    }
    const mid = r === 0x27 || r === 0x2e || r === 0x3a || r === 0x2019;
    const next = rs[i + 1];
    if (!(mid && inWord && next !== undefined && isLetter(next))) inWord = false;
    out.push(r);
  }
  return fromRunes(out);
}

/** goutils `Uncapitalize`: lower-cases the first letter of each whitespace-separated word. */
export function uncapitalize(s: string): string {
  let next = true;
  return fromRunes(
    runes(s).map((r) => {
      if (isUnicodeSpace(r)) {
        next = true;
        return r;
      }
      if (next) {
        next = false;
        return toLowerRune(r);
      }
      return r;
    }),
  );
}

/** goutils `Initials` (byte-wise, as the original). */
export function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const b of utf8Bytes(s)) {
    if (isUnicodeSpace(b)) gap = true;
    else if (gap) {
      out += String.fromCodePoint(b);
      gap = false;
    }
  }
  return out;
}

/** goutils `SwapCase`. */
export function swapCase(s: string): string {
  return fromRunes(
    runes(s).map((r) => {
      if (isUpper(r) || TITLE.test(ch(r))) return toLowerRune(r);
      if (isLower(r)) return toUpperRune(r);
      return r;
    }),
  );
}

/** goutils `DeleteWhiteSpace`. */
export function deleteWhiteSpace(s: string): string {
  return fromRunes(runes(s).filter((r) => !isUnicodeSpace(r)));
}

/** goutils `AbbreviateFull` (byte offsets, as the original). */
export function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  const b = utf8Bytes(str);
  const dec = (a: Uint8Array) => new TextDecoder().decode(a);
  if (str === '') return '';
  if (maxWidth < 4) fail('stringutils illegal argument: Minimum abbreviation width is 4');
  if (b.length <= maxWidth) return str;
  if (offset > b.length) offset = b.length;
  if (b.length - offset < maxWidth - 3) offset = b.length - (maxWidth - 3);
  if (offset <= 4) return `${dec(b.subarray(0, maxWidth - 3))}...`;
  if (maxWidth < 7) fail('stringutils illegal argument: Minimum abbreviation width with offset is 7');
  if (offset + maxWidth - 3 < b.length)
    return `...${abbreviateFull(dec(b.subarray(offset)), 0, maxWidth - 3)}`;
  return `...${dec(b.subarray(b.length - (maxWidth - 3)))}`;
}

/** Go's `strings.TrimSpace`. */
export function trimSpace(s: string): string {
  const rs = runes(s);
  let a = 0;
  let z = rs.length;
  while (a < z && isUnicodeSpace(rs[a]!)) a++;
  while (z > a && isUnicodeSpace(rs[z - 1]!)) z--;
  return fromRunes(rs.slice(a, z));
}

/** Go's `strings.Trim(s, cutset)`. */
export function trimCutset(s: string, cutset: string, left = true, right = true): string {
  const set = new Set(runes(cutset));
  const rs = runes(s);
  let a = 0;
  let z = rs.length;
  if (left) while (a < z && set.has(rs[a]!)) a++;
  if (right) while (z > a && set.has(rs[z - 1]!)) z--;
  return fromRunes(rs.slice(a, z));
}

/** Go's `strings.SplitN` (n < 0: all; n == 0: none). */
export function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const rs = [...s];
    if (n < 0 || n > rs.length) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
  }
  if (n < 0) return s.split(sep);
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Go's `strings.ReplaceAll`, refusing results larger than the budget allows before building them. */
export function goReplaceAll(s: string, old: string, nw: string, checkSize: (n: number) => void): string {
  if (old === '') {
    const chars = [...s];
    checkSize(s.length + (chars.length + 1) * nw.length);
    return nw + chars.map((c) => c + nw).join('');
  }
  let count = 0;
  for (let i = s.indexOf(old); i >= 0; i = s.indexOf(old, i + old.length)) count++;
  checkSize(s.length + count * Math.max(0, nw.length - old.length));
  return s.replaceAll(old, nw);
}

/** Prefixes every line with `pad` (Sprig's `indent`), refusing results larger than the budget allows. */
export function padLines(s: string, pad: string, checkSize: (n: number) => void): string {
  let lines = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
  checkSize(s.length + lines * pad.length);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** Go's `strings.Repeat` guard (negative counts panic). */
export function goRepeat(s: string, count: number, checkSize: (n: number) => void): string {
  if (count < 0) fail('strings: negative Repeat count');
  checkSize(s.length * count);
  return s.repeat(count);
}

// huandu/xstrings case conversion.

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isUnicodeSpace(r);
}

function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

const isNumberRune = (r: number): boolean => NUMBER.test(ch(r));
const isPunctRune = (r: number): boolean => PUNCT.test(ch(r));

function nextWord(rs: number[], start: number): { wt: WordType; end: number } {
  if (start >= rs.length) return { wt: 'invalid', end: start };
  let i = start;
  const r = rs[i]!;
  i++;
  if (isConnector(r)) {
    while (i < rs.length && isConnector(rs[i]!)) i++;
    return { wt: 'connector', end: i };
  }
  if (isPunctRune(r)) {
    while (i < rs.length && isPunctRune(rs[i]!)) i++;
    return { wt: 'punct', end: i };
  }
  if (isUpper(r)) {
    if (i >= rs.length) return { wt: 'upper', end: i };
    const r2 = rs[i]!;
    if (isUpper(r2)) {
      i++;
      while (i < rs.length && isUpper(rs[i]!)) i++;
      // "HTTPStatus" splits into "HTTP" and "Status".
      if (i < rs.length && isAlphabet(rs[i]!)) i--;
      return { wt: 'upper', end: i };
    }
    if (isAlphabet(r2)) {
      i++;
      while (i < rs.length && isAlphabet(rs[i]!) && !isUpper(rs[i]!)) i++;
    }
    return { wt: 'upper', end: i };
  }
  if (isAlphabet(r)) {
    while (i < rs.length && isAlphabet(rs[i]!) && !isUpper(rs[i]!)) i++;
    return { wt: 'alphabet', end: i };
  }
  if (isNumberRune(r)) {
    while (i < rs.length && isNumberRune(rs[i]!)) i++;
    return { wt: 'number', end: i };
  }
  while (
    i < rs.length &&
    !isConnector(rs[i]!) &&
    !isAlphabet(rs[i]!) &&
    !isNumberRune(rs[i]!) &&
    !isPunctRune(rs[i]!)
  )
    i++;
  return { wt: 'other', end: i };
}

function lowerWord(out: number[], wt: WordType, word: number[], connector: number): void {
  if (wt !== 'upper' && wt !== 'connector') {
    out.push(...word);
    return;
  }
  for (const r of word) {
    if (isConnector(r)) out.push(connector);
    else if (isUpper(r)) out.push(toLowerRune(r));
    else out.push(r);
  }
}

/** xstrings `ToSnakeCase` (connector `_`) and `ToKebabCase` (connector `-`). */
export function camelCaseToLower(s: string, connectorChar: string): string {
  if (s === '') return '';
  const connector = connectorChar.codePointAt(0)!;
  const rs = runes(s);
  const out: number[] = [];
  // Current word and the position after it (Go's `wt, word, remaining`).
  const st: { wt: WordType; word: number[]; pos: number } = { wt: 'invalid', word: [], pos: 0 };
  const advance = (): void => {
    const next = nextWord(rs, st.pos);
    st.word = rs.slice(st.pos, next.end);
    st.wt = next.wt;
    st.pos = next.end;
  };
  const more = (): boolean => st.pos < rs.length;
  const isWordy = (): boolean => st.wt === 'alphabet' || st.wt === 'number';
  const endsSeparated = (): boolean => st.wt !== 'connector' && st.wt !== 'punct';
  advance();
  while (more()) {
    if (st.wt !== 'connector') lowerWord(out, st.wt, st.word, connector);
    const prev = st.wt;
    const last = st.word;
    advance();
    if (prev === 'number') {
      while (isWordy()) {
        lowerWord(out, st.wt, st.word, connector);
        advance();
      }
      if (st.wt !== 'invalid' && endsSeparated()) out.push(connector);
    } else if (prev === 'connector') {
      lowerWord(out, prev, last, connector);
    } else if (prev !== 'punct') {
      if (st.wt !== 'number') {
        if (endsSeparated()) out.push(connector);
        continue;
      }
      if (!more()) continue;
      const numWord = st.word;
      advance();
      if ((st.wt as WordType) !== 'alphabet') {
        lowerWord(out, 'number', numWord, connector);
        if (endsSeparated()) out.push(connector);
        continue;
      }
      // Lower-case letters after a number: the number starts a new word ("HTTP2xx" -> "http_2xx").
      out.push(connector);
      lowerWord(out, 'number', numWord, connector);
      while (isWordy()) {
        lowerWord(out, st.wt, st.word, connector);
        advance();
      }
      if ((st.wt as WordType) !== 'invalid' && endsSeparated()) out.push(connector);
    }
  }
  lowerWord(out, st.wt, st.word, connector);
  return fromRunes(out);
}

/** xstrings `ToCamelCase`: words split by space, `_` or `-` become upper camel case. */
export function toCamelCase(s: string): string {
  if (s === '') return '';
  const rs = runes(s);
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  while (i < rs.length) {
    r0 = rs[i++]!;
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= rs.length) {
    // Go writes the last rune again here, even when it was a connector ("_" becomes "__").
    out.push(r0);
    return fromRunes(out);
  }
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) r0 = toUpperRune(r0);
    else out.push(r1);
  }
  out.push(r0);
  return fromRunes(out);
}
