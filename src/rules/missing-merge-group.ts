import type { Loc } from '../core/source.js';
import { didYouMean } from '../core/suggest.js';
import { isMap, type PlainMap } from '../resolve/merge.js';
import type { ComponentInstance } from '../resolve/types.js';
import {
  definingWriter,
  dispatchesOnPullRequest,
  dispatchOn,
  enclosingWriter,
  MERGE_GROUP_EVENT,
  PRO_PATH,
  proOf,
} from './migration-dispatch.js';
import { MergeGroupFixer } from './migration-merge-group-fix.js';
import { defineRule, type Report, type RuleContext, type TextEdit } from './types.js';

interface FixData {
  edits: TextEdit[];
}

type Finding = Pick<Report, 'messageId' | 'data' | 'loc'> & { fix?: FixData };

export default defineRule({
  meta: {
    id: 'missing-merge-group',
    category: 'migration',
    defaultSeverity: 'warning',
    description:
      'Pull request dispatches without `merge_group.checks_requested`, so a merge queue falls back to the `synchronize` backstop',
    messages: {
      backstop:
        'No `merge_group.checks_requested`: in a merge queue Atmos Pro falls back to the `pull_request.synchronize` workflows ({workflows}). Add `merge_group.checks_requested` beside `pull_request` to choose the queue workflow explicitly.',
      nothing:
        'No `merge_group.checks_requested` and no `pull_request.synchronize` to fall back to: Atmos Pro dispatches nothing in a merge queue. Add `merge_group.checks_requested` beside `pull_request` with the workflow the queue should run.',
    },
    fixable: true,
  },
  check(ctx) {
    if (ctx.settings.mergeQueue === 'off') return;
    const queue = ctx.mergeQueue();
    const severity = queue ? 'error' : 'warning';
    const related = queue ? queueEvidence(ctx) : undefined;
    const fixer = new MergeGroupFixer();
    const cache = new Map<string, Finding>();
    for (const instance of ctx.resolution.instances) {
      if (!instance.pro.enabled) continue;
      const pro = proOf(instance.section);
      if (!pro || supersededByShapeRule(pro) || !dispatchesOnPullRequest(instance)) continue;
      const mg = dispatchOn(instance, MERGE_GROUP_EVENT);
      if (mg.via !== 'backstop' && mg.via !== 'none') continue;
      const finding =
        mg.via === 'backstop' && mg.activityPath
          ? backstopFinding(ctx, instance, pro, mg.activityPath, mg.workflows, cache, fixer)
          : nothingFinding(ctx, instance);
      ctx.report({ ...finding, instance, severity, related });
    }
  },
  fix(data) {
    return (data as FixData).edits;
  },
});

/**
 * A merge_group block that is written but broken, or misplaced under pull_request, is the business
 * of the shape rules (misplaced-merge-group, unknown-activity, empty-workflows, invalid-type): one
 * problem, one diagnostic.
 */
function supersededByShapeRule(pro: PlainMap): boolean {
  if (isMap(pro.pull_request) && Object.hasOwn(pro.pull_request, 'merge_group')) return true;
  const mg = pro.merge_group;
  if (mg === undefined || mg === null) return false;
  if (!isMap(mg)) return true;
  if (Object.hasOwn(mg, 'checks_requested')) return true;
  return Object.keys(mg).some((k) => didYouMean(k, ['checks_requested']) !== undefined);
}

function backstopFinding(
  ctx: RuleContext,
  instance: ComponentInstance,
  pro: PlainMap,
  activityPath: (string | number)[],
  workflows: { file: string }[],
  cache: Map<string, Finding>,
  fixer: MergeGroupFixer,
): Finding {
  const prPath = [...PRO_PATH, 'pull_request'];
  const wfPath = [...PRO_PATH, ...activityPath, 'workflows'];
  const inner = definingWriter(ctx, instance, wfPath, getIn(pro, [...activityPath, 'workflows']));
  const outer = enclosingWriter(ctx, instance, prPath, wfPath, inner);
  const loc: Loc = outer ? (outer.key ?? outer.value) : ctx.locate(instance, prPath, { key: true });
  const key = `${loc.file.path}\0${loc.start}\0${inner?.value.file.path}\0${inner?.value.start}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const finding: Finding = {
    messageId: 'backstop',
    data: { workflows: workflows.map((w) => `\`${w.file}\``).join(', ') },
    loc,
  };
  // Fixable in the map form, when the pull_request key we report is in the same raw map as the
  // synchronize.workflows that defines the backstop, in a file edited as it is on disk (not a
  // template rendered at import time).
  if (
    activityPath[1] === 'synchronize' &&
    outer?.key &&
    inner &&
    inner.layer === outer.layer &&
    !inner.layer.manifest.importTimeRender
  ) {
    const edits = fixer.edits(outer.key.file, outer.path);
    if (edits) finding.fix = { edits };
  }
  cache.set(key, finding);
  return finding;
}

function getIn(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isMap(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

function nothingFinding(ctx: RuleContext, instance: ComponentInstance): Finding {
  return { messageId: 'nothing', loc: ctx.locate(instance, [...PRO_PATH, 'pull_request'], { key: true }) };
}

/** Why the repository counts as using a merge queue: the configuration, or a merge_group workflow. */
function queueEvidence(ctx: RuleContext): { loc: Loc; message: string }[] | undefined {
  if (ctx.settings.mergeQueue === 'on') {
    const file = ctx.settings.file;
    if (!file) return undefined;
    const m = /^mergeQueue\s*:/m.exec(file.text);
    const start = m ? m.index : 0;
    return [
      { loc: { file, start, end: start + (m ? 'mergeQueue'.length : 0) }, message: '`mergeQueue: on`' },
    ];
  }
  for (const w of ctx.workflows().workflows.values()) {
    const t = w.triggers.get('merge_group');
    if (t)
      return [{ loc: t.loc, message: `\`${w.fileName}\` runs on \`merge_group\`: a merge queue is in use` }];
  }
  return undefined;
}
