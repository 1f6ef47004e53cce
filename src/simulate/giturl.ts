/**
 * `pkg/git` `ParseRepoURL`: host, owner and repository name from a remote URL, as the Atmos CLI
 * derives `repo_host`, `repo_owner` and `repo_name`. The canonical parser is
 * github.com/kubescape/go-git-url (v0.0.30) over github.com/chainguard-dev/git-urls; when it rejects a
 * URL, Atmos falls back to `ParseGenericGitURL`.
 */

export interface GitUrlParts {
  host: string;
  owner: string;
  name: string;
}

export type ParseRepoUrlResult =
  | { ok: true; parts: GitUrlParts; parser: 'canonical' | 'generic' }
  | { ok: false; reason: string };

/** The subset of Go's `*url.URL` the parsers read. */
export interface GoUrl {
  scheme: string;
  /** Raw userinfo before `@`, if any. */
  user?: string;
  /** Host with port, as `url.URL.Host`. */
  host: string;
  /** Percent-decoded path. */
  path: string;
  rawQuery: string;
}

function isAlpha(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function unhex(c: string): number {
  const n = Number.parseInt(c, 16);
  return Number.isNaN(n) || !/^[0-9a-fA-F]$/.test(c) ? -1 : n;
}

/** Go's `url.unescape` for paths and hosts: `%XX` decoding; a malformed escape is an error. */
function percentDecode(s: string): string | undefined {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%') {
      const hi = unhex(s[i + 1] ?? '');
      const lo = unhex(s[i + 2] ?? '');
      if (hi < 0 || lo < 0) return undefined;
      bytes.push(hi * 16 + lo);
      i += 3;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const VALID_USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

/** Go's `net/url.Parse` (no `viaRequest`), reduced to what the git URL parsers use. */
export function parseGoUrl(raw: string): GoUrl | undefined {
  // Go refuses ASCII control characters anywhere in a URL.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return undefined;
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);

  let scheme = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (isAlpha(c)) continue;
    if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return undefined; // "missing protocol scheme"
      scheme = rest.slice(0, i).toLowerCase();
      rest = rest.slice(i + 1);
    }
    break;
  }

  let rawQuery = '';
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }

  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, host: '', path: '', rawQuery }; // opaque, e.g. "mailto:x"
    const slash = rest.indexOf('/');
    const segment = slash >= 0 ? rest.slice(0, slash) : rest;
    if (segment.includes(':')) return undefined; // "first path segment in URL cannot contain colon"
  }

  let user: string | undefined;
  let host = '';
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const authEnd = rest.indexOf('/', 2);
    const authority = authEnd >= 0 ? rest.slice(2, authEnd) : rest.slice(2);
    rest = authEnd >= 0 ? rest.slice(authEnd) : '';
    const at = authority.lastIndexOf('@');
    let hostPart = authority;
    if (at >= 0) {
      user = authority.slice(0, at);
      if (!VALID_USERINFO.test(user)) return undefined;
      hostPart = authority.slice(at + 1);
    }
    const parsedHost = parseHost(hostPart);
    if (parsedHost === undefined) return undefined;
    host = parsedHost;
  }
  const path = percentDecode(rest);
  if (path === undefined) return undefined;
  return { scheme, ...(user !== undefined ? { user } : {}), host, path, rawQuery };
}

function parseHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return undefined;
    const port = host.slice(close + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) return undefined;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon))) return undefined;
  }
  // Go refuses ASCII characters that have no place in a host name ("invalid character in host name").
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.test(host)) return undefined;
  return percentDecode(host);
}

/** `url.URL.Hostname()`: the host without port or IPv6 brackets. */
export function hostname(host: string): string {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return close >= 0 ? host.slice(1, close) : host.slice(1);
  }
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

const TRANSPORTS = new Set(['ssh', 'git', 'git+ssh', 'http', 'https', 'ftp', 'ftps', 'rsync', 'file']);
// chainguard-dev/git-urls `scpSyntax` (the empty alternative makes the `?` optional).
const SCP_SYNTAX = /^([a-zA-Z0-9._~-]+@)?([a-zA-Z0-9._-]+):([a-zA-Z0-9./_-]+)(?:\?||$)(.*)$/;
// Atmos `scpLikeURLPattern`.
const SCP_LIKE = /^[^@/]+@([^:/]+):(.+?)(?:\.git)?$/;

