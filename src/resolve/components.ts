import { join, relative, sep } from 'node:path';
import type { AtmosConfig } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import type { Loc } from '../core/source.js';
import { didYouMean } from '../core/suggest.js';
import { entryLoc } from '../load/origin.js';
import {
  isMap,
  LIST_MERGE_STRATEGIES,
  type ListMergeStrategy,
  mergeMaps,
  newMap,
  type PlainMap,
} from './merge.js';
import type { Layer, Manifest } from './types.js';

export const BUILTIN_COMPONENT_TYPES = [
  'terraform',
  'helmfile',
  'packer',
  'ansible',
  'kubernetes',
  'helm',
] as const;

/**
 * The component types `describe stacks` outputs (processStackFile), and so the only ones that are
 * instances for `list instances` and uploads. Custom types are resolved by Atmos for custom
 * commands but never described.
 */
export const DESCRIBED_COMPONENT_TYPES: ReadonlySet<string> = new Set([
  ...BUILTIN_COMPONENT_TYPES,
  'container',
  'emulator',
]);

/** Stack-root metadata may only hold these (validateGlobalMetadataSection). */
const GLOBAL_METADATA_KEYS = new Set([
  'labels',
  'tags',
  'custom',
  'enabled',
  'locked',
  'terraform_workspace_pattern',
]);

/** The merged component section before stack naming and rendering (mergeComponentConfigurations). */
export interface MergedComponent {
  component: string;
  componentType: string;
  section: PlainMap;
  abstract: boolean;
  baseChain: string[];
  /** Problems found while merging this component (inheritance, section types). */
  findings?: Finding[];
}

interface TypeGlobals {
  vars: PlainMap;
  settings: PlainMap;
  env: PlainMap;
  auth: PlainMap;
  hooks: PlainMap;
  generate: PlainMap;
  metadata: PlainMap;
  command: string;
  providers: PlainMap;
  backendType: string;
  backend: PlainMap;
  remoteStateBackendType: string;
  remoteStateBackend: PlainMap;
  source: PlainMap;
  provision: PlainMap;
  dependencies: PlainMap;
}

const EMPTY = Object.freeze(newMap()) as PlainMap;

