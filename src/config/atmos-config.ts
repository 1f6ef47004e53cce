import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { dict } from '../core/dict.js';
import type { Loc, SourceFile } from '../core/source.js';
import { FileStore, isWithin } from '../load/files.js';
import { makeIncludeResolver, splitIncludeArg } from '../load/include.js';
import { entryLoc } from '../load/origin.js';
import { type LoadProblem, parseYaml } from '../load/yaml.js';
import { globFiles } from '../resolve/glob.js';
import {
  isMap,
  LIST_MERGE_STRATEGIES,
  type ListMergeStrategy,
  mergeMaps,
  type PlainMap,
} from '../resolve/merge.js';
import { discoverConfig, findGitRoot, hasLocalAtmosConfig } from './discover.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigOptions {
  /** Working directory (Atmos's CWD; `--chdir`). */
  cwd: string;
  /** `--config-path`: a directory holding atmos.yaml (or the file itself). */
  configPath?: string;
  env: Env;
}

export interface TemplateSettings {
  enabled: boolean;
  sprig: boolean;
  gomplate: boolean;
  evaluations: number;
  delimiters: [string, string];
  ignoreMissingTemplateValues: boolean;
}

/** `settings.pro` of atmos.yaml after environment overrides (values as written; YAML functions stay text). */
export interface ProClientSettings {
  raw: PlainMap | undefined;
  baseUrl: string;
  endpoint: string;
  workspaceId: string | undefined;
  workspaceIdFromEnv: boolean;
  token: unknown;
  tokenFromEnv: boolean;
  maxPayloadBytes: unknown;
}

