/**
 * A small RE2-syntax regular expression engine (Go's `regexp`), so Sprig/Gomplate regex functions
 * behave like Go's: leftmost-first matching, no backreferences or lookaround, `$` at end of text
 * only (unless `(?m)`), and linear time. JS's backtracking engine could be driven into exponential
 * time by a hostile template; this Pike VM cannot. Work is reported through a `step` callback so the
 * executor's budget applies.
 */

export class RegexpSyntaxError extends Error {
  override name = 'RegexpSyntaxError';
  constructor(code: string, arg: string) {
    super(`error parsing regexp: ${code}: \`${arg}\``);
  }
}

type Pred = (cp: number) => boolean;

type AssertKind = 'bol' | 'eol' | 'bot' | 'eot' | 'wordb' | 'nwordb';

type Re =
  | { t: 'char'; pred: Pred }
  | { t: 'assert'; kind: AssertKind }
  | { t: 'cat'; subs: Re[] }
  | { t: 'alt'; subs: Re[] }
  | { t: 'rep'; sub: Re; min: number; max: number; greedy: boolean }
  | { t: 'cap'; sub: Re; index: number };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const MAX_REPEAT = 1000;
const MAX_PROG = 20000;

function single(cp: number): string {
  return String.fromCodePoint(cp);
}

/** Code points that match `cp` under simple case folding. */
function foldSet(cp: number): number[] {
  const out = new Set<number>([cp]);
  const s = single(cp);
  for (const t of [s.toLowerCase(), s.toUpperCase()]) {
    const c = t.codePointAt(0)!;
    if (t.length === single(c).length) out.add(c);
  }
  if (cp === 0x6b || cp === 0x4b) out.add(0x212a);
  if (cp === 0x73 || cp === 0x53) out.add(0x17f);
  return [...out];
}

function withFold(pred: Pred, fold: boolean): Pred {
  if (!fold) return pred;
  return (c) => foldSet(c).some(pred);
}

const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

type Ranges = [number, number][];

const PERL: Record<string, Ranges> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const POSIX: Record<string, Ranges> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: PERL.w!,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

function rangesPred(r: Ranges): Pred {
  return (c) => r.some(([lo, hi]) => c >= lo && c <= hi);
}

const unicodeCache = new Map<string, Pred | null>();

function unicodeClass(name: string): Pred | null {
  if (name === 'Any') return () => true;
  const cached = unicodeCache.get(name);
  if (cached !== undefined) return cached;
  let pred: Pred | null = null;
  for (const src of [`\\p{${name}}`, `\\p{Script=${name}}`]) {
    try {
      const re = new RegExp(`^${src}$`, 'u');
      pred = (c) => re.test(single(c));
      break;
    } catch {
      // try the next spelling
    }
  }
  unicodeCache.set(name, pred);
  return pred;
}

class Parser {
  private pos = 0;
  private ncap = 0;
  readonly names: (string | undefined)[] = [undefined];

  constructor(private readonly src: string) {}

  parse(): { re: Re; ncap: number } {
    const re = this.parseAlt({ i: false, m: false, s: false, U: false }, 0);
    if (this.pos < this.src.length) throw new RegexpSyntaxError('unexpected )', this.src);
    return { re, ncap: this.ncap + 1 };
  }

  private peekCp(): number | undefined {
    return this.src.codePointAt(this.pos);
  }

  private nextCp(): number {
    const c = this.src.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private parseAlt(flags: Flags, depth: number): Re {
    if (depth > 1000) throw new RegexpSyntaxError('expression nests too deeply', this.src);
    const alts: Re[] = [this.parseConcat(flags, depth)];
    while (this.src[this.pos] === '|') {
      this.pos++;
      alts.push(this.parseConcat(flags, depth));
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', subs: alts };
  }

  private parseConcat(flags: Flags, depth: number): Re {
    const items: Re[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '|' || c === ')') break;
      if (c === '*' || c === '+' || c === '?') {
        const start = this.pos;
        this.pos++;
        let min = 0;
        let max = -1;
        if (c === '+') min = 1;
        if (c === '?') max = 1;
        this.applyRepeat(items, min, max, flags, start);
        continue;
      }
      if (c === '{') {
        const start = this.pos;
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (m) {
          this.pos += m[0].length;
          const min = Number(m[1]);
          const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
          if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            throw new RegexpSyntaxError('invalid repeat count', this.src.slice(start, this.pos));
          }
          this.applyRepeat(items, min, max, flags, start);
          continue;
        }
      }
      if (c === '(') {
        items.push(this.parseGroup(flags, depth));
        continue;
      }
      items.push(this.parseAtom(flags));
    }
    return { t: 'cat', subs: items };
  }

