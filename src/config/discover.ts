import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

/** The nearest ancestor (or the directory itself) holding `.git` (a directory, or a file for worktrees). */
export function findGitRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const CONFIG_NAMES = ['atmos.yaml', 'atmos.yml'];
const DOT_CONFIG_NAMES = ['.atmos.yaml', '.atmos.yml'];
const LOCAL_INDICATORS = ['atmos.yaml', '.atmos.yaml', '.atmos', '.atmos.d', 'atmos.d'];

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `hasLocalAtmosConfig` (pkg/config/git_root.go). */
export function hasLocalAtmosConfig(dir: string): boolean {
  return LOCAL_INDICATORS.some((n) => existsSync(join(dir, n)));
}

function configIn(dir: string, withDot: boolean): string | undefined {
  for (const n of withDot ? [...CONFIG_NAMES, ...DOT_CONFIG_NAMES] : CONFIG_NAMES) {
    const p = join(dir, n);
    if (isFile(p)) return p;
  }
  return undefined;
}

export interface Discovery {
  /** Config files to merge, lowest precedence first. */
  files: string[];
  /** Every place looked at, for the "no atmos.yaml" message. */
  searched: string[];
  /** Where the explicit path came from, if any. */
  explicit?: 'flag' | 'env';
}

/**
 * Finds `atmos.yaml` as Atmos does (pkg/config/load.go), minus the system and home directories, which
 * lie outside the repository: an explicit `--config-path` / `ATMOS_CLI_CONFIG_PATH` wins (a directory,
 * `atmos.*` then `.atmos.*`; a file path is accepted too); otherwise the working directory; otherwise
 * the nearest parent with a config, and the git root's config on top of it.
 */
export function discoverConfig(
  cwd: string,
  configPath: string | undefined,
  envConfigPath: string | undefined,
): Discovery {
  const searched: string[] = [];
  const explicitRaw = configPath ?? envConfigPath;
  if (explicitRaw) {
    const explicit = resolve(cwd, explicitRaw);
    const source = configPath ? 'flag' : 'env';
    if (isFile(explicit)) return { files: [explicit], searched: [explicit], explicit: source };
    searched.push(join(explicit, 'atmos.yaml'));
    const found = isDir(explicit) ? configIn(explicit, true) : undefined;
    return { files: found ? [found] : [], searched, explicit: source };
  }
  searched.push(join(cwd, 'atmos.yaml'));
  const local = configIn(cwd, false);
  if (local) return { files: [local], searched };
  if (hasLocalAtmosConfig(cwd)) return { files: [], searched };

  const gitRoot = findGitRoot(cwd);
  const files: string[] = [];
  let dir = cwd;
  const stop = gitRoot ?? parse(cwd).root;
  while (dir !== stop) {
    dir = dirname(dir);
    searched.push(join(dir, 'atmos.yaml'));
    const found = configIn(dir, true);
    if (found) {
      files.push(found);
      break;
    }
    if (dirname(dir) === dir) break;
  }
  if (gitRoot) {
    const atRoot = configIn(gitRoot, false);
    if (!searched.includes(join(gitRoot, 'atmos.yaml'))) searched.push(join(gitRoot, 'atmos.yaml'));
    if (atRoot && !files.includes(atRoot)) files.push(atRoot);
  }
  return { files, searched };
}
