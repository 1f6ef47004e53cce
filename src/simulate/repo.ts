/**
 * The repository fields of an upload (`repo_url`, `repo_name`, `repo_owner`, `repo_host`), derived
 * the way the Atmos CLI derives them (`pkg/git` `GetLocalRepo` + `GetRepoInfo` + `ParseRepoURL`), but
 * by reading `.git/config` directly: git is never spawned.
 *
 * Credentials embedded in a remote URL (`https://user:token@host/...`) never leave this module in
 * clear text: `displayUrl` drops them, and `info.url` masks them with `*` so the payload keeps its
 * exact byte size.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { RepoInfo } from './bodies.js';
import { parseRepoUrl } from './giturl.js';
import { quotedGoStringSize } from './gojson.js';

export interface GitDirs {
  /** The directory holding `.git` (the worktree root). */
  worktreeRoot: string;
  gitDir: string;
  /** Where `config` lives: the main repository's git dir for linked worktrees. */
  commonDir: string;
}

function statKind(path: string): 'file' | 'dir' | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * go-git `PlainOpenWithOptions({DetectDotGit, EnableDotGitCommonDir})`: the nearest `.git` at or
 * above `startDir`; a `.git` file (`gitdir: <path>`, linked worktrees and submodules) is followed,
 * and a `commondir` file in the git dir points at the shared config.
 */
export function findGitDirs(startDir: string): GitDirs | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const dotGit = join(dir, '.git');
    const kind = statKind(dotGit);
    let gitDir: string | undefined;
    if (kind === 'dir') {
      gitDir = dotGit;
    } else if (kind === 'file') {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? '');
      if (m) gitDir = isAbsolute(m[1]!) ? m[1]! : resolve(dir, m[1]!);
    }
    if (kind !== undefined) {
      // The nearest .git decides, as in go-git: a broken one does not fall through to a parent repository.
      if (gitDir === undefined || statKind(gitDir) !== 'dir') return undefined;
      const common = readText(join(gitDir, 'commondir'))?.trim();
      const commonDir = common ? (isAbsolute(common) ? common : resolve(gitDir, common)) : gitDir;
      return { worktreeRoot: dir, gitDir, commonDir };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface GitConfigEntry {
  /** Lower-cased section name. */
  section: string;
  /** Case-sensitive subsection, when the header has one. */
  subsection?: string;
  /** Lower-cased key. */
  key: string;
  value: string;
}

/** A git-config reader for the parts that matter here: sections, subsections, quoted values. */
export function parseGitConfig(text: string): GitConfigEntry[] {
  const entries: GitConfigEntry[] = [];
  let section = '';
  let subsection: string | undefined;
  let i = 0;
  const n = text.length;
  const skipLine = () => {
    while (i < n && text[i] !== '\n') i++;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '#' || c === ';') {
      skipLine();
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      const header = end >= 0 ? text.slice(i + 1, end) : text.slice(i + 1);
      i = end >= 0 ? end + 1 : n;
      const quoted = /^\s*([^\s"]+)\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(header);
      if (quoted) {
        section = quoted[1]!.toLowerCase();
        subsection = quoted[2]!.replace(/\\(.)/g, '$1');
      } else {
        const name = header.trim();
        const dot = name.indexOf('.');
        // The deprecated `[section.subsection]` form, whose subsection is case-insensitive.
        section = (dot >= 0 ? name.slice(0, dot) : name).toLowerCase();
        subsection = dot >= 0 ? name.slice(dot + 1).toLowerCase() : undefined;
      }
    } else if (/[A-Za-z0-9-]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9-]/.test(text[j]!)) j++;
      const key = text.slice(i, j).toLowerCase();
      i = j;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      let value = 'true';
      if (text[i] === '=') {
        i++;
        value = readValue();
      } else {
        skipLine();
      }
      entries.push({ section, ...(subsection !== undefined ? { subsection } : {}), key, value });
    } else {
      skipLine();
    }
  }
  return entries;

  function readValue(): string {
    let out = '';
    let pendingSpace = '';
    let inQuotes = false;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    while (i < n) {
      const c = text[i]!;
      if (c === '\n' && !inQuotes) break;
      if (c === '\r' && text[i + 1] === '\n' && !inQuotes) {
        i++;
        continue;
      }
      if (!inQuotes && (c === '#' || c === ';')) {
        skipLine();
        break;
      }
      if (c === '"') {
        out += pendingSpace;
        pendingSpace = '';
        inQuotes = !inQuotes;
        i++;
        continue;
      }
      if (c === '\\') {
        const e = text[i + 1];
        i += 2;
        if (e === '\n') continue; // line continuation
        if (e === '\r' && text[i] === '\n') {
          i++;
          continue;
        }
        out += pendingSpace + (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'b' ? '\b' : (e ?? ''));
        pendingSpace = '';
        continue;
      }
      if (!inQuotes && (c === ' ' || c === '\t')) {
        pendingSpace += c; // kept only if something follows on the line
        i++;
        continue;
      }
      out += pendingSpace + c;
      pendingSpace = '';
      i++;
    }
    return out;
  }
}

export interface GitRemote {
  name: string;
  /** `url` values in file order, after `url.<base>.insteadOf` rewriting. */
  urls: string[];
}

