import { github } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FormatName, Reporter } from './types.js';

export type { FormatName, LintReport, Reporter, ReporterOptions, Summary } from './types.js';
export { github, json, markdown, sarif, stylish };

/** Every output format the CLI's `--format` accepts, by name. */
export const reporters: Record<FormatName, Reporter> = { stylish, json, sarif, github, markdown };

export const FORMAT_NAMES = Object.keys(reporters) as FormatName[];
