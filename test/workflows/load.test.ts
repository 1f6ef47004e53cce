import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Loc, SourceFile, spanOf } from '../../src/core/source.js';
import {
  type InputDef,
  type LoadWorkflowsOptions,
  loadWorkflows,
  parseWorkflow,
  type Workflow,
  type WorkflowIndex,
} from '../../src/workflows/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

function span(loc: Loc) {
  return spanOf(loc);
}

function get(index: WorkflowIndex, name: string): Workflow {
  const workflow = index.workflows.get(name);
  if (!workflow) throw new Error(`no workflow ${name} in ${[...index.workflows.keys()].join(', ')}`);
  return workflow;
}

function input(workflow: Workflow, id: string): InputDef {
  const def = workflow.dispatch?.inputs.get(id);
  if (!def) throw new Error(`no input ${id} in ${workflow.fileName}`);
  return def;
}

/** Text under a location, to show a span covers exactly what it should. */
function textAt(loc: Loc): string {
  return loc.file.text.slice(loc.start, loc.end);
}

describe('on forms', () => {
  const index = loadWorkflows(path.join(fixtures, 'forms'));

  it('reads only *.yml and *.yaml, sorted, without findings', () => {
    expect(index.dirExists).toBe(true);
    expect(index.dir).toBe(path.join(fixtures, 'forms', '.github', 'workflows'));
    expect([...index.workflows.keys()]).toEqual([
      'anchors.yaml',
      'block-map.yaml',
      'flow-map.yml',
      'list.yaml',
      'not-dispatchable.yaml',
      'quoted-on.yaml',
      'string.yml',
      'true-key.yaml',
    ]);
    expect(index.findings).toEqual([]);
  });

  it('on: <event> (a string)', () => {
    const wf = get(index, 'string.yml');
    expect(wf.name).toBe('String form');
    expect(wf.file.path).toBe(path.join(index.dir, 'string.yml'));
    expect([...wf.triggers.keys()]).toEqual(['workflow_dispatch']);
    expect(span(wf.dispatch!.loc)).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 22 });
    expect(wf.dispatch!.inputs.size).toBe(0);
  });

  it('on: [a, b] (a list)', () => {
    const wf = get(index, 'list.yaml');
    expect(wf.name).toBeUndefined();
    expect([...wf.triggers.keys()]).toEqual(['push', 'workflow_dispatch']);
    expect(span(wf.triggers.get('push')!.loc)).toEqual({ line: 1, column: 6, endLine: 1, endColumn: 10 });
    expect(span(wf.dispatch!.loc)).toEqual({ line: 1, column: 12, endLine: 1, endColumn: 29 });
  });

  it('block map with null-valued entries and types as a list or a single string', () => {
    const wf = get(index, 'block-map.yaml');
    expect([...wf.triggers.keys()]).toEqual(['push', 'workflow_dispatch', 'pull_request', 'release']);
    expect(wf.triggers.get('push')!.types).toBeUndefined();
    expect(wf.triggers.get('pull_request')!.types).toEqual(['opened', 'closed']);
    expect(wf.triggers.get('release')!.types).toEqual(['published']);
    expect(span(wf.triggers.get('release')!.loc)).toEqual({ line: 7, column: 3, endLine: 7, endColumn: 10 });
    expect(span(wf.dispatch!.loc)).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 20 });
    expect(wf.dispatch!.inputs.size).toBe(0);
  });

  it('flow map with `workflow_dispatch: null`', () => {
    const wf = get(index, 'flow-map.yml');
    expect([...wf.triggers.keys()]).toEqual(['workflow_dispatch', 'schedule']);
    expect(span(wf.dispatch!.loc)).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 24 });
    expect(span(wf.triggers.get('schedule')!.loc)).toEqual({
      line: 1,
      column: 32,
      endLine: 1,
      endColumn: 40,
    });
  });

  it('quoted "on" key', () => {
    const wf = get(index, 'quoted-on.yaml');
    expect(wf.dispatch).toBeDefined();
    expect(span(wf.dispatch!.loc)).toEqual({ line: 3, column: 3, endLine: 3, endColumn: 20 });
  });

  it('`true` key left by a YAML 1.1 tool counts as `on`', () => {
    const wf = get(index, 'true-key.yaml');
    expect(wf.parseError).toBeUndefined();
    expect(span(wf.dispatch!.loc)).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 20 });
    const stack = input(wf, 'stack');
    expect(stack.required).toBe(true);
    expect(span(stack.loc)).toEqual({ line: 6, column: 7, endLine: 6, endColumn: 12 });
  });

  it('a workflow without workflow_dispatch has triggers but no contract', () => {
    const wf = get(index, 'not-dispatchable.yaml');
    expect(wf.dispatch).toBeUndefined();
    expect(wf.parseError).toBeUndefined();
    expect(wf.triggers.get('pull_request')!.types).toEqual(['opened', 'synchronize']);
  });

  it('resolves aliases inside inputs', () => {
    const wf = get(index, 'anchors.yaml');
    for (const id of ['component', 'stack']) {
      const def = input(wf, id);
      expect(def).toMatchObject({ id, type: 'string', typeWritten: true, required: true });
    }
    expect(span(input(wf, 'stack').loc)).toEqual({ line: 8, column: 7, endLine: 8, endColumn: 12 });
  });
});