/** chainguard-dev/git-urls `Parse`: a transport URL, else scp-like, else a local path. */
export function parseGitUrl(raw: string): GoUrl {
  const u = parseGoUrl(raw);
  if (u && TRANSPORTS.has(u.scheme)) return u;
  if (raw.length <= 2048) {
    const m = SCP_SYNTAX.exec(raw);
    if (m) {
      const user = (m[1] ?? '').replace(/@+$/, '');
      return { scheme: 'ssh', ...(user ? { user } : {}), host: m[2]!, path: m[3]!, rawQuery: m[4] ?? '' };
    }
  }
  return { scheme: 'file', host: '', path: raw, rawQuery: '' };
}

function fields(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function trimGit(s: string): string {
  return s.endsWith('.git') ? s.slice(0, -4) : s;
}

/** kubescape/go-git-url `NewGitURL` + `GetHostName/GetOwnerName/GetRepoName`. */
function parseCanonical(raw: string): GitUrlParts | string {
  const u = parseGitUrl(raw);
  const host = u.host;
  const segs = fields(u.path);
  if (host === 'github.com' || host === 'raw.githubusercontent.com' || host === 'www.github.com') {
    if (segs.length < 2) return `expecting <user>/<repo> in url path, received: '${u.path}'`;
    return { host: 'github.com', owner: segs[0]!, name: trimGit(segs[1]!) };
  }
  if (host.endsWith('azure.com')) {
    if (host.startsWith('ssh')) {
      if (segs.length < 3 || segs.length > 5) {
        return `expecting v/<user>/<project>/<repo> in url path, received: '${u.path}'`;
      }
      const i = segs.length === 4 ? 1 : 0;
      return { host: host.replace(/^ssh\./, ''), owner: segs[i]!, name: segs[i + 2]! };
    }
    if (segs.length < 4 || segs[2] !== '_git') {
      return `expecting <user>/<project>/_git/<repo> in url path, received: '${u.path}'`;
    }
    return { host, owner: segs[0]!, name: segs[3]! };
  }
  if (host.endsWith('bitbucket.org')) {
    if (segs.length < 2) return `expecting <user>/<repo> in url path, received: '${u.path}'`;
    return { host: 'bitbucket.org', owner: segs[0]!, name: trimGit(segs[1]!) };
  }
  if (host.includes('gitlab')) {
    if (segs.length < 2) return `expecting <user>/<repo> in url path, received: '${u.path}'`;
    // Owner is every group up to the repository, which is the last segment before a "-" marker.
    let index = 0;
    for (let i = 0; i < segs.length; i++) {
      if (segs[i] === '-') break;
      index = i;
    }
    return { host, owner: segs.slice(0, index).join('/'), name: trimGit(segs[index]!) };
  }
  return `repository host '${host}' not supported`;
}

/** Atmos `ParseGenericGitURL`: first path segment is the owner, the rest the name. */
function parseGeneric(raw: string): GitUrlParts | undefined {
  const u = parseGoUrl(raw);
  if (u && u.scheme !== '' && u.host !== '') {
    const path = trimGit(u.path.replace(/^\//, ''));
    const i = path.indexOf('/');
    if (i > 0) return { host: hostname(u.host), owner: path.slice(0, i), name: path.slice(i + 1) };
  }
  const m = SCP_LIKE.exec(raw);
  if (m) {
    const path = trimGit(m[2]!);
    const i = path.indexOf('/');
    if (i > 0) return { host: m[1]!, owner: path.slice(0, i), name: path.slice(i + 1) };
  }
  return undefined;
}

/** Atmos `ParseRepoURL`. The failure reason never contains the URL itself. */
export function parseRepoUrl(raw: string): ParseRepoUrlResult {
  const canonical = parseCanonical(raw);
  if (typeof canonical !== 'string') return { ok: true, parts: canonical, parser: 'canonical' };
  const generic = parseGeneric(raw);
  if (generic) return { ok: true, parts: generic, parser: 'generic' };
  return { ok: false, reason: canonical.replace(/received: '.*'$/, 'received something else') };
}