function m(v: unknown): PlainMap {
  return isMap(v) ? v : EMPTY;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Processes every component of one top-level stack manifest (ProcessStackConfig +
 * processComponent + mergeComponentConfigurations): global and type-level sections, the base
 * chain (`component:` then `metadata.inherits`), the component, and `overrides`.
 */
export class ComponentProcessor {
  /** Where findings go: the run's list, or the component being processed (to carry its instance). */
  private sink: Finding[];

  constructor(
    private readonly config: AtmosConfig,
    private readonly findings: Finding[],
  ) {
    this.sink = this.findings;
  }

  process(merged: PlainMap, layers: readonly Layer[], manifest: Manifest): MergedComponent[] {
    const out: MergedComponent[] = [];
    const strategy = this.config.listMergeStrategy;
    const components = merged.components;
    if (components === undefined || components === null) return out;
    if (!isMap(components)) {
      this.invalid(layers, ['components'], '`components` must be a map of component types.', manifest);
      return out;
    }
    const globalMetadata = this.globalMetadata(merged, layers, manifest);
    for (const [type, typeSection] of Object.entries(components)) {
      if (typeSection === null || typeSection === undefined || !DESCRIBED_COMPONENT_TYPES.has(type)) continue;
      if (!isMap(typeSection)) {
        this.invalid(
          layers,
          ['components', type],
          `\`components.${type}\` must be a map of components.`,
          manifest,
        );
        continue;
      }
      const globals = this.typeGlobals(merged, type, strategy, globalMetadata);
      for (const [name, raw] of Object.entries(typeSection)) {
        if (!isMap(raw)) {
          this.invalid(
            layers,
            ['components', type, name],
            `Component \`${name}\` must be a map (Atmos fails with ErrInvalidComponentMapType).`,
            manifest,
          );
          continue;
        }
        // Findings about one component carry its instance once the stack is named (resolve.ts).
        const own: Finding[] = [];
        this.sink = own;
        let c: MergedComponent | undefined;
        try {
          c = this.component(type, name, raw, typeSection, globals, layers, manifest);
        } finally {
          this.sink = this.findings;
        }
        if (c) out.push({ ...c, findings: own });
        else this.findings.push(...own);
      }
    }
    return out;
  }

  private globalMetadata(merged: PlainMap, layers: readonly Layer[], manifest: Manifest): PlainMap {
    const md = merged.metadata;
    if (!isMap(md)) return EMPTY;
    const bad = Object.keys(md).filter((k) => !GLOBAL_METADATA_KEYS.has(k));
    if (bad.length === 0) return md;
    this.invalid(
      layers,
      ['metadata', bad[0]!],
      `Stack-level metadata only supports ${[...GLOBAL_METADATA_KEYS].join(', ')}; move ${bad.map((b) => `\`${b}\``).join(', ')} under components.<type>.<name>.metadata.`,
      manifest,
    );
    const ok = newMap();
    for (const [k, v] of Object.entries(md)) if (GLOBAL_METADATA_KEYS.has(k)) ok[k] = v;
    return ok;
  }

  private typeGlobals(
    merged: PlainMap,
    type: string,
    strategy: ListMergeStrategy,
    metadata: PlainMap,
  ): TypeGlobals {
    const t = m(merged[type]);
    return {
      vars: mergeMaps([merged.vars, t.vars], strategy),
      settings: mergeMaps([merged.settings, t.settings], strategy),
      env: mergeMaps([this.config.env, merged.env, t.env], strategy),
      auth: mergeMaps([merged.auth, t.auth], strategy),
      hooks: mergeMaps([merged.hooks, t.hooks], strategy),
      generate: mergeMaps([merged.generate, t.generate], strategy),
      metadata,
      command: str(t.command),
      providers: m(t.providers),
      backendType: str(t.backend_type),
      backend: m(t.backend),
      remoteStateBackendType: str(t.remote_state_backend_type),
      remoteStateBackend: m(t.remote_state_backend),
      source: m(t.source),
      provision: m(t.provision),
      dependencies: mergeMaps([merged.dependencies, t.dependencies], strategy),
    };
  }

  private component(
    type: string,
    name: string,
    raw: PlainMap,
    all: PlainMap,
    g: TypeGlobals,
    layers: readonly Layer[],
    manifest: Manifest,
  ): MergedComponent | undefined {
    const path = ['components', type, name];
    for (const s of [
      'vars',
      'settings',
      'env',
      'metadata',
      'overrides',
      'providers',
      'hooks',
      'auth',
      'backend',
    ]) {
      const v = raw[s];
      if (v !== undefined && !isMap(v)) {
        this.invalid(
          layers,
          [...path, s],
          `\`components.${type}.${name}.${s}\` must be a map${v === null ? ' (it is empty: write {} or remove the key)' : ''}; Atmos fails on it.`,
          manifest,
        );
        return undefined;
      }
    }
    const overrides = m(raw.overrides);
    const ownSettings = m(raw.settings);
    const strategy = effectiveStrategy(this.config.listMergeStrategy, [ownSettings, m(overrides.settings)]);

    // Base chain: top-level `component:` first, then `metadata.inherits` in order (each recursive).
    const acc = new BaseAccumulator(strategy, this.config.inheritMetadata);
    const chain: string[] = [];
    const metadata = m(raw.metadata);
    if (raw.component !== undefined) {
      if (typeof raw.component !== 'string') {
        this.invalid(
          layers,
          [...path, 'component'],
          `\`component\` of \`${name}\` must be a string.`,
          manifest,
        );
      } else {
        this.applyBase(
          name,
          raw.component,
          all,
          acc,
          chain,
          layers,
          [...path, 'component'],
          manifest,
          type,
          'component',
        );
      }
    }
    // The first base the `component:` chain completed (FinalBaseComponentName); none when that
    // chain names a component folder rather than an Atmos component.
    const baseFromTopLevel = acc.finalBaseName;
    const inherits = metadata.inherits;
    if (inherits !== undefined) {
      if (!Array.isArray(inherits)) {
        this.invalid(
          layers,
          [...path, 'metadata', 'inherits'],
          '`metadata.inherits` must be a list of component names.',
          manifest,
        );
      } else {
        inherits.forEach((b, i) => {
          if (typeof b !== 'string') {
            this.invalid(
              layers,
              [...path, 'metadata', 'inherits'],
              '`metadata.inherits` entries must be strings.',
              manifest,
            );
            return;
          }
          this.applyBase(
            name,
            b,
            all,
            acc,
            chain,
            layers,
            [...path, 'metadata', 'inherits', i],
            manifest,
            type,
            'inherits',
          );
        });
      }
    }

    // The top-level `component` key (processMetadataInheritance): the component's own
    // metadata.component, else the Atmos component its `component:` chain resolved to, else its
    // own name. A `component:` naming only a Terraform folder therefore leaves the name unchanged.
    const baseName = typeof metadata.component === 'string' ? metadata.component : (baseFromTopLevel ?? name);

    const settingsStrategy = effectiveStrategy(this.config.listMergeStrategy, [
      g.settings,
      acc.settings,
      ownSettings,
      m(overrides.settings),
    ]);
    const merge = (...inputs: unknown[]) => mergeMaps(inputs, settingsStrategy);
    const section = newMap();
    section.vars = merge(g.vars, acc.vars, raw.vars, overrides.vars);
    let settings = merge(g.settings, acc.settings, raw.settings, overrides.settings);
    if (this.config.integrationsGithub) {
      // processSettingsIntegrationsGithub: atmos.yaml `integrations.github` under the stack's
      // `settings.integrations.github` (the stack wins).
      const integrations = isMap(settings.integrations)
        ? Object.assign(newMap(), settings.integrations)
        : newMap();
      const github = mergeMaps([this.config.integrationsGithub, integrations.github], settingsStrategy);
      if (!isEmpty(github)) {
        integrations.github = github;
        settings = Object.assign(newMap(), settings, { integrations });
      }
    }
    section.env = merge(g.env, acc.env, raw.env, overrides.env);
    section.auth = merge(g.auth, acc.auth, raw.auth, overrides.auth);
    // processAuthConfig: terraform components also take atmos.yaml `auth` as the lowest layer.
    if (type === 'terraform' && isMap(this.config.raw.auth))
      section.auth = merge(this.config.raw.auth, section.auth);
    let command = type === 'terraform' ? 'tofu' : type;
    const configured = this.config.raw.components;
    const cliCommand = isMap(configured) && isMap(configured[type]) ? str(configured[type].command) : '';
    if (cliCommand) command = cliCommand;
    for (const c of [g.command, acc.command, str(raw.command), str(overrides.command)]) if (c) command = c;
    section.command = command;
    section.inheritance = acc.inheritanceChain;
    const metadataLayers: unknown[] = [g.metadata];
    if (this.config.inheritMetadata && !isEmpty(acc.metadata)) metadataLayers.push(acc.metadata);
    metadataLayers.push(metadata);
    section.metadata =
      isEmpty(g.metadata) && metadataLayers.length === 2 ? metadata : merge(...metadataLayers);
    section.overrides = overrides;
    section.settings = settings;
    if (type === 'terraform' || type === 'helmfile' || type === 'kubernetes' || type === 'helm') {
      section.hooks = merge(g.hooks, acc.hooks, raw.hooks, overrides.hooks);
    }
    const deps = merge(g.dependencies, acc.dependencies, raw.dependencies);
    if (!isEmpty(deps)) section.dependencies = deps;
    const locals = merge(acc.locals, raw.locals);
    if (!isEmpty(locals)) section.locals = locals;
    if (type === 'terraform') {
      section.providers = merge(g.providers, acc.providers, raw.providers, overrides.providers);
      section.required_providers = merge(
        acc.requiredProviders,
        raw.required_providers,
        overrides.required_providers,
      );
      section.required_version =
        str(overrides.required_version) || str(raw.required_version) || acc.requiredVersion;
      section.generate = merge(g.generate, acc.generate, raw.generate, overrides.generate);
      const backendType = str(raw.backend_type) || acc.backendType || g.backendType;
      const backends = merge(g.backend, acc.backend, raw.backend);
      const backend = newMap();
      Object.assign(backend, m(backends[backendType]));
      if (backendType === 's3' || backendType === 'gcs') {
        const key = backendType === 's3' ? 'workspace_key_prefix' : 'prefix';
        if (typeof backend[key] !== 'string' || backend[key] === '') {
          const md = section.metadata as PlainMap;
          const prefix = typeof md.name === 'string' && md.name ? md.name : baseName;
          backend[key] = prefix.replaceAll('/', '-');
        }
      }
      section.backend_type = backendType;
      section.backend = backend;
      const rsType =
        str(raw.remote_state_backend_type) ||
        acc.remoteStateBackendType ||
        g.remoteStateBackendType ||
        backendType;
      const rs = merge(g.remoteStateBackend, acc.remoteStateBackend, raw.remote_state_backend);
      section.remote_state_backend_type = rsType;
      section.remote_state_backend = merge(backend, m(rs[rsType]));
    }
    if (type === 'terraform' || type === 'kubernetes' || type === 'helm') {
      section.source = merge(g.source, acc.source, raw.source);
      section.provision = merge(g.provision, acc.provision, raw.provision);
    }
    if (type === 'kubernetes' || type === 'helm')
      section.generate ??= merge(g.generate, acc.generate, raw.generate);
    section.component = baseName;
    // Other keys of the component (helm chart fields, retry, mocks, custom types' sections) pass through.
    for (const [k, v] of Object.entries(raw)) {
      if (!Object.hasOwn(section, k) && k !== 'component') section[k] = v;
    }
    const abstract = metadata.type === 'abstract';
    if (
      abstract &&
      type === 'terraform' &&
      isMap(settings.spacelift) &&
      'workspace_enabled' in settings.spacelift
    ) {
      const sp = Object.assign(newMap(), settings.spacelift);
      delete sp.workspace_enabled;
      section.settings = Object.assign(newMap(), settings, { spacelift: sp });
    }
    return { component: name, componentType: type, section, abstract, baseChain: chain };
  }

  private applyBase(
    component: string,
    base: string,
    all: PlainMap,
    acc: BaseAccumulator,
    chain: string[],
    layers: readonly Layer[],
    refPath: (string | number)[],
    manifest: Manifest,
    type: string,
    via: 'component' | 'inherits',
  ): void {
    const visited = new Set<string>();
    // The chain of bases from the component down to the one being walked, for loop messages.
    const path: string[] = [component];
    const walk = (
      comp: string,
      b: string,
      depth: number,
      link: 'component' | 'inherits',
      ref: (string | number)[],
      owner: string,
    ): void => {
      if (comp === b) return;
      const key = `${comp}:${b}`;
      if (visited.has(key) || depth > 64) {
        this.sink.push(loopFinding(owner, b, this.locate(layers, ref, manifest)));
        return;
      }
      visited.add(key);
      const baseMap = all[b];
      if (!isMap(baseMap)) {
        this.missingBase(owner, b, link, type, all, this.locate(layers, ref, manifest));
        visited.delete(key);
        return;
      }
      chain.push(b);
      path.push(b);
      const bm = m(baseMap.metadata);
      // An abstract base's `component` is a folder pointer, not followed (processBaseComponentConfigInternal).
      if (bm.type !== 'abstract' && typeof baseMap.component === 'string')
        walk(b, baseMap.component, depth + 1, 'component', ['components', type, b, 'component'], b);
      if (Array.isArray(bm.inherits)) {
        bm.inherits.forEach((i, idx) => {
          if (typeof i !== 'string') return;
          const entry = ['components', type, b, 'metadata', 'inherits', idx];
          // Atmos skips a base that names the component being resolved (component == base), so a
          // loop back to it is silently ignored; report it once, from its smallest member.
          // Abstract components are skipped: a real component reaching the loop gets Atmos's own
          // ErrCircularComponentInheritance, and one problem should make one diagnostic.
          if (
            i === comp &&
            comp === component &&
            !isAbstract(all[component]) &&
            path.every((p) => comp <= p)
          ) {
            this.sink.push(loopFinding(b, comp, this.locate(layers, entry, manifest)));
          }
          walk(comp, i, depth + 1, 'inherits', entry, b);
        });
      }
      acc.apply(b, baseMap);
      path.pop();
      visited.delete(key);
    };
    walk(component, base, 0, via, refPath, component);
  }

  /**
   * A base that is not an Atmos component of this stack. `metadata.inherits` must name one
   * (ErrComponentNotDefined); `component:` may instead name a component folder, which Atmos checks
   * on disk. Component folders are often not in the repository being linted (vendored later), so a
   * folder is only reported missing when the components base path itself exists.
   */
  private missingBase(
    comp: string,
    b: string,
    link: 'component' | 'inherits',
    type: string,
    all: PlainMap,
    loc: Loc,
  ): void {
    if (link === 'inherits') {
      this.sink.push({
        ruleId: 'unknown-base-component',
        message: `\`${comp}\` inherits from \`${b}\` (metadata.inherits), which is not defined in this manifest or anything it imports${suggest(b, Object.keys(all), comp)}; Atmos fails with ErrComponentNotDefined.`,
        loc,
      });
      return;
    }
    const folder = this.config.componentBasePaths[type];
    if (!folder || !this.config.store.isDirectory(folder)) return;
    if (this.config.store.isDirectory(join(folder, b))) return;
    this.sink.push({
      ruleId: 'unknown-base-component',
      message: `\`${comp}\` sets \`component: ${b}\`, but \`${b}\` is neither an Atmos component of this stack${suggest(b, Object.keys(all), comp)} nor a folder under ${relative(this.config.cwd, folder).split(sep).join('/') || '.'}; Atmos fails on it.`,
      loc,
    });
  }

  private invalid(
    layers: readonly Layer[],
    path: (string | number)[],
    message: string,
    manifest: Manifest,
  ): void {
    this.sink.push({ ruleId: 'invalid-manifest', message, loc: this.locate(layers, path, manifest) });
  }

  /** The highest-precedence layer that wrote `path` (the key), or the stack manifest itself. */
  private locate(layers: readonly Layer[], path: (string | number)[], manifest: Manifest): Loc {
    return locatePath(layers, path) ?? { file: manifest.file, start: 0, end: 0 };
  }
}

