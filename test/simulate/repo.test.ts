import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGoUrl, parseRepoUrl } from '../../src/simulate/giturl.js';
import { marshalSize } from '../../src/simulate/gojson.js';
import {
  findGitDirs,
  parseGitConfig,
  redactUrl,
  remotesFromConfig,
  resolveRepo,
} from '../../src/simulate/repo.js';

describe('parseRepoUrl (pkg/git ParseRepoURL)', () => {
  const ok: [string, string, string, string, 'canonical' | 'generic'][] = [
    // [url, host, owner, name, parser]
    ['https://github.com/cloudposse/atmos.git', 'github.com', 'cloudposse', 'atmos', 'canonical'],
    ['https://github.com/cloudposse/atmos', 'github.com', 'cloudposse', 'atmos', 'canonical'],
    ['git@github.com:cloudposse/atmos.git', 'github.com', 'cloudposse', 'atmos', 'canonical'],
    ['ssh://git@github.com/cloudposse/atmos.git', 'github.com', 'cloudposse', 'atmos', 'canonical'],
    [
      'https://www.github.com/cloudposse/atmos/tree/main/pkg',
      'github.com',
      'cloudposse',
      'atmos',
      'canonical',
    ],
    ['https://x-access-token:ghs_abc@github.com/org/repo.git', 'github.com', 'org', 'repo', 'canonical'],
    // Port in the host: kubescape's exact github.com match fails, the generic parser takes over.
    ['ssh://git@github.com:22/org/repo.git', 'github.com', 'org', 'repo', 'generic'],
    // From pkg/git/git_test.go TestGetRepoInfo.
    ['git@ghe.example.com:acme/widgets.git', 'ghe.example.com', 'acme', 'widgets', 'generic'],
    ['https://ghe.example.com/acme/widgets.git', 'ghe.example.com', 'acme', 'widgets', 'generic'],
    ['https://code.example.com/group/sub/widgets.git', 'code.example.com', 'group', 'sub/widgets', 'generic'],
    [
      'ssh://git@bitbucket.example.com:7999/proj/widgets.git',
      'bitbucket.example.com',
      'proj',
      'widgets',
      'generic',
    ],
    // kubescape's GitLab parser: every group is the owner; any host containing "gitlab".
    ['https://gitlab.com/group/sub/repo.git', 'gitlab.com', 'group/sub', 'repo', 'canonical'],
    ['git@gitlab.example.com:group/repo.git', 'gitlab.example.com', 'group', 'repo', 'canonical'],
    ['https://gitlab.com/group/repo/-/tree/main', 'gitlab.com', 'group', 'repo', 'canonical'],
    ['https://bitbucket.org/owner/repo.git', 'bitbucket.org', 'owner', 'repo', 'canonical'],
    ['https://org@dev.azure.com/org/project/_git/repo', 'dev.azure.com', 'org', 'repo', 'canonical'],
    ['git@ssh.dev.azure.com:v3/org/project/repo', 'dev.azure.com', 'org', 'repo', 'canonical'],
  ];
  for (const [url, host, owner, name, parser] of ok) {
    it(url, () => {
      expect(parseRepoUrl(url)).toEqual({ ok: true, parts: { host, owner, name }, parser });
    });
  }

  it('fails like Atmos for shapes neither parser accepts', () => {
    for (const bad of ['not-a-valid-url', '', '/local/path/repo', 'https://github.com/only-owner']) {
      expect(parseRepoUrl(bad).ok).toBe(false);
    }
  });

  it('never echoes the URL in the failure reason', () => {
    const result = parseRepoUrl('https://user:s3cret@example.com/x');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });
});

describe('parseGoUrl (net/url.Parse subset)', () => {
  it('splits scheme, userinfo, host with port and decoded path', () => {
    expect(parseGoUrl('HTTPS://u:p@Host.example:8443/a%20b/c.git?x=1#frag')).toEqual({
      scheme: 'https',
      user: 'u:p',
      host: 'Host.example:8443',
      path: '/a b/c.git',
      rawQuery: 'x=1',
    });
  });

  it('rejects what Go rejects', () => {
    expect(parseGoUrl('git@github.com:org/repo.git')).toBeUndefined(); // colon in first segment
    expect(parseGoUrl('https://host:abc/x')).toBeUndefined(); // bad port
    expect(parseGoUrl('https://host/%zz')).toBeUndefined(); // bad escape
    expect(parseGoUrl('https://ho st/x')).toBeUndefined(); // space in host
    expect(parseGoUrl(':nothing')).toBeUndefined(); // missing scheme
    expect(parseGoUrl('https://host/\n')).toBeUndefined(); // control character
  });
});

