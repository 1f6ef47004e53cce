import yargs, { type Argv } from 'yargs';
import { ConfigError } from '../config/atmos-config.js';
import { EXIT, UsageError } from '../core/errors.js';
import { VERSION } from '../version.js';

/** Options every command shares: where the repository is and how to print. */
export interface CommonArgs {
  chdir?: string;
  'config-path'?: string;
  color?: boolean;
  output?: string;
}

function common<T>(y: Argv<T>) {
  return y
    .option('config-path', {
      type: 'string',
      describe: 'Directory holding atmos.yaml (default: discovered like Atmos)',
    })
    .option('chdir', { alias: 'C', type: 'string', describe: 'Run as if started in this directory' })
    .option('output', {
      alias: 'o',
      type: 'string',
      describe: 'Write the report to this file instead of stdout',
    })
    .option('color', {
      type: 'boolean',
      describe: 'Colour output (default: on a TTY; NO_COLOR/FORCE_COLOR honoured)',
    });
}

export async function run(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const set = (c: number) => {
    code = c;
  };
  const cli = yargs(argv)
    .scriptName('atmos-pro-lint')
    .usage(
      '$0 [command] [options]\n\nLint and simulate the Atmos Pro configuration (settings.pro) of an Atmos stack repository.',
    )
    .version(VERSION)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .strict()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .parserConfiguration({ 'boolean-negation': true })
    .command(
      ['lint [paths..]', '$0 [paths..]'],
      'Check settings.pro of every component instance (default command)',
      (y) =>
        common(y)
          .positional('paths', {
            type: 'string',
            array: true,
            describe: 'Report only problems in these files',
          })
          .option('format', {
            alias: 'f',
            choices: ['stylish', 'json', 'sarif', 'github', 'markdown'] as const,
            default: 'stylish' as const,
          })
          .option('config', { alias: 'c', type: 'string', describe: 'Path of .atmos-pro-lint.yaml' })
          .option('max-warnings', { type: 'number', describe: 'Fail when there are more warnings than this' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'Report errors only' })
          .option('fix', { type: 'boolean', describe: 'Apply safe fixes in place' })
          .option('fix-dry-run', {
            type: 'boolean',
            describe: 'Print the fixes as a unified diff; change nothing',
          })
          .option('summary-file', {
            type: 'string',
            describe: 'Also append the Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)',
          })
          .option('sarif-file', {
            type: 'string',
            describe: 'Also write a SARIF report to this file (for code scanning)',
          }),
      async (args) => set(await (await import('./commands/lint.js')).lintCommand(args)),
    )
    .command(
      'instances',
      'List every component instance and its effective Atmos Pro state',
      (y) =>
        common(y)
          .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const })
          .option('stack', { alias: 's', type: 'string', describe: 'Only stacks matching this glob' })
          .option('component', { type: 'string', describe: 'Only components matching this glob' }),
      async (args) => set(await (await import('./commands/instances.js')).instancesCommand(args)),
    )
    .command(
      'describe <component>',
      'Show the merged configuration of one component in one stack, as Atmos resolves it',
      (y) =>
        common(y)
          .positional('component', { type: 'string', demandOption: true })
          .option('stack', { alias: 's', type: 'string', demandOption: true, describe: 'Stack name' })
          .option('format', { alias: 'f', choices: ['yaml', 'json'] as const, default: 'yaml' as const })
          .option('provenance', { type: 'boolean', describe: 'Show where each value was written' }),
      async (args) => set(await (await import('./commands/describe.js')).describeCommand(args)),
    )
    .command(
      'resolve',
      'Show what Atmos Pro dispatches for every instance on one event',
      (y) =>
        common(y)
          .option('event', {
            alias: 'e',
            type: 'string',
            demandOption: true,
            describe:
              'pull_request.opened|synchronize|reopened|merged, release.<activity>, merge_group.checks_requested, drift_detection.detect|remediate',
          })
          .option('stack', { alias: 's', type: 'string', describe: 'Only stacks matching this glob' })
          .option('component', { type: 'string', describe: 'Only components matching this glob' })
          .option('format', {
            alias: 'f',
            choices: ['table', 'json', 'markdown'] as const,
            default: 'table' as const,
          })
          .epilogue(
            "`merged` stands for GitHub's `closed` activity with `merged: true`. Apply never fires on merge_group: " +
              'merge_group.checks_requested dispatches its own workflows, or falls back to pull_request.synchronize (the backstop).',
          ),
      async (args) => set(await (await import('./commands/resolve.js')).resolveCommand(args)),
    )
    .command(
      'schema [name]',
      'Print the JSON Schemas, write them, or associate them with stack files in VS Code / JetBrains',
      (y) =>
        common(y)
          .positional('name', {
            type: 'string',
            describe: 'settings-pro, pro-config, config, stack-manifest or atmos-config',
          })
          .option('out', {
            type: 'string',
            describe:
              'Write every schema into this directory (default with --vscode/--jetbrains: .atmos-pro-lint/schemas)',
          })
          .option('vscode', {
            type: 'boolean',
            describe: 'Write or merge .vscode/settings.json (yaml.schemas, yaml.customTags)',
          })
          .option('jetbrains', { type: 'boolean', describe: 'Write or merge .idea/jsonSchemas.xml' }),
      async (args) => set(await (await import('./commands/schema.js')).schemaCommand(args)),
    )
    .command(
      'payload',
      'Simulate the Atmos Pro upload: request sizes and the chunks the Atmos CLI sends',
      (y) =>
        common(y)
          .option('upload', {
            alias: 'u',
            choices: ['instances', 'affected'] as const,
            default: 'instances' as const,
            describe: 'list instances --upload, or describe affected --upload with every instance affected',
          })
          .option('max-payload-bytes', {
            type: 'number',
            describe:
              'Chunking threshold (default: settings.pro.max_payload_bytes of atmos.yaml, else 4194304)',
          })
          .option('repo-url', {
            type: 'string',
            describe: 'Repository URL for the repo_* fields (default: the git remote origin)',
          })
          .option('format', {
            alias: 'f',
            choices: ['table', 'json', 'markdown'] as const,
            default: 'table' as const,
          }),
      async (args) => set(await (await import('./commands/payload.js')).payloadCommand(args)),
    )
    .command(
      'rules',
      'List the rules with their default severity',
      (y) =>
        y.option('format', {
          alias: 'f',
          choices: ['table', 'json', 'markdown'] as const,
          default: 'table' as const,
        }),
      async (args) => set(await (await import('./commands/rules.js')).rulesCommand(args)),
    )
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .epilogue(
      'Exit codes: 0 no problems, 1 problems found, 2 usage or configuration error, 3 internal error.',
    );
  try {
    await cli.parseAsync();
    return code;
  } catch (e) {
    return reportError(e);
  }
}

export function reportError(e: unknown): number {
  if (e instanceof UsageError || e instanceof ConfigError) {
    process.stderr.write(`atmos-pro-lint: ${e.message}\n`);
    return EXIT.usage;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `atmos-pro-lint: internal error: ${msg}\nThis is a bug in atmos-pro-lint; please report it with the command you ran${process.env.DEBUG ? '' : ' (set DEBUG=1 for details)'}.\n`,
  );
  if (process.env.DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT.internal;
}
