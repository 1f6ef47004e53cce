import { relative, sep } from 'node:path';
import { type ConfigOptions, loadAtmosConfig } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import type { Loc } from '../core/source.js';
import { ComponentProcessor, locatePath } from './components.js';
import { ManifestProcessor } from './manifests.js';
import { isMap, newMap, type PlainMap } from './merge.js';
import { resolveStackName, stackFileName } from './names.js';
import { provenance } from './provenance.js';
import { makeSectionRenderer } from './render.js';
import { findStackFiles } from './stacks.js';
import type { EnvView } from './templating.js';
import type { ComponentInstance, Manifest, ProState, Resolution, StackInfo } from './types.js';

export interface ResolveOptions extends ConfigOptions {
  /**
   * Environment variables templates may read through `env`. The linter never exposes the process
   * environment to templates: only these (and `templates.settings.env` of atmos.yaml) are visible.
   */
  templateEnv?: Readonly<Record<string, string>>;
}

/**
 * Resolves a repository the way Atmos does: configuration, stack manifests and imports, merges,
 * inheritance, stack names and component-time templates. Problems become findings; only an
 * unusable configuration throws (ConfigError).
 */
export function resolveRepository(opts: ResolveOptions): Resolution {
  const config = loadAtmosConfig(opts);
  const findings: Finding[] = config.problems.map((p) => ({
    ruleId: p.code,
    message: p.message,
    loc: p.loc,
  }));
  const envValues = Object.create(null) as Record<string, string>;
  const tmplEnv = config.raw.templates;
  const configuredEnv =
    isMap(tmplEnv) && isMap(tmplEnv.settings) && isMap(tmplEnv.settings.env) ? tmplEnv.settings.env : {};
  for (const [k, v] of Object.entries(configuredEnv)) if (typeof v === 'string') envValues[k] = v;
  for (const [k, v] of Object.entries(opts.templateEnv ?? {})) envValues[k] = v;
  const env: EnvView = (name) => envValues[name];

  const processor = new ManifestProcessor(config, findings, env);
  const componentProcessor = new ComponentProcessor(config, findings);
  const stackFiles: Manifest[] = [];
  const components: ComponentInstance[] = [];
  const byKey = new Map<string, ComponentInstance>();
  const stacks = new Map<string, StackInfo>();

  for (const abs of findStackFiles(config, findings)) {
    const processed = processor.processStack(abs);
    const manifest = processor.manifests.get(abs);
    if (!processed || !manifest) {
      const err = config.store.read(abs).error;
      if (err && err.code !== 'not-found') {
        findings.push({
          ruleId: err.code === 'outside-repo' ? 'import-outside-repo' : 'yaml-syntax',
          message: `Stack manifest ${processor.rel(abs)} ${err.message}.`,
          loc: { file: config.main, start: 0, end: 0 },
        });
      }
      continue;
    }
    stackFiles.push(manifest);
    const fileName = stackFileName(manifest.rel);
    const manifestName = processed.merged.name;
    const imports = [...new Set(processed.importKeys)].sort();
    for (const merged of componentProcessor.process(processed.merged, processed.layers, manifest)) {
      const section = merged.section;
      const named = resolveStackName(config, fileName, manifestName, section, env);
      if ('error' in named) {
        const setting = named.error.kind === 'template' ? 'name_template' : 'name_pattern';
        findings.push({
          ruleId: named.error.kind === 'template' ? 'template-syntax' : 'invalid-manifest',
          message: `stacks.${setting} cannot name \`${merged.component}\` in ${manifest.rel}: ${named.error.message}. Atmos uses the file name "${fileName}" for describe stacks and fails elsewhere.`,
          loc: config.locate(['stacks', setting]) ?? { file: config.main, start: 0, end: 0 },
        });
      }
      const stack = named.name;
      addComputedKeys(
        section,
        merged.componentType,
        merged.component,
        stack,
        fileName,
        config.cwd,
        config.componentBasePaths[merged.componentType],
      );
      const key = `${stack}\0${merged.componentType}\0${merged.component}`;
      const existing = byKey.get(key);
      const instance: ComponentInstance = {
        component: merged.component,
        stack,
        componentType: merged.componentType,
        abstract: merged.abstract,
        manifest,
        section,
        rendered: section,
        pro: { configured: false, enabled: false, drift: false },
        layers: processed.layers,
        baseChain: merged.baseChain,
        imports,
      };
      if (existing) {
        if (!sameConfig(existing.section, section)) {
          findings.push({
            ruleId: 'conflicting-component',
            message: `Component \`${merged.component}\` in stack \`${stack}\` is defined differently in ${existing.manifest.rel} and ${manifest.rel}; Atmos cannot decide which to use (it fails with "defined in more than one top-level stack manifest file").`,
            loc: componentLoc(instance) ?? { file: manifest.file, start: 0, end: 0 },
            related: [
              {
                loc: componentLoc(existing) ?? { file: existing.manifest.file, start: 0, end: 0 },
                message: 'also defined here',
              },
            ],
            instance: { component: merged.component, stack },
          });
        }
        continue;
      }
      byKey.set(key, instance);
      components.push(instance);
      let info = stacks.get(stack);
      if (!info) stacks.set(stack, (info = { name: stack, manifests: [] }));
      if (!info.manifests.includes(manifest)) info.manifests.push(manifest);
    }
  }

  const render = config.templates.enabled ? makeSectionRenderer(config.templates, env, findings) : undefined;
  for (const c of components) {
    if (render) c.rendered = render(c);
    c.pro = proState(c.rendered);
  }
  const sorted = components.sort(
    (a, b) => cmp(a.stack, b.stack) || cmp(a.component, b.component) || cmp(a.componentType, b.componentType),
  );
  return {
    config,
    instances: sorted.filter((c) => !c.abstract),
    components: sorted,
    stacks: [...stacks.values()].sort((a, b) => cmp(a.name, b.name)),
    manifests: processor.manifests,
    stackFiles,
    findings,
    filesRead: config.store.filesRead,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The keys `describe stacks` adds to every component (setAtmosComponentMetadata and friends). */
function addComputedKeys(
  section: PlainMap,
  componentType: string,
  component: string,
  stack: string,
  fileName: string,
  cwd: string,
  componentBasePath: string | undefined,
): void {
  section.atmos_component = component;
  section.atmos_stack = stack;
  section.stack = stack;
  section.atmos_stack_file = fileName;
  section.atmos_manifest = fileName;
  const md = isMap(section.metadata) ? section.metadata : newMap();
  const base = typeof section.component === 'string' ? section.component : component;
  if (componentType === 'terraform') {
    let ws: string;
    if (typeof md.terraform_workspace === 'string') ws = md.terraform_workspace;
    else if (typeof md.terraform_workspace_pattern === 'string')
      ws = replaceContextTokens(md.terraform_workspace_pattern, section, component, base);
    else ws = base !== component ? `${stack}-${component}` : stack;
    section.workspace = ws.replaceAll('/', '-');
  }
  const info = newMap();
  if (componentBasePath) {
    const folderPrefix =
      typeof md.component_folder_prefix === 'string' ? md.component_folder_prefix.trim() : '';
    const abs = [componentBasePath, folderPrefix, base].filter(Boolean).join(sep);
    info.component_path = relative(cwd, abs).split(sep).join('/');
  }
  info.component_type = componentType;
  section.component_info = info;
}

function replaceContextTokens(pattern: string, section: PlainMap, component: string, base: string): string {
  const vars = isMap(section.vars) ? section.vars : {};
  const v = (k: string) =>
    typeof (vars as PlainMap)[k] === 'string' ? ((vars as PlainMap)[k] as string) : '';
  return pattern
    .replaceAll('{base-component}', base)
    .replaceAll('{component}', component)
    .replaceAll('{namespace}', v('namespace'))
    .replaceAll('{tenant}', v('tenant'))
    .replaceAll('{environment}', v('environment'))
    .replaceAll('{region}', v('region'))
    .replaceAll('{stage}', v('stage'))
    .replaceAll(
      '{attributes}',
      Array.isArray((vars as PlainMap).attributes)
        ? ((vars as PlainMap).attributes as string[]).join('-')
        : '',
    );
}

/** The effective Atmos Pro state (pkg/list/list_instances.go `effectiveEnabledState`). */
export function proState(section: PlainMap): ProState {
  const settings = isMap(section.settings) ? section.settings : undefined;
  const pro = settings?.pro;
  if (!isMap(pro)) return { configured: false, enabled: false, drift: false };
  const md = isMap(section.metadata) ? section.metadata : undefined;
  const enabled = md?.enabled !== false && pro.enabled !== false;
  const drift = enabled && isMap(pro.drift_detection) && pro.drift_detection.enabled === true;
  return { configured: true, enabled, drift };
}

function sameConfig(a: PlainMap, b: PlainMap): boolean {
  const strip = (s: PlainMap) => {
    const o = newMap();
    for (const [k, v] of Object.entries(s)) {
      if (
        ![
          'atmos_stack_file',
          'atmos_manifest',
          'atmos_component',
          'atmos_stack',
          'stack',
          'workspace',
          'component_info',
        ].includes(k)
      )
        o[k] = v;
    }
    return o;
  };
  return deepEqual(strip(a), strip(b));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as PlainMap)[k], (b as PlainMap)[k]));
}

/** Where a component was defined (the key of its highest-precedence definition). */
export function componentLoc(c: ComponentInstance): Loc | undefined {
  return locatePath(c.layers, ['components', c.componentType, c.component]);
}

export { provenance };