describe('redactUrl', () => {
  it('drops userinfo from http(s) URLs and masks it at the same JSON size', () => {
    const raw = 'https://x-access-token:ghs_Secret&123@github.com/org/repo.git';
    const r = redactUrl(raw);
    expect(r.hadCredentials).toBe(true);
    expect(r.display).toBe('https://github.com/org/repo.git');
    expect(r.sized).not.toContain('ghs_');
    expect(r.sized).toMatch(/^https:\/\/\*+@github\.com\/org\/repo\.git$/);
    // "&" is six bytes once Go escapes it; the mask keeps the payload byte-exact.
    expect(marshalSize(r.sized)).toBe(marshalSize(raw));
  });

  it('treats a token used as the user name as a secret', () => {
    expect(redactUrl('https://ghp_token@github.com/org/repo').display).toBe('https://github.com/org/repo');
  });

  it('keeps SSH login names and plain URLs', () => {
    for (const url of [
      'git@github.com:org/repo.git',
      'ssh://git@host/org/repo',
      'https://github.com/org/repo',
    ]) {
      expect(redactUrl(url)).toEqual({ display: url, sized: url, hadCredentials: false });
    }
    expect(redactUrl('ssh://git:pw@host/org/repo').display).toBe('ssh://host/org/repo');
    expect(redactUrl('user:pw@host:org/repo').display).toBe('host:org/repo');
  });
});

describe('git config', () => {
  it('parses sections, subsections, quotes, escapes, comments and continuations', () => {
    const text = [
      '[core]',
      '\tbare = false ; comment',
      '[remote "origin"]',
      '\turl = "https://github.com/org/re\\"po" # trailing comment',
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '[Remote "Upstream"]',
      '\tURL = git@github.com:up/\\',
      'stream.git',
      '[branch.main]',
      '\tremote',
    ].join('\n');
    expect(parseGitConfig(text)).toEqual([
      { section: 'core', key: 'bare', value: 'false' },
      { section: 'remote', subsection: 'origin', key: 'url', value: 'https://github.com/org/re"po' },
      { section: 'remote', subsection: 'origin', key: 'fetch', value: '+refs/heads/*:refs/remotes/origin/*' },
      { section: 'remote', subsection: 'Upstream', key: 'url', value: 'git@github.com:up/stream.git' },
      { section: 'branch', subsection: 'main', key: 'remote', value: 'true' },
    ]);
  });

  it('applies the longest insteadOf rule and keeps url order', () => {
    const text = [
      '[url "git@github.com:"]',
      '\tinsteadOf = https://github.com/',
      '[url "git@github.com:org/"]',
      '\tinsteadOf = https://github.com/org/',
      '[remote "origin"]',
      '\turl = https://github.com/org/repo.git',
      '\turl = https://example.com/second.git',
      '[remote "fork"]',
      '\turl = https://github.com/me/repo.git',
    ].join('\r\n');
    expect(remotesFromConfig(text)).toEqual([
      { name: 'origin', urls: ['git@github.com:org/repo.git', 'https://example.com/second.git'] },
      { name: 'fork', urls: ['git@github.com:me/repo.git'] },
    ]);
  });
});

