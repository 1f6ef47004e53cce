import { didYouMean } from '../core/suggest.js';
import { shapeRule } from './shape-rule.js';
import type { RuleContext } from './types.js';

/** The workflow file a bare name most likely means: `<name>.yaml`/`.yml` if it exists, else a close one. */
function hintFor(ctx: RuleContext, key: string): string {
  const files = [...ctx.workflows().workflows.keys()];
  for (const ext of ['.yaml', '.yml'])
    if (files.includes(`${key}${ext}`)) return `did you mean \`${key}${ext}\`?`;
  const stem = (f: string) => f.replace(/\.ya?ml$/, '');
  const close = didYouMean(key, files.map(stem));
  const match = close === undefined ? undefined : files.find((f) => stem(f) === close);
  return match ? `did you mean \`${match}\`?` : `write the file name, e.g. \`${key}.yaml\`.`;
}

export default shapeRule(
  {
    id: 'workflow-filename',
    category: 'shape',
    defaultSeverity: 'error',
    description: 'A workflows key that is not a workflow file name ending in .yml or .yaml',
    messages: {
      name: 'Workflow key `{key}` is not a workflow file name: Atmos Pro dispatches a workflow by its file name in `.github/workflows` (ending in `.yml` or `.yaml`); {hint}',
    },
    fixable: false,
  },
  {
    data: (ctx, f) => ({ hint: hintFor(ctx, String(f.problem.data.key)) }),
  },
);
