import { type AtmosConfig, getIn } from '../config/atmos-config.js';
import type { Loc } from '../core/source.js';
import { entryLoc } from '../load/origin.js';

/** Where an entry of the merged atmos.yaml was written: its key and its value. */
export interface ConfigEntry {
  key?: Loc;
  value: Loc;
}

/**
 * The written key and value of `path` in atmos.yaml (or the configuration file that set it). A
 * container that only one file wrote keeps its origin, so the entry is exact; otherwise the
 * configuration's own `locate` (key through value) is narrowed to the key.
 */
export function configEntry(config: AtmosConfig, path: readonly string[]): ConfigEntry | undefined {
  const last = path[path.length - 1];
  if (last === undefined) return undefined;
  if (path.length > 1) {
    const e = entryLoc(getIn(config.raw, path.slice(0, -1)), last);
    if (e) return e;
  }
  const span = config.locate(path);
  if (!span) return undefined;
  return { key: keyOf(span), value: span };
}

/** The key at the start of a `key: value` span. */
function keyOf(span: Loc): Loc {
  const t = span.file.text;
  let i = span.start;
  const q = t[i];
  if (q === '"' || q === "'") {
    for (i++; i < span.end && t[i] !== q; i++) if (q === '"' && t[i] === '\\') i++;
    return { file: span.file, start: span.start, end: Math.min(span.end, i + 1) };
  }
  while (i < span.end && !(t[i] === ':' && /\s/.test(t[i + 1] ?? ' '))) i++;
  while (i > span.start && /\s/.test(t[i - 1] ?? '')) i--;
  return { file: span.file, start: span.start, end: i };
}

/** The whole first line of a file, for findings about something the file lacks. */
export function firstLine(config: AtmosConfig): Loc {
  const file = config.main;
  return { file, start: 0, end: file.line(1).length };
}

/**
 * Whether a configuration value is an Atmos YAML function (`!env NAME`, `!exec cmd`, …), which the
 * loader keeps as "!tag args" text: its value is computed when Atmos loads atmos.yaml.
 */
export function isYamlFunction(value: unknown): boolean {
  return typeof value === 'string' && /^![A-Za-z][\w.-]*(\s|$)/.test(value);
}
