import type { Rule } from '../types.js';

/** The migration rules (one file each in src/rules/), in documentation order. */
export const migrationRules: readonly Rule[] = [];
