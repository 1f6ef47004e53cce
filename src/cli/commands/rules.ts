import { allRules } from '../../rules/index.js';
import { emit } from '../io.js';

export interface RulesArgs {
  format: 'table' | 'json' | 'markdown';
  output?: string;
}

export async function rulesCommand(args: RulesArgs): Promise<number> {
  const metas = allRules.map((r) => r.meta);
  let text: string;
  if (args.format === 'json') {
    text = `${JSON.stringify(
      {
        rules: metas.map((m) => ({
          id: m.id,
          category: m.category,
          severity: m.defaultSeverity,
          fixable: m.fixable,
          description: m.description,
          docs: `docs/rules/${m.id}.md`,
        })),
      },
      null,
      2,
    )}\n`;
  } else if (args.format === 'markdown') {
    text = `| Rule | Severity | Fixable | Description |\n| --- | --- | --- | --- |\n${metas
      .map(
        (m) =>
          `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.defaultSeverity} | ${m.fixable ? 'yes' : ''} | ${m.description} |`,
      )
      .join('\n')}\n`;
  } else {
    const w = Math.max(...metas.map((m) => m.id.length));
    text = `${metas.map((m) => `${m.id.padEnd(w)}  ${m.defaultSeverity.padEnd(7)}  ${m.fixable ? 'fix' : '   '}  ${m.description}`).join('\n')}\n`;
  }
  emit(text, args.output, process.cwd());
  return 0;
}
