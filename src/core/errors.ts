/** A problem with how the tool was invoked or configured: exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes are a public contract (actionlint's convention). */
export const EXIT = {
  ok: 0,
  problems: 1,
  usage: 2,
  internal: 3,
} as const;
