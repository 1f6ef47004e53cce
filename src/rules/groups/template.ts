import templateImportTime from '../template-import-time.js';
import templateNotRendered from '../template-not-rendered.js';
import templateSyntax from '../template-syntax.js';
import templateUnknownField from '../template-unknown-field.js';
import type { Rule } from '../types.js';

/** The template rules (one file each in src/rules/), in documentation order. */
export const templateRules: readonly Rule[] = [
  templateSyntax,
  templateUnknownField,
  templateImportTime,
  templateNotRendered,
];