  private lastRepeatEnd = -1;

  private applyRepeat(items: Re[], min: number, max: number, flags: Flags, start: number): void {
    let greedy = true;
    if (this.src[this.pos] === '?') {
      this.pos++;
      greedy = false;
    }
    if (flags.U) greedy = !greedy;
    const op = this.src.slice(start, this.pos);
    const last = items.pop();
    if (last === undefined) throw new RegexpSyntaxError('missing argument to repetition operator', op);
    if (this.lastRepeatEnd === start) {
      throw new RegexpSyntaxError(
        'invalid nested repetition operator',
        this.src.slice(this.lastRepeatStart, this.pos),
      );
    }
    this.lastRepeatStart = start;
    this.lastRepeatEnd = this.pos;
    items.push({ t: 'rep', sub: last, min, max, greedy });
  }

  private lastRepeatStart = -1;

  private parseGroup(flags: Flags, depth: number): Re {
    const start = this.pos;
    this.pos++;
    if (this.src[this.pos] === '?') {
      const rest = this.src.slice(this.pos);
      const named = /^\?P?<([^>]*)>/.exec(rest);
      if (named) {
        const name = named[1]!;
        if (!/^[A-Za-z0-9_]+$/.test(name)) {
          throw new RegexpSyntaxError(
            'invalid named capture',
            this.src.slice(start, this.pos + named[0].length),
          );
        }
        if (this.names.includes(name)) {
          throw new RegexpSyntaxError(
            'duplicate capture group name',
            this.src.slice(start, this.pos + named[0].length),
          );
        }
        this.pos += named[0].length;
        const index = ++this.ncap;
        this.names[index] = name;
        const sub = this.parseAlt(flags, depth + 1);
        this.expectClose(start);
        return { t: 'cap', sub, index };
      }
      const fm = /^\?([imsU-]*)([:)])/.exec(rest);
      if (!fm || fm[1]!.indexOf('-') !== fm[1]!.lastIndexOf('-') || fm[1]!.endsWith('-')) {
        const end = Math.min(this.src.length, this.pos + 2);
        throw new RegexpSyntaxError('invalid or unsupported Perl syntax', this.src.slice(start, end));
      }
      const next = { ...flags };
      let neg = false;
      for (const ch of fm[1]!) {
        if (ch === '-') neg = true;
        else next[ch as keyof Flags] = !neg;
      }
      this.pos += fm[0].length;
      if (fm[2] === ')') {
        // Flags apply to the rest of the enclosing group.
        Object.assign(flags, next);
        return { t: 'cat', subs: [] };
      }
      const sub = this.parseAlt(next, depth + 1);
      this.expectClose(start);
      return sub;
    }
    const index = ++this.ncap;
    const sub = this.parseAlt({ ...flags }, depth + 1);
    this.expectClose(start);
    return { t: 'cap', sub, index };
  }

  private expectClose(start: number): void {
    if (this.src[this.pos] !== ')') throw new RegexpSyntaxError('missing closing )', this.src.slice(start));
    this.pos++;
  }

  private parseAtom(flags: Flags): Re {
    const c = this.src[this.pos]!;
    switch (c) {
      case '.':
        this.pos++;
        return { t: 'char', pred: flags.s ? () => true : (x) => x !== 0x0a };
      case '^':
        this.pos++;
        return { t: 'assert', kind: flags.m ? 'bol' : 'bot' };
      case '$':
        this.pos++;
        return { t: 'assert', kind: flags.m ? 'eol' : 'eot' };
      case '[':
        return { t: 'char', pred: this.parseClass(flags) };
      case '\\':
        return this.parseEscapeAtom(flags);
    }
    const cp = this.nextCp();
    return { t: 'char', pred: literal(cp, flags.i) };
  }

  private parseEscapeAtom(flags: Flags): Re {
    const start = this.pos;
    const e = this.src[this.pos + 1];
    if (e === undefined) throw new RegexpSyntaxError('trailing backslash at end of expression', '');
    switch (e) {
      case 'A':
        this.pos += 2;
        return { t: 'assert', kind: 'bot' };
      case 'z':
        this.pos += 2;
        return { t: 'assert', kind: 'eot' };
      case 'b':
        this.pos += 2;
        return { t: 'assert', kind: 'wordb' };
      case 'B':
        this.pos += 2;
        return { t: 'assert', kind: 'nwordb' };
      case 'Q': {
        this.pos += 2;
        const endQ = this.src.indexOf('\\E', this.pos);
        const lit = endQ < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, endQ);
        this.pos = endQ < 0 ? this.src.length : endQ + 2;
        return {
          t: 'cat',
          subs: [...lit].map((ch) => ({ t: 'char' as const, pred: literal(ch.codePointAt(0)!, flags.i) })),
        };
      }
    }
    const cls = this.tryClassEscape(flags);
    if (cls !== null) return { t: 'char', pred: cls };
    this.pos = start;
    const cp = this.parseEscapeChar();
    return { t: 'char', pred: literal(cp, flags.i) };
  }

  /** `\d \s \w \D \S \W \pL \p{Greek} \PL`; null when the escape is not a class. */
  private tryClassEscape(flags: Flags): Pred | null {
    const start = this.pos;
    const e = this.src[this.pos + 1]!;
    const lower = e.toLowerCase();
    if (lower === 'd' || lower === 's' || lower === 'w') {
      this.pos += 2;
      const p = rangesPred(PERL[lower]!);
      return e === lower ? p : (c) => !p(c);
    }
    if (e === 'p' || e === 'P') {
      this.pos += 2;
      let name: string;
      if (this.src[this.pos] === '{') {
        const close = this.src.indexOf('}', this.pos);
        if (close < 0) throw new RegexpSyntaxError('invalid character class range', this.src.slice(start));
        name = this.src.slice(this.pos + 1, close);
        this.pos = close + 1;
      } else {
        const cp = this.peekCp();
        if (cp === undefined)
          throw new RegexpSyntaxError('invalid character class range', this.src.slice(start));
        name = single(this.nextCp());
      }
      let neg = e === 'P';
      if (name.startsWith('^')) {
        neg = !neg;
        name = name.slice(1);
      }
      const p = unicodeClass(name);
      if (p === null)
        throw new RegexpSyntaxError('invalid character class range', this.src.slice(start, this.pos));
      const folded = withFold(p, flags.i);
      return neg ? (c) => !folded(c) : folded;
    }
    return null;
  }

  /** A single escaped character (after `\`). */
  private parseEscapeChar(): number {
    const start = this.pos;
    this.pos++;
    const c = this.nextCp();
    switch (c) {
      case 0x61:
        return 7;
      case 0x66:
        return 12;
      case 0x74:
        return 9;
      case 0x6e:
        return 10;
      case 0x72:
        return 13;
      case 0x76:
        return 11;
      case 0x78: {
        // \x7F or \x{10FFFF}
        if (this.src[this.pos] === '{') {
          const close = this.src.indexOf('}', this.pos);
          const hex = close < 0 ? '' : this.src.slice(this.pos + 1, close);
          if (!/^[0-9a-fA-F]+$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff) {
            throw new RegexpSyntaxError(
              'invalid escape sequence',
              this.src.slice(start, close < 0 ? this.src.length : close + 1),
            );
          }
          this.pos = close + 1;
          return Number.parseInt(hex, 16);
        }
        const hex = this.src.slice(this.pos, this.pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex))
          throw new RegexpSyntaxError('invalid escape sequence', this.src.slice(start, this.pos + 2));
        this.pos += 2;
        return Number.parseInt(hex, 16);
      }
    }
    if (c >= 0x30 && c <= 0x37) {
      // Octal: \0, or \1-\7 followed by another octal digit (a lone \1 would be a backreference).
      const next = this.src[this.pos];
      if (c !== 0x30 && (next === undefined || next < '0' || next > '7')) {
        throw new RegexpSyntaxError('invalid escape sequence', this.src.slice(start, this.pos));
      }
      let v = c - 0x30;
      for (let k = 0; k < 2; k++) {
        const d = this.src[this.pos];
        if (d === undefined || d < '0' || d > '7') break;
        v = v * 8 + (d.charCodeAt(0) - 48);
        this.pos++;
      }
      return v;
    }
    if (c < 0x80 && !/[0-9A-Za-z]/.test(single(c))) return c;
    throw new RegexpSyntaxError('invalid escape sequence', this.src.slice(start, this.pos));
  }

  private parseClass(flags: Flags): Pred {
    const start = this.pos;
    this.pos++;
    let neg = false;
    if (this.src[this.pos] === '^') {
      neg = true;
      this.pos++;
    }
    const preds: Pred[] = [];
    const ranges: Ranges = [];
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length)
        throw new RegexpSyntaxError('missing closing ]', this.src.slice(start));
      const c = this.src[this.pos]!;
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.src[this.pos + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
        if (m) {
          const r = POSIX[m[2]!];
          if (r === undefined) throw new RegexpSyntaxError('invalid character class range', m[0]);
          const p = rangesPred(r);
          preds.push(m[1] === '^' ? (x) => !p(x) : p);
          this.pos += m[0].length;
          continue;
        }
      }
      if (c === '\\') {
        const cls = this.tryClassEscape(flags);
        if (cls !== null) {
          preds.push(cls);
          continue;
        }
      }
      const rangeStart = this.pos;
      const lo = this.classChar();
      let hi = lo;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        hi = this.classChar();
        if (hi < lo)
          throw new RegexpSyntaxError('invalid character class range', this.src.slice(rangeStart, this.pos));
      }
      ranges.push([lo, hi]);
    }
    const rp = rangesPred(ranges);
    const base: Pred = (x) => rp(x) || preds.some((p) => p(x));
    const folded = withFold(base, flags.i);
    return neg ? (x) => !folded(x) : folded;
  }

  private classChar(): number {
    if (this.src[this.pos] === '\\') return this.parseEscapeChar();
    return this.nextCp();
  }
}

