import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { AtmosConfig } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import { type Loc, SourceFile } from '../core/source.js';
import { makeIncludeResolver } from '../load/include.js';
import { copyOrigin, entryLoc } from '../load/origin.js';
import { type LoadProblem, parseYaml } from '../load/yaml.js';
import { type Meter, parseTemplate } from '../template/index.js';
import { globFiles } from './glob.js';
import { deepEqual, isMap, type ListMergeStrategy, mergeMaps, newMap, type PlainMap } from './merge.js';
import { mapByLine } from './provenance.js';
import { restorePlaceholders, structuredInput, substituteRefs } from './structured.js';
import { type EnvView, RENDER_LIMITS, renderImportTime } from './templating.js';
import type { ImportTimeRender, Layer, Manifest } from './types.js';

/** Per-import processing state that flows down the import tree (processYAMLConfigFileWithContextInternal). */
/** Accumulated `overrides` and the manifests that wrote them (for provenance scoping). */
export interface Overrides {
  map: PlainMap;
  from: readonly Manifest[];
}

export interface ImportState {
  tfInline: Overrides;
  tfImports: Overrides;
  hfInline: Overrides;
  hfImports: Overrides;
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
  tfInline: Overrides;
  tfImports: Overrides;
  hfInline: Overrides;
  hfImports: Overrides;
  /** Transitive import keys (stacks-base-relative path without the last extension). */
  importKeys: string[];
  /** Own contents of this file and everything it imports, in merge order. */
  layers: Layer[];
  /**
   * Whether a templated import path was rendered anywhere in this tree: only then does the result
   * depend on the import path context (the settings/vars/env of earlier imports).
   */
  usesPathContext: boolean;
}

const EMPTY: PlainMap = Object.freeze(newMap()) as PlainMap;
const NO_OVERRIDES: Overrides = Object.freeze({ map: EMPTY, from: Object.freeze([]) as readonly Manifest[] });

/** Every input is already a merge result, so one that is alone in saying anything is the answer. */
function mergeOverrides(list: readonly Overrides[], strategy: ListMergeStrategy): Overrides {
  const said = list.filter((o) => o.from.length > 0 || !isEmpty(o.map));
  if (said.length === 0) return NO_OVERRIDES;
  // The same object again makes comparing import states cheap (see ManifestProcessor.memo).
  if (said.length === 1) return said[0]!;
  const from: Manifest[] = [];
  for (const o of list) for (const m of o.from) if (!from.includes(m)) from.push(m);
  return {
    map: mergeMaps(
      list.map((o) => o.map),
      strategy,
    ),
    from,
  };
}
const TEMPLATE_EXTS = ['.yaml', '.yml', '.yaml.tmpl', '.yml.tmpl'];

function isEmpty(m: PlainMap): boolean {
  for (const _ in m) return false;
  return true;
}

const MEMO_STATES_PER_FILE = 8;

function sameLoc(a: Loc | undefined, b: Loc | undefined): boolean {
  return a === b || (!!a && !!b && a.file === b.file && a.start === b.start && a.end === b.end);
}

/**
 * A file imported along two paths brings the same layers twice; the later one is where its values
 * take effect. Without this the layer count doubles with every level that imports a file twice.
 */
function lastOccurrences(layers: Layer[]): Layer[] {
  const seen = new Set<Layer>();
  const out: Layer[] = [];
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    if (seen.has(l)) continue;
    seen.add(l);
    out.push(l);
  }
  return out.length === layers.length ? layers : out.reverse();
}

/** Equal contents: a file imported twice gets equal, not identical, overrides from its siblings. */
function sameOverrides(a: Overrides, b: Overrides): boolean {
  if (a === b) return true;
  if (a.from.length !== b.from.length || !a.from.every((m) => b.from.includes(m))) return false;
  return deepEqual(a.map, b.map);
}

/** Whether processing a file under state `b` gives `result`, what it gave under `a`. */
function sameState(a: ImportState, b: ImportState, result: Processed): boolean {
  // A file rendered at import time records where it was imported from (for the related locations).
  const recordsImport = result.layers.at(-1)?.manifest.importTimeRender?.importLoc !== undefined;
  return (
    (!recordsImport || sameLoc(a.importLoc, b.importLoc)) &&
    sameOverrides(a.tfInline, b.tfInline) &&
    sameOverrides(a.tfImports, b.tfImports) &&
    sameOverrides(a.hfInline, b.hfInline) &&
    sameOverrides(a.hfImports, b.hfImports) &&
    deepEqual(a.context, b.context) &&
    (!result.usesPathContext || deepEqual(a.importPathContext, b.importPathContext))
  );
}

