import { relative, sep } from 'node:path';
import {
  type ConfigOptions,
  getIn,
  loadAtmosConfig,
  type AtmosConfig as ResolveConfig,
} from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import { dict } from '../core/dict.js';
import type { Loc } from '../core/source.js';
import { formatV } from '../template/gofmt.js';
import type { Meter } from '../template/index.js';
import { ComponentProcessor, locatePath } from './components.js';
import { ManifestProcessor, wholeFileLoc } from './manifests.js';
import { deepEqual, isMap, MergeLimitError, newMap, type PlainMap } from './merge.js';
import { describeData, resolveStackName, stackFileName } from './names.js';
import { provenance } from './provenance.js';
import { makeSectionRenderer } from './render.js';
import { findStackFiles } from './stacks.js';
import { type EnvView, RENDER_LIMITS, type RenderLimits, renderImportTime } from './templating.js';
import type { ComponentInstance, Manifest, ProState, Resolution, StackInfo } from './types.js';

export interface ResolveOptions extends ConfigOptions {
  /**
   * Environment variables templates may read through `env`. The linter never exposes the process
   * environment to templates: only these (and `templates.settings.env` of atmos.yaml) are visible.
   */
  templateEnv?: Readonly<Record<string, string>>;
  /** Template work (steps) allowed per component section and per run; the defaults fit real repositories. */
  renderLimits?: RenderLimits;
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
  const envValues = dict<string>();
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
  const stacks = new Map<string, StackInfo>();

  const nameProblems = new Map<string, { finding: Finding; components: string[] }>();
  const indexOf = new Map<string, number>();
  // name_template and terraform_workspace_template run once per component, each within the
  // executor's own budget; over tens of thousands of components they share one run allowance.
  const nameMeter: Meter = { used: 0, limit: (opts.renderLimits ?? RENDER_LIMITS).run };

  /** A stack whose merges would build an absurdly long list is reported and skipped, not crashed on. */
  const stopped = Symbol('stopped');
  const withinLimits = <T>(abs: string, work: () => T): T | typeof stopped => {
    try {
      return work();
    } catch (e) {
      if (!(e instanceof MergeLimitError)) throw e;
      const file = processor.manifests.get(abs)?.file ?? config.main;
      findings.push({
        ruleId: 'invalid-manifest',
        message: `Resolving this stack stops: ${e.message} (list_merge_strategy \`append\` or \`!append\` with a file imported more than once doubles a list at every level). Import each file once.`,
        loc: { file, start: 0, end: 0 },
      });
      return stopped;
    }
  };

