import type { Rule } from '../types.js';
import workflowInputRequiredMissing from '../workflow-input-required-missing.js';
import workflowInputType from '../workflow-input-type.js';
import workflowInputUnknown from '../workflow-input-unknown.js';
import workflowInputsTooLarge from '../workflow-inputs-too-large.js';
import workflowInvalid from '../workflow-invalid.js';
import workflowNotDispatchable from '../workflow-not-dispatchable.js';
import workflowNotFound from '../workflow-not-found.js';
import workflowTooManyInputs from '../workflow-too-many-inputs.js';
import workflowsDirMissing from '../workflows-dir-missing.js';

/** The workflow rules (one file each in src/rules/), in documentation order. */
export const workflowRules: readonly Rule[] = [
  workflowNotFound,
  workflowNotDispatchable,
  workflowInputUnknown,
  workflowInputRequiredMissing,
  workflowInputType,
  workflowTooManyInputs,
  workflowInputsTooLarge,
  workflowInvalid,
  workflowsDirMissing,
];
