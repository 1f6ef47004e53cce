import emptyWorkflows from '../empty-workflows.js';
import enabledNotBoolean from '../enabled-not-boolean.js';
import inputNotString from '../input-not-string.js';
import invalidType from '../invalid-type.js';
import legacyPullRequestList from '../legacy-pull-request-list.js';
import misplacedMergeGroup from '../misplaced-merge-group.js';
import type { Rule } from '../types.js';
import undocumentedActivity from '../undocumented-activity.js';
import unknownActivity from '../unknown-activity.js';
import unknownKey from '../unknown-key.js';
import workflowFilename from '../workflow-filename.js';

/** The shape rules (one file each in src/rules/), in documentation order. */
export const shapeRules: readonly Rule[] = [
  unknownKey,
  invalidType,
  unknownActivity,
  undocumentedActivity,
  misplacedMergeGroup,
  legacyPullRequestList,
  workflowFilename,
  emptyWorkflows,
  inputNotString,
  enabledNotBoolean,
];