  for (const abs of findStackFiles(config, findings)) {
    const processed = withinLimits(abs, () => processor.processStack(abs));
    if (processed === stopped) continue;
    const manifest = processor.manifests.get(abs);
    if (!processed || !manifest) {
      const err = config.store.read(abs).error;
      if (err && err.code !== 'not-found') {
        findings.push({
          ruleId: err.code === 'outside-repo' ? 'import-outside-repo' : 'yaml-syntax',
          message: `Stack manifest ${processor.rel(abs)} ${err.message}.`,
          // The manifest itself is what to fix; a symlink that leaves the repository is named, not read.
          loc: wholeFileLoc(abs),
        });
      }
      continue;
    }
    stackFiles.push(manifest);
    const fileName = stackFileName(manifest.rel);
    const manifestName = processed.merged.name;
    const imports = [...new Set(processed.importKeys)].sort();
    const mergedComponents = withinLimits(abs, () =>
      componentProcessor.process(processed.merged, processed.layers, manifest),
    );
    if (mergedComponents === stopped) continue;
    for (const merged of mergedComponents) {
      const section = merged.section;
      const named = resolveStackName(config, fileName, manifestName, section, env, nameMeter);
      if ('error' in named) noteNameProblem(nameProblems, config, named.error, fileName, merged.component);
      const stack = named.name;
      addComputedKeys(section, merged.componentType, merged.component, stack, fileName, {
        config,
        env,
        findings,
        fromPattern: named.source === 'pattern' || ('error' in named && named.error.kind === 'pattern'),
        meter: nameMeter,
      });
      for (const f of merged.findings ?? []) {
        findings.push(merged.abstract ? f : { ...f, instance: { component: merged.component, stack } });
      }
      const key = `${stack}\0${merged.componentType}\0${merged.component}`;
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
      let info = stacks.get(stack);
      if (!info) stacks.set(stack, (info = { name: stack, manifests: [] }));
      if (!info.manifests.includes(manifest)) info.manifests.push(manifest);
      const at = indexOf.get(key);
      const existing = at === undefined ? undefined : components[at];
      if (at !== undefined && existing) {
        if (sameConfig(existing.section, section)) {
          // Atmos resolves an identical duplicate to the manifest whose path sorts first.
          if (fileName < stackFileName(existing.manifest.rel)) components[at] = instance;
        } else if (!existing.abstract && !merged.abstract) {
          // validate stacks (checkComponentStackMap) and describe component both reject this;
          // describe stacks keeps whichever manifest it happens to process last.
          findings.push({
            ruleId: 'conflicting-component',
            message: `Component \`${merged.component}\` in stack \`${stack}\` is defined differently in ${existing.manifest.rel} and ${manifest.rel}; Atmos cannot decide which to use (validate stacks: "defined in more than one top-level stack manifest file"; describe component: "Found duplicate config").`,
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
      indexOf.set(key, components.length);
      components.push(instance);
    }
  }
  for (const { finding, components: names } of nameProblems.values()) {
    if (names.length > 1)
      finding.message += ` (also: ${names
        .slice(1, 6)
        .map((n) => `\`${n}\``)
        .join(', ')}${names.length > 6 ? ', …' : ''})`;
    findings.push(finding);
  }

  const render = config.templates.enabled
    ? makeSectionRenderer(config.templates, env, findings, opts.renderLimits)
    : undefined;
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
    findings: dedupe(findings),
    filesRead: config.store.filesRead,
  };
}

/**
 * One finding per manifest and cause: a name that cannot be computed fails the same way for every
 * component of the manifest.
 */
function noteNameProblem(
  problems: Map<string, { finding: Finding; components: string[] }>,
  config: ResolveConfig,
  error: { kind: 'template' | 'pattern'; message: string },
  fileName: string,
  component: string,
): void {
  const key = `${error.kind}\0${fileName}\0${error.message}`;
  const known = problems.get(key);
  if (known) {
    known.components.push(component);
    return;
  }
  const setting = error.kind === 'template' ? 'name_template' : 'name_pattern';
  const consequence =
    error.kind === 'template'
      ? 'Atmos `describe stacks` fails on this, and with it `list instances` and `describe affected`; `describe component` skips this manifest'
      : '`describe stacks` and `list instances` fall back to the file name; `validate stacks` (and so `describe affected`) fails';
  problems.set(key, {
    components: [component],
    finding: {
      ruleId: error.kind === 'template' ? 'template-syntax' : 'invalid-manifest',
      message: `stacks.${setting} cannot name \`${component}\` in stack manifest ${fileName}: ${error.message}. ${consequence}. atmos-pro-lint uses the file name "${fileName}" for it.`,
      loc: config.locate(['stacks', setting]) ?? { file: config.main, start: 0, end: 0 },
    },
  });
}

/** The same problem reached through several stacks (a shared catalog) is one finding. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const i = f.instance ? `${f.instance.stack}\0${f.instance.component}` : '';
    const key = `${f.ruleId}\0${f.loc.file.path}\0${f.loc.start}\0${f.loc.end}\0${f.message}\0${i}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface ComputedKeysContext {
  config: ResolveConfig;
  env: EnvView;
  findings: Finding[];
  /** The stack name came from name_pattern (only then does describe stacks fill the context). */
  fromPattern: boolean;
  /** Template work shared by every component's name and workspace templates. */
  meter: Meter;
}

/**
 * The keys `describe stacks` adds to every component (processComponentEntry):
 * setAtmosComponentMetadata, the terraform workspace (BuildTerraformWorkspace as describe stacks
 * calls it) and component_info. Describe stacks never sets the context's component or base
 * component, so a derived component's workspace is the stack name there (describe component and
 * terraform use `<stack>-<component>`), and workspace patterns only see the name_pattern vars.
 */
/** The same component folder appears in every stack: compute its relative path once. */
const componentPaths = new Map<string, string>();

