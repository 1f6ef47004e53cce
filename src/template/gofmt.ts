/**
 * Go's `fmt` printing for the template value model: `Sprint`, `Sprintln`, `Sprintf` with verbs,
 * flags, width, precision and argument indexes, and Go's error annotations (`%!d(string=x)`,
 * `%!s(MISSING)`, `%!(EXTRA ...)`). Maps print with sorted keys (`map[a:1 b:2]`), slices as `[a b]`,
 * nil as `<nil>`.
 */

import { formatFloat } from './gofloat.js';
import { compareGoStrings, formatRuneU, goQuote, goQuoteRune, utf8Bytes } from './gostr.js';
import {
  GoFloat,
  GoInt,
  kindOf,
  mapGet,
  mapKeys,
  Namespace,
  NO_VALUE,
  typeName,
  type Value,
} from './values.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function clearFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Keys of a map in Go's `fmtsort` order (strings by bytes). */
export function sortedMapKeys(m: Record<string, unknown> | Map<unknown, unknown>): string[] {
  return mapKeys(m).sort(compareGoStrings);
}

class Printer {
  buf = '';
  f: Flags = clearFlags();

  private writePadding(n: number): void {
    if (n <= 0) return;
    const ch = this.f.zero && !this.f.minus ? '0' : ' ';
    this.buf += ch.repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  private truncate(s: string): string {
    if (this.f.precPresent) {
      const chars = [...s];
      if (chars.length > this.f.prec) return chars.slice(0, this.f.prec).join('');
    }
    return s;
  }

  badVerb(verb: string, v: Value, hasValue: boolean): void {
    this.buf += `%!${verb}(`;
    if (hasValue && v !== null && v !== undefined && v !== NO_VALUE) {
      this.buf += `${typeName(v)}=`;
      const save = this.f;
      this.f = clearFlags();
      this.printArg(v, 'v', 1);
      this.f = save;
    } else this.buf += '<nil>';
    this.buf += ')';
  }

  fmtInteger(n: bigint, signed: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !signed) {
          this.fmt0x64(n, true);
          return;
        }
        this.fmtIntBase(n, 10, verb, false);
        return;
      case 'd':
        this.fmtIntBase(n, 10, verb, false);
        return;
      case 'b':
        this.fmtIntBase(n, 2, verb, false);
        return;
      case 'o':
      case 'O':
        this.fmtIntBase(n, 8, verb, false);
        return;
      case 'x':
        this.fmtIntBase(n, 16, verb, false);
        return;
      case 'X':
        this.fmtIntBase(n, 16, verb, true);
        return;
      case 'c':
        this.pad(String.fromCodePoint(validRune(n)));
        return;
      case 'q':
        this.pad(goQuoteRune(validRune(n)));
        return;
      case 'U': {
        const cp = Number(n);
        let s = `U+${(n < 0n ? -n : n).toString(16).toUpperCase().padStart(4, '0')}`;
        if (this.f.sharp && n >= 0n && n <= 0x10ffffn) s = formatRuneU(cp, true);
        this.pad(s);
        return;
      }
      default:
        this.badVerbFor(verb);
    }
  }

  private current: { v: Value } | null = null;

  private badVerbFor(verb: string): void {
    this.badVerb(verb, this.current?.v ?? null, this.current !== null);
  }

  private fmt0x64(n: bigint, leading0x: boolean): void {
    const sharp = this.f.sharp;
    this.f.sharp = leading0x;
    this.fmtIntBase(n, 16, 'v', false);
    this.f.sharp = sharp;
  }

  private fmtIntBase(n: bigint, base: number, verb: string, upper: boolean): void {
    const negative = n < 0n;
    let digits = (negative ? -n : n).toString(base);
    if (upper) digits = digits.toUpperCase();
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && n === 0n) {
        const z = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = z;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.f.sharp) {
      if (base === 2) digits = `0b${digits}`;
      else if (base === 8 && digits[0] !== '0') digits = `0${digits}`;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = `0o${digits}`;
    if (negative) digits = `-${digits}`;
    else if (this.f.plus) digits = `+${digits}`;
    else if (this.f.space) digits = ` ${digits}`;
    const z = this.f.zero;
    this.f.zero = false;
    this.pad(digits);
    this.f.zero = z;
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloatPrec(v, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloatPrec(v, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloatPrec(v, verb, 6);
        return;
      case 'F':
        this.fmtFloatPrec(v, 'f', 6);
        return;
      default:
        this.badVerbFor(verb);
    }
  }

  private fmtFloatPrec(v: number, verb: string, prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const z = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = z;
      return;
    }
    if (this.f.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
      let tail = '';
      let body = num;
      const cut = body.search(verb === 'x' || verb === 'X' ? /[pP]/ : /[eEpP]/);
      if (cut > 0) {
        tail = body.slice(cut);
        body = body.slice(0, cut);
      }
      let sawNonzero = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i]!;
        if (c === '.') continue;
        if (c !== '0') sawNonzero = true;
        if (sawNonzero) digits--;
      }
      if (!body.includes('.')) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0]!;
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.pad(goQuote(s));
        else this.pad(this.truncate(s));
        return;
      case 's':
        this.pad(this.truncate(s));
        return;
      case 'x':
      case 'X':
        this.fmtSx(s, verb === 'X');
        return;
      case 'q': {
        const t = this.truncate(s);
        if (this.f.sharp && canBackquote(t)) this.pad(`\`${t}\``);
        else this.pad(goQuote(t, '"', this.f.plus));
        return;
      }
      default:
        this.badVerbFor(verb);
    }
  }

  private fmtSx(s: string, upper: boolean): void {
    let bytes = utf8Bytes(s);
    if (this.f.precPresent && this.f.prec < bytes.length) bytes = bytes.subarray(0, this.f.prec);
    let out = '';
    const hexDigit = (b: number) => {
      const h = b.toString(16).padStart(2, '0');
      return upper ? h.toUpperCase() : h;
    };
    bytes.forEach((b, i) => {
      if (this.f.space && i > 0) out += ' ';
      if (this.f.sharp && (this.f.space || i === 0)) out += upper ? '0X' : '0x';
      out += hexDigit(b);
    });
    this.pad(out);
  }

  printArg(v: Value, verb: string, depth = 0): void {
    const saved = this.current;
    this.current = { v };
    try {
      this.printValue(v, verb, depth);
    } finally {
      this.current = saved;
    }
  }

  private printValue(v: Value, verb: string, depth: number): void {
    if (v === NO_VALUE || v === null || v === undefined) {
      if (depth > 0) {
        this.buf += '<nil>';
        return;
      }
      if (verb === 'T' || verb === 'v')
        this.pad(this.f.sharpV && verb === 'v' ? 'interface {}(nil)' : '<nil>');
      else this.badVerb(verb, null, false);
      return;
    }
    if (verb === 'T') {
      this.pad(typeName(v));
      return;
    }
    if (verb === 'p') {
      this.badVerbFor(verb);
      return;
    }
    switch (kindOf(v)) {
      case 'bool':
        if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
        else this.badVerbFor(verb);
        return;
      case 'int':
        this.fmtInteger(intValue(v), true, verb);
        return;
      case 'uint':
        this.fmtInteger(intValue(v), false, verb);
        return;
      case 'float':
        this.fmtFloat(v instanceof GoFloat ? v.value : (v as number), verb);
        return;
      case 'string':
        this.fmtString(v as string, verb);
        return;
      case 'slice': {
        const arr = v as unknown[];
        if (this.f.sharpV) {
          this.buf += `${typeName(v)}{`;
          arr.forEach((e, i) => {
            if (i > 0) this.buf += ', ';
            this.printArg(e, verb, depth + 1);
          });
          this.buf += '}';
          return;
        }
        this.buf += '[';
        arr.forEach((e, i) => {
          if (i > 0) this.buf += ' ';
          this.printArg(e, verb, depth + 1);
        });
        this.buf += ']';
        return;
      }
      case 'map': {
        const m = v as Record<string, unknown>;
        const keys = sortedMapKeys(m);
        this.buf += this.f.sharpV ? `${typeName(v)}{` : 'map[';
        keys.forEach((k, i) => {
          if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
          this.printArg(k, verb, depth + 1);
          this.buf += ':';
          this.printArg(mapGet(m, k), verb, depth + 1);
        });
        this.buf += this.f.sharpV ? '}' : ']';
        return;
      }
      case 'ptr':
        this.buf += v instanceof Namespace ? '&{}' : '<nil>';
        return;
      default:
        this.pad(String(v));
    }
  }
}