describe('`on` vs `true` keys, parsed directly', () => {
  const parse = (text: string) =>
    parseWorkflow(new SourceFile('/repo/.github/workflows/t.yaml', text), 't.yaml');

  it('prefers a real `on` over a `true` key when both are present', () => {
    const { workflow, findings } = parse('true: push\non: workflow_dispatch\njobs: {}\n');
    expect(findings).toEqual([]);
    expect([...workflow.triggers.keys()]).toEqual(['workflow_dispatch']);
  });

  it('accepts `True` (a YAML 1.2 core boolean) as the key', () => {
    const { workflow } = parse('True: [workflow_dispatch]\n');
    expect(workflow.dispatch).toBeDefined();
  });

  it('does not take the string "true" (quoted) for `on`', () => {
    const { workflow } = parse('"true": workflow_dispatch\n');
    expect(workflow.parseError?.message).toMatch(/no "on" section/);
  });

  it('reports empty `on` forms', () => {
    for (const text of ['on:\n', 'on: []\n', 'on: {}\n']) {
      expect(parse(text).workflow.parseError?.message, text).toMatch(/"on" lists no events/);
    }
    expect(parse('on: [push, [x]]\n').workflow.parseError?.message).toMatch(
      /list item must be an event name/,
    );
  });
});

describe('inputs', () => {
  const index = loadWorkflows(path.join(fixtures, 'inputs'));
  const wf = get(index, 'inputs.yaml');

  it('keys inputs by lowercased id, in declaration order', () => {
    expect([...wf.dispatch!.inputs.keys()]).toEqual([
      'plain',
      'text',
      'text_with_default',
      'flag',
      'count',
      'level',
      'target',
      'upper_case',
      'weird',
    ]);
  });

  it('defaults the type to string and records that it was not written', () => {
    expect(input(wf, 'plain')).toMatchObject({
      id: 'plain',
      type: 'string',
      typeWritten: false,
      required: false,
      description: 'No type given',
    });
    expect(input(wf, 'plain').default).toBeUndefined();
    expect(span(input(wf, 'plain').loc)).toEqual({ line: 5, column: 7, endLine: 5, endColumn: 12 });
  });

  it('reads every type with required, default and options', () => {
    expect(input(wf, 'text')).toMatchObject({ type: 'string', typeWritten: true, required: true });
    expect(input(wf, 'text_with_default')).toMatchObject({ required: true, default: 'main' });
    expect(input(wf, 'flag')).toMatchObject({ type: 'boolean', default: false, required: false });
    expect(input(wf, 'count')).toMatchObject({ type: 'number', default: 3 });
    expect(input(wf, 'level')).toMatchObject({ type: 'choice', options: ['low', 'high', '1.0'] });
    expect(input(wf, 'target')).toMatchObject({ type: 'environment' });
    expect(span(input(wf, 'level').loc)).toEqual({ line: 20, column: 7, endLine: 20, endColumn: 12 });
    expect(span(input(wf, 'count').loc)).toEqual({ line: 17, column: 7, endLine: 17, endColumn: 12 });
  });

  it('takes required "true" (a string) as required and an expression as not required', () => {
    expect(input(wf, 'level').required).toBe(true);
    expect(input(wf, 'target').required).toBe(false);
  });

  it('keeps upper-case ids as written', () => {
    const def = input(wf, 'upper_case');
    expect(def.id).toBe('Upper_Case');
    expect(textAt(def.loc)).toBe('Upper_Case');
    expect(span(def.loc)).toEqual({ line: 30, column: 7, endLine: 30, endColumn: 17 });
  });

  it('records an unknown written type and treats the input as a string', () => {
    expect(input(wf, 'weird')).toMatchObject({ type: 'string', typeWritten: true, invalidType: 'integer' });
  });

  it('reports ids that clash case-insensitively and keeps the first', () => {
    const clash = get(index, 'clash.yml');
    expect(clash.parseError).toBeUndefined();
    expect(input(clash, 'env').id).toBe('env');
    expect(index.findings).toHaveLength(1);
    const [finding] = index.findings;
    expect(finding!.code).toBe('workflow-parse-error');
    expect(finding!.message).toContain('"ENV" clashes with input "env"');
    expect(finding!.loc.file).toBe(clash.file);
    expect(span(finding!.loc)).toEqual({ line: 6, column: 7, endLine: 6, endColumn: 10 });
  });
});