/** go-git `Config.Remotes`, in file order, with the longest matching `insteadOf` rule applied. */
export function remotesFromConfig(text: string): GitRemote[] {
  const entries = parseGitConfig(text);
  const rules: { base: string; prefix: string }[] = [];
  const remotes = new Map<string, string[]>();
  for (const e of entries) {
    if (e.section === 'url' && e.subsection !== undefined && e.key === 'insteadof') {
      rules.push({ base: e.subsection, prefix: e.value });
    } else if (e.section === 'remote' && e.subsection !== undefined) {
      const urls = remotes.get(e.subsection) ?? [];
      if (e.key === 'url') urls.push(e.value);
      remotes.set(e.subsection, urls);
    }
  }
  const rewrite = (url: string) => {
    let best: { base: string; prefix: string } | undefined;
    for (const r of rules) {
      if (url.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
    }
    return best ? best.base + url.slice(best.prefix.length) : url;
  };
  return [...remotes].map(([name, urls]) => ({ name, urls: urls.map(rewrite) }));
}

export interface RedactedUrl {
  /** Safe to print: userinfo holding a secret removed. */
  display: string;
  /** Safe to print and to serialise: the secret replaced by `*`, same JSON byte size as the original. */
  sized: string;
  hadCredentials: boolean;
}

const SSH_SCHEMES = new Set(['ssh', 'git+ssh', 'ssh+git']);

/**
 * Hide credentials in a remote URL. For `scheme://userinfo@host` any userinfo counts as a secret
 * (GitHub accepts a token as the user name), except a bare SSH login name such as `git@`.
 */
export function redactUrl(raw: string): RedactedUrl {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/.exec(raw);
  let prefix: string;
  let userinfo: string;
  let suffix: string;
  if (m) {
    const authority = m[2]!;
    const at = authority.lastIndexOf('@');
    if (at < 0) return { display: raw, sized: raw, hadCredentials: false };
    userinfo = authority.slice(0, at);
    if (SSH_SCHEMES.has(m[1]!.toLowerCase()) && !userinfo.includes(':')) {
      return { display: raw, sized: raw, hadCredentials: false };
    }
    prefix = `${m[1]}://`;
    suffix = raw.slice(prefix.length + at + 1);
  } else {
    const scp = /^([^@/]+)@/.exec(raw);
    if (!scp || !scp[1]!.includes(':')) return { display: raw, sized: raw, hadCredentials: false };
    prefix = '';
    userinfo = scp[1]!;
    suffix = raw.slice(userinfo.length + 1);
  }
  const stars = '*'.repeat(quotedGoStringSize(userinfo) - 2);
  return { display: prefix + suffix, sized: `${prefix}${stars}@${suffix}`, hadCredentials: true };
}

export type RepoSource = 'git-config' | 'override';

export type RepoLookup =
  | {
      status: 'known';
      /** For the payload; `url` is the credential-masked, same-size form of the remote URL. */
      info: RepoInfo;
      /** For messages. */
      displayUrl: string;
      source: RepoSource;
      /** The remote used, when read from git config. */
      remote?: string;
      /** All remotes: with more than one, the CLI picks one at random (Go map order). */
      remotes: string[];
      credentialsInUrl: boolean;
      parser: 'canonical' | 'generic';
    }
  | {
      status: 'unknown';
      /**
       * - `no-git`: no repository at or above the directory (both uploads fail);
       * - `no-remote`: no remote URL (list instances sends empty repo fields, describe affected fails);
       * - `unparseable`: the URL defeats `ParseRepoURL` (both uploads fail).
       */
      cause: 'no-git' | 'no-remote' | 'unparseable';
      message: string;
      source: RepoSource;
      displayUrl?: string;
      remotes: string[];
    };

function fromUrl(raw: string, source: RepoSource, remote: string | undefined, remotes: string[]): RepoLookup {
  const redacted = redactUrl(raw);
  const parsed = parseRepoUrl(raw);
  if (!parsed.ok) {
    return {
      status: 'unknown',
      cause: 'unparseable',
      message: `cannot derive the repository from ${redacted.display}: ${parsed.reason}`,
      source,
      displayUrl: redacted.display,
      remotes,
    };
  }
  return {
    status: 'known',
    info: {
      url: redacted.sized,
      name: parsed.parts.name,
      owner: parsed.parts.owner,
      host: parsed.parts.host,
    },
    displayUrl: redacted.display,
    source,
    ...(remote !== undefined ? { remote } : {}),
    remotes,
    credentialsInUrl: redacted.hadCredentials,
    parser: parsed.parser,
  };
}

export interface ResolveRepoOptions {
  /** Where to start looking for `.git` (the CLI uses its working directory). */
  startDir: string;
  /** `--repo-url`: used instead of git config, parsed the same way. */
  repoUrl?: string;
}

/** The upload's repository fields, or why they cannot be known. */
export function resolveRepo(options: ResolveRepoOptions): RepoLookup {
  if (options.repoUrl !== undefined) return fromUrl(options.repoUrl, 'override', undefined, []);
  const dirs = findGitDirs(options.startDir);
  if (!dirs) {
    return {
      status: 'unknown',
      cause: 'no-git',
      message: 'no git repository found; pass --repo-url to simulate the repository fields',
      source: 'git-config',
      remotes: [],
    };
  }
  const remotes = remotesFromConfig(readText(join(dirs.commonDir, 'config')) ?? '');
  const names = remotes.map((r) => r.name);
  const chosen = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  const url = chosen?.urls[0];
  if (!chosen || !url) {
    return {
      status: 'unknown',
      cause: 'no-remote',
      message: 'the git repository has no remote URL; pass --repo-url to simulate the repository fields',
      source: 'git-config',
      remotes: names,
    };
  }
  return fromUrl(url, 'git-config', chosen.name, names);
}

/** Stand-in repository fields for sizing when the real ones are unknown. */
export function placeholderRepoInfo(): RepoInfo {
  return {
    url: 'https://github.com/example-org/example-repo.git',
    name: 'example-repo',
    owner: 'example-org',
    host: 'github.com',
  };
}