export function locatePath(layers: readonly Layer[], path: readonly (string | number)[]): Loc | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    let cur: unknown = layers[i]!.value;
    for (let j = 0; j < path.length - 1; j++) {
      const p = path[j]!;
      cur = Array.isArray(cur) ? cur[p as number] : isMap(cur) ? cur[p as string] : undefined;
      if (cur === undefined) break;
    }
    const last = path[path.length - 1]!;
    if (cur === undefined || cur === null || typeof cur !== 'object') continue;
    if (
      Array.isArray(cur) ? typeof last !== 'number' || last >= cur.length : !Object.hasOwn(cur, String(last))
    )
      continue;
    const e = entryLoc(cur, last);
    if (e) return e.key ? { file: e.key.file, start: e.key.start, end: e.key.end } : e.value;
  }
  return undefined;
}

/**
 * One message per loop edge, whoever finds it: Atmos fails on components that enter the loop from
 * outside and silently skips the edge for the loop's own members, so both are the same problem.
 */
function loopFinding(from: string, to: string, loc: Loc): Finding {
  return {
    ruleId: 'inheritance-cycle',
    message: `\`${from}\` inherits from \`${to}\`, which leads back to \`${from}\`: an inheritance loop. Atmos fails with ErrCircularComponentInheritance for components that reach it and silently skips the link for the loop's own members; break the loop.`,
    loc,
  };
}