function literal(cp: number, fold: boolean): Pred {
  if (!fold) return (c) => c === cp;
  const set = foldSet(cp);
  return (c) => set.includes(c);
}

type Inst =
  | { op: 'char'; pred: Pred }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'assert'; kind: AssertKind }
  | { op: 'match' };

class Compiler {
  readonly prog: Inst[] = [];

  private emit(i: Inst): number {
    if (this.prog.length >= MAX_PROG) throw new RegexpSyntaxError('expression too large', '');
    this.prog.push(i);
    return this.prog.length - 1;
  }

  compile(re: Re): void {
    switch (re.t) {
      case 'char':
        this.emit({ op: 'char', pred: re.pred });
        return;
      case 'assert':
        this.emit({ op: 'assert', kind: re.kind });
        return;
      case 'cat':
        for (const s of re.subs) this.compile(s);
        return;
      case 'cap':
        this.emit({ op: 'save', n: 2 * re.index });
        this.compile(re.sub);
        this.emit({ op: 'save', n: 2 * re.index + 1 });
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < re.subs.length; k++) {
          if (k < re.subs.length - 1) {
            const split = this.emit({ op: 'split', x: 0, y: 0 });
            (this.prog[split] as { x: number }).x = this.prog.length;
            this.compile(re.subs[k]!);
            jumps.push(this.emit({ op: 'jmp', x: 0 }));
            (this.prog[split] as { y: number }).y = this.prog.length;
          } else this.compile(re.subs[k]!);
        }
        for (const j of jumps) (this.prog[j] as { x: number }).x = this.prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < re.min; k++) this.compile(re.sub);
        if (re.max === -1) {
          // x*: L1: split L2, L3; L2: x; jmp L1; L3:
          const split = this.emit({ op: 'split', x: 0, y: 0 });
          const body = this.prog.length;
          this.compile(re.sub);
          this.emit({ op: 'jmp', x: split });
          this.setSplit(split, body, this.prog.length, re.greedy);
          return;
        }
        const ends: number[] = [];
        for (let k = re.min; k < re.max; k++) {
          const split = this.emit({ op: 'split', x: 0, y: 0 });
          ends.push(split);
          const body = this.prog.length;
          this.compile(re.sub);
          (this.prog[split] as { x: number; y: number }).x = body;
        }
        const end = this.prog.length;
        for (const s of ends) this.setSplit(s, (this.prog[s] as { x: number }).x, end, re.greedy);
        return;
      }
    }
  }

  private setSplit(at: number, body: number, out: number, greedy: boolean): void {
    const inst = this.prog[at] as { x: number; y: number };
    inst.x = greedy ? body : out;
    inst.y = greedy ? out : body;
  }
}