function addComputedKeys(
  section: PlainMap,
  componentType: string,
  component: string,
  stack: string,
  fileName: string,
  ctx: ComputedKeysContext,
): void {
  const { config } = ctx;
  section.atmos_component = component;
  section.atmos_stack = stack;
  section.stack = stack;
  section.atmos_stack_file = fileName;
  section.atmos_manifest = fileName;
  let md = isMap(section.metadata) ? section.metadata : newMap();
  // applyTerraformMetadataInheritance: an explicit terraform_workspace drops pattern and template.
  if (
    config.inheritMetadata &&
    (componentType === 'terraform' || componentType === 'kubernetes' || componentType === 'helm') &&
    typeof md.terraform_workspace === 'string' &&
    ('terraform_workspace_pattern' in md || 'terraform_workspace_template' in md)
  ) {
    md = Object.assign(newMap(), md);
    delete md.terraform_workspace_pattern;
    delete md.terraform_workspace_template;
    section.metadata = md;
  }
  const base = typeof section.component === 'string' ? section.component : component;
  if (componentType === 'terraform')
    section.workspace = terraformWorkspace(section, md, component, stack, ctx);
  const info = newMap();
  const componentBasePath = config.componentBasePaths[componentType];
  if (componentBasePath) {
    const folderPrefix =
      typeof md.component_folder_prefix === 'string' ? md.component_folder_prefix.trim() : '';
    const abs = [componentBasePath, folderPrefix, base].filter(Boolean).join(sep);
    const key = `${config.cwd}\0${abs}`;
    let rel = componentPaths.get(key);
    if (rel === undefined) {
      if (componentPaths.size > 50_000) componentPaths.clear();
      componentPaths.set(key, (rel = relative(config.cwd, abs).split(sep).join('/')));
    }
    info.component_path = rel;
  }
  info.component_type = componentType;
  section.component_info = info;
}

function terraformWorkspace(
  section: PlainMap,
  md: PlainMap,
  component: string,
  stack: string,
  ctx: ComputedKeysContext,
): string {
  const tf = getIn(ctx.config.raw, ['components', 'terraform']);
  const workspacesEnabled = isMap(tf) ? tf.workspaces_enabled : undefined;
  if (section.backend_type === 'http' || workspacesEnabled === false) return 'default';
  let ws = stack;
  if (typeof md.terraform_workspace_template === 'string') {
    const r = renderImportTime(
      md.terraform_workspace_template,
      describeData(section, component),
      false,
      ctx.env,
      ctx.meter,
    );
    if (r.ok) ws = r.text;
    else {
      ctx.findings.push({
        ruleId: 'template-syntax',
        message: `metadata.terraform_workspace_template of \`${component}\` fails: ${r.error.message}. Atmos \`describe stacks\` fails on it.`,
        loc: { file: ctx.config.main, start: 0, end: 0 },
        instance: { component, stack },
      });
    }
  } else if (typeof md.terraform_workspace_pattern === 'string') {
    const vars = ctx.fromPattern && isMap(section.vars) ? section.vars : newMap();
    ws = replaceContextTokens(md.terraform_workspace_pattern, vars);
  } else if (typeof md.terraform_workspace === 'string') ws = md.terraform_workspace;
  return ws.replaceAll('/', '-');
}

/** `ReplaceContextTokens` with the context describe stacks has: vars only, no component names. */
function replaceContextTokens(pattern: string, vars: PlainMap): string {
  const v = (k: string) => (typeof vars[k] === 'string' ? (vars[k] as string) : '');
  // SliceOfInterfacesToSliceOfStrings formats each attribute with %v, maps and lists included.
  const attrs = Array.isArray(vars.attributes) ? vars.attributes.map((a) => formatV(a)).join('-') : '';
  const tokens: Record<string, string> = {
    '{base-component}': '',
    '{component}': '',
    '{component-path}': '',
    '{namespace}': v('namespace'),
    '{environment}': v('environment'),
    '{region}': v('region'),
    '{tenant}': v('tenant'),
    '{stage}': v('stage'),
    '{workspace}': '',
    '{terraform_workspace}': '',
    '{attributes}': attrs,
  };
  return pattern.replace(/\{[a-z_-]+\}/g, (t) => tokens[t] ?? t);
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

/** Where a component was defined (the key of its highest-precedence definition). */
export function componentLoc(c: ComponentInstance): Loc | undefined {
  return locatePath(c.layers, ['components', c.componentType, c.component]);
}

export { provenance };
