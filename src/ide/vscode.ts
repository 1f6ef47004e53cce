import { applyEdits, modify, type ParseError, parse } from 'jsonc-parser';
import { ATMOS_TAGS } from '../load/tags.js';

export interface SchemaMapping {
  /** Schema path as VS Code should load it (workspace-relative, `./…`). */
  schema: string;
  globs: string[];
}

/** yaml-language-server custom tags: every Atmos YAML function, so the editor stops flagging them. */
export function customTags(): string[] {
  const out: string[] = [];
  for (const tag of ATMOS_TAGS) {
    out.push(`${tag} scalar`);
    if (tag === '!append') out.push('!append sequence');
    if (tag === '!literal' || tag === '!template') out.push(`${tag} mapping`, `${tag} sequence`);
  }
  return out;
}

/**
 * Merges our `yaml.schemas` entries and `yaml.customTags` into an existing settings.json (JSON with
 * comments), keeping everything else — comments, ordering, the user's other schemas and tags — as is.
 * Running it twice gives the same file.
 */
export function mergeVscodeSettings(existing: string | undefined, mappings: SchemaMapping[]): string {
  let text = existing && existing.trim() !== '' ? existing : '{}\n';
  const errors: ParseError[] = [];
  const current = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as
    | Record<string, unknown>
    | undefined;
  if (errors.length > 0 || current === null || typeof current !== 'object' || Array.isArray(current)) {
    throw new Error('is not a JSON object (with comments); fix it or move it aside, then run again');
  }
  const fmt = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
  const schemas = current['yaml.schemas'];
  if (schemas !== undefined && (typeof schemas !== 'object' || schemas === null || Array.isArray(schemas))) {
    throw new Error('has a "yaml.schemas" setting that is not an object');
  }
  for (const m of mappings) {
    text = applyEdits(text, modify(text, ['yaml.schemas', m.schema], m.globs, fmt));
  }
  const tags = current['yaml.customTags'];
  const have = Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  const merged = [...have, ...customTags().filter((t) => !have.includes(t))];
  if (!Array.isArray(tags) || merged.length !== have.length) {
    text = applyEdits(text, modify(text, ['yaml.customTags'], merged, fmt));
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
