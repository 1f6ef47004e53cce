import type { SourceFile } from '../core/source.js';

export interface Suppression {
  file: SourceFile;
  kind: 'next-line' | 'file';
  /** 1-based line the comment is on. */
  line: number;
  start: number;
  end: number;
  rules: string[];
  used: Set<string>;
}

const DIRECTIVE = /#\s*atmos-pro-lint-disable-(next-line|file)\b([^\n]*)/g;

/** `# atmos-pro-lint-disable-next-line rule[, rule]` and `# atmos-pro-lint-disable-file rule`. */
export function parseSuppressions(file: SourceFile): Suppression[] {
  const text = file.text;
  if (!text.includes('atmos-pro-lint-disable')) return [];
  const out: Suppression[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const start = m.index ?? 0;
    // The directive must be a YAML comment: `#` at line start or after whitespace, and not inside
    // a quoted string on that line (an odd number of unescaped quotes before it).
    if (start > 0 && !/\s/.test(text[start - 1]!)) continue;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (insideQuotes(text.slice(lineStart, start))) continue;
    const rules = (m[2] ?? '')
      .split(/\s+--\s+/)[0]!
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    out.push({
      file,
      kind: m[1] === 'file' ? 'file' : 'next-line',
      line: file.position(start).line,
      start,
      end: start + m[0].trimEnd().length,
      rules,
      used: new Set(),
    });
  }
  return out;
}

function insideQuotes(prefix: string): boolean {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote === '"' && c === '\\') i++;
    else if (quote === "'" && c === "'" && prefix[i + 1] === "'") i++;
    else if (c === quote) quote = undefined;
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  return quote !== undefined;
}

export class SuppressionIndex {
  private readonly byPath = new Map<string, Suppression[]>();

  add(file: SourceFile): void {
    if (this.byPath.has(file.path)) return;
    this.byPath.set(file.path, parseSuppressions(file));
  }

  /** Whether a diagnostic of `rule` at `line` of `path` is suppressed; marks the directive used. */
  suppresses(path: string, line: number, rule: string): boolean {
    const list = this.byPath.get(path);
    if (!list) return false;
    for (const s of list) {
      if (!s.rules.includes(rule)) continue;
      if (s.kind === 'file' || s.line === line - 1) {
        s.used.add(rule);
        return true;
      }
    }
    return false;
  }

  all(): Suppression[] {
    return [...this.byPath.values()].flat();
  }
}
