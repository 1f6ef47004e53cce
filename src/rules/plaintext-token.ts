import { getIn } from '../config/atmos-config.js';
import type { Loc } from '../core/source.js';
import { configEntry, isYamlFunction } from './migration-config.js';
import { defineRule, type RuleContext } from './types.js';

export default defineRule({
  meta: {
    id: 'plaintext-token',
    category: 'client',
    defaultSeverity: 'error',
    description: 'A literal Atmos Pro token is committed in atmos.yaml',
    messages: {
      literal:
        '`{at}` on line {line} is a literal Atmos Pro token committed to the repository (value not shown). Remove it, revoke it, and use `token: !env ATMOS_PRO_TOKEN`, or GitHub OIDC with `workspace_id` (no token at all).',
    },
    fixable: false,
  },
  check(ctx) {
    check(ctx, ['settings', 'pro', 'token'], [['settings', 'pro'], ['settings']]);
    // `env:` entries named ATMOS_* act as environment variables, so this is the same secret.
    check(ctx, ['env', 'ATMOS_PRO_TOKEN'], [['env']]);
  },
});

function check(ctx: RuleContext, path: string[], ancestors: string[][]): void {
  const value = getIn(ctx.config.raw, path);
  const secret = literal(value);
  if (secret === undefined) return;
  const entry = configEntry(ctx.config, path);
  if (!entry) return;
  const where = entry.key ?? entry.value;
  const line = where.file.position(where.start).line;
  ctx.report({
    messageId: 'literal',
    data: { at: path.join('.'), line },
    loc: safeLoc(ctx, where, entry.key, ancestors, secret),
    related: [{ loc: where, message: 'the literal token (value not shown)' }],
  });
}

/** The text of a value that is a committed secret: a non-empty literal, not a YAML function. */
function literal(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string' || value.trim() === '' || isYamlFunction(value)) return undefined;
  return value;
}

/**
 * Reporters that print the source line under a diagnostic would print the token with it, so the
 * diagnostic points at the nearest place whose line does not contain the secret (the key when the
 * value sits on another line, else an enclosing key, else the file's start); the message and the
 * related location still say exactly where the token is.
 */
function safeLoc(
  ctx: RuleContext,
  where: Loc,
  key: Loc | undefined,
  ancestors: string[][],
  secret: string,
): Loc {
  const candidates: Loc[] = [];
  if (key) candidates.push(key);
  for (const a of ancestors) {
    const e = configEntry(ctx.config, a);
    if (e) candidates.push(e.key ?? e.value);
  }
  candidates.push({ file: where.file, start: 0, end: 0 });
  for (const loc of candidates) {
    if (loc.file !== where.file) continue;
    if (!loc.file.line(loc.file.position(loc.start).line).includes(secret)) return loc;
  }
  return { file: where.file, start: 0, end: 0 };
}
