import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { alias, anchor, emit, MERGE, map, scalar, seq, tag, type YKey } from './yaml-emit.js';

/**
 * Random small Atmos repositories for the resolver property: an atmos.yaml, up to eight stack
 * manifests importing each other (cycles, self-imports, missing files, globs, relative paths, import
 * objects), components with inheritance, overrides, `settings.pro` blocks of valid and invalid
 * shapes, templates, YAML functions, anchors and merge keys, plus junk files and hostile paths.
 */
export interface RepoSpec {
  /** Files relative to the repository root; BINARY marks bytes that are not text. */
  files: Record<string, string>;
  /** Symbolic links: [target, link path relative to the root]. `@outside/` targets the directory above. */
  symlinks: [string, string][];
}

export const BINARY = '\u0000binary';
/** Written next to the repository, never inside it: no message may ever contain it. */
export const OUTSIDE_SECRET = 'OUTSIDE_SENTINEL_5b1f9c';
/** A token written in atmos.yaml and stack settings: no message may ever contain it. */
export const TOKEN = 'tok_SENTINEL_93ad1e';

const STACKS = [
  'deploy/dev.yaml',
  'deploy/prod.yaml',
  'deploy/_defaults.yaml',
  'deploy/us/east.yml',
  'orgs/acme/plat/dev.yaml',
  'catalog/base.yaml',
  'catalog/vpc/defaults.yaml',
  'mixins/region.yaml',
  'catalog/tmpl.yaml.tmpl',
  'deploy/staging.yaml.tmpl',
];

const IMPORTS = [
  'catalog/base',
  'catalog/base.yaml',
  'catalog/vpc/defaults',
  'mixins/region',
  'deploy/_defaults',
  'deploy/dev',
  'deploy/prod',
  'deploy/us/east',
  'deploy/us/east.yml',
  'orgs/acme/plat/dev',
  'catalog/tmpl',
  'catalog/tmpl.yaml',
  'deploy/staging',
  'catalog/nope',
  'catalog/*',
  'catalog/**/*',
  'deploy/*',
  '**/*',
  'mixins/*.yml',
  './base',
  './region',
  './dev',
  '../catalog/base',
  '../mixins/region',
  '../../secret',
  '../../../secret',
  '../../../../secret',
  '/catalog/base',
  'catalog/link',
  'loop/loop/loop/catalog/base',
  'catalog/{{ .vars.tenant }}',
  'catalog/{{ .bad',
  'mixins/{{ .settings.region }}',
  'github.com/cloudposse/stacks//catalog',
  'https://example.com/x.yaml',
];

const INCLUDES = [
  './data.json',
  'stacks/catalog/data.json',
  './data.yaml',
  'stacks/catalog/data.yaml .a',
  './vars.tfvars',
  './.env',
  './nope.yaml',
  '../../secret.yaml',
  '../../../secret.yaml',
  '../../../../secret.yaml',
  '/etc/passwd',
  'README.md',
  'https://example.com/x.json',
  '"./data.yaml" .list',
];

const NAMES = ['vpc', 'eks', 'base', 'app', 'vpc/nested', '__proto__', 'constructor'];
const VAR_KEYS = [
  'stage',
  'tenant',
  'environment',
  'region',
  'namespace',
  'name',
  'list',
  'attributes',
  '__proto__',
  'x',
];

const plain = (s: string) => scalar(s);
const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);

const TEMPLATES = [
  '{{ .vars.stage }}',
  '{{ .atmos_component }}',
  '{{ .atmos_stack }}',
  '{{ .settings.pro.enabled }}',
  '{{ env "HOME" }}',
  '{{ exec "ls" }}',
  '{{ .vars.nope.deep }}',
  '{{ bad',
  '{{ range .vars.list }}{{ . }}{{ end }}',
  '{{ toJson .vars }}',
  '{{ .locals.a }}',
  '{{ (atmos.Component "vpc" .stack).outputs.id }}',
  '{{ .vars.__proto__ }}',
  '{{ template "x" }}',
];

