import backstopDispatchesApply from '../backstop-dispatches-apply.js';
import configInvalid from '../config-invalid.js';
import driftEffectivelyDisabled from '../drift-effectively-disabled.js';
import driftMissingWorkflows from '../drift-missing-workflows.js';
import missingMergeGroup from '../missing-merge-group.js';
import missingWorkspaceId from '../missing-workspace-id.js';
import plaintextToken from '../plaintext-token.js';
import type { Rule } from '../types.js';

/**
 * The migration and resolution rules, then the client-settings rules for atmos.yaml (one file each in
 * src/rules/), in documentation order.
 */
export const migrationRules: readonly Rule[] = [
  missingMergeGroup,
  backstopDispatchesApply,
  driftEffectivelyDisabled,
  driftMissingWorkflows,
  configInvalid,
  plaintextToken,
  missingWorkspaceId,
];