function intValue(v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt) return v.value;
  return 0n;
}

function validRune(n: bigint): number {
  if (n < 0n || n > 0x10ffffn) return 0xfffd;
  const cp = Number(n);
  return cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x60 || cp === 0xfeff) return false;
    if (cp < 0x20 && cp !== 0x09) return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

function isStringArg(v: Value): boolean {
  return typeof v === 'string';
}

/** `fmt.Sprint`: spaces between operands when neither is a string. */
export function sprint(args: readonly Value[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = isStringArg(a);
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(a, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** `fmt.Sprintln`: always spaces, plus a newline. */
export function sprintln(args: readonly Value[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(a, 'v');
  });
  return `${p.buf}\n`;
}

/** `fmt.Sprintf("%v", v)`. */
export function formatV(v: Value): string {
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

function parseNum(s: string, i: number): { num: number; present: boolean; next: number } {
  let num = 0;
  let present = false;
  let j = i;
  while (j < s.length && s[j]! >= '0' && s[j]! <= '9') {
    if (num > 1e6) return { num: 0, present: false, next: s.length };
    num = num * 10 + (s.charCodeAt(j) - 48);
    present = true;
    j++;
  }
  return { num, present, next: j };
}

function intFromArg(args: readonly Value[], argNum: number): { num: number; ok: boolean; argNum: number } {
  if (argNum >= args.length) return { num: 0, ok: false, argNum };
  const a = args[argNum];
  let num = 0;
  let ok = false;
  const k = kindOf(a);
  if (k === 'int' || k === 'uint') {
    const n = intValue(a);
    if (n >= -1000000n && n <= 1000000n) {
      num = Number(n);
      ok = true;
    }
  }
  return { num, ok, argNum: argNum + 1 };
}

/** `fmt.Sprintf`. */
export function sprintf(format: string, args: readonly Value[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;

  const argNumber = (i: number): number => {
    if (i >= end || format[i] !== '[') return i;
    reordered = true;
    const close = format.indexOf(']', i + 1);
    if (close < 0) {
      goodArgNum = false;
      return i + 1;
    }
    const { num, present, next } = parseNum(format, i + 1);
    if (!present || next !== close || num < 1 || num > args.length) {
      goodArgNum = false;
      return close + 1;
    }
    argNum = num - 1;
    afterIndex = true;
    return close + 1;
  };

  let i = 0;
  while (i < end) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = clearFlags();
    afterIndex = false;
    let simple = false;
    for (; i < end; i++) {
      const c = format[i]!;
      if (c === '#') p.f.sharp = true;
      else if (c === '0') p.f.zero = !p.f.minus;
      else if (c === '+') p.f.plus = true;
      else if (c === '-') {
        p.f.minus = true;
        p.f.zero = false;
      } else if (c === ' ') p.f.space = true;
      else {
        if (c >= 'a' && c <= 'z' && argNum < args.length) {
          if (c === 'v') {
            p.f.sharpV = p.f.sharp;
            p.f.sharp = false;
            p.f.plusV = p.f.plus;
            p.f.plus = false;
          }
          p.printArg(args[argNum], c);
          argNum++;
          i++;
          simple = true;
        }
        break;
      }
    }
    if (simple) continue;

    i = argNumber(i);
    if (i < end && format[i] === '*') {
      i++;
      const r = intFromArg(args, argNum);
      p.f.wid = r.num;
      p.f.widPresent = r.ok;
      argNum = r.argNum;
      if (!r.ok) p.buf += '%!(BADWIDTH)';
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
      afterIndex = false;
    } else {
      const r = parseNum(format, i);
      p.f.wid = r.num;
      p.f.widPresent = r.present;
      i = r.next;
      if (afterIndex && p.f.widPresent) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      i = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        const r = intFromArg(args, argNum);
        p.f.prec = r.num;
        p.f.precPresent = r.ok;
        argNum = r.argNum;
        if (p.f.prec < 0) {
          p.f.prec = 0;
          p.f.precPresent = false;
        }
        if (!r.ok) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const r = parseNum(format, i);
        p.f.prec = r.num;
        p.f.precPresent = true;
        i = r.next;
      }
    }
    if (!afterIndex) i = argNumber(i);
    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const cp = format.codePointAt(i)!;
    const verb = String.fromCodePoint(cp);
    i += verb.length;
    if (verb === '%') p.buf += '%';
    else if (!goodArgNum) p.buf += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) p.buf += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        p.f.sharpV = p.f.sharp;
        p.f.sharp = false;
        p.f.plusV = p.f.plus;
        p.f.plus = false;
      }
      p.printArg(args[argNum], verb);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    p.f = clearFlags();
    p.buf += '%!(EXTRA ';
    args.slice(argNum).forEach((a, k) => {
      if (k > 0) p.buf += ', ';
      if (a === null || a === undefined || a === NO_VALUE) p.buf += '<nil>';
      else {
        p.buf += `${typeName(a)}=`;
        p.printArg(a, 'v');
      }
    });
    p.buf += ')';
  }
  return p.buf;
}
