import { isMap } from '../resolve/merge.js';
import type { PathSegment } from '../resolve/provenance.js';

/**
 * A key that is equal for structurally equal loaded values and different otherwise, types included
 * (`1` vs `"1"`, a number vs a bigint, NaN vs null), with map keys sorted so that merge order does
 * not matter. Many instances share one `settings.pro` block; this lets each distinct block be
 * checked once.
 */
export function structuralKey(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(v: unknown, out: string[]): void {
  if (v === null || v === undefined) out.push('~');
  else if (typeof v === 'string') out.push(JSON.stringify(v));
  else if (typeof v === 'boolean') out.push(v ? 'T' : 'F');
  else if (typeof v === 'number') out.push(`#${String(v)};`);
  else if (typeof v === 'bigint') out.push(`#${v}n;`);
  else if (Array.isArray(v)) {
    out.push('[');
    for (const x of v) {
      write(x, out);
      out.push(',');
    }
    out.push(']');
  } else if (isMap(v)) {
    out.push('{');
    for (const k of Object.keys(v).sort()) {
      out.push(JSON.stringify(k), ':');
      write(v[k], out);
      out.push(',');
    }
    out.push('}');
  } else out.push(`?${String(v)}`);
}

/**
 * Atmos YAML functions whose result is always a plain string or number (`!env` reads a variable,
 * `!git.sha` a hash, `!random` an integer…). The others (`!template`, `!store`, `!terraform.output`,
 * `!exec`, `!include`, …) can produce any value, so a block written as one of them is left alone.
 */
const SCALAR_FUNCTIONS = new Set([
  '!env',
  '!repo-root',
  '!cwd',
  '!random',
  '!version',
  '!git.root',
  '!git.sha',
  '!git.branch',
  '!git.ref',
  '!git.repository',
  '!git.owner',
  '!git.name',
  '!git.host',
  '!git.url',
  '!aws.account_id',
  '!aws.caller_identity_arn',
  '!aws.caller_identity_user_id',
  '!aws.region',
  '!aws.organization_id',
]);

const ANY_FUNCTIONS = new Set([
  '!exec',
  '!secret',
  '!store',
  '!store.get',
  '!template',
  '!terraform.output',
  '!terraform.state',
  '!cel',
  '!include',
  '!include.raw',
  '!unset',
  '!literal',
  '!emulator',
  '!tags',
  '!labels',
  '!labels.keys',
  '!labels.values',
]);

export interface YamlFunctionCall {
  tag: string;
  /** The function always yields a string or a number, never a map, list or boolean. */
  scalar: boolean;
}

/**
 * The Atmos YAML function a loaded string stands for: Atmos keeps `!tag args` as that text until it
 * resolves functions after merging, matching the tag as a prefix followed by a space or the end.
 */
export function yamlFunctionCall(value: unknown): YamlFunctionCall | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trimStart();
  if (!text.startsWith('!')) return undefined;
  const m = /^![A-Za-z][\w.-]*/.exec(text);
  if (!m) return undefined;
  const tag = m[0];
  const rest = text.slice(tag.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  if (SCALAR_FUNCTIONS.has(tag)) return { tag, scalar: true };
  if (ANY_FUNCTIONS.has(tag)) return { tag, scalar: false };
  return undefined;
}

/** Whether a string holds a Go template action (rendered by Atmos at component time). */
export function hasTemplate(value: string): boolean {
  return value.includes('{{');
}

/** `settings.pro.pull_request[0].workflows` — how a path under `settings.pro` is shown in messages. */
export function proPath(path: readonly PathSegment[]): string {
  let out = 'settings.pro';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `.${seg}`;
  return out;
}

const MAX_SHOWN = 40;

/** A short, quoted rendering of a scalar for messages; long values are cut. */
export function showScalar(value: string): string {
  const one = value.replace(/\s+/g, ' ');
  return one.length > MAX_SHOWN ? `${one.slice(0, MAX_SHOWN - 1)}…` : one;
}

/**
 * A map key for messages. A sequence or map used as a key (yaml.v3 takes it as its JSON-like text)
 * is shown as `[…]` or `{…}`: its text may come from an alias or from other lines, and a message
 * must not echo what the flagged line does not show.
 */
export function showKey(key: string): string {
  if (/^[[{]/.test(key)) {
    try {
      const v: unknown = JSON.parse(key);
      if (v !== null && typeof v === 'object') return Array.isArray(v) ? '[…]' : '{…}';
    } catch {
      // a scalar key that merely starts with a bracket
    }
  }
  return showScalar(key);
}

/**
 * What a value is, for "must be X, not Y" messages. Scalars are shown unless `hide` is set (input
 * values may carry things that should not be echoed).
 */
export function describeValue(value: unknown, hide = false): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (typeof value === 'boolean') return `the boolean \`${value}\``;
  if (typeof value === 'number' || typeof value === 'bigint')
    return hide ? 'a number' : `the number \`${String(value)}\``;
  if (typeof value === 'string') {
    const fn = yamlFunctionCall(value);
    if (fn) return `\`${fn.tag}\`, which always yields a ${fn.tag === '!random' ? 'number' : 'string'}`;
    return hide ? 'a string' : `the string \`${showScalar(value)}\``;
  }
  if (Array.isArray(value)) return 'a list';
  if (isMap(value)) return 'a map';
  return 'an unsupported value';
}

/** The value at a path of a loaded value, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = typeof seg === 'number' ? cur[seg] : undefined;
    else if (isMap(cur)) cur = Object.hasOwn(cur, String(seg)) ? cur[String(seg)] : undefined;
    else return undefined;
  }
  return cur;
}

/** Ajv's string path segments, with list indices turned back into numbers. */
export function typedPath(root: unknown, segments: readonly string[]): PathSegment[] {
  const out: PathSegment[] = [];
  let cur: unknown = root;
  for (const seg of segments) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = isMap(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}