/** Loads stack manifests once each and deep-merges import trees the way Atmos does. */
export class ManifestProcessor {
  readonly manifests = new Map<string, Manifest>();
  /**
   * Results of files processed under an import state, to share between importers (a file imported
   * twice at every level of a chain is otherwise processed 2^n times, as Atmos does). States are
   * compared by contents, which are small (overrides, import context); the import path context
   * (every earlier import's settings, vars and env) counts only for a tree that
   * renders a templated import path: files that glob-import each other would otherwise be expanded
   * along every simple path, factorial in their number.
   */
  private readonly memo = new Map<string, { st: ImportState; result: Processed }[]>();
  /** Problems of each file's raw text, reported only when Atmos parses that text. */
  private readonly raw = new Map<string, { problems: LoadProblem[]; ok: boolean; reported: boolean }>();
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
    const parsed = this.parse(read.file);
    this.manifests.set(abs, parsed.manifest);
    this.raw.set(abs, { problems: parsed.problems, ok: parsed.ok, reported: false });
    return parsed.manifest;
  }

  /**
   * Parses a file without reporting: whether its problems are real depends on whether Atmos parses
   * this text at all (a template file's raw text is only parsed when it is not rendered).
   */
  private parse(file: SourceFile): { manifest: Manifest; problems: LoadProblem[]; ok: boolean } {
    const parsed = parseYaml(file, { tags: 'stack', include: this.includeResolver });
    const problems = parsed.problems.slice();
    const ok = !problems.some((p) => p.code === 'yaml-syntax');
    let value: PlainMap = newMap();
    if (parsed.value !== null && parsed.value !== undefined) {
      if (isMap(parsed.value)) value = parsed.value;
      else {
        problems.push({
          code: 'invalid-manifest',
          message: `A stack manifest must be a YAML map, not ${Array.isArray(parsed.value) ? 'a list' : `a ${typeof parsed.value}`}; Atmos cannot load it.`,
          loc: { file, start: 0, end: 0 },
        });
      }
    }
    return { manifest: { file, rel: this.rel(file.path), value }, problems, ok };
  }

  /** Reports the problems of a file's raw text once: Atmos parses that text as it is. */
  private reportRaw(abs: string): void {
    const info = this.raw.get(abs);
    if (!info || info.reported) return;
    info.reported = true;
    this.report(info.problems);
  }

  private report(problems: LoadProblem[], rawFile?: SourceFile): void {
    for (const p of problems) {
      this.findings.push({
        ruleId: p.code,
        message: p.message,
        loc: rawFile ? mapByLine(p.loc, rawFile) : p.loc,
      });
    }
  }

  /** Processes a top-level stack manifest: its whole import tree, merged. */
  processStack(abs: string): Processed | undefined {
    return this.process(abs, {
      tfInline: NO_OVERRIDES,
      tfImports: NO_OVERRIDES,
      hfInline: NO_OVERRIDES,
      hfImports: NO_OVERRIDES,
      context: EMPTY,
      importPathContext: EMPTY,
      skipTemplates: false,
      ignoreMissing: this.config.templates.ignoreMissingTemplateValues,
      skipIfMissing: false,
      chain: [],
    });
  }

  private process(abs: string, st: ImportState): Processed | undefined {
    const key = `${abs}\0${st.ignoreMissing}\0${st.skipTemplates}`;
    let entries = this.memo.get(key);
    const hit = entries?.find((e) => sameState(e.st, st, e.result));
    if (hit) return hit.result;
    const manifest = this.manifestFor(abs, st);
    if (!manifest) return undefined;
    const result = this.processManifest(manifest, abs, st);
    if (!entries) this.memo.set(key, (entries = []));
    // A few states per file cover repeated imports; more would make every lookup a long scan.
    if (entries.length >= MEMO_STATES_PER_FILE) entries.shift();
    entries.push({ st, result });
    return result;
  }

  /**
   * The manifest as Atmos sees it under this import state (processYAMLConfigFileWithContextInternal):
   * locals are extracted from the raw YAML (skipped for a `.tmpl` file that is not YAML yet); the
   * text is rendered when the file is a `.yaml.tmpl`/`.yml.tmpl` or there is a context (an import
   * `context`, or the locals); a failed render keeps the raw text unless an import passed a context.
   */
  private manifestFor(abs: string, st: ImportState): Manifest | undefined {
    const plain = this.load(abs);
    if (!plain) return undefined;
    const info = this.raw.get(abs);
    const rawOk = info?.ok ?? true;
    const unrendered = (): Manifest => {
      this.reportRaw(abs);
      return plain;
    };
    if (st.skipTemplates) return unrendered();
    // Locals extraction parses the raw YAML; Atmos only tolerates a failure there for `.tmpl` files.
    if (!rawOk && !abs.endsWith('.tmpl')) return unrendered();
    const isTemplateFile = abs.endsWith('.yaml.tmpl') || abs.endsWith('.yml.tmpl');
    const hasContext = !isEmpty(st.context);
    const hasLocals = rawOk && Object.hasOwn(plain.value, 'locals');
    if (!isTemplateFile && !hasContext && !hasLocals) return unrendered();

    const data: PlainMap = hasLocals ? this.localsContext(plain, st) : st.context;
    const reason = isTemplateFile ? 'tmpl' : hasContext ? 'context' : 'locals';
    const render = (deferred: boolean, failed = false): ImportTimeRender => ({
      reason,
      ...(st.importLoc && reason !== 'locals' ? { importLoc: st.importLoc } : {}),
      contextKeys: Object.keys(data),
      ignoreMissing: st.ignoreMissing,
      rawFile: plain.file,
      deferred,
      ...(failed ? { failed: true } : {}),
    });
    // With a context, values that are exactly one field reference take the context value itself.
    const structured =
      rawOk && !isEmpty(data) ? structuredInput(plain.value, plain.file.text, data) : undefined;
    const input = structured ? new SourceFile(plain.file.path, structured.text) : plain.file;
    const rendered = renderImportTime(input.text, data, st.ignoreMissing, this.env);
    if (!rendered.ok) {
      const off = Math.min(input.text.length, Math.max(0, rendered.error.offset ?? 0));
      const at = { file: input, start: off, end: Math.max(off, rendered.error.end ?? off) };
      const loc = structured ? mapByLine(at, plain.file) : at;
      const why =
        reason === 'tmpl'
          ? 'a .yaml.tmpl file'
          : reason === 'context'
            ? 'imported with a context'
            : 'it has locals';
      if (!hasContext) {
        // Without an import context Atmos keeps the raw text: its templates are rendered later,
        // against the component. That only works when the raw text is YAML.
        if (rawOk) {
          this.reportRaw(abs);
          const value = structured ? substituteRefs(plain.value, data) : plain.value;
          return {
            ...plain,
            value: hasLocals ? withResolvedSections(value, data) : value,
            importTimeRender: render(true),
          };
        }
        this.findings.push({
          ruleId: 'template-syntax',
          message: `Atmos renders this file at import time (${why}) and the template fails: ${rendered.error.message}. Atmos then parses the unrendered text, which is not valid YAML, and fails.`,
          loc,
        });
        return { ...plain, value: newMap(), importTimeRender: render(false, true) };
      }
      this.findings.push({
        ruleId: 'template-syntax',
        message: `Atmos renders this file at import time (${why}) and the template fails: ${rendered.error.message}. Atmos stops on this stack manifest.`,
        loc,
      });
      return { ...plain, value: newMap(), importTimeRender: render(false, true) };
    }
    if (!structured && rendered.text === plain.file.text) {
      this.reportRaw(abs);
      return { ...plain, importTimeRender: render(false) };
    }
    const renderedFile = new SourceFile(plain.file.path, rendered.text);
    const parsed = this.parse(renderedFile);
    this.report(parsed.problems, plain.file);
    const value = structured
      ? (restorePlaceholders(parsed.manifest.value, structured.values) as PlainMap)
      : parsed.manifest.value;
    return {
      ...parsed.manifest,
      value: hasLocals ? withResolvedSections(value, data) : value,
      importTimeRender: render(false),
    };
  }

  /** File-scoped `locals` plus the file's own settings/vars/env, resolved (extractAndAddLocalsToContext). */
  private localsContext(m: Manifest, st: ImportState): PlainMap {
    const ctx = newMap();
    for (const [k, v] of Object.entries(st.context)) if (k !== 'locals') ctx[k] = v;
    // Many templates over one large context each stay within the executor's budget; together
    // they share the allowance of a component section (past it, the rest stays raw).
    const meter: Meter = { used: 0, limit: RENDER_LIMITS.section };
    const locals = resolveLocals(m.value.locals, ctx, this.env, meter);
    ctx.locals = locals;
    for (const section of ['settings', 'vars', 'env'] as const) {
      const raw = m.value[section];
      if (!isMap(raw)) continue;
      ctx[section] = renderSection(raw, ctx, this.env, meter) ?? raw;
    }
    return ctx;
  }

  private processManifest(manifest: Manifest, abs: string, st: ImportState): Processed {
    const own = manifest.value;
    const chain = [...st.chain, abs];

    this.checkSectionTypes(manifest);
    const globalOverrides = sectionMap(own, ['overrides']);
    const tfOverrides = sectionMap(own, ['terraform', 'overrides']);
    const hfOverrides = sectionMap(own, ['helmfile', 'overrides']);
    const strategy = this.config.listMergeStrategy;
    const ownTf: Overrides = {
      map: mergeMaps([globalOverrides, tfOverrides], strategy),
      from: isEmpty(globalOverrides) && isEmpty(tfOverrides) ? [] : [manifest],
    };
    const ownHf: Overrides = {
      map: mergeMaps([globalOverrides, hfOverrides], strategy),
      from: isEmpty(globalOverrides) && isEmpty(hfOverrides) ? [] : [manifest],
    };
    const tfInline = mergeOverrides([ownTf, st.tfInline], strategy);
    const hfInline = mergeOverrides([ownHf, st.hfInline], strategy);
    let tfImports = st.tfImports;
    let hfImports = st.hfImports;

    const mergeInputs: PlainMap[] = [];
    const layers: Layer[] = [];
    const importKeys = new Set<string>();
    let importPathContext = st.importPathContext;
    let usesPathContext = false;

    for (const imp of this.importsOf(manifest)) {
      if (this.templatedPath(imp)) usesPathContext = true;
      const targets = this.resolveImport(manifest, imp, importPathContext);
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
          const err = this.config.store.read(target).error;
          if (err && isNotText(err.code)) {
            // It exists, so skip_if_missing does not apply; the file itself is what to fix.
            this.findings.push({
              ruleId: 'yaml-syntax',
              message: `${this.rel(target)} ${err.message}; it is imported by ${manifest.rel} as "${imp.path}".`,
              loc: wholeFileLoc(target),
              related: [{ loc: imp.loc, message: 'imported here' }],
            });
          } else if (!imp.skipIfMissing) {
            this.findings.push({
              ruleId: err?.code === 'outside-repo' ? 'import-outside-repo' : 'import-not-found',
              message: `Import "${imp.path}" (${this.rel(target)}) ${err?.message ?? 'could not be read'}.`,
              loc: imp.loc,
            });
          }
          continue;
        }
        tfImports = mergeOverrides([tfImports, child.tfImports, child.tfInline], strategy);
        hfImports = mergeOverrides([hfImports, child.hfImports, child.hfInline], strategy);
        if (child.usesPathContext) usesPathContext = true;
        mergeInputs.push(child.merged);
        for (const l of child.layers) layers.push(l);
        importKeys.add(importKey(this.base, target));
        for (const k of child.importKeys) importKeys.add(k);
        const sections = newMap();
        for (const s of ['settings', 'vars', 'env']) {
          if (child.merged[s] !== undefined && child.merged[s] !== null) sections[s] = child.merged[s];
        }
        if (!isEmpty(sections)) importPathContext = mergeMaps([importPathContext, sections], strategy);
      }
    }

    const finalTf = mergeOverrides([tfImports, tfInline], strategy);
    const finalHf = mergeOverrides([hfImports, hfInline], strategy);
    const ownWithOverrides = injectOverrides(own, finalTf.map, finalHf.map);
    if (!isEmpty(ownWithOverrides)) mergeInputs.push(ownWithOverrides);
    const layer: Layer = { manifest, value: ownWithOverrides };
    if (ownWithOverrides !== own) layer.overridesFrom = { terraform: finalTf.from, helmfile: finalHf.from };
    layers.push(layer);
    return {
      merged: mergeMaps(mergeInputs, strategy),
      tfInline,
      tfImports,
      hfInline,
      hfImports,
      importKeys: [...importKeys],
      layers: lastOccurrences(layers),
      usesPathContext,
    };
  }

  /** Sections whose type Atmos asserts while reading overrides (ErrInvalidOverridesSection and friends). */
  private checkSectionTypes(m: Manifest): void {
    const v = m.value;
    const bad = (path: string[], what: string) => {
      const parent = path.length > 1 ? sectionMap(v, path.slice(0, -1)) : v;
      const e = entryLoc(parent, path[path.length - 1]!);
      this.findings.push({
        ruleId: 'invalid-manifest',
        message: `\`${path.join('.')}\` must be a map${what}; Atmos fails on this stack manifest.`,
        loc: e ? (e.key ? { ...e.key, end: e.value.end } : e.value) : { file: m.file, start: 0, end: 0 },
      });
    };
    const empty = (x: unknown) => (x === null ? ' (it is empty: write {} or remove the key)' : '');
    if (Object.hasOwn(v, 'overrides') && !isMap(v.overrides)) bad(['overrides'], empty(v.overrides));
    for (const type of ['terraform', 'helmfile']) {
      if (!Object.hasOwn(v, type)) continue;
      const t = v[type];
      if (!isMap(t)) bad([type], empty(t));
      else if (Object.hasOwn(t, 'overrides') && !isMap(t.overrides))
        bad([type, 'overrides'], empty(t.overrides));
    }
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
        const problem = importObjectProblem(item);
        if (problem) {
          this.findings.push({ ruleId: 'invalid-manifest', message: problem, loc });
          return;
        }
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
  private templatedPath(imp: ImportSpec): boolean {
    return imp.path.includes('{{') && !imp.skipTemplates && this.config.templates.enabled;
  }

  private resolveImport(m: Manifest, imp: ImportSpec, pathContext: PlainMap): string[] {
    let path = imp.path;
    if (this.templatedPath(imp)) {
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
    const ext = goExt(relPath);
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
      if (imp.skipIfMissing) return [];
      // A path that is still a Go template (templating off) is skipped silently; one that does
      // not even parse as a template stops Atmos (IsGolangTemplate returns the parse error).
      const tmpl = path.includes('{{') ? isGoTemplate(path) : { template: false };
      if ('error' in tmpl) {
        this.findings.push({
          ruleId: 'template-syntax',
          message: `The import path "${path}" matches no file and is not a valid Go template (${tmpl.error}); Atmos fails on it.`,
          loc: imp.loc,
        });
        return [];
      }
      if (!tmpl.template) {
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

const IMPORT_FIELD_TYPES: Record<string, 'string' | 'boolean' | 'map'> = {
  path: 'string',
  context: 'map',
  skip_templates_processing: 'boolean',
  ignore_missing_template_values: 'boolean',
  skip_if_missing: 'boolean',
  nested_imports: 'string',
  ttl: 'string',
};

/** What mapstructure.Decode into StackImport and validateNestedImports reject. */
function importObjectProblem(item: PlainMap): string | undefined {
  for (const [field, want] of Object.entries(IMPORT_FIELD_TYPES)) {
    const v = item[field];
    if (v === undefined || v === null) continue;
    const ok = want === 'map' ? isMap(v) : typeof v === want;
    if (!ok)
      return `The import field \`${field}\` must be a ${want}; Atmos cannot decode the import (ErrInvalidImport).`;
  }
  const nested = item.nested_imports;
  if (typeof nested === 'string' && nested.trim() !== '') {
    const n = nested.trim().toLowerCase();
    if (n !== 'local' && n !== 'remote')
      return `\`nested_imports\` must be either 'local' or 'remote', not "${nested}" (Atmos: ErrInvalidImport).`;
  }
  return undefined;
}

function sectionMap(v: PlainMap, path: string[]): PlainMap {
  let cur: unknown = v;
  for (const p of path) {
    if (!isMap(cur)) return EMPTY;
    cur = cur[p];
  }
  return isMap(cur) ? cur : EMPTY;
}

/** A shallow copy that keeps the original's origin, so provenance still finds its entries. */
function copyMap(src: PlainMap): PlainMap {
  const out = Object.assign(newMap(), src);
  copyOrigin(src, out);
  return out;
}

/** File-scoped overrides are written into the `overrides` key of every component the file defines. */
function injectOverrides(own: PlainMap, tf: PlainMap, hf: PlainMap): PlainMap {
  const components = own.components;
  if (!isMap(components) || (isEmpty(tf) && isEmpty(hf))) return own;
  const nextComponents = copyMap(components);
  for (const [type, overrides] of [
    ['terraform', tf],
    ['helmfile', hf],
  ] as const) {
    const section = components[type];
    if (isEmpty(overrides) || !isMap(section)) continue;
    const next = copyMap(section);
    for (const [name, comp] of Object.entries(section)) {
      if (!isMap(comp)) continue;
      const c = copyMap(comp);
      c.overrides = overrides;
      next[name] = c;
    }
    nextComponents[type] = next;
  }
  const out = copyMap(own);
  out.components = nextComponents;
  return out;
}

/** The import key: path relative to the stacks base without its last extension (Atmos `imports`). */
const importKeys = new Map<string, string>();

function importKey(base: string, abs: string): string {
  const memo = importKeys.get(`${base}\0${abs}`);
  if (memo !== undefined) return memo;
  const key = computeImportKey(base, abs);
  if (importKeys.size > 50_000) importKeys.clear();
  importKeys.set(`${base}\0${abs}`, key);
  return key;
}

function computeImportKey(base: string, abs: string): string {
  const r = relative(base, abs).split(sep).join('/');
  const key = r.startsWith('..') || isAbsolute(r) ? abs.split(sep).join('/') : r;
  const ext = goExt(key) || '.yaml';
  return key.endsWith(ext) ? key.slice(0, -ext.length) : key;
}

/** Go's `filepath.Ext`: from the last dot of the last path element (`.hidden` is an extension too). */
export function goExt(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

/** `IsGolangTemplate`: whether a string parses as a Go template with at least one action. */
function isGoTemplate(text: string): { template: boolean } | { error: string } {
  const parsed = parseTemplate(text);
  if ('error' in parsed) return { error: parsed.error.message };
  return { template: parsed.tree.root.nodes.some((n) => n.type === 'action') };
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

/** A file that exists but holds no text (binary, not UTF-8): nothing in it can be parsed. */
export function isNotText(code: string): boolean {
  return code === 'binary' || code === 'not-utf8';
}

/** The start of a file whose text could not be read, for findings about the file as a whole. */
export function wholeFileLoc(abs: string): Loc {
  return { file: new SourceFile(abs, ''), start: 0, end: 0 };
}

/** Locals may reference each other; resolve by repeated passes (bounded), missing keys stay raw. */
function resolveLocals(raw: unknown, ctx: PlainMap, env: EnvView, meter: Meter): PlainMap {
  if (!isMap(raw)) return newMap();
  const out = copyMap(raw);
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    const data = newMap();
    Object.assign(data, ctx);
    data.locals = out;
    for (const [k, v] of Object.entries(out)) {
      if (typeof v !== 'string' || !v.includes('{{')) continue;
      const r = renderImportTime(v, data, false, env, meter);
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
function renderSection(section: PlainMap, ctx: PlainMap, env: EnvView, meter: Meter): PlainMap | undefined {
  let failed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return v;
      const r = renderImportTime(v, ctx, false, env, meter);
      if (!r.ok) {
        failed = true;
        return v;
      }
      return r.text;
    }
    if (Array.isArray(v)) {
      const out = v.map(walk);
      if (out.every((x, i) => x === v[i])) return v;
      copyOrigin(v, out);
      return out;
    }
    if (isMap(v)) {
      let o: PlainMap | undefined;
      for (const [k, c] of Object.entries(v)) {
        const w = walk(c);
        if (w !== c) {
          o ??= copyMap(v);
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
      out ??= copyMap(value);
      out[s] = v;
    }
  }
  return out ?? value;
}