export interface AtmosConfig {
  cwd: string;
  /** Nothing outside this directory is read. */
  repoRoot: string;
  gitRoot: string | undefined;
  /** Every file that makes up the configuration, lowest precedence first; the main atmos.yaml is last. */
  files: SourceFile[];
  main: SourceFile;
  /** Merged configuration as written (YAML functions kept as "!tag args" strings). */
  raw: PlainMap;
  basePath: string;
  stacksBasePath: string;
  includedPaths: string[];
  excludedPaths: string[];
  namePattern: string | undefined;
  nameTemplate: string | undefined;
  templates: TemplateSettings;
  listMergeStrategy: ListMergeStrategy;
  inheritMetadata: boolean;
  /** `components.<type>.base_path`, absolute. */
  componentBasePaths: Record<string, string>;
  /** The `env:` section of atmos.yaml (lowest `env` layer of every component). */
  env: PlainMap;
  /** `integrations.github`, merged into every component's `settings.integrations.github`. */
  integrationsGithub: PlainMap | undefined;
  pro: ProClientSettings;
  problems: LoadProblem[];
  store: FileStore;
  /** Where a key path of the merged configuration was written (the highest-precedence file that set it). */
  locate(path: readonly string[]): Loc | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const COMPONENT_TYPES_DEFAULT: Record<string, string> = {
  terraform: 'components/terraform',
  helmfile: 'components/helmfile',
  packer: 'components/packer',
  ansible: 'components/ansible',
};

/** Loads and resolves atmos.yaml like pkg/config (see docs/atmos-differences.md for what is left out). */
export function loadAtmosConfig(opts: ConfigOptions): AtmosConfig {
  const cwd = resolve(opts.cwd);
  let env = opts.env;
  const found = discoverConfig(cwd, opts.configPath, env.ATMOS_CLI_CONFIG_PATH || undefined);
  if (found.files.length === 0) {
    const where = found.searched.map((p) => relOrAbs(cwd, p)).join(', ');
    const how =
      found.explicit === 'flag'
        ? ' (from --config-path)'
        : found.explicit === 'env'
          ? ' (from ATMOS_CLI_CONFIG_PATH)'
          : '; pass --config-path DIR or run inside the repository';
    throw new ConfigError(`No atmos.yaml found. Looked for ${where}${how}.`);
  }
  const mainPath = found.files[found.files.length - 1]!;
  const configDir = dirname(mainPath);
  const gitRoot = findGitRoot(cwd);
  const repoRoot = gitRoot && isWithin(gitRoot, configDir) ? gitRoot : commonAncestor(cwd, configDir);
  const store = new FileStore(repoRoot);
  const problems: LoadProblem[] = [];

  const layers: { value: PlainMap; file: SourceFile }[] = [];
  const files: SourceFile[] = [];
  for (const path of found.files) loadConfigFile(path, store, cwd, layers, files, problems);
  const main = files.find((f) => f.path === mainPath);
  if (!main) {
    const err = store.read(mainPath).error;
    throw new ConfigError(`${relOrAbs(cwd, mainPath)} ${err?.message ?? 'could not be read'}.`);
  }
  const raw = mergeMaps(
    layers.map((l) => l.value),
    'replace',
  );
  env = promoteAtmosEnv(raw, env);

  const str = (v: unknown): string | undefined =>
    typeof v === 'string' ? configFunction(v, env, cwd, gitRoot) : v == null ? undefined : String(v);
  const get = (...path: string[]): unknown => getIn(raw, path);

  // base_path: a runtime value (ATMOS_BASE_PATH) resolves dot-paths against the CWD, a config value
  // against the atmos.yaml directory; empty and bare paths try the git root first.
  const envBase = env.ATMOS_BASE_PATH;
  const basePathValue = envBase ? envBase : (str(get('base_path')) ?? '');
  const runtime = Boolean(envBase);
  let basePathRaw = basePathValue;
  if (!runtime && (basePathRaw === '' || basePathRaw === '.') && !hasLocalAtmosConfig(cwd) && gitRoot) {
    basePathRaw = gitRoot;
  }
  const basePath = resolveBasePath(basePathRaw, configDir, runtime, cwd, gitRoot);

  const stacksBase = env.ATMOS_STACKS_BASE_PATH || str(get('stacks', 'base_path')) || '';
  const stacksBasePath = joinPath(basePath, stacksBase);
  const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => str(x) ?? '') : []);
  const includedPaths = env.ATMOS_STACKS_INCLUDED_PATHS
    ? env.ATMOS_STACKS_INCLUDED_PATHS.split(',')
    : listOf(get('stacks', 'included_paths'));
  const excludedPaths = env.ATMOS_STACKS_EXCLUDED_PATHS
    ? env.ATMOS_STACKS_EXCLUDED_PATHS.split(',')
    : listOf(get('stacks', 'excluded_paths'));
  const namePattern = env.ATMOS_STACKS_NAME_PATTERN || str(get('stacks', 'name_pattern')) || undefined;
  const nameTemplate = env.ATMOS_STACKS_NAME_TEMPLATE || str(get('stacks', 'name_template')) || undefined;

  const strategyRaw =
    env.ATMOS_SETTINGS_LIST_MERGE_STRATEGY || str(get('settings', 'list_merge_strategy')) || 'replace';
  let listMergeStrategy: ListMergeStrategy = 'replace';
  if ((LIST_MERGE_STRATEGIES as readonly string[]).includes(strategyRaw))
    listMergeStrategy = strategyRaw as ListMergeStrategy;
  else {
    problems.push({
      code: 'invalid-manifest',
      message: `settings.list_merge_strategy "${strategyRaw}" is not one of ${LIST_MERGE_STRATEGIES.join(', ')} (Atmos fails with ErrInvalidListMergeStrategy)`,
      loc: locateIn(layers, ['settings', 'list_merge_strategy']) ?? { file: main, start: 0, end: 0 },
    });
  }

  const tmpl = get('templates', 'settings');
  const delims = getIn(tmpl, ['delimiters']);
  const templates: TemplateSettings = {
    enabled: truthy(getIn(tmpl, ['enabled'])),
    sprig: truthy(getIn(tmpl, ['sprig', 'enabled'])),
    gomplate: truthy(getIn(tmpl, ['gomplate', 'enabled'])),
    evaluations: Math.max(1, Math.min(10, Number(getIn(tmpl, ['evaluations'])) || 1)),
    delimiters:
      Array.isArray(delims) && delims.length === 2 && delims.every((d) => typeof d === 'string' && d !== '')
        ? [delims[0] as string, delims[1] as string]
        : ['{{', '}}'],
    ignoreMissingTemplateValues: truthy(getIn(tmpl, ['ignore_missing_template_values'])),
  };

  const inheritRaw = get('stacks', 'inherit', 'metadata');
  const inheritMetadata = inheritRaw === undefined || inheritRaw === null ? true : truthy(inheritRaw);

  const componentBasePaths: Record<string, string> = {};
  const comps = get('components');
  const types = new Set([
    ...Object.keys(COMPONENT_TYPES_DEFAULT),
    ...(isMap(comps) ? Object.keys(comps) : []),
  ]);
  for (const t of types) {
    const envKey = `ATMOS_COMPONENTS_${t.toUpperCase()}_BASE_PATH`;
    const bp = env[envKey] || str(getIn(comps, [t, 'base_path'])) || '';
    componentBasePaths[t] = joinPath(basePath, bp);
  }

  const envSection = get('env');
  const integrations = get('integrations', 'github');
  const proRaw = get('settings', 'pro');
  const pro: ProClientSettings = {
    raw: isMap(proRaw) ? proRaw : undefined,
    baseUrl: env.ATMOS_PRO_BASE_URL || str(getIn(proRaw, ['base_url'])) || 'https://atmos-pro.com',
    endpoint: env.ATMOS_PRO_ENDPOINT || str(getIn(proRaw, ['endpoint'])) || 'api/v1',
    workspaceId: env.ATMOS_PRO_WORKSPACE_ID || str(getIn(proRaw, ['workspace_id'])) || undefined,
    workspaceIdFromEnv: Boolean(env.ATMOS_PRO_WORKSPACE_ID),
    token: env.ATMOS_PRO_TOKEN ? '(from ATMOS_PRO_TOKEN)' : getIn(proRaw, ['token']),
    tokenFromEnv: Boolean(env.ATMOS_PRO_TOKEN),
    maxPayloadBytes: getIn(proRaw, ['max_payload_bytes']),
  };

  return {
    cwd,
    repoRoot,
    gitRoot,
    files,
    main,
    raw,
    basePath,
    stacksBasePath,
    includedPaths,
    excludedPaths,
    namePattern,
    nameTemplate,
    templates,
    listMergeStrategy,
    inheritMetadata,
    componentBasePaths,
    env: envStrings(envSection),
    integrationsGithub: isMap(integrations) ? integrations : undefined,
    pro,
    problems,
    store,
    locate: (path) => locateIn(layers, path),
  };
}