describe('resolveRepo', () => {
  const root = mkdtempSync(join(tmpdir(), 'apl-repo-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function repoWith(name: string, config: string): string {
    const dir = join(root, name);
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git', 'config'), config);
    return dir;
  }

  it('reads origin from .git/config, searching upwards', () => {
    const dir = repoWith('plain', '[remote "origin"]\n\turl = git@github.com:acme/infra.git\n');
    const nested = join(dir, 'stacks', 'orgs');
    mkdirSync(nested, { recursive: true });
    const result = resolveRepo({ startDir: nested });
    expect(result).toMatchObject({
      status: 'known',
      info: { url: 'git@github.com:acme/infra.git', name: 'infra', owner: 'acme', host: 'github.com' },
      displayUrl: 'git@github.com:acme/infra.git',
      source: 'git-config',
      remote: 'origin',
      remotes: ['origin'],
      credentialsInUrl: false,
    });
  });

  it('follows a worktree .git file and its commondir to the shared config', () => {
    const main = repoWith('main', '[remote "origin"]\n\turl = https://github.com/acme/infra\n');
    const wtGit = join(main, '.git', 'worktrees', 'feature');
    mkdirSync(wtGit, { recursive: true });
    writeFileSync(join(wtGit, 'commondir'), '../..\n');
    const wt = join(root, 'feature-wt');
    mkdirSync(wt, { recursive: true });
    writeFileSync(join(wt, '.git'), `gitdir: ${wtGit}\n`);
    expect(findGitDirs(wt)).toEqual({ worktreeRoot: wt, gitDir: wtGit, commonDir: join(main, '.git') });
    expect(resolveRepo({ startDir: wt })).toMatchObject({
      status: 'known',
      info: { owner: 'acme', name: 'infra' },
    });
  });

  it('follows a relative gitdir (submodule layout)', () => {
    const parent = repoWith('parent', '');
    const modGit = join(parent, '.git', 'modules', 'sub');
    mkdirSync(modGit, { recursive: true });
    writeFileSync(join(modGit, 'config'), '[remote "origin"]\n\turl = https://github.com/acme/sub.git\n');
    const sub = join(parent, 'sub');
    mkdirSync(sub);
    writeFileSync(join(sub, '.git'), 'gitdir: ../.git/modules/sub\n');
    expect(resolveRepo({ startDir: sub })).toMatchObject({ status: 'known', info: { name: 'sub' } });
  });

  it('never exposes credentials from the remote URL', () => {
    const dir = repoWith(
      'creds',
      '[remote "origin"]\n\turl = https://bot:ghp_TOPSECRET@github.com/acme/infra.git\n',
    );
    const result = resolveRepo({ startDir: dir });
    expect(JSON.stringify(result)).not.toContain('TOPSECRET');
    expect(result).toMatchObject({
      status: 'known',
      displayUrl: 'https://github.com/acme/infra.git',
      credentialsInUrl: true,
      info: { owner: 'acme', name: 'infra' },
    });
    if (result.status === 'known') {
      expect(marshalSize(result.info.url)).toBe(
        marshalSize('https://bot:ghp_TOPSECRET@github.com/acme/infra.git'),
      );
    }
  });

  it('prefers origin among several remotes and lists them all', () => {
    const dir = repoWith(
      'multi',
      '[remote "upstream"]\n\turl = https://github.com/up/x\n[remote "origin"]\n\turl = https://github.com/me/x\n',
    );
    expect(resolveRepo({ startDir: dir })).toMatchObject({
      status: 'known',
      remote: 'origin',
      remotes: ['upstream', 'origin'],
      info: { owner: 'me' },
    });
  });

  it('reports a repository without remotes, and a directory outside any repository', () => {
    const dir = repoWith('bare-remote', '[core]\n\tbare = false\n');
    expect(resolveRepo({ startDir: dir })).toMatchObject({ status: 'unknown', cause: 'no-remote' });
    const outside = mkdtempSync(join(tmpdir(), 'apl-nogit-'));
    try {
      const found = findGitDirs(outside);
      // A temp dir could only be inside a repository on an unusual machine; skip the claim then.
      if (!found)
        expect(resolveRepo({ startDir: outside })).toMatchObject({ status: 'unknown', cause: 'no-git' });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reports an unparseable remote without printing it', () => {
    const dir = repoWith('weird', '[remote "origin"]\n\turl = /srv/git/repo\n');
    expect(resolveRepo({ startDir: dir })).toMatchObject({
      status: 'unknown',
      cause: 'unparseable',
      displayUrl: '/srv/git/repo',
    });
  });

  it('uses --repo-url instead of git config', () => {
    expect(resolveRepo({ startDir: root, repoUrl: 'https://gitlab.com/g/s/r.git' })).toMatchObject({
      status: 'known',
      source: 'override',
      info: { url: 'https://gitlab.com/g/s/r.git', host: 'gitlab.com', owner: 'g/s', name: 'r' },
    });
  });
});

describe('findGitDirs', () => {
  it('stops at a broken .git file instead of using a parent repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'apl-broken-'));
    try {
      mkdirSync(join(root, '.git'));
      writeFileSync(
        join(root, '.git', 'config'),
        '[remote "origin"]\n\turl = https://github.com/parent/repo\n',
      );
      const child = join(root, 'child');
      mkdirSync(child);
      writeFileSync(join(child, '.git'), 'gitdir: ./missing\n');
      expect(findGitDirs(child)).toBeUndefined();
      expect(findGitDirs(root)?.gitDir).toBe(join(root, '.git'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
