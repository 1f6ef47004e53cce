import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { PathSegment } from '../../src/resolve/provenance.js';
import { provenance, type ResolveOptions, resolveRepository } from '../../src/resolve/resolve.js';
import type { ComponentInstance, Resolution } from '../../src/resolve/types.js';

/** The shared corpus of real Atmos stack trees with Atmos's own outputs, read in place. */
export const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const HAS_CORPUS = existsSync(CORPUS);
export const NO_CORPUS_REASON = `the Atmos corpus is not available at ${CORPUS}`;

/**
 * A suite over the corpus, skipped with the reason when the corpus is absent. The suite body is
 * not even run then, since it resolves fixtures while collecting.
 */
export function describeCorpus(title: string, body: () => void): void {
  describe.skipIf(!HAS_CORPUS)(
    HAS_CORPUS ? title : `${title} (skipped: ${NO_CORPUS_REASON})`,
    HAS_CORPUS
      ? body
      : () => {
          it('needs the corpus', () => {});
        },
  );
}

export function fixtureDir(name: string): string {
  return join(CORPUS, name);
}

const cache = new Map<string, Resolution>();

/** Resolves a corpus fixture as `atmos` would run in its directory (memoised per options). */
export function resolveFixture(name: string, opts: Partial<ResolveOptions> = {}): Resolution {
  const key = `${name}\0${JSON.stringify(opts)}`;
  let r = cache.get(key);
  if (!r) {
    r = resolveRepository({ cwd: fixtureDir(name), env: {}, ...opts });
    cache.set(key, r);
  }
  return r;
}

/** Values as plain JSON data (null-prototype maps, bigints and Go numbers normalised). */
export function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
}

export function readGolden(fixture: string, file: string): string {
  return readFileSync(join(fixtureDir(fixture), file), 'utf8');
}

/**
 * A golden's document as data: JSON, or YAML where comments (provenance annotations, legends)
 * are ignored. Atmos emits YAML with yaml.v3, so the YAML 1.2 core schema reads it back.
 */
export function loadGolden(fixture: string, file: string): unknown {
  const text = readGolden(fixture, file);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.parse(text);
  return parseYamlText(text, { schema: 'core', merge: false, uniqueKeys: false });
}

/** The value at a dotted path of a golden document (or any plain value). */
export function at(doc: unknown, path: string | readonly PathSegment[]): unknown {
  const segs = typeof path === 'string' ? path.split('.') : path;
  let cur = doc;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(s)];
  }
  return cur;
}

/** The sections of a golden component that a conformance test compares. */
export function goldenSections(doc: unknown, sections: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sections) out[s] = at(doc, [s]);
  return out;
}

export function ourSections(c: ComponentInstance, sections: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sections) out[s] = plain(c.rendered[s]);
  return out;
}

export function instance(r: Resolution, stack: string, component: string): ComponentInstance {
  const c = r.components.find((x) => x.stack === stack && x.component === component);
  if (!c) {
    const known = r.components.map((x) => `${x.stack}/${x.component}`).join(', ');
    throw new Error(`no component ${component} in stack ${stack}; have: ${known}`);
  }
  return c;
}

/** One `# ○ [N] file:line` annotation of a `--provenance` golden. */
export interface ProvenanceNote {
  path: string;
  marker: string;
  depth: number;
  file: string;
  line: number | undefined;
}

/**
 * The annotations of a provenance-annotated `describe component` golden, for scalar leaves
 * (`key: value  # ● [1] file.yaml:12`), keyed by dotted path. Containers and list items are
 * skipped: Atmos annotates them with the first contributor, which is not a "winner".
 */
export function provenanceNotes(text: string): Map<string, ProvenanceNote> {
  const notes = new Map<string, ProvenanceNote>();
  const stack: { indent: number; key: string }[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trimStart();
    if (body.startsWith('- ')) continue;
    const m = /^("[^"]*"|'[^']*'|[^:#]+?):(?:\s+(.*?))?\s*$/.exec(body.replace(/\s+#\s[●○∴].*$/, ''));
    if (!m) continue;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const key = m[1]!.replace(/^["']|["']$/g, '');
    const value = m[2];
    const path = [...stack.map((s) => s.key), key].join('.');
    const note = /#\s([●○∴])\s\[(\d+)\]\s(\S+?)(?::(\d+))?\s*$/.exec(body);
    if (value === undefined || value === '' || value === '>-' || value === '|-') {
      stack.push({ indent, key });
      continue;
    }
    if (note) {
      notes.set(path, {
        path,
        marker: note[1]!,
        depth: Number(note[2]),
        file: note[3]!,
        line: note[4] ? Number(note[4]) : undefined,
      });
    }
  }
  return notes;
}

/** Our provenance winner for a component path, as `file:line` relative to the stacks base. */
export function ourWinner(
  r: Resolution,
  c: ComponentInstance,
  path: readonly PathSegment[],
): string | undefined {
  const e = provenance(c, path)[0];
  if (!e) return undefined;
  const pos = e.value.file.position(e.value.start);
  return `${relative(r.config.stacksBasePath, e.value.file.path).split(sep).join('/')}:${pos.line}`;
}

/** Every writer of a component path, highest precedence first, as `file:line`. */
export function ourWriters(r: Resolution, c: ComponentInstance, path: readonly PathSegment[]): string[] {
  return provenance(c, path).map((e) => {
    const pos = e.value.file.position(e.value.start);
    return `${relative(r.config.stacksBasePath, e.value.file.path).split(sep).join('/')}:${pos.line}`;
  });
}

export function ruleIds(r: Resolution): string[] {
  return r.findings.map((f) => f.ruleId);
}

/** Findings as `rule file:line` for readable assertions. */
export function findingsAt(r: Resolution): string[] {
  return r.findings.map((f) => {
    const pos = f.loc.file.position(f.loc.start);
    return `${f.ruleId} ${relative(r.config.cwd, f.loc.file.path).split(sep).join('/')}:${pos.line}`;
  });
}
