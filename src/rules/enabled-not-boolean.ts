import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'enabled-not-boolean',
  category: 'shape',
  defaultSeverity: 'error',
  description: 'settings.pro.enabled or drift_detection.enabled is not a boolean',
  messages: {
    pro: '`settings.pro.enabled` is {actual}, not a boolean: Atmos treats any non-boolean, even `"false"`, as enabled. Write `true` or `false` without quotes.',
    drift:
      '`settings.pro.drift_detection.enabled` is {actual}, not a boolean: Atmos turns drift detection on only for the boolean `true`, so drift detection is off. Write `true` or `false` without quotes.',
  },
  fixable: false,
});
