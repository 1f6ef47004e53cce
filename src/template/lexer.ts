/**
 * Lexer for Go templates, following `text/template/parse/lex.go` (Go 1.22+: trim markers,
 * comments, newlines inside actions, `=` assignment, `break`/`continue`, number literals with
 * underscores and 0b/0o/0x prefixes). Offsets are UTF-16 code units of the JS string.
 */

import { formatRuneU, goQuote, isDigit, isLetter } from './gostr.js';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  type: ItemType;
  pos: number;
  end: number;
  val: string;
  /** For comments: offset of the left delimiter that opened it. */
  delimPos?: number;
}

const KEYWORDS: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

export function isKeywordItem(t: ItemType): boolean {
  return (
    t === 'block' ||
    t === 'break' ||
    t === 'continue' ||
    t === 'dot' ||
    t === 'define' ||
    t === 'else' ||
    t === 'end' ||
    t === 'if' ||
    t === 'nil' ||
    t === 'range' ||
    t === 'template' ||
    t === 'with'
  );
}

export interface LexOptions {
  leftDelim: string;
  rightDelim: string;
  /** `break`/`continue` are keywords unless a function of that name exists (as in Go). */
  breakOK: boolean;
  continueOK: boolean;
}

const EOF = -1;

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

function isAlphaNumeric(r: number): boolean {
  return r === 0x5f || isLetter(r) || isDigit(r);
}

/** Produces the whole token stream; it ends with an `eof` or `error` item. */
export function lex(input: string, opts: LexOptions): Item[] {
  return new Lexer(input, opts).run();
}

type State = 'text' | 'leftDelim' | 'comment' | 'rightDelim' | 'inside' | null;

class Lexer {
  private pos = 0;
  private start = 0;
  private width = 0;
  private parenDepth = 0;
  private actionStart = 0;
  private readonly items: Item[] = [];
  private readonly left: string;
  private readonly right: string;
  private readonly rightFirst: number;

  constructor(
    private readonly input: string,
    private readonly opts: LexOptions,
  ) {
    this.left = opts.leftDelim || '{{';
    this.right = opts.rightDelim || '}}';
    this.rightFirst = this.right.codePointAt(0)!;
  }

