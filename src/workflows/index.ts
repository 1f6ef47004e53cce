export { type DidYouMeanOptions, didYouMean, editDistance } from '../core/suggest.js';
export {
  checkDispatch,
  type DispatchProblem,
  type DispatchRequest,
  dispatchPayloadSize,
  MAX_DISPATCH_INPUTS,
  MAX_DISPATCH_INPUTS_CHARS,
  type NotFoundReason,
  typeMismatch,
} from './check.js';
export {
  DEFAULT_MAX_WORKFLOW_BYTES,
  type LoadWorkflowsOptions,
  loadWorkflows,
  type WorkflowDirEntry,
} from './load.js';
export { type ParsedWorkflow, parseWorkflow } from './parse.js';
export type {
  DispatchContract,
  InputDef,
  InputType,
  Trigger,
  Workflow,
  WorkflowFinding,
  WorkflowIndex,
} from './types.js';
export { INPUT_TYPES } from './types.js';
export { isDispatchBoolean, isDispatchChoice, isDispatchNumber } from './values.js';
