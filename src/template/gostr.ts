/**
 * Go string helpers: `strconv.Quote`/`Unquote`, `unicode.IsPrint`, `%#U`, and byte-oriented views of
 * JS strings (Go strings are UTF-8 bytes; `len`, `index` and `slice` count bytes).
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** Go's `unicode.IsPrint`. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return LETTER.test(String.fromCodePoint(cp));
}

export function isDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return DIGIT.test(String.fromCodePoint(cp));
}

/** Go's `unicode.IsSpace`. */
export function isUnicodeSpace(cp: number): boolean {
  switch (cp) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
  }
  return cp >= 0x2000 && cp <= 0x200a;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** `fmt.Sprintf("%#U", r)`: `U+0041 'A'`. */
export function formatRuneU(cp: number, sharp = true): string {
  const base = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return sharp && isPrint(cp) ? `${base} '${String.fromCodePoint(cp)}'` : base;
}

/** Go's `strconv.Quote` (with `ascii` set: `strconv.QuoteToASCII`, as `%+q` does). */
export function goQuote(s: string, quote = '"', ascii = false): string {
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += quoteRune(cp, quote, ascii);
  }
  return out + quote;
}

function quoteRune(cp: number, quote: string, ascii: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (ascii ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch;
  switch (cp) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** Go's `strconv.QuoteRune` (used by `%q` on integers). */
export function goQuoteRune(cp: number): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return `'${quoteRune(cp, "'", false)}'`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Byte length of a string's UTF-8 encoding (Go's `len(s)`). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function hexVal(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

export type UnquoteResult = { ok: true; value: string } | { ok: false };

/**
 * Go's `strconv.Unquote`. `\x` and octal escapes produce raw bytes, so the result is assembled as
 * UTF-8 and decoded at the end (invalid sequences become U+FFFD).
 */
export function goUnquote(s: string): UnquoteResult {
  const n = s.length;
  if (n < 2) return { ok: false };
  const q = s[0]!;
  if (q !== s[n - 1]) return { ok: false };
  const body = s.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) return { ok: false };
    return { ok: true, value: body.replaceAll('\r', '') };
  }
  if (q !== '"' && q !== "'") return { ok: false };
  if (body.includes('\n')) return { ok: false };
  const bytes: number[] = [];
  let runes = 0;
  let i = 0;
  while (i < body.length) {
    const r = unquoteChar(body, i, q, bytes);
    if (r < 0) return { ok: false };
    i = r;
    runes++;
    if (q === "'" && runes > 1) return { ok: false };
  }
  if (q === "'" && runes !== 1) return { ok: false };
  return { ok: true, value: fromUtf8(Uint8Array.from(bytes)) };
}

function pushRune(bytes: number[], cp: number): void {
  for (const b of encoder.encode(String.fromCodePoint(cp))) bytes.push(b);
}

/** Decodes one (possibly escaped) character at `i`; returns the next index or -1 on a syntax error. */
function unquoteChar(s: string, i: number, quote: string, bytes: number[]): number {
  const c = s[i]!;
  if (c === quote) return -1;
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    pushRune(bytes, cp);
    return i + (cp > 0xffff ? 2 : 1);
  }
  const e = s[i + 1];
  if (e === undefined) return -1;
  switch (e) {
    case 'a':
      bytes.push(7);
      return i + 2;
    case 'b':
      bytes.push(8);
      return i + 2;
    case 'f':
      bytes.push(12);
      return i + 2;
    case 'n':
      bytes.push(10);
      return i + 2;
    case 'r':
      bytes.push(13);
      return i + 2;
    case 't':
      bytes.push(9);
      return i + 2;
    case 'v':
      bytes.push(11);
      return i + 2;
    case '\\':
      bytes.push(92);
      return i + 2;
    case "'":
    case '"':
      if (e !== quote) return -1;
      bytes.push(e.charCodeAt(0));
      return i + 2;
    case 'x':
    case 'u':
    case 'U': {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (i + 2 + len > s.length) return -1;
      let v = 0;
      for (let k = 0; k < len; k++) {
        const h = hexVal(s[i + 2 + k]!);
        if (h < 0) return -1;
        v = v * 16 + h;
      }
      if (e === 'x') bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return -1;
        pushRune(bytes, v);
      }
      return i + 2 + len;
    }
    default: {
      if (e >= '0' && e <= '7') {
        if (i + 4 > s.length) return -1;
        let v = 0;
        for (let k = 0; k < 3; k++) {
          const d = s[i + 1 + k]!;
          if (d < '0' || d > '7') return -1;
          v = v * 8 + (d.charCodeAt(0) - 48);
        }
        if (v > 255) return -1;
        bytes.push(v);
        return i + 4;
      }
      return -1;
    }
  }
}

/** Compares strings the way Go does (by UTF-8 bytes, which is code-point order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