/** atmos.d fragments, then the file's own `import:` list, then the file itself (pkg/config/load.go). */
function loadConfigFile(
  path: string,
  store: FileStore,
  cwd: string,
  layers: { value: PlainMap; file: SourceFile }[],
  files: SourceFile[],
  problems: LoadProblem[],
  depth = 0,
): void {
  const dir = dirname(path);
  if (depth === 0) {
    for (const d of ['atmos.d', '.atmos.d']) {
      const fragDir = join(dir, d);
      if (!store.isDirectory(fragDir)) continue;
      for (const frag of globFiles(store, fragDir, ['**/*.yaml', '**/*.yml'])) {
        loadConfigFile(frag, store, cwd, layers, files, problems, depth + 1);
      }
    }
  }
  const read = store.read(path);
  if (!read.file) {
    if (depth > 0) return;
    return;
  }
  const file = read.file;
  const parsed = parseYaml(file, {
    tags: 'config',
    include: makeIncludeResolver({ store, basePath: dir, cwd }),
  });
  problems.push(...parsed.problems);
  if (parsed.value !== null && !isMap(parsed.value)) {
    if (depth === 0) {
      throw new ConfigError(
        `${relOrAbs(cwd, path)} must be a YAML map of settings, not ${describeType(parsed.value)}.`,
      );
    }
    problems.push({
      code: 'invalid-manifest',
      message: 'an Atmos configuration file must be a map',
      loc: { file, start: 0, end: 0 },
    });
    return;
  }
  const value = (parsed.value as PlainMap | null) ?? dict();
  const imports = value.import;
  if (Array.isArray(imports) && depth < 10) {
    for (const imp of imports) {
      if (typeof imp !== 'string' || imp === '' || /^[a-z0-9+.-]+:\/\//i.test(imp)) continue;
      const pattern = isAbsolute(imp) ? imp : join(dir, imp);
      const matches = /[*?[{]/.test(imp)
        ? globFiles(store, dirname(pattern), [pattern.slice(dirname(pattern).length + 1)])
        : [pattern];
      for (const m of matches) {
        const candidates = /\.ya?ml$/.test(m) ? [m] : [`${m}.yaml`, `${m}.yml`, m];
        const hit = candidates.find((c) => store.isFile(c));
        if (hit) loadConfigFile(hit, store, cwd, layers, files, problems, depth + 1);
      }
    }
  }
  files.push(file);
  layers.push({ value, file });
}

/**
 * The atmos.yaml functions a path or name setting can use, resolved as pkg/config does at load
 * time: `!env NAME [default]`, `!repo-root`/`!git.root` and `!cwd`. Others stay as written.
 */
function configFunction(v: string, env: Env, cwd: string, gitRoot: string | undefined): string {
  if (!v.startsWith('!')) return v;
  const space = v.indexOf(' ');
  const tag = space < 0 ? v : v.slice(0, space);
  const args = space < 0 ? '' : v.slice(space + 1);
  if (tag === '!env') {
    const { path: name, query: fallback } = splitIncludeArg(args);
    const value = env[name];
    return value !== undefined ? value : fallback;
  }
  if (tag === '!repo-root' || tag === '!git.root') return gitRoot ?? cwd;
  if (tag === '!cwd') return cwd;
  return v;
}

/** atmos.yaml `env:` is decoded as map[string]string: scalar values become their text. */
function envStrings(section: unknown): PlainMap {
  const out = dict();
  if (!isMap(section)) return out;
  for (const [k, v] of Object.entries(section)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out[k] = String(v);
    else if (v === null) out[k] = '';
  }
  return out;
}

function describeType(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['true', '1', 't', 'yes', 'on'].includes(v.toLowerCase());
  if (typeof v === 'number') return v !== 0;
  return false;
}

export function getIn(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (!isMap(cur) || !Object.hasOwn(cur, p)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function locateIn(layers: { value: PlainMap; file: SourceFile }[], path: readonly string[]): Loc | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const parent = getIn(layer.value, path.slice(0, -1));
    const last = path[path.length - 1];
    if (last === undefined || !isMap(parent) || !Object.hasOwn(parent, last)) continue;
    const e = entryLoc(parent, last);
    if (e) return e.key ? { file: e.key.file, start: e.key.start, end: e.value.end } : e.value;
  }
  return undefined;
}

/**
 * `env:` entries named ATMOS_* act like environment variables when not already set
 * (`promoteAtmosEnvFromConfig`). The result is a view; the process environment is never modified.
 */
function promoteAtmosEnv(raw: PlainMap, env: Env): Env {
  const section = raw.env;
  if (!isMap(section)) return env;
  const view: Record<string, string | undefined> = dict();
  for (const [k, v] of Object.entries(section)) {
    if (
      k.startsWith('ATMOS_') &&
      (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    ) {
      view[k] = String(v);
    }
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') view[k] = v;
  return view;
}

/** `resolveAbsolutePath` (pkg/config/config.go): absolute, dot-prefixed, then empty/bare paths. */
function resolveBasePath(
  path: string,
  configDir: string,
  runtime: boolean,
  cwd: string,
  gitRoot: string | undefined,
): string {
  if (isAbsolute(path)) return path;
  const dotted =
    path === '.' ||
    path === '..' ||
    path.startsWith('./') ||
    path.startsWith('../') ||
    path.startsWith(`.${sep}`);
  if (dotted) return runtime ? resolve(cwd, path) : resolve(configDir, path);
  if (gitRoot) {
    if (path === '') return gitRoot;
    const atGit = join(gitRoot, path);
    if (existsSync(atGit)) return atGit;
    const atCwd = resolve(cwd, path);
    return existsSync(atCwd) ? atCwd : atGit;
  }
  if (runtime && path !== '' && existsSync(resolve(cwd, path))) return resolve(cwd, path);
  if (path === '') return configDir;
  const atConfig = resolve(configDir, path);
  if (existsSync(atConfig)) return atConfig;
  if (!runtime && existsSync(resolve(cwd, path))) return resolve(cwd, path);
  return atConfig;
}

/** `u.JoinPath`: an absolute second path is kept as is. */
function joinPath(base: string, sub: string): string {
  if (sub && isAbsolute(sub)) return sub;
  return resolve(base, sub);
}

function commonAncestor(a: string, b: string): string {
  const pa = resolve(a).split(sep);
  const pb = resolve(b).split(sep);
  const out: string[] = [];
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) out.push(pa[i]!);
  return out.length <= 1 ? sep : out.join(sep);
}

function relOrAbs(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return r && !r.startsWith('..') ? r.split(sep).join('/') : p;
}
