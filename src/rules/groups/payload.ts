import type { Rule } from '../types.js';

/** The payload rules (one file each in src/rules/), in documentation order. */
export const payloadRules: readonly Rule[] = [];
