import { plural } from './text.js';
import type { Summary } from './types.js';

export function problemCount(summary: Summary): number {
  return summary.errors + summary.warnings + summary.infos;
}

/** `5 problems (3 errors, 1 warning, 1 info), 2 fixable with --fix` */
export function problemsSentence(summary: Summary): string {
  const total = problemCount(summary);
  let text =
    `${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ` +
    `${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
  if (summary.fixable > 0) text += `, ${summary.fixable} fixable with --fix`;
  return text;
}

/** `Checked 12 instances in 4 stacks (7 files).` */
export function checkedSentence(summary: Summary): string {
  return `Checked ${plural(summary.instances, 'instance')} in ${plural(summary.stacks, 'stack')} (${plural(summary.files, 'file')}).`;
}

/** `No problems in 12 instances across 4 stacks (7 files).` */
export function cleanSentence(summary: Summary): string {
  return `No problems in ${plural(summary.instances, 'instance')} across ${plural(summary.stacks, 'stack')} (${plural(summary.files, 'file')}).`;
}