describe('broken workflow files', () => {
  // The syntax-error file is added in a copy, because Biome would fail on it inside the project.
  const copy = realpathSync(mkdtempSync(path.join(tmpdir(), 'apl-broken-')));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(path.join(fixtures, 'broken'), copy, { recursive: true });
  copyFileSync(
    path.join(fixtures, 'syntax-error.yaml.txt'),
    path.join(copy, '.github', 'workflows', 'syntax.yaml'),
  );
  const index = loadWorkflows(copy);
  const finding = (name: string) => {
    const wf = get(index, name);
    expect(wf.parseError, name).toBeDefined();
    expect(index.findings).toContain(wf.parseError);
    expect(wf.parseError!.loc.file.path).toBe(path.join(index.dir, name));
    return { ...wf.parseError!, span: span(wf.parseError!.loc) };
  };

  it('loads the good file next to the broken ones and skips sub-directories', () => {
    expect([...index.workflows.keys()]).toEqual([
      'duplicate-key.yaml',
      'empty.yaml',
      'list-root.yml',
      'no-on.yaml',
      'ok.yaml',
      'on-number.yml',
      'syntax.yaml',
    ]);
    expect(get(index, 'ok.yaml').dispatch).toBeDefined();
    expect(get(index, 'ok.yaml').parseError).toBeUndefined();
    expect(index.findings).toHaveLength(6);
  });

  it('a duplicate key', () => {
    const f = finding('duplicate-key.yaml');
    expect(f.message).toBe('duplicate-key.yaml is not valid YAML: Map keys must be unique');
    expect(f.span).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 3 });
  });

  it('YAML syntax error', () => {
    const f = finding('syntax.yaml');
    expect(f.code).toBe('workflow-parse-error');
    expect(f.message).toMatch(/^syntax\.yaml is not valid YAML: Flow sequence/);
    expect(f.span).toEqual({ line: 4, column: 1, endLine: 4, endColumn: 2 });
  });

  it('a YAML list at the top level', () => {
    const f = finding('list-root.yml');
    expect(f.message).toBe('list-root.yml must be a mapping at the top level, found a list');
    expect(f.span).toEqual({ line: 1, column: 1, endLine: 2, endColumn: 11 });
  });

  it('an empty file', () => {
    const f = finding('empty.yaml');
    expect(f.message).toMatch(/is empty/);
    expect(f.span).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('no `on`', () => {
    const f = finding('no-on.yaml');
    expect(f.message).toMatch(/no "on" section/);
    expect(f.span).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 5 });
    expect(get(index, 'no-on.yaml').name).toBe('Forgot the trigger');
  });

  it('`on` of the wrong kind', () => {
    const f = finding('on-number.yml');
    expect(f.message).toBe(
      'on-number.yml: "on" must be an event name, a list or a mapping, found the number "42"',
    );
    expect(f.span).toEqual({ line: 1, column: 5, endLine: 1, endColumn: 7 });
  });

  it('a missing directory', () => {
    const missing = loadWorkflows(path.join(fixtures, 'does-not-exist'));
    expect(missing).toMatchObject({ dirExists: false, findings: [] });
    expect(missing.workflows.size).toBe(0);
  });

  it('multiple documents in one file are an error', () => {
    const { workflow } = parseWorkflow(
      new SourceFile('/r/m.yaml', 'on: push\n---\non: pull_request\n'),
      'm.yaml',
    );
    expect(workflow.parseError?.message).toMatch(/multiple documents/);
  });
});

