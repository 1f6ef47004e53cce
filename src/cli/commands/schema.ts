import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAtmosConfig } from '../../config/atmos-config.js';
import { findGitRoot } from '../../config/discover.js';
import { UsageError } from '../../core/errors.js';
import { mergeJetBrainsSchemas } from '../../ide/jetbrains.js';
import { atmosConfigGlobs, stackGlobs, workspaceRelative } from '../../ide/paths.js';
import { mergeVscodeSettings } from '../../ide/vscode.js';
import { isWithin } from '../../load/files.js';
import { SCHEMAS, schemaText } from '../../schema/index.js';
import { emit, writeAtomic } from '../io.js';
import type { CommonArgs } from '../run.js';
import { resolveOptions } from './shared.js';

export interface SchemaArgs extends CommonArgs {
  name?: string;
  out?: string;
  vscode?: boolean;
  jetbrains?: boolean;
}

const DEFAULT_OUT = '.atmos-pro-lint/schemas';

export async function schemaCommand(args: SchemaArgs): Promise<number> {
  const opts = resolveOptions(args);
  const names = Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[];
  if (!args.out && !args.vscode && !args.jetbrains) {
    if (args.name) {
      if (!(names as string[]).includes(args.name))
        throw new UsageError(`unknown schema "${args.name}"; one of ${names.join(', ')}`);
      emit(schemaText(args.name as keyof typeof SCHEMAS), args.output, opts.cwd);
      return 0;
    }
    const lines = names.map((n) => `${n.padEnd(16)} ${SCHEMAS[n].file.padEnd(28)} ${SCHEMAS[n].id}`);
    emit(
      `${lines.join('\n')}\n\nPrint one with \`atmos-pro-lint schema <name>\`; write them with --out DIR, --vscode or --jetbrains.\n`,
      args.output,
      opts.cwd,
    );
    return 0;
  }
  const root = findGitRoot(opts.cwd) ?? opts.cwd;
  const outDir = resolve(opts.cwd, args.out ?? join(workspaceRelative(opts.cwd, root), DEFAULT_OUT));
  if (!isWithin(root, outDir))
    throw new UsageError(`--out ${args.out} is outside the workspace (${root}); refusing to write there`);
  mkdirSync(outDir, { recursive: true });
  for (const n of names) writeAtomic(join(outDir, SCHEMAS[n].file), schemaText(n));
  const written = [workspaceRelative(opts.cwd, outDir) + '/'];
  if (args.vscode || args.jetbrains) {
    const config = loadAtmosConfig(opts);
    const rel = (f: string) => workspaceRelative(root, join(outDir, f));
    const stacks = stackGlobs(config, root);
    const atmos = atmosConfigGlobs(config, root);
    if (args.vscode) {
      const path = join(root, '.vscode', 'settings.json');
      const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      let after: string;
      try {
        after = mergeVscodeSettings(before, [
          { schema: `./${rel(SCHEMAS['stack-manifest'].file)}`, globs: stacks },
          { schema: `./${rel(SCHEMAS['atmos-config'].file)}`, globs: atmos },
        ]);
      } catch (e) {
        throw new UsageError(`.vscode/settings.json ${(e as Error).message}`);
      }
      if (after !== before) writeAtomic(path, after);
      written.push('.vscode/settings.json');
    }
    if (args.jetbrains) {
      const path = join(root, '.idea', 'jsonSchemas.xml');
      const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      let after: string;
      try {
        after = mergeJetBrainsSchemas(before, [
          {
            name: 'atmos-pro-lint: stack manifests',
            schema: rel(SCHEMAS['stack-manifest'].file),
            globs: stacks,
          },
          { name: 'atmos-pro-lint: atmos.yaml', schema: rel(SCHEMAS['atmos-config'].file), globs: atmos },
        ]);
      } catch (e) {
        throw new UsageError(`.idea/jsonSchemas.xml ${(e as Error).message}`);
      }
      if (after !== before) writeAtomic(path, after);
      written.push('.idea/jsonSchemas.xml');
    }
  }
  process.stderr.write(`atmos-pro-lint: wrote ${written.join(', ')}\n`);
  return 0;
}