function isAbstract(c: unknown): boolean {
  return isMap(c) && isMap(c.metadata) && c.metadata.type === 'abstract';
}

/** A did-you-mean among the defined components, never the component that asked. */
function suggest(name: string, candidates: string[], self?: string): string {
  const close = didYouMean(
    name,
    candidates.filter((c) => c !== self),
  );
  return close ? ` (did you mean \`${close}\`?)` : '';
}

function isEmpty(v: PlainMap): boolean {
  for (const _ in v) return false;
  return true;
}

/** `settings.list_merge_strategy` found in any layer overrides atmos.yaml; the last non-empty wins. */
function effectiveStrategy(base: ListMergeStrategy, layers: PlainMap[]): ListMergeStrategy {
  let s = base;
  for (const l of layers) {
    const v = l.list_merge_strategy;
    if (typeof v === 'string' && (LIST_MERGE_STRATEGIES as readonly string[]).includes(v))
      s = v as ListMergeStrategy;
  }
  return s;
}

/** BaseComponentConfig: base sections accumulated along the inheritance chain. */
class BaseAccumulator {
  vars: PlainMap = EMPTY;
  settings: PlainMap = EMPTY;
  env: PlainMap = EMPTY;
  auth: PlainMap = EMPTY;
  metadata: PlainMap = EMPTY;
  dependencies: PlainMap = EMPTY;
  locals: PlainMap = EMPTY;
  providers: PlainMap = EMPTY;
  requiredProviders: PlainMap = EMPTY;
  requiredVersion = '';
  hooks: PlainMap = EMPTY;
  generate: PlainMap = EMPTY;
  backend: PlainMap = EMPTY;
  backendType = '';
  remoteStateBackend: PlainMap = EMPTY;
  remoteStateBackendType = '';
  source: PlainMap = EMPTY;
  provision: PlainMap = EMPTY;
  command = '';
  inheritanceChain: string[] = [];
  finalBaseName: string | undefined;