describe('injected file system', () => {
  function virtualFs(files: Record<string, string>, reads: string[]): LoadWorkflowsOptions {
    return {
      listDir: (dir) => {
        const prefix = `${dir}${path.sep}`;
        const names = Object.keys(files)
          .filter((f) => f.startsWith(prefix))
          .map((f) => f.slice(prefix.length));
        if (names.length === 0) return undefined;
        return names.map((n) =>
          n.includes(path.sep)
            ? { name: n.split(path.sep)[0]!, kind: 'directory' as const }
            : { name: n, kind: 'file' as const },
        );
      },
      readFile: (abs) => {
        reads.push(abs);
        return files[abs];
      },
    };
  }
  const root = path.resolve('/virtual/repo');
  const dir = path.join(root, '.github', 'workflows');

  it('reads each workflow file once and nothing else', () => {
    const reads: string[] = [];
    const index = loadWorkflows(
      root,
      virtualFs(
        {
          [path.join(dir, 'a.yaml')]: 'on: workflow_dispatch\n',
          [path.join(dir, 'b.yml')]: 'on: push\n',
          [path.join(dir, 'README.md')]: '# no\n',
          [path.join(dir, 'sub', 'c.yaml')]: 'on: push\n',
        },
        reads,
      ),
    );
    expect([...index.workflows.keys()]).toEqual(['a.yaml', 'b.yml']);
    expect(reads).toEqual([path.join(dir, 'a.yaml'), path.join(dir, 'b.yml')]);
  });

  it('measures size after reading when no stat is given', () => {
    const reads: string[] = [];
    const index = loadWorkflows(root, {
      ...virtualFs({ [path.join(dir, 'big.yaml')]: `on: push\n# ${'é'.repeat(30)}\n` }, reads),
      maxBytes: 60,
    });
    expect(index.findings.map((f) => f.code)).toEqual(['workflow-too-large']);
    // 9 + 2 + 60 (é is two bytes in UTF-8) + 1 = 72 bytes
    expect(index.findings[0]!.message).toContain('72 bytes');
    expect(get(index, 'big.yaml').parseError).toBe(index.findings[0]);
  });

  it('a file that cannot be read is a finding', () => {
    const index = loadWorkflows(root, {
      listDir: () => [{ name: 'gone.yaml', kind: 'file' }],
      readFile: () => undefined,
    });
    expect(index.findings.map((f) => [f.code, f.message])).toEqual([
      ['workflow-parse-error', 'gone.yaml cannot be read'],
    ]);
  });
});