const leaf = fc.oneof(
  { weight: 4, arbitrary: pick('dev', 'prod', 'ue1', 'acme', 'plat', 'us-east-1').map(plain) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 3, arbitrary: pick(...TEMPLATES) },
  {
    weight: 3,
    arbitrary: fc.oneof(
      pick('HOME fallback', 'ATMOS_X', 'PATH').map((a) => tag('!env', plain(a))),
      pick('vpc .id', 'eks outputs').map((a) => tag('!terraform.output', plain(a))),
      pick('s3 a b').map((a) => tag('!store', plain(a))),
      pick('echo hi', 'cat /etc/passwd').map((a) => tag('!exec', plain(a))),
      pick(...INCLUDES).map((a) => tag('!include', plain(a))),
      pick(...INCLUDES).map((a) => tag('!include.raw', plain(a))),
      pick('"{{ .x }}"', '12').map((a) => tag('!literal', plain(a))),
      pick('"{{ .vars.stage }}"').map((a) => tag('!template', plain(a))),
      pick('x', '').map((a) => tag('!unset', plain(a))),
      pick('x').map((a) => tag('!terraform.outptu', plain(a))),
      pick('x').map((a) => tag('!bogus', plain(a))),
      pick('d1', 'd2').map(alias),
    ),
  },
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }).map((l) => tag('!append', seq(l))) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }).map((l) => seq(l, true)) },
    {
      weight: 1,
      arbitrary: fc
        .uniqueArray(fc.tuple(pick('a', 'b', '__proto__', 'constructor', 'prototype'), tie('value')), {
          maxLength: 3,
          selector: ([k]) => k,
        })
        .map((e) => map(e as [YKey, unknown][])),
    },
  ),
}));

/** A section map (vars, env, ...), sometimes pulling in an anchored map with `<<`. */
const section = fc
  .tuple(
    fc.uniqueArray(fc.tuple(pick(...VAR_KEYS), value), { maxLength: 5, selector: ([k]) => k }),
    fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pick('d1', 'd2') }),
  )
  .map(([entries, merge]) => {
    const out: [YKey, unknown][] = merge ? [[MERGE, alias(merge)]] : [];
    return map([...out, ...(entries as [YKey, unknown][])]);
  });

/** Anything where a map is expected: mostly a map, sometimes not. */
const mapOrJunk = <T>(m: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 12, arbitrary: m as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: pick<unknown>(null, 'text', 5, ['a'], true) },
  );

const workflowName = pick(
  'atmos-terraform-plan.yaml',
  'atmos-terraform-apply.yaml',
  'plan.yml',
  'missing.yaml',
  '../escape.yaml',
  '{{ .vars.stage }}.yaml',
);
const inputs = fc.record(
  {
    component: pick<unknown>('{{ .atmos_component }}', '{{ .vars.nope }}', 5),
    stack: pick('{{ .atmos_stack }}', 'fixed'),
    extra: fc.oneof(value, pick<unknown>([1, 2], { a: 1 })),
    token: fc.constant(TOKEN),
  },
  { requiredKeys: [] },
);
const workflows = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .uniqueArray(
        fc.tuple(workflowName, mapOrJunk(fc.record({ inputs: mapOrJunk(inputs) }, { requiredKeys: [] }))),
        { maxLength: 2, selector: ([k]) => k },
      )
      .map((e) => map(e as [YKey, unknown][])),
  },
  { weight: 1, arbitrary: pick<unknown>(['atmos-terraform-plan.yaml'], 'plan.yaml', null) },
);
const activity = (names: string[]) =>
  fc
    .uniqueArray(fc.tuple(pick(...names), mapOrJunk(fc.record({ workflows }, { requiredKeys: [] }))), {
      maxLength: 3,
      selector: ([k]) => k,
    })
    .map((e) => map(e as [YKey, unknown][]));

export const proBlock = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        enabled: fc.oneof(fc.boolean(), pick<unknown>('yes', null, tag('!env', plain('PRO_ENABLED')))),
        pull_request: mapOrJunk(activity(['opened', 'synchronize', 'reopened', 'merged', 'closed', 'opend'])),
        release: mapOrJunk(activity(['published', 'created'])),
        drift_detection: mapOrJunk(
          fc.record(
            {
              enabled: fc.oneof(fc.boolean(), pick<unknown>('true')),
              detect: mapOrJunk(fc.record({ workflows }, { requiredKeys: [] })),
              remediate: mapOrJunk(fc.record({ workflows }, { requiredKeys: [] })),
            },
            { requiredKeys: [] },
          ),
        ),
        merge_group: mapOrJunk(activity(['checks_requested', 'destroyed'])),
        token: fc.constant(TOKEN),
        unknown_key: value,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: pick<unknown>(true, 'on', [], null, 5, tag('!include', plain('./data.yaml'))) },
);

const settings = fc.record(
  {
    pro: proBlock,
    list_merge_strategy: pick('replace', 'append', 'merge', 'bogus'),
    depends_on: fc.oneof(value, pick<unknown>({ 1: { component: 'vpc' } })),
    region: pick('ue1', '{{ .vars.region }}'),
    x: value,
  },
  { requiredKeys: [] },
);

