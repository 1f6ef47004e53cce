import type { Rule } from '../types.js';

/** The shape rules (one file each in src/rules/), in documentation order. */
export const shapeRules: readonly Rule[] = [];
