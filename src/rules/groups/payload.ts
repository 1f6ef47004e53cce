import payloadChunkOverLimit from '../payload-chunk-over-limit.js';
import payloadItemOverLimit from '../payload-item-over-limit.js';
import type { Rule } from '../types.js';

/** The payload rules (one file each in src/rules/), in documentation order. */
export const payloadRules: readonly Rule[] = [payloadChunkOverLimit, payloadItemOverLimit];
