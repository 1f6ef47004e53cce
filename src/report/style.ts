import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../core/diagnostic.js';

/** A chalk with an explicit level: colour is the CLI's decision, never chalk's own detection. */
export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export function severityColor(c: ChalkInstance, severity: Severity): ChalkInstance {
  switch (severity) {
    case 'error':
      return c.red;
    case 'warning':
      return c.yellow;
    case 'info':
      return c.blue;
  }
}
