import {
  CONTRACT_MESSAGES,
  codeList,
  contractFindings,
  contractMessage,
  dispatchPath,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-input-required-missing',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'A dispatch does not pass an input the workflow requires and gives no default for',
    messages: CONTRACT_MESSAGES['workflow-input-required-missing'],
    fixable: false,
  },
  check(ctx) {
    // One diagnostic per dispatch, naming every input it lacks: they are fixed in one place.
    const perDispatch = new Map<
      string,
      ReturnType<typeof contractFindings<'workflow-input-required-missing'>>
    >();
    for (const f of contractFindings(ctx, 'workflow-input-required-missing')) {
      const key = `${f.instance.stack}\0${f.instance.component}\0${JSON.stringify(dispatchPath(f))}`;
      const list = perDispatch.get(key);
      if (list) list.push(f);
      else perDispatch.set(key, [f]);
    }
    for (const group of perDispatch.values()) {
      const f = group[0]!;
      const m =
        group.length === 1
          ? contractMessage(f.problem, f.file)
          : {
              messageId: 'missingMany',
              data: {
                file: f.file,
                inputs: codeList(
                  group.map((g) => g.problem.input.id),
                  25,
                ),
              },
            };
      ctx.report({
        messageId: m.messageId,
        data: m.data,
        // The `inputs` key, or the workflow key when the dispatch has no `inputs` at all.
        loc: ctx.locate(f.instance, dispatchPath(f, 'inputs'), { key: true }),
        instance: f.instance,
        related: group.map((g) => ({
          loc: g.problem.input.loc,
          message: `\`${g.problem.input.id}\` is required here`,
        })),
      });
    }
  },
});