export class GoRegexp {
  private readonly prog: Inst[];
  private readonly ncap: number;
  readonly subexpNames: readonly (string | undefined)[];

  constructor(readonly source: string) {
    const parser = new Parser(source);
    const { re, ncap } = parser.parse();
    const c = new Compiler();
    c.compile({ t: 'cap', sub: re, index: 0 });
    c.prog.push({ op: 'match' });
    this.prog = c.prog;
    this.ncap = ncap;
    this.subexpNames = parser.names;
  }

  /** Leftmost-first match starting the search at `start`: capture offsets or null. */
  exec(s: string, start: number, step: (n: number) => void): number[] | null {
    const prog = this.prog;
    const n = prog.length;
    let clist: { pc: number; caps: number[] }[] = [];
    let matched: number[] | null = null;
    let pos = start;
    const seen = new Int32Array(n).fill(-1);
    let gen = 0;

    const add = (list: { pc: number; caps: number[] }[], pc: number, caps: number[], at: number): void => {
      const stack: { pc: number; caps: number[] }[] = [{ pc, caps }];
      // Depth-first in priority order: push the lower-priority branch first so the higher pops first.
      while (stack.length > 0) {
        const t = stack.pop()!;
        if (seen[t.pc] === gen) continue;
        seen[t.pc] = gen;
        const inst = prog[t.pc]!;
        switch (inst.op) {
          case 'jmp':
            stack.push({ pc: inst.x, caps: t.caps });
            break;
          case 'split':
            stack.push({ pc: inst.y, caps: t.caps });
            stack.push({ pc: inst.x, caps: t.caps });
            break;
          case 'save': {
            const c = t.caps.slice();
            c[inst.n] = at;
            stack.push({ pc: t.pc + 1, caps: c });
            break;
          }
          case 'assert':
            if (assertOK(inst.kind, s, at)) stack.push({ pc: t.pc + 1, caps: t.caps });
            break;
          default:
            list.push(t);
        }
      }
    };

    const fresh = (): number[] => new Array(2 * this.ncap).fill(-1);
    for (;;) {
      gen++;
      if (matched === null) {
        // The seen-set must account for threads already in clist (added in the previous step).
        for (const t of clist) seen[t.pc] = gen;
        add(clist, 0, fresh(), pos);
      } else if (clist.length === 0) break;
      if (clist.length === 0 && pos >= s.length) break;
      step(clist.length + 1);
      const cp = pos < s.length ? s.codePointAt(pos)! : -1;
      const width = cp > 0xffff ? 2 : 1;
      const nlist: { pc: number; caps: number[] }[] = [];
      gen++;
      for (const t of clist) {
        const inst = prog[t.pc]!;
        if (inst.op === 'match') {
          matched = t.caps;
          break;
        }
        if (inst.op === 'char' && cp >= 0 && inst.pred(cp)) add(nlist, t.pc + 1, t.caps, pos + width);
      }
      clist = nlist;
      if (pos >= s.length) {
        // Drain: threads at end of input can still reach a match instruction.
        for (const t of clist) {
          if (prog[t.pc]!.op === 'match') {
            matched = t.caps;
            break;
          }
        }
        break;
      }
      pos += width;
    }
    return matched;
  }

