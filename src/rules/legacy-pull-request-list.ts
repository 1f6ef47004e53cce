import { legacyListEdit } from './shape-legacy.js';
import { shapeRule } from './shape-rule.js';
import type { TextEdit } from './types.js';

export default shapeRule(
  {
    id: 'legacy-pull-request-list',
    category: 'shape',
    defaultSeverity: 'warning',
    description: 'pull_request written in the deprecated list form instead of a map of activities',
    messages: {
      legacy:
        '`settings.pro.pull_request` uses the deprecated list form (`- on: [...]` with `workflows`); write it as a map of activities instead: `pull_request.<activity>.workflows` (`opened`, `synchronize`, `reopened`, `merged`).',
    },
    fixable: true,
  },
  {
    // One written list is shared by many instances: it is rewritten only if the rewrite is exact
    // for every one of them (a map written below the list would merge with the map form).
    fixes: (ctx, findings) => {
      const byLoc = new Map<string, TextEdit | null>();
      const keyOf = (f: (typeof findings)[number]) => `${f.loc.file.path}\0${f.loc.start}\0${f.loc.end}`;
      for (const f of findings) {
        const key = keyOf(f);
        if (byLoc.get(key) === null) continue;
        const [written, ...lower] = ctx.provenance(f.instance, ['settings', 'pro', 'pull_request']);
        const edit = written ? legacyListEdit(written, lower) : undefined;
        const previous = byLoc.get(key);
        const same =
          edit !== undefined &&
          f.editable &&
          (!previous ||
            (previous.file === edit.file && previous.start === edit.start && previous.text === edit.text));
        byLoc.set(key, same ? edit : null);
      }
      return (f) => {
        const edit = byLoc.get(keyOf(f));
        return edit ? [edit] : undefined;
      };
    },
  },
);
