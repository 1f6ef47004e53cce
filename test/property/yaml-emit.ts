/**
 * A tiny YAML writer for property tests. The `yaml` package cannot write Atmos's local tags, anchors
 * chosen by the test, `<<` merge keys or deliberately dangling aliases, so generated manifests are
 * built as this small tree (freely mixed with plain data) and written here, in block or flow style.
 */
export type YNode =
  | { t: 'scalar'; text: string }
  | { t: 'map'; entries: [YKey, unknown][]; flow: boolean }
  | { t: 'seq'; items: unknown[]; flow: boolean }
  | { t: 'tag'; tag: string; node: unknown }
  | { t: 'anchor'; name: string; node: unknown }
  | { t: 'alias'; name: string };

/** A map key: a string (quoted when needed) or the `<<` merge key. */
export type YKey = string | typeof MERGE;

export const MERGE: unique symbol = Symbol('<<');

/** Marks tree nodes, so plain data that happens to have a `t` key is never mistaken for one. */
const NODE = Symbol('ynode');

function node<T extends YNode>(n: T): T {
  Object.defineProperty(n, NODE, { value: true });
  return n;
}

/** A scalar written exactly as `text` (plain, quoted, or anything else). */
export const scalar = (text: string): YNode => node({ t: 'scalar', text });
export const map = (entries: [YKey, unknown][], flow = false): YNode => node({ t: 'map', entries, flow });
export const seq = (items: unknown[], flow = false): YNode => node({ t: 'seq', items, flow });
export const tag = (t: string, n: unknown): YNode => node({ t: 'tag', tag: t, node: n });
export const anchor = (name: string, n: unknown): YNode => node({ t: 'anchor', name, node: n });
export const alias = (name: string): YNode => node({ t: 'alias', name });

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = new Set(['true', 'false', 'null', 'True', 'False', 'Null', 'TRUE', 'FALSE', 'NULL', '~']);

/** Plain data becomes nodes: strings are double-quoted (JSON escapes are YAML escapes). */
export function toNode(v: unknown): YNode {
  if (v !== null && typeof v === 'object' && Object.hasOwn(v, NODE)) return v as YNode;
  if (v === null || v === undefined) return scalar('null');
  if (typeof v === 'string') return scalar(JSON.stringify(v));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return scalar(String(v));
  if (Array.isArray(v)) return seq(v);
  const o = v as Record<string, unknown>;
  return map(Object.keys(o).map((k) => [k, o[k]]));
}

function keyText(k: YKey): string {
  if (k === MERGE) return '<<';
  return PLAIN.test(k) && !RESERVED.has(k) ? k : JSON.stringify(k);
}

/** Properties (tags, anchors) in front of a node, and the node they apply to. */
function props(v: unknown): { prefix: string; inner: YNode } {
  let prefix = '';
  let cur = toNode(v);
  while (cur.t === 'tag' || cur.t === 'anchor') {
    prefix += cur.t === 'tag' ? `${cur.tag} ` : `&${cur.name} `;
    cur = toNode(cur.node);
  }
  return { prefix: prefix.trimEnd(), inner: cur };
}

function isBlock(v: unknown): boolean {
  const { inner } = props(v);
  if (inner.t === 'map') return !inner.flow && inner.entries.length > 0;
  if (inner.t === 'seq') return !inner.flow && inner.items.length > 0;
  return false;
}

function inline(v: unknown): string {
  const { prefix, inner } = props(v);
  const p = prefix ? `${prefix} ` : '';
  switch (inner.t) {
    case 'scalar':
      return p + inner.text;
    case 'alias':
      return `${p}*${inner.name}`;
    case 'map':
      return `${p}{${inner.entries.map(([k, x]) => `${keyText(k)}: ${inline(x)}`).join(', ')}}`;
    case 'seq':
      return `${p}[${inner.items.map(inline).join(', ')}]`;
    default:
      return p;
  }
}

function blockLines(v: unknown, indent: number, out: string[]): void {
  const { inner } = props(v);
  const pad = ' '.repeat(indent);
  const rows: [string, unknown][] =
    inner.t === 'map'
      ? inner.entries.map(([k, x]) => [`${keyText(k)}:`, x])
      : inner.t === 'seq'
        ? inner.items.map((x) => ['-', x])
        : [];
  for (const [lead, x] of rows) {
    if (isBlock(x)) {
      const { prefix } = props(x);
      out.push(`${pad}${lead}${prefix ? ` ${prefix}` : ''}`);
      blockLines(x, indent + 2, out);
    } else out.push(`${pad}${lead} ${inline(x)}`);
  }
}

/** Writes a one-document YAML text whose root is `v`. */
export function emit(v: unknown): string {
  if (!isBlock(v)) return `${inline(v)}\n`;
  const { prefix } = props(v);
  const out: string[] = prefix ? [prefix] : [];
  blockLines(v, 0, out);
  return `${out.join('\n')}\n`;
}
