import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Colour only on a TTY; NO_COLOR and --no-color switch it off, FORCE_COLOR on (https://no-color.org). */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY);
}

/** Writes command output to stdout or, with --output, atomically to a file. */
export function emit(text: string, output: string | undefined, cwd: string): void {
  if (!output || output === '-') {
    process.stdout.write(text);
    return;
  }
  writeAtomic(resolve(cwd, output), text);
}

/** Temp file + rename in the same directory: readers never see a half-written file. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