  run(): Item[] {
    let state: State = 'text';
    while (state !== null) {
      switch (state) {
        case 'text':
          state = this.lexText();
          break;
        case 'leftDelim':
          state = this.lexLeftDelim();
          break;
        case 'comment':
          state = this.lexComment();
          break;
        case 'rightDelim':
          state = this.lexRightDelim();
          break;
        case 'inside':
          state = this.lexInsideAction();
          break;
      }
    }
    return this.items;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private emit(type: ItemType): void {
    this.items.push({ type, pos: this.start, end: this.pos, val: this.input.slice(this.start, this.pos) });
    this.start = this.pos;
  }

  private errorf(message: string): null {
    this.items.push({ type: 'error', pos: this.start, end: Math.max(this.pos, this.start), val: message });
    return null;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  private hasLeftTrimMarker(at: number): boolean {
    return this.input.charCodeAt(at) === 0x2d && isSpace(this.input.charCodeAt(at + 1));
  }

  private hasRightTrimMarker(at: number): boolean {
    return isSpace(this.input.charCodeAt(at)) && this.input.charCodeAt(at + 1) === 0x2d;
  }

  private atRightDelim(): [delim: boolean, trim: boolean] {
    if (this.hasRightTrimMarker(this.pos) && this.input.startsWith(this.right, this.pos + 2))
      return [true, true];
    if (this.input.startsWith(this.right, this.pos)) return [true, false];
    return [false, false];
  }

  private lexText(): State {
    this.width = 0;
    const x = this.input.indexOf(this.left, this.pos);
    if (x >= 0) {
      let trim = 0;
      if (this.hasLeftTrimMarker(x + this.left.length)) {
        let k = x;
        while (k > this.start && isSpace(this.input.charCodeAt(k - 1))) k--;
        trim = x - k;
      }
      this.pos = x - trim;
      if (this.pos > this.start) this.emit('text');
      this.pos = x;
      this.start = x;
      return 'leftDelim';
    }
    this.pos = this.input.length;
    if (this.pos > this.start) this.emit('text');
    this.emit('eof');
    return null;
  }

  private lexLeftDelim(): State {
    this.actionStart = this.pos;
    this.pos += this.left.length;
    const trim = this.hasLeftTrimMarker(this.pos);
    const after = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.pos += after;
      this.start = this.pos;
      return 'comment';
    }
    this.emit('leftDelim');
    this.pos += after;
    this.start = this.pos;
    this.parenDepth = 0;
    return 'inside';
  }

  private lexComment(): State {
    this.pos += 2;
    const i = this.input.indexOf('*/', this.pos);
    if (i < 0) return this.errorf('unclosed comment');
    this.pos = i + 2;
    const [delim, trim] = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    const text = this.input.slice(this.start, this.pos);
    if (trim) this.pos += 2;
    this.pos += this.right.length;
    this.items.push({
      type: 'comment',
      pos: this.actionStart,
      end: this.pos,
      val: text,
      delimPos: this.actionStart,
    });
    if (trim) this.skipLeadingSpace();
    this.start = this.pos;
    return 'text';
  }

  private skipLeadingSpace(): void {
    while (this.pos < this.input.length && isSpace(this.input.charCodeAt(this.pos))) this.pos++;
  }

  private lexRightDelim(): State {
    const trim = this.hasRightTrimMarker(this.pos);
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += this.right.length;
    this.emit('rightDelim');
    if (trim) {
      this.skipLeadingSpace();
      this.start = this.pos;
    }
    return 'text';
  }

  private lexInsideAction(): State {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return 'rightDelim';
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup();
      return this.lexSpace();
    }
    switch (r) {
      case 0x3d: // =
        this.emit('assign');
        return 'inside';
      case 0x3a: // :
        if (this.next() !== 0x3d) return this.errorf('expected :=');
        this.emit('declare');
        return 'inside';
      case 0x7c: // |
        this.emit('pipe');
        return 'inside';
      case 0x22: // "
        return this.lexQuote();
      case 0x60: // `
        return this.lexRawQuote();
      case 0x24: // $
        return this.lexVariable();
      case 0x27: // '
        return this.lexChar();
      case 0x2e: {
        // '.' starts a field unless a digit follows (then it is a number such as .5).
        if (this.pos < this.input.length) {
          const c = this.input.charCodeAt(this.pos);
          if (c < 0x30 || c > 0x39) return this.lexFieldOrVariable('field');
        }
        this.backup();
        return this.lexNumber();
      }
      case 0x28:
        this.emit('leftParen');
        this.parenDepth++;
        return 'inside';
      case 0x29:
        // As in Go, an unbalanced ')' is reported instead of being emitted.
        if (this.parenDepth === 0) return this.errorf(`unexpected right paren ${formatRuneU(r)}`);
        this.emit('rightParen');
        this.parenDepth--;
        return 'inside';
    }
    if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
      this.backup();
      return this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.lexIdentifier();
    }
    if (r < 0x80 && r >= 0x20 && r < 0x7f) {
      this.emit('char');
      return 'inside';
    }
    return this.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
  }

  private lexSpace(): State {
    let n = 0;
    while (isSpace(this.peek())) {
      this.next();
      n++;
    }
    // A trim-marked right delimiter starts with a space: leave that space to the delimiter.
    if (this.hasRightTrimMarker(this.pos - 1) && this.input.startsWith(this.right, this.pos + 1)) {
      this.pos--;
      if (n === 1) return 'rightDelim';
    }
    this.emit('space');
    return 'inside';
  }

  private lexIdentifier(): State {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${formatRuneU(r)}`);
      const kw = KEYWORDS.get(word);
      if (kw !== undefined) {
        if ((kw === 'break' && !this.opts.breakOK) || (kw === 'continue' && !this.opts.continueOK)) {
          this.emit('identifier');
        } else this.emit(kw);
      } else if (word === 'true' || word === 'false') this.emit('bool');
      else this.emit('identifier');
      return 'inside';
    }
  }

  private lexVariable(): State {
    if (this.atTerminator()) {
      this.emit('variable');
      return 'inside';
    }
    return this.lexFieldOrVariable('variable');
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): State {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot');
      return 'inside';
    }
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${formatRuneU(r)}`);
    this.emit(type);
    return 'inside';
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e:
      case 0x2c:
      case 0x7c:
      case 0x3a:
      case 0x29:
      case 0x28:
        return true;
    }
    return r === this.rightFirst;
  }

  private lexChar(): State {
    for (;;) {
      const r = this.next();
      if (r === 0x5c) {
        const e = this.next();
        if (e !== EOF && e !== 0x0a) continue;
        return this.errorf('unterminated character constant');
      }
      if (r === EOF || r === 0x0a) return this.errorf('unterminated character constant');
      if (r === 0x27) break;
    }
    this.emit('charConstant');
    return 'inside';
  }

  private lexNumber(): State {
    if (!this.scanNumber())
      return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') {
        return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      this.emit('complex');
      return 'inside';
    }
    this.emit('number');
    return 'inside';
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): State {
    for (;;) {
      const r = this.next();
      if (r === 0x5c) {
        const e = this.next();
        if (e !== EOF && e !== 0x0a) continue;
        return this.errorf('unterminated quoted string');
      }
      if (r === EOF || r === 0x0a) return this.errorf('unterminated quoted string');
      if (r === 0x22) break;
    }
    this.emit('string');
    return 'inside';
  }

  private lexRawQuote(): State {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf('unterminated raw quoted string');
      if (r === 0x60) break;
    }
    this.emit('rawString');
    return 'inside';
  }
}