const metadata = fc.record(
  {
    type: pick<unknown>('abstract', 'real', 'bogus', 5),
    inherits: fc.oneof(fc.array(pick(...NAMES, 'missing'), { maxLength: 3 }), pick<unknown>('vpc', null)),
    component: pick(...NAMES, 'missing'),
    enabled: fc.oneof(fc.boolean(), pick<unknown>('no')),
    locked: fc.boolean(),
    terraform_workspace: pick('ws', '{{ .vars.stage }}'),
    terraform_workspace_pattern: pick('{tenant}-{stage}', '{bogus}'),
    terraform_workspace_template: pick('{{ .vars.stage }}-x', '{{ bad'),
  },
  { requiredKeys: [] },
);

const overrides = fc.record(
  { vars: mapOrJunk(section), settings: mapOrJunk(settings), env: section },
  { requiredKeys: [] },
);

const component = fc.record(
  {
    component: pick(...NAMES, 'missing'),
    metadata: mapOrJunk(metadata),
    vars: mapOrJunk(section),
    settings: mapOrJunk(settings),
    env: mapOrJunk(section),
    overrides: mapOrJunk(overrides),
    backend_type: pick('http', 's3'),
  },
  { requiredKeys: [] },
);

const componentsOfType = fc
  .uniqueArray(fc.tuple(pick(...NAMES), mapOrJunk(component)), { maxLength: 3, selector: ([k]) => k })
  .map((e) => map(e as [YKey, unknown][]));

const components = fc.record(
  { terraform: mapOrJunk(componentsOfType), helmfile: componentsOfType, packer: pick<unknown>(5, null) },
  { requiredKeys: [] },
);

const importItem = (imports: string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: pick(...imports) as fc.Arbitrary<unknown> },
    {
      weight: 3,
      arbitrary: fc.record(
        {
          path: pick(...imports),
          context: fc.oneof(
            fc.record(
              { tenant: pick('acme', 'base'), stage: pick('dev'), vars: fc.record({ stage: pick('dev') }) },
              { requiredKeys: [] },
            ),
            pick<unknown>(null, 'x'),
          ),
          skip_if_missing: fc.oneof(fc.boolean(), pick<unknown>('yes')),
          skip_templates_processing: fc.boolean(),
          ignore_missing_template_values: fc.boolean(),
          nested_imports: pick<unknown>('local', 'remote', 'bogus', 5),
        },
        { requiredKeys: ['path'] },
      ),
    },
    { weight: 1, arbitrary: pick<unknown>(null, '', 5, ['x'], { context: {} }, { path: 5 }) },
  );

const importSection = (imports: string[]) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.array(importItem(imports), { maxLength: 4 }) as fc.Arbitrary<unknown> },
    {
      weight: 1,
      arbitrary: pick<unknown>('catalog/base', { a: 1 }, null, tag('!include', plain('./imports.yaml'))),
    },
  );

const manifest = (imports: string[]) =>
  fc.record(
    {
      anchor: fc.option(section, { nil: undefined }),
      import: importSection(imports),
      locals: fc.record(
        { a: pick('x', '{{ .vars.stage }}'), b: pick('{{ .locals.a }}-y', '{{ .locals.b }}') },
        { requiredKeys: [] },
      ),
      name: pick<unknown>('manifest-name', '{{ .vars.stage }}', 5),
      vars: mapOrJunk(section),
      settings: mapOrJunk(settings),
      env: mapOrJunk(section),
      metadata: fc.record({ enabled: fc.boolean(), bogus: fc.constant(1) }, { requiredKeys: [] }),
      overrides: mapOrJunk(overrides),
      terraform: mapOrJunk(
        fc.record({ vars: section, settings, overrides: mapOrJunk(overrides) }, { requiredKeys: [] }),
      ),
      helmfile: fc.record({ overrides }, { requiredKeys: [] }),
      components: mapOrJunk(components),
      proto: fc.constant(map([['__proto__', map([['polluted', scalar('true')]])]])),
    },
    { requiredKeys: [] },
  );

function manifestText(m: Record<string, unknown>): string {
  const entries: [YKey, unknown][] = [];
  // Anchors are defined before anything that aliases them.
  if (m.anchor !== undefined) entries.push(['x-defaults', anchor('d1', m.anchor)]);
  for (const [k, v] of Object.entries(m)) {
    if (k === 'anchor' || v === undefined) continue;
    if (k === 'proto') entries.push(['__proto__', map([['polluted', scalar('true')]])]);
    else entries.push([k, v]);
  }
  return emit(map(entries));
}