describe('real file system: symbolic links and size', () => {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'apl-workflows-')));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const repo = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  const dir = path.join(repo, '.github', 'workflows');
  mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(repo, 'shared'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(repo, 'shared', 'real.yaml'), 'on: workflow_dispatch\njobs: {}\n');
  writeFileSync(path.join(outside, 'evil.yaml'), 'on: workflow_dispatch\njobs: {}\n');
  writeFileSync(path.join(dir, 'plain.yaml'), 'on: push\njobs: {}\n');
  symlinkSync(path.join('..', '..', 'shared', 'real.yaml'), path.join(dir, 'inside-link.yaml'));
  symlinkSync(path.join(outside, 'evil.yaml'), path.join(dir, 'outside-link.yaml'));
  symlinkSync(path.join(repo, 'nowhere.yaml'), path.join(dir, 'dangling.yaml'));
  mkdirSync(path.join(repo, 'shared', 'dir.yaml'));
  symlinkSync(path.join(repo, 'shared', 'dir.yaml'), path.join(dir, 'dir-link.yaml'));
  const big = `on: workflow_dispatch\n${'#'.repeat(1024 * 1024)}\n`;
  writeFileSync(path.join(dir, 'huge.yaml'), big);

  const reads: string[] = [];
  const spyFs: LoadWorkflowsOptions = {
    readFile: (abs) => {
      reads.push(path.basename(abs));
      return readFileSync(abs, 'utf8');
    },
    stat: (abs) => {
      try {
        const st = statSync(abs);
        return { isFile: st.isFile(), size: st.size };
      } catch {
        return undefined;
      }
    },
    realpath: (abs) => {
      try {
        return realpathSync(abs);
      } catch {
        return undefined;
      }
    },
  };

  it('follows links inside the repository, refuses links that leave it, reads big files not at all', () => {
    const index = loadWorkflows(repo, spyFs);
    expect(reads.sort()).toEqual(['inside-link.yaml', 'plain.yaml']);
    expect(get(index, 'inside-link.yaml').dispatch).toBeDefined();
    expect(index.workflows.has('dir-link.yaml')).toBe(false);
    const byFile = Object.fromEntries(index.findings.map((f) => [path.basename(f.loc.file.path), f]));
    expect(Object.keys(byFile).sort()).toEqual(['dangling.yaml', 'huge.yaml', 'outside-link.yaml']);
    expect(byFile['outside-link.yaml']!.code).toBe('workflow-outside-repo');
    expect(byFile['outside-link.yaml']!.message).toContain(path.join(outside, 'evil.yaml'));
    expect(byFile['huge.yaml']!.code).toBe('workflow-too-large');
    expect(byFile['huge.yaml']!.message).toContain(`${Buffer.byteLength(big)} bytes`);
    expect(byFile['dangling.yaml']!.code).toBe('workflow-parse-error');
    for (const f of index.findings)
      expect(span(f.loc)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    // Listed anyway, so that a dispatch naming them is not reported as "not found".
    expect(get(index, 'outside-link.yaml').parseError?.code).toBe('workflow-outside-repo');
  });

  it('uses the real file system by default', () => {
    const index = loadWorkflows(repo);
    expect([...index.workflows.keys()]).toEqual([
      'dangling.yaml',
      'huge.yaml',
      'inside-link.yaml',
      'outside-link.yaml',
      'plain.yaml',
    ]);
    expect(index.findings.map((f) => f.code).sort()).toEqual([
      'workflow-outside-repo',
      'workflow-parse-error',
      'workflow-too-large',
    ]);
  });

  it('a workflows directory that is itself a link out of the repository', () => {
    const repo2 = path.join(base, 'repo2');
    mkdirSync(path.join(repo2, '.github'), { recursive: true });
    symlinkSync(outside, path.join(repo2, '.github', 'workflows'));
    const index = loadWorkflows(repo2);
    expect(index.findings.map((f) => f.code)).toEqual(['workflow-outside-repo']);
    expect(get(index, 'evil.yaml').dispatch).toBeUndefined();
  });
});