  findIndex(s: string, start: number, step: (n: number) => void): number[] | null {
    return this.exec(s, start, step);
  }

  /** Go's `allMatches`: non-overlapping matches, skipping an empty match right after a previous one. */
  findAll(s: string, n: number, step: (n: number) => void): number[][] {
    if (n < 0) n = s.length + 1;
    const out: number[][] = [];
    let pos = 0;
    let prevEnd = -1;
    while (out.length < n && pos <= s.length) {
      const m = this.exec(s, pos, step);
      if (m === null) break;
      let accept = true;
      if (m[1] === pos) {
        if (m[0] === prevEnd) accept = false;
        pos += pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 1;
      } else pos = m[1]!;
      prevEnd = m[1]!;
      if (accept) out.push(m);
    }
    return out;
  }

  replaceAll(src: string, repl: (m: number[]) => string, step: (n: number) => void): string {
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      const a = this.exec(src, searchPos, step);
      if (a === null) break;
      out += src.slice(lastMatchEnd, a[0]);
      if (a[1]! > lastMatchEnd || a[0] === 0) {
        const piece = repl(a);
        // Output grows with the replacement: charge it so huge expansions hit the budget.
        step(piece.length);
        out += piece;
      }
      lastMatchEnd = a[1]!;
      const width = searchPos < src.length ? (src.codePointAt(searchPos)! > 0xffff ? 2 : 1) : 0;
      if (searchPos + width > a[1]!) searchPos += width;
      else if (searchPos + 1 > a[1]!) searchPos++;
      else searchPos = a[1]!;
    }
    return out + src.slice(lastMatchEnd);
  }

  /** Go's `Regexp.Expand` template syntax: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
  expand(template: string, src: string, m: number[]): string {
    let out = '';
    let t = template;
    for (;;) {
      const i = t.indexOf('$');
      if (i < 0) break;
      out += t.slice(0, i);
      t = t.slice(i + 1);
      if (t.startsWith('$')) {
        out += '$';
        t = t.slice(1);
        continue;
      }
      const ex = extractName(t);
      if (ex === null) {
        out += '$';
        continue;
      }
      t = ex.rest;
      if (ex.num >= 0) {
        if (2 * ex.num + 1 < m.length && m[2 * ex.num]! >= 0)
          out += src.slice(m[2 * ex.num], m[2 * ex.num + 1]);
      } else {
        const idx = this.subexpNames.indexOf(ex.name);
        if (idx > 0 && m[2 * idx]! >= 0) out += src.slice(m[2 * idx], m[2 * idx + 1]);
      }
    }
    return out + t;
  }

  split(s: string, n: number, step: (n: number) => void): string[] {
    if (n === 0) return [];
    if (this.source.length > 0 && s.length === 0) return [''];
    const matches = this.findAll(s, n, step);
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of matches) {
      if (n > 0 && out.length === n - 1) break;
      end = m[0]!;
      if (m[1] !== 0) out.push(s.slice(beg, end));
      beg = m[1]!;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }
}

function extractName(str: string): { name: string; num: number; rest: string } | null {
  if (str === '') return null;
  let brace = false;
  if (str[0] === '{') {
    brace = true;
    str = str.slice(1);
  }
  const m = /^[\p{L}\p{Nd}_]+/u.exec(str);
  if (!m) return null;
  const name = m[0];
  let i = name.length;
  if (brace) {
    if (str[i] !== '}') return null;
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length < 9 ? Number(name) : -1;
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

function assertOK(kind: AssertKind, s: string, at: number): boolean {
  switch (kind) {
    case 'bot':
      return at === 0;
    case 'eot':
      return at === s.length;
    case 'bol':
      return at === 0 || s.charCodeAt(at - 1) === 0x0a;
    case 'eol':
      return at === s.length || s.charCodeAt(at) === 0x0a;
    case 'wordb':
    case 'nwordb': {
      const before = at > 0 && isWordChar(s.charCodeAt(at - 1));
      const after = at < s.length && isWordChar(s.charCodeAt(at));
      return kind === 'wordb' ? before !== after : before === after;
    }
  }
}

/** Go's `regexp.QuoteMeta`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

const cache = new Map<string, GoRegexp>();

/** Compiles (with a small cache); throws RegexpSyntaxError with Go's message. */
export function compileRegexp(src: string): GoRegexp {
  let re = cache.get(src);
  if (re === undefined) {
    re = new GoRegexp(src);
    if (cache.size > 200) cache.clear();
    cache.set(src, re);
  }
  return re;
}
