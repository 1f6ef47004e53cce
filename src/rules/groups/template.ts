import type { Rule } from '../types.js';

/** The template rules (one file each in src/rules/), in documentation order. */
export const templateRules: readonly Rule[] = [];
