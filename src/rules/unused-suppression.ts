import { defineRule } from './types.js';

/**
 * Reported by the engine's suppression pass (src/lint/engine.ts), which alone knows which
 * `# atmos-pro-lint-disable-*` comments silenced a problem once every other rule has run.
 */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    category: 'resolver',
    defaultSeverity: 'info',
    description: 'A suppression comment that suppresses nothing',
    messages: {
      unused: 'Unused suppression: no `{rule}` problem {where}. Remove the comment.',
      unknownRule:
        'Unknown rule `{rule}` in a suppression comment.{hint} Run `atmos-pro-lint rules` for the list.',
    },
    fixable: false,
  },
  check() {
    // See the comment above: the engine reports this rule after all others have run.
  },
});
