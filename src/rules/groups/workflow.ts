import type { Rule } from '../types.js';

/** The workflow rules (one file each in src/rules/), in documentation order. */
export const workflowRules: readonly Rule[] = [];