/** Whole-file junk: wrong roots, syntax errors, duplicate keys, bombs, encodings. */
const JUNK = [
  '- a\n- b\n',
  'just text\n',
  '42\n',
  'vars:\n  stage: "dev\n',
  'vars:\n  a: 1\n  a: 2\n',
  '',
  '# only a comment\n',
  'vars: [1, 2\n',
  'vars:\n\tstage: dev\n',
  '---\n- list\n---\nvars: {}\n',
  'a: &x [*x]\n',
  `a0: &a0 [x, x, x, x, x, x, x, x]\n${Array.from({ length: 7 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(8).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`,
  'vars:\n  stage: {{ .stage }}\n',
  'import: catalog/base\n',
  'components:\n  terraform: 5\n',
  'components: [1]\n',
  'components:\n  terraform:\n    vpc: null\n',
  '__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n',
  `${'['.repeat(600)}${']'.repeat(600)}\n`,
  'vars: !include ./data.json\n',
  'import:\n  - !include ./imports.yaml\n',
  BINARY,
];

/** Small edits that break a good manifest in the ways people break YAML. */
const mutation = fc.tuple(
  pick('truncate', 'insert', 'duplicate-line', 'delete-line', 'crlf', 'bom'),
  fc.nat(),
  pick(':', '"', "'", '[', '{', '\t', '&', '*', '!', '- ', '\n', '#', '|', '%', '  '),
);

function mutate(text: string, [kind, n, ch]: [string, number, string]): string {
  const at = text.length === 0 ? 0 : n % text.length;
  const lines = text.split('\n');
  const li = lines.length === 0 ? 0 : n % lines.length;
  switch (kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + ch + text.slice(at);
    case 'duplicate-line':
      return [...lines.slice(0, li + 1), ...lines.slice(li)].join('\n');
    case 'delete-line':
      return [...lines.slice(0, li), ...lines.slice(li + 1)].join('\n');
    case 'crlf':
      return text.replaceAll('\n', '\r\n');
    default:
      return `\uFEFF${text}`;
  }
}

const stackFile = (imports: string[]) =>
  fc.oneof(
    { weight: 12, arbitrary: manifest(imports).map(manifestText) },
    {
      weight: 2,
      arbitrary: fc.tuple(manifest(imports).map(manifestText), mutation).map(([t, m]) => mutate(t, m)),
    },
    { weight: 2, arbitrary: pick(...JUNK) },
  );

const atmosYaml = fc
  .record({
    base_path: pick('.', './', ''),
    included: fc.oneof(
      { weight: 8, arbitrary: pick(['deploy/**/*'], ['**/*'], ['deploy/**/*', 'orgs/**/*'], ['**/*.yaml']) },
      { weight: 1, arbitrary: fc.constant([] as string[]) },
    ),
    excluded: pick(['**/_defaults.yaml'], [], ['catalog/**/*', 'mixins/**/*']),
    naming: fc.oneof(
      fc.constant({}),
      pick(
        '{{ .vars.stage }}',
        '{{ .vars.tenant }}-{{ .vars.stage }}',
        '{{ .vars.nope.x }}',
        '{{ bad',
        '{{ env "HOME" }}',
      ).map((t) => ({ name_template: t })),
      pick('{stage}', '{tenant}-{environment}-{stage}', '{bogus}', '{namespace}').map((p) => ({
        name_pattern: p,
      })),
      fc.constant({ name_template: '{{ .vars.stage }}', name_pattern: '{stage}' }),
    ),
    templates: fc.option(
      fc.record(
        {
          enabled: fc.boolean(),
          sprig: fc.record({ enabled: fc.boolean() }),
          gomplate: fc.record({ enabled: fc.boolean() }),
          evaluations: pick<unknown>(1, 2, 'x'),
          ignore_missing_template_values: fc.boolean(),
          delimiters: pick(['{{', '}}'], ['[[', ']]'], ['', '']),
          env: fc.constant({ ATMOS_X: 'from-atmos-yaml' }),
        },
        { requiredKeys: ['enabled'] },
      ),
      { nil: undefined },
    ),
    strategy: fc.option(pick('replace', 'append', 'merge', 'bogus'), { nil: undefined }),
    pro: fc.boolean(),
    functions: fc.boolean(),
  })
  .map((c) => {
    const settingsOut: Record<string, unknown> = {};
    if (c.strategy) settingsOut.list_merge_strategy = c.strategy;
    if (c.pro) settingsOut.pro = { workspace_id: 'ws-1', token: TOKEN };
    const cfg: [YKey, unknown][] = [
      ['base_path', c.base_path],
      [
        'components',
        { terraform: { base_path: 'components/terraform' }, helmfile: { base_path: 'components/helmfile' } },
      ],
      [
        'stacks',
        map([
          ['base_path', c.functions ? tag('!env', plain('ATMOS_NOPE stacks')) : 'stacks'],
          ['included_paths', c.included],
          ['excluded_paths', c.excluded],
          ...(Object.entries(c.naming) as [YKey, unknown][]),
        ]),
      ],
    ];
    if (c.templates) {
      const { env, ...rest } = c.templates;
      cfg.push(['templates', { settings: { ...rest, env } }]);
    }
    if (Object.keys(settingsOut).length > 0) cfg.push(['settings', settingsOut]);
    if (c.functions) cfg.push(['vars', map([['x', tag('!bogus', plain('x'))]])]);
    return emit(map(cfg));
  });

