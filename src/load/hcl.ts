import { dict } from '../core/dict.js';
/**
 * A reader for the HCL attribute files Atmos pulls in with `!include` (`.tfvars`, `.hcl`, `.tf`):
 * literal attributes only (strings, numbers, booleans, null, lists, objects, heredocs), which is
 * what Atmos's `hclparse` + `JustAttributes` accepts without an evaluation context. Anything needing
 * evaluation (variables, function calls) is an error, as it is in Atmos.
 */
export class HclError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseHclAttributes(text: string): Record<string, unknown> {
  const p = new Parser(text);
  return p.body();
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  body(): Record<string, unknown> {
    const out = dict();
    for (;;) {
      this.skip(true);
      if (this.i >= this.s.length) return out;
      const name = this.ident();
      this.skip(false);
      if (this.s[this.i] !== '=')
        throw new HclError(`expected "=" after attribute "${name}" (blocks are not supported)`, this.i);
      this.i++;
      if (Object.hasOwn(out, name)) throw new HclError(`attribute "${name}" redefined`, this.i);
      out[name] = this.value();
      this.skip(false);
      const c = this.s[this.i];
      if (c !== undefined && c !== '\n' && c !== '\r')
        throw new HclError('expected a newline after the attribute value', this.i);
    }
  }

  private value(): unknown {
    this.skip(true);
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '[') return this.list();
    if (c === '{') return this.object();
    if (c === '<' && this.s.startsWith('<<', this.i)) return this.heredoc();
    if (c !== undefined && /[-0-9]/.test(c)) return this.number();
    const word = this.ident();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    throw new HclError(
      `"${word}" needs evaluation (variables and functions are not available here)`,
      this.i - word.length,
    );
  }

  private string(): string {
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === '"') return out;
      if (c === '\n') break;
      if (c === '\\') {
        const e = this.s[this.i++];
        if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else if (e === 'r') out += '\r';
        else if (e === '"' || e === '\\') out += e;
        else if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          const hex = this.s.slice(this.i, this.i + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len)
            throw new HclError('invalid unicode escape', this.i);
          out += String.fromCodePoint(Number.parseInt(hex, 16));
          this.i += len;
        } else throw new HclError(`invalid escape "\\${e ?? ''}"`, this.i - 1);
        continue;
      }
      if ((c === '$' || c === '%') && this.s[this.i] === '{') {
        if (this.s[this.i - 2] === c) {
          out += '{';
          this.i++;
          continue;
        }
        throw new HclError('template interpolation needs evaluation', this.i - 1);
      }
      out += c;
    }
    throw new HclError('unterminated string', this.i);
  }

  private heredoc(): string {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.s.slice(this.i));
    if (!m) throw new HclError('invalid heredoc', this.i);
    this.i += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.i >= this.s.length) throw new HclError(`unterminated heredoc "${m[2]}"`, this.i);
      let end = this.s.indexOf('\n', this.i);
      if (end === -1) end = this.s.length;
      const line = this.s.slice(this.i, end).replace(/\r$/, '');
      this.i = Math.min(this.s.length, end + 1);
      if (line.trim() === m[2]) {
        this.i = end;
        break;
      }
      lines.push(line);
    }
    if (m[1] === '-') {
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      return (
        lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n') +
        (lines.length ? '\n' : '')
      );
    }
    return lines.join('\n') + (lines.length ? '\n' : '');
  }

  private number(): number {
    const m = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(this.s.slice(this.i));
    if (!m) throw new HclError('invalid number', this.i);
    this.i += m[0].length;
    return Number(m[0]);
  }

  private list(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.skip(true);
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.skip(true);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') throw new HclError('expected "," or "]"', this.i);
    }
  }

  private object(): Record<string, unknown> {
    this.i++;
    const out = dict();
    for (;;) {
      this.skip(true);
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const key = this.s[this.i] === '"' ? this.string() : this.ident();
      this.skip(false);
      const sep = this.s[this.i];
      if (sep !== '=' && sep !== ':') throw new HclError('expected "=" or ":" in object', this.i);
      this.i++;
      out[key] = this.value();
      this.skip(true);
      if (this.s[this.i] === ',') this.i++;
    }
  }

  private ident(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) throw new HclError(`unexpected ${JSON.stringify(this.s[this.i] ?? 'end of file')}`, this.i);
    this.i += m[0].length;
    return m[0];
  }

  /** Skips blanks and comments; newlines too when `newlines` is set. */
  private skip(newlines: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) this.i++;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        const nl = s.indexOf('\n', this.i);
        this.i = nl === -1 ? s.length : nl;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        if (end === -1) throw new HclError('unterminated comment', this.i);
        this.i = end + 2;
      } else break;
    }
  }
}

/** godotenv-style KEY=value lines (quotes removed, `export ` prefix allowed, `#` comments). */
export function parseDotenv(text: string): Record<string, unknown> {
  const out = dict();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if (/^"(.*)"$/.test(v)) v = v.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    else if (/^'(.*)'$/.test(v)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '').trim();
    out[m[1]!] = v;
  }
  return out;
}
