import { dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import type { AtmosConfig } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import { type Loc, SourceFile } from '../core/source.js';
import { makeIncludeResolver } from '../load/include.js';
import { entryLoc } from '../load/origin.js';
import { type LoadProblem, parseYaml } from '../load/yaml.js';
import { globFiles } from './glob.js';
import { isMap, mergeMaps, newMap, type PlainMap } from './merge.js';
import { type EnvView, renderImportTime } from './templating.js';
import type { Layer, Manifest } from './types.js';

/** Per-import processing state that flows down the import tree (processYAMLConfigFileWithContextInternal). */
export interface ImportState {
  tfInline: PlainMap;
  tfImports: PlainMap;
  hfInline: PlainMap;
  hfImports: PlainMap;
  context: PlainMap;
  importPathContext: PlainMap;
  skipTemplates: boolean;
  ignoreMissing: boolean;
  skipIfMissing: boolean;
  /** Files on the current import path, to detect cycles (Atmos recurses forever on them). */
  chain: readonly string[];
  /** Where the import that led here was written. */
  importLoc?: Loc;
}

export interface Processed {
  merged: PlainMap;
  tfInline: PlainMap;
  tfImports: PlainMap;
  hfInline: PlainMap;
  hfImports: PlainMap;
  /** Transitive import keys (stacks-base-relative path without the last extension). */
  importKeys: string[];
  /** Own contents of this file and everything it imports, in merge order. */
  layers: Layer[];
}

const EMPTY: PlainMap = Object.freeze(newMap()) as PlainMap;
const TEMPLATE_EXTS = ['.yaml', '.yml', '.yaml.tmpl', '.yml.tmpl'];

function isEmpty(m: PlainMap): boolean {
  for (const _ in m) return false;
  return true;
}

/** Loads stack manifests once each and deep-merges import trees the way Atmos does. */
export class ManifestProcessor {
  readonly manifests = new Map<string, Manifest>();
  private readonly memo = new Map<string, Processed>();
  private readonly includeResolver;
  private readonly base: string;

  constructor(
    private readonly config: AtmosConfig,
    private readonly findings: Finding[],
    private readonly env: EnvView,
  ) {
    this.base = config.stacksBasePath;
    this.includeResolver = makeIncludeResolver({
      store: config.store,
      basePath: config.basePath,
      cwd: config.cwd,
    });
  }

  /** Path relative to the stacks base with forward slashes (the Atmos "stack file name" basis). */
  rel(abs: string): string {
    const r = relative(this.base, abs);
    return r.split(sep).join('/');
  }

  /** The file as parsed, without import-time rendering; undefined when it cannot be read. */
  load(abs: string): Manifest | undefined {
    const cached = this.manifests.get(abs);
    if (cached) return cached;
    const read = this.config.store.read(abs);
    if (!read.file) return undefined;
    const manifest = this.parse(read.file);
    this.manifests.set(abs, manifest);
    return manifest;
  }

  private parse(file: SourceFile, rawFile?: SourceFile): Manifest {
    const parsed = parseYaml(file, { tags: 'stack', include: this.includeResolver });
    this.report(parsed.problems, rawFile);
    let value: PlainMap = newMap();
    if (parsed.value !== null && parsed.value !== undefined) {
      if (isMap(parsed.value)) value = parsed.value;
      else {
        this.findings.push({
          ruleId: 'invalid-manifest',
          message: `A stack manifest must be a YAML map, not ${Array.isArray(parsed.value) ? 'a list' : `a ${typeof parsed.value}`}; Atmos cannot load it.`,
          loc: { file: rawFile ?? file, start: 0, end: 0 },
        });
      }
    }
    return { file, rel: this.rel(file.path), value };
  }

  private report(problems: LoadProblem[], rawFile?: SourceFile): void {
    for (const p of problems) {
      this.findings.push({
        ruleId: p.code,
        message: p.message,
        loc: rawFile ? mapLoc(p.loc, rawFile) : p.loc,
      });
    }
  }

  /** Processes a top-level stack manifest: its whole import tree, merged. */
  processStack(abs: string): Processed | undefined {
    return this.process(abs, {
      tfInline: EMPTY,
      tfImports: EMPTY,
      hfInline: EMPTY,
      hfImports: EMPTY,
      context: EMPTY,
      importPathContext: EMPTY,
      skipTemplates: false,
      ignoreMissing: this.config.templates.ignoreMissingTemplateValues,
      skipIfMissing: false,
      chain: [],
    });
  }

  private process(abs: string, st: ImportState): Processed | undefined {
    const memoKey =
      isEmpty(st.tfInline) &&
      isEmpty(st.tfImports) &&
      isEmpty(st.hfInline) &&
      isEmpty(st.hfImports) &&
      isEmpty(st.context) &&
      isEmpty(st.importPathContext) &&
      !st.skipTemplates
        ? `${abs}\0${st.ignoreMissing}`
        : undefined;
    if (memoKey) {
      const hit = this.memo.get(memoKey);
      if (hit) return hit;
    }
    const manifest = this.manifestFor(abs, st);
    if (!manifest) return undefined;
    const result = this.processManifest(manifest, abs, st);
    if (memoKey) this.memo.set(memoKey, result);
    return result;
  }

  /** The manifest as Atmos sees it under this import state: rendered at import time when Atmos would. */
  private manifestFor(abs: string, st: ImportState): Manifest | undefined {
    const plain = this.load(abs);
    if (!plain) return undefined;
    if (st.skipTemplates) return plain;
    const isTmpl = abs.endsWith('.tmpl');
    const hasContext = !isEmpty(st.context);
    const hasLocals = Object.hasOwn(plain.value, 'locals') && !isTmpl;
    if (!isTmpl && !hasContext && !hasLocals) return plain;

    let data: PlainMap = st.context;
    if (hasLocals) data = this.localsContext(plain, st);
    const reason = isTmpl ? 'tmpl' : hasContext ? 'context' : 'locals';
    const rendered = renderImportTime(plain.file.text, data, st.ignoreMissing, this.env);
    const contextKeys = Object.keys(data);
    if (!rendered.ok) {
      // Atmos keeps the raw text when only file-extracted context (locals) was available: the
      // templates are then rendered later against the component. With an explicit context, or a
      // .tmpl file, the error stops Atmos.
      if (!hasContext && !isTmpl) {
        return {
          ...plain,
          value: hasLocals ? withResolvedSections(plain.value, data) : plain.value,
          importTimeRender: {
            reason,
            contextKeys,
            ignoreMissing: st.ignoreMissing,
            rawFile: plain.file,
            deferred: true,
          },
        };
      }
      const off = Math.min(plain.file.text.length, Math.max(0, rendered.error.offset ?? 0));
      this.findings.push({
        ruleId: 'template-syntax',
        message: `Atmos renders this file at import time (${reason === 'tmpl' ? 'a .tmpl file' : 'imported with a context'}) and the template fails: ${rendered.error.message}`,
        loc: { file: plain.file, start: off, end: Math.max(off, rendered.error.end ?? off) },
      });
      return {
        ...plain,
        importTimeRender: {
          reason,
          importLoc: st.importLoc,
          contextKeys,
          ignoreMissing: st.ignoreMissing,
          rawFile: plain.file,
          deferred: true,
        },
      };
    }
    if (rendered.text === plain.file.text) {
      return {
        ...plain,
        importTimeRender: {
          reason,
          importLoc: st.importLoc,
          contextKeys,
          ignoreMissing: st.ignoreMissing,
          rawFile: plain.file,
          deferred: false,
        },
      };
    }
    const renderedFile = new SourceFile(plain.file.path, rendered.text);
    const parsed = this.parse(renderedFile, plain.file);
    return {
      ...parsed,
      value: hasLocals ? withResolvedSections(parsed.value, data) : parsed.value,
      importTimeRender: {
        reason,
        importLoc: st.importLoc,
        contextKeys,
        ignoreMissing: st.ignoreMissing,
        rawFile: plain.file,
        deferred: false,
      },
    };
  }

  /** File-scoped `locals` plus the file's own settings/vars/env, resolved (extractAndAddLocalsToContext). */
  private localsContext(m: Manifest, st: ImportState): PlainMap {
    const ctx = newMap();
    for (const [k, v] of Object.entries(st.context)) if (k !== 'locals') ctx[k] = v;
    const locals = resolveLocals(m.value.locals, ctx, this.env);
    ctx.locals = locals;
    for (const section of ['settings', 'vars', 'env'] as const) {
      const raw = m.value[section];
      if (!isMap(raw)) continue;
      ctx[section] = renderSection(raw, ctx, this.env) ?? raw;
    }
    return ctx;
  }

  private processManifest(manifest: Manifest, abs: string, st: ImportState): Processed {
    const own = manifest.value;
    const chain = [...st.chain, abs];

    const globalOverrides = sectionMap(own, ['overrides']);
    const tfOverrides = sectionMap(own, ['terraform', 'overrides']);
    const hfOverrides = sectionMap(own, ['helmfile', 'overrides']);
    const strategy = this.config.listMergeStrategy;
    const tfInline = mergeMaps([globalOverrides, tfOverrides, st.tfInline], strategy);
    const hfInline = mergeMaps([globalOverrides, hfOverrides, st.hfInline], strategy);
    let tfImports = st.tfImports;
    let hfImports = st.hfImports;

    const mergeInputs: PlainMap[] = [];
    const layers: Layer[] = [];
    const importKeys = new Set<string>();
    let importPathContext = st.importPathContext;

    for (const imp of this.importsOf(manifest)) {
      const targets = this.resolveImport(manifest, imp, importPathContext, st);
      if (targets.length === 0) continue;
      const childContext = mergeMaps([imp.context ?? EMPTY, st.context], strategy);
      for (const target of targets) {
        if (chain.includes(target)) {
          const cycle = [...chain.slice(chain.indexOf(target)), target].map((p) => this.rel(p));
          this.findings.push({
            ruleId: 'import-cycle',
            message:
              target === abs
                ? `This manifest imports itself via "${imp.path}"; Atmos fails with ErrStackImportSelf.`
                : `Import cycle: ${cycle.join(' → ')}. Atmos has no cycle detection and recurses until it runs out of memory.`,
            loc: imp.loc,
          });
          continue;
        }
        const child = this.process(target, {
          tfInline,
          tfImports,
          hfInline,
          hfImports,
          context: childContext,
          importPathContext,
          skipTemplates: imp.skipTemplates,
          ignoreMissing: imp.ignoreMissing || this.config.templates.ignoreMissingTemplateValues,
          skipIfMissing: imp.skipIfMissing,
          chain,
          importLoc: imp.loc,
        });
        if (!child) {
          if (!imp.skipIfMissing) {
            const err = this.config.store.read(target).error;
            this.findings.push({
              ruleId: err?.code === 'outside-repo' ? 'import-outside-repo' : 'import-not-found',
              message: `Import "${imp.path}" (${this.rel(target)}) ${err?.message ?? 'could not be read'}.`,
              loc: imp.loc,
            });
          }
          continue;
        }
        tfImports = mergeMaps([tfImports, child.tfImports, child.tfInline], strategy);
        hfImports = mergeMaps([hfImports, child.hfImports, child.hfInline], strategy);
        mergeInputs.push(child.merged);
        layers.push(...child.layers);
        importKeys.add(importKey(this.base, target));
        for (const k of child.importKeys) importKeys.add(k);
        const sections = newMap();
        for (const s of ['settings', 'vars', 'env']) {
          if (child.merged[s] !== undefined && child.merged[s] !== null) sections[s] = child.merged[s];
        }
        if (!isEmpty(sections)) importPathContext = mergeMaps([importPathContext, sections], strategy);
      }
    }

    const finalTf = mergeMaps([tfImports, tfInline], strategy);
    const finalHf = mergeMaps([hfImports, hfInline], strategy);
    const ownWithOverrides = injectOverrides(own, finalTf, finalHf);
    if (!isEmpty(ownWithOverrides)) mergeInputs.push(ownWithOverrides);
    layers.push({ manifest, value: ownWithOverrides });
    return {
      merged: mergeMaps(mergeInputs, strategy),
      tfInline,
      tfImports,
      hfInline,
      hfImports,
      importKeys: [...importKeys],
      layers,
    };
  }

  private importsOf(m: Manifest): ImportSpec[] {
    const section = m.value.import;
    if (section === undefined || section === null) return [];
    const at = (key: string | number, container: unknown): Loc => {
      const e = entryLoc(container, key);
      return e
        ? e.key && typeof key === 'string'
          ? { ...e.key, end: e.value.end }
          : e.value
        : { file: m.file, start: 0, end: 0 };
    };
    if (!Array.isArray(section)) {
      this.findings.push({
        ruleId: 'invalid-manifest',
        message: '`import` must be a list of paths or import objects (Atmos: ErrInvalidImportSection).',
        loc: at('import', m.value),
      });
      return [];
    }
    const out: ImportSpec[] = [];
    section.forEach((item, i) => {
      const loc = at(i, section);
      if (typeof item === 'string' && item !== '') {
        out.push({ path: item, loc, skipTemplates: false, ignoreMissing: false, skipIfMissing: false });
        return;
      }
      if (isMap(item) && typeof item.path === 'string' && item.path !== '') {
        out.push({
          path: item.path,
          loc,
          context: isMap(item.context) ? item.context : undefined,
          skipTemplates: item.skip_templates_processing === true,
          ignoreMissing: item.ignore_missing_template_values === true,
          skipIfMissing: item.skip_if_missing === true,
        });
        return;
      }
      this.findings.push({
        ruleId: 'invalid-manifest',
        message: 'An import must be a non-empty path or an object with a `path` (Atmos: ErrInvalidImport).',
        loc,
      });
    });
    return out;
  }

  /** Resolves one import to files: relative paths, template paths, extensions, globs (§2.2–2.4). */
  private resolveImport(m: Manifest, imp: ImportSpec, pathContext: PlainMap, st: ImportState): string[] {
    let path = imp.path;
    if (path.includes('{{') && !imp.skipTemplates && this.config.templates.enabled) {
      const data = imp.context
        ? mergeMaps([pathContext, imp.context], this.config.listMergeStrategy)
        : pathContext;
      const r = renderImportTime(
        path,
        data,
        imp.ignoreMissing || this.config.templates.ignoreMissingTemplateValues,
        this.env,
      );
      if (!r.ok) {
        this.findings.push({
          ruleId: 'template-syntax',
          message: `The import path template "${path}" fails: ${r.error.message}. Define the value in an earlier import or in this import's context.`,
          loc: imp.loc,
        });
        return [];
      }
      path = r.text;
    }
    if (isRemote(path)) {
      if (!imp.skipIfMissing) {
        this.findings.push({
          ruleId: 'import-not-found',
          severity: 'info',
          message: `Remote import "${path}" is not fetched by atmos-pro-lint; what it contributes is not checked.`,
          loc: imp.loc,
        });
      }
      return [];
    }
    const first = path.split('/')[0];
    let relPath = path;
    if (first === '.' || first === '..') relPath = join(dirname(m.rel), path).split(sep).join('/');
    // filepath.Join(basePath, imp) keeps even a leading "/" base-relative.
    let withExt = relPath;
    const ext = extname(relPath);
    if (ext === '') {
      const found = TEMPLATE_EXTS.find((e) => this.config.store.isFile(join(this.base, relPath + e)));
      withExt = relPath + (found ?? '.yaml');
    } else if (
      (ext === '.yaml' || ext === '.yml') &&
      this.config.store.isFile(join(this.base, `${relPath}.tmpl`))
    ) {
      withExt = `${relPath}.tmpl`;
    }
    const full = join(this.base, withExt);
    if (!this.config.store.isInside(full)) {
      this.findings.push({
        ruleId: 'import-outside-repo',
        message: `Import "${imp.path}" resolves outside the repository (${full}); it was not read.`,
        loc: imp.loc,
      });
      return [];
    }
    const magic = /[*?[{]/.test(withExt);
    const matches = magic
      ? globFiles(this.config.store, this.base, [withExt])
      : this.config.store.isFile(full)
        ? [full]
        : [];
    if (matches.length === 0) {
      const isTemplate = path.includes('{{');
      if (!imp.skipIfMissing && !isTemplate && !st.skipIfMissing) {
        this.findings.push({
          ruleId: 'import-not-found',
          message: magic
            ? `Import "${imp.path}" matches no file (the pattern ${withExt} is relative to the stacks base path).`
            : `Import "${imp.path}" not found: ${withExt} does not exist under the stacks base path. Use skip_if_missing: true if that is expected.`,
          loc: imp.loc,
        });
      }
      return [];
    }
    return matches;
  }
}

interface ImportSpec {
  path: string;
  loc: Loc;
  context?: PlainMap;
  skipTemplates: boolean;
  ignoreMissing: boolean;
  skipIfMissing: boolean;
}

function sectionMap(v: PlainMap, path: string[]): PlainMap {
  let cur: unknown = v;
  for (const p of path) {
    if (!isMap(cur)) return EMPTY;
    cur = cur[p];
  }
  return isMap(cur) ? cur : EMPTY;
}

/** File-scoped overrides are written into the `overrides` key of every component the file defines. */
function injectOverrides(own: PlainMap, tf: PlainMap, hf: PlainMap): PlainMap {
  const components = own.components;
  if (!isMap(components) || (isEmpty(tf) && isEmpty(hf))) return own;
  const nextComponents = newMap();
  Object.assign(nextComponents, components);
  for (const [type, overrides] of [
    ['terraform', tf],
    ['helmfile', hf],
  ] as const) {
    const section = components[type];
    if (isEmpty(overrides) || !isMap(section)) continue;
    const next = newMap();
    for (const [name, comp] of Object.entries(section)) {
      if (isMap(comp)) {
        const c = newMap();
        Object.assign(c, comp);
        c.overrides = overrides;
        next[name] = c;
      } else next[name] = comp;
    }
    nextComponents[type] = next;
  }
  const out = newMap();
  Object.assign(out, own);
  out.components = nextComponents;
  return out;
}

/** The import key: path relative to the stacks base without its last extension (Atmos `imports`). */
function importKey(base: string, abs: string): string {
  const r = relative(base, abs).split(sep).join('/');
  const key = r.startsWith('..') || isAbsolute(r) ? abs.split(sep).join('/') : r;
  const ext = extname(key) || '.yaml';
  return key.endsWith(ext) ? key.slice(0, -ext.length) : key;
}

/** `IsRemote` (pkg/stack/imports/uri.go), simplified to the forms that never name a local file. */
export function isRemote(path: string): boolean {
  if (path.startsWith('/') || path.startsWith('./') || path.startsWith('../')) return false;
  if (path.includes('://') || path.includes('::')) return true;
  if (/^[\w.-]+@[\w.-]+:/.test(path)) return true;
  if (/^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path)) return true;
  if (/\.git(\/\/|$|\?)/.test(path) || path.includes('_git/')) return true;
  const first = path.split('/')[0] ?? '';
  return path.includes('/') && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(first) && !/\.(ya?ml|tmpl)$/i.test(first);
}

function mapLoc(loc: Loc, rawFile: SourceFile): Loc {
  // A problem in rendered text: keep the line and column when the line exists in the raw file.
  const p = loc.file.position(loc.start);
  if (p.line > rawFile.lineCount) return { file: rawFile, start: 0, end: 0 };
  const start = rawFile.offset(p.line, p.column);
  return {
    file: rawFile,
    start,
    end: start + Math.max(0, Math.min(loc.end - loc.start, rawFile.line(p.line).length)),
  };
}

/** Locals may reference each other; resolve by repeated passes (bounded), missing keys stay raw. */
function resolveLocals(raw: unknown, ctx: PlainMap, env: EnvView): PlainMap {
  const out = newMap();
  if (!isMap(raw)) return out;
  Object.assign(out, raw);
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    const data = newMap();
    Object.assign(data, ctx);
    data.locals = out;
    for (const [k, v] of Object.entries(out)) {
      if (typeof v !== 'string' || !v.includes('{{')) continue;
      const r = renderImportTime(v, data, false, env);
      if (r.ok && r.text !== v) {
        out[k] = r.text;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

/**
 * Renders every string of a section against the locals context; undefined when any template fails.
 * Unchanged subtrees are returned as they are, so where they were written stays known.
 */
function renderSection(section: PlainMap, ctx: PlainMap, env: EnvView): PlainMap | undefined {
  let failed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return v;
      const r = renderImportTime(v, ctx, false, env);
      if (!r.ok) {
        failed = true;
        return v;
      }
      return r.text;
    }
    if (Array.isArray(v)) {
      const out = v.map(walk);
      return out.every((x, i) => x === v[i]) ? v : out;
    }
    if (isMap(v)) {
      let o: PlainMap | undefined;
      for (const [k, c] of Object.entries(v)) {
        const w = walk(c);
        if (w !== c) {
          o ??= Object.assign(newMap(), v);
          o[k] = w;
        }
      }
      return o ?? v;
    }
    return v;
  };
  const out = walk(section) as PlainMap;
  return failed ? undefined : out;
}

/** Atmos stores the resolved locals/vars/settings/env of a locals file back into its content. */
function withResolvedSections(value: PlainMap, ctx: PlainMap): PlainMap {
  let out: PlainMap | undefined;
  for (const s of ['locals', 'vars', 'settings', 'env']) {
    const v = ctx[s];
    if (isMap(v) && !isEmpty(v) && v !== value[s]) {
      out ??= Object.assign(newMap(), value);
      out[s] = v;
    }
  }
  return out ?? value;
}