const WORKFLOWS = {
  dispatchable:
    'on:\n  workflow_dispatch:\n    inputs:\n      component: {required: true, type: string}\n      stack: {required: true, type: string}\n      n: {type: number}\njobs: {}\n',
  push: 'on: push\njobs: {}\n',
  junk: 'on: [\n',
  list: '- a\n',
};

const DATA: Record<string, string[]> = {
  'stacks/catalog/data.json': ['{"a": 1, "list": [1, 2]}', '{', '[1, 2]'],
  'stacks/catalog/data.yaml': ['a: 1\nlist: [x]\n', 'a: [\n', '- 1\n'],
  'stacks/catalog/imports.yaml': ['- catalog/base\n- mixins/region\n', 'x: 1\n'],
  'stacks/catalog/vars.tfvars': ['a = 1\nb = "x"\n', 'a = {\n'],
  'stacks/catalog/.env': ['A=1\nB="two"\n'],
  'README.md': ['# repo\n'],
};

export const repoSpec: fc.Arbitrary<RepoSpec> = fc
  .record({
    atmos: atmosYaml,
    stacks: fc.uniqueArray(fc.tuple(pick(...STACKS), stackFile(IMPORTS)), {
      minLength: 1,
      maxLength: 8,
      selector: ([p]) => p,
    }),
    workflows: fc.uniqueArray(
      fc.tuple(
        pick('atmos-terraform-plan.yaml', 'atmos-terraform-apply.yaml', 'plan.yml'),
        pick(...Object.keys(WORKFLOWS)),
      ),
      { maxLength: 2, selector: ([p]) => p },
    ),
    data: fc.record(
      Object.fromEntries(Object.entries(DATA).map(([p, options]) => [p, fc.constantFrom(...options)])),
      {
        requiredKeys: [],
      },
    ),
    links: fc.record(
      {
        outside: fc.constant<[string, string]>(['@outside/secret.yaml', 'stacks/catalog/link.yaml']),
        loop: fc.constant<[string, string]>(['.', 'stacks/loop']),
        dangling: fc.constant<[string, string]>(['self.yaml', 'stacks/catalog/self.yaml']),
      },
      { requiredKeys: [] },
    ),
  })
  .map((r) => {
    const files: Record<string, string> = { 'atmos.yaml': r.atmos };
    for (const [p, text] of r.stacks) files[`stacks/${p}`] = text;
    for (const [p, kind] of r.workflows)
      files[`.github/workflows/${p}`] = WORKFLOWS[kind as keyof typeof WORKFLOWS];
    for (const [p, text] of Object.entries(r.data)) if (typeof text === 'string') files[p] = text;
    return { files, symlinks: Object.values(r.links) };
  });

/** A repository on disk, in a fresh directory whose parent also holds a file outside the repository. */
export function writeRepo(spec: RepoSpec): { root: string; dispose: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'apl-prop-'));
  const root = join(parent, 'repo');
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(
    join(parent, 'secret.yaml'),
    `${OUTSIDE_SECRET}: leaked\nvars:\n  stage: ${OUTSIDE_SECRET}\n`,
  );
  writeFileSync(join(parent, 'secret'), `${OUTSIDE_SECRET}\n`);
  for (const [p, text] of Object.entries(spec.files)) {
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text === BINARY ? Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x00]) : text);
  }
  for (const [target, p] of spec.symlinks) {
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    symlinkSync(
      target.startsWith('@outside/') ? join(parent, target.slice('@outside/'.length)) : target,
      abs,
    );
  }
  return { root, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}
