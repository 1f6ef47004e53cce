import type { AtmosConfig } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import type { Loc, SourceFile } from '../core/source.js';
import type { PlainMap } from './merge.js';

/** One stack manifest (or import) as loaded: parsed once per run, rendered at import time when Atmos does. */
export interface Manifest {
  file: SourceFile;
  /** Path relative to the stacks base, forward slashes, e.g. `orgs/acme/dev.yaml`. */
  rel: string;
  /** The file's own content (a map; empty when the file is empty or broken). */
  value: PlainMap;
  /** Set when Atmos renders this file's text at import time (a `.tmpl` file, an import `context`, `locals`). */
  importTimeRender?: ImportTimeRender;
}

export interface ImportTimeRender {
  reason: 'tmpl' | 'context' | 'locals';
  /** The import that passed a `context`, when that is the reason. */
  importLoc?: Loc;
  /** Keys the template data had at import time. */
  contextKeys: string[];
  /** Whether missing keys rendered as `<no value>` (ignore_missing_template_values) instead of failing. */
  ignoreMissing: boolean;
  /** The raw text before rendering (templates in it are what the template rules check). */
  rawFile: SourceFile;
  /** True when rendering failed and Atmos kept the raw text (deferring templates to component time). */
  deferred: boolean;
  /** Rendering failed and Atmos stops on the manifest; the file contributes nothing here. */
  failed?: boolean;
}

/** One layer of the file-level deep merge of a top-level stack manifest, in merge order. */
export interface Layer {
  manifest: Manifest;
  /** The manifest's own content as merged, with file-scoped `overrides` written into its components. */
  value: PlainMap;
  /** Set when file-scoped overrides were written into this layer's components: the manifests they came from. */
  overridesFrom?: { terraform: readonly Manifest[]; helmfile: readonly Manifest[] };
}

export interface ProState {
  /** A `settings.pro` map is present in the merged settings. */
  configured: boolean;
  /** Configured, and neither `metadata.enabled` nor `settings.pro.enabled` is boolean false. */
  enabled: boolean;
  /** Enabled, and `settings.pro.drift_detection.enabled` is boolean true. */
  drift: boolean;
}

/** A component as defined in a stack, real or abstract. */
export interface ComponentInstance {
  component: string;
  stack: string;
  componentType: string;
  abstract: boolean;
  /** The top-level stack manifest whose resolution produced this instance. */
  manifest: Manifest;
  /** Merged sections before component-time templates (what Atmos's `describe` has with templates off). */
  section: PlainMap;
  /** Merged sections after component-time template rendering (equals `section` when templating is off). */
  rendered: PlainMap;
  pro: ProState;
  /** The layers of the stack manifest's merge, for provenance queries. */
  layers: readonly Layer[];
  /** Base components in merge order (`component:` chain, then `metadata.inherits`). */
  baseChain: readonly string[];
  /** Every manifest the stack manifest imports, directly or not (Atmos's sorted `imports`). */
  imports: readonly string[];
}

export interface StackInfo {
  name: string;
  /** Top-level manifests that contributed components to this stack. */
  manifests: Manifest[];
}

export interface Resolution {
  config: AtmosConfig;
  /** Real (non-abstract) components of every type, sorted by stack then component. */
  instances: ComponentInstance[];
  /** Every component, abstract ones included (describe stacks shows them). */
  components: ComponentInstance[];
  stacks: StackInfo[];
  /** Every stack manifest and import loaded, by absolute path. */
  manifests: Map<string, Manifest>;
  /** Top-level stack manifests (after included/excluded paths). */
  stackFiles: Manifest[];
  findings: Finding[];
  /** Distinct files read from disk. */
  filesRead: number;
}