  constructor(
    private readonly strategy: ListMergeStrategy,
    private readonly inheritMetadata: boolean,
  ) {}

  apply(name: string, base: PlainMap): void {
    const s = effectiveStrategy(this.strategy, [m(base.settings)]);
    const merge = (a: PlainMap, b: unknown) => mergeMaps([a, b], s);
    this.vars = merge(this.vars, base.vars);
    this.settings = merge(this.settings, base.settings);
    this.env = merge(this.env, base.env);
    this.auth = merge(this.auth, base.auth);
    this.dependencies = merge(this.dependencies, base.dependencies);
    this.locals = merge(this.locals, base.locals);
    if (this.inheritMetadata) {
      const md = newMap();
      for (const [k, v] of Object.entries(m(base.metadata))) if (k !== 'inherits' && k !== 'type') md[k] = v;
      this.metadata = merge(this.metadata, md);
    }
    this.providers = merge(this.providers, base.providers);
    this.requiredProviders = merge(this.requiredProviders, base.required_providers);
    if (typeof base.required_version === 'string' && base.required_version)
      this.requiredVersion = base.required_version;
    this.hooks = merge(this.hooks, base.hooks);
    this.generate = merge(this.generate, base.generate);
    this.backend = merge(this.backend, base.backend);
    this.remoteStateBackend = merge(this.remoteStateBackend, base.remote_state_backend);
    this.source = merge(this.source, base.source);
    this.provision = merge(this.provision, base.provision);
    // Atmos assigns these from every base it processes, an absent value included: the last base wins.
    this.backendType = str(base.backend_type);
    this.remoteStateBackendType = str(base.remote_state_backend_type);
    this.command = str(base.command);
    this.finalBaseName ??= name;
    this.inheritanceChain = [name, ...this.inheritanceChain.filter((x) => x !== name)];
  }
}
