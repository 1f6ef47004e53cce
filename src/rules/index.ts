import conflictingComponent from './conflicting-component.js';
import { migrationRules } from './groups/migration.js';
import { payloadRules } from './groups/payload.js';
import { shapeRules } from './groups/shape.js';
import { templateRules } from './groups/template.js';
import { workflowRules } from './groups/workflow.js';
import importCycle from './import-cycle.js';
import importNotFound from './import-not-found.js';
import importOutsideRepo from './import-outside-repo.js';
import inheritanceCycle from './inheritance-cycle.js';
import invalidManifest from './invalid-manifest.js';
import templateUnsupportedFunction from './template-unsupported-function.js';
import type { Rule } from './types.js';
import unknownBaseComponent from './unknown-base-component.js';
import unknownYamlTag from './unknown-yaml-tag.js';
import unusedSuppression from './unused-suppression.js';
import yamlSyntax from './yaml-syntax.js';

/** Every rule, in documentation order. Adding a rule: a file here, its docs page, its fixtures. */
export const allRules: readonly Rule[] = [
  ...shapeRules,
  ...migrationRules,
  ...templateRules,
  ...workflowRules,
  ...payloadRules,
  yamlSyntax,
  unknownYamlTag,
  importNotFound,
  importCycle,
  importOutsideRepo,
  invalidManifest,
  unknownBaseComponent,
  inheritanceCycle,
  conflictingComponent,
  templateUnsupportedFunction,
  unusedSuppression,
];
