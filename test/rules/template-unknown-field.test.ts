import { describe, expect, it } from 'vitest';
import type { AtmosConfig } from '../../src/config/atmos-config.js';
import { newMap, type PlainMap } from '../../src/resolve/merge.js';
import { TemplateAnalysis } from '../../src/rules/template-analysis.js';
import { componentContextType, missingField, typeOfValue } from '../../src/rules/template-context.js';
import { atmosYaml, brief, lintFiles } from '../resolve-command/repo.js';

const RULE = ['template-unknown-field'];

function map(o: Record<string, unknown>): PlainMap {
  return Object.assign(newMap(), o);
}

describe('the typed component context', () => {
  const section = map({
    atmos_component: 'vpc',
    atmos_stack: 'dev',
    vars: map({
      region: 'us-east-1',
      tags: map({ team: 'net' }),
      list: ['a'],
      remote: '!terraform.output vpc id',
    }),
    settings: map({ pro: map({ enabled: true }), computed: '{{ .vars.region }}' }),
  });
  const ctx = componentContextType(section, { delimiter: '{{', commandFields: false });
  const miss = (path: string) => {
    const m = missingField(ctx, path.split('.'));
    return m ? `${m.index}:${m.owner.label}` : undefined;
  };

  it('is a strict object of the fields the instance has', () => {
    expect(miss('atmos_component')).toBeUndefined();
    expect(miss('atmos_stak')).toBe('0:the component context');
    expect(miss('workspace')).toBe('0:the component context');
  });

  it('checks maps against their keys, at every level', () => {
    expect(miss('vars.region')).toBeUndefined();
    expect(miss('vars.regon')).toBe('1:`vars`');
    expect(miss('vars.tags.team')).toBeUndefined();
    expect(miss('vars.tags.owner')).toBe('2:`vars.tags`');
    expect(miss('settings.pro.enabled')).toBeUndefined();
    expect(miss('settings.pro.drift')).toBe('2:`settings.pro`');
  });

  it('stops at scalars, lists, templates and YAML functions', () => {
    expect(miss('vars.region.x')).toBeUndefined();
    expect(miss('vars.list.x')).toBeUndefined();
    expect(miss('vars.remote.id')).toBeUndefined();
    expect(miss('settings.computed.anything')).toBeUndefined();
    expect(typeOfValue(null, [], '{{').kind).toBe('any');
  });

  it('allows the single-component command fields only where asked', () => {
    const outside = componentContextType(section, { delimiter: '{{', commandFields: true });
    expect(missingField(outside, ['atmos_cli_config', 'base_path'])).toBeUndefined();
    expect(missingField(ctx, ['atmos_cli_config'])?.index).toBe(0);
    expect(missingField(outside, ['atmos_cli_confg'])?.index).toBe(0);
  });
});

describe('template references (adapter over the engine analysis)', () => {
  const analysis = new TemplateAnalysis({
    templates: {
      enabled: true,
      sprig: true,
      gomplate: false,
      evaluations: 1,
      delimiters: ['{{', '}}'],
      ignoreMissingTemplateValues: false,
    },
  } as AtmosConfig);
  const refs = (text: string) => {
    const p = analysis.parse(text, 'component');
    if (!p.ok) throw p.error;
    return p.refs.map((r) => ({
      path: r.path.join('.'),
      guarded: r.guarded,
      keys: r.keySpans.map((s) => (s ? text.slice(s.pos, s.end) : null)),
    }));
  };

  it('spans each written key, including through variables', () => {
    expect(refs('{{ .vars.region }} {{ $v := .settings }}{{ $v.pro.x }} {{ $.atmos_stack }}')).toEqual([
      { path: 'vars.region', guarded: false, keys: ['.vars', '.region'] },
      { path: 'settings', guarded: false, keys: ['.settings'] },
      { path: 'settings.pro.x', guarded: false, keys: [null, '.pro', '.x'] },
      { path: 'atmos_stack', guarded: false, keys: ['.atmos_stack'] },
    ]);
  });

  it('marks existence tests as guarded', () => {
    const g = (text: string) => refs(text).map((r) => `${r.path}:${r.guarded}`);
    expect(g('{{ .vars.a | default "x" }}')).toEqual(['vars.a:true']);
    expect(g('{{ default .vars.b .vars.a }}')).toEqual(['vars.b:true', 'vars.a:true']);
    expect(g('{{ coalesce .vars.a .vars.b }}')).toEqual(['vars.a:true', 'vars.b:true']);
    expect(g('{{ or .vars.a "x" }}')).toEqual(['vars.a:true']);
    expect(g('{{ if .vars.a }}{{ .vars.a.b }}{{ else }}{{ .vars.c }}{{ end }}')).toEqual([
      'vars.a:true',
      'vars.a.b:true',
      'vars.c:false',
    ]);
    expect(g('{{ if hasKey .vars "x" }}{{ .vars.x }}{{ end }}')).toEqual(['vars:true', 'vars.x:true']);
    expect(g('{{ with .vars.a }}{{ $.vars.b }}{{ end }}')).toEqual(['vars.a:true', 'vars.b:false']);
    expect(g('{{ .vars.a | upper }}')).toEqual(['vars.a:false']);
    expect(g('{{ printf "%s" (.vars.a | default "x") }}')).toEqual(['vars.a:true']);
  });

  it('leaves references under with/range rebinding out', () => {
    expect(refs('{{ range .vars.list }}{{ .name }}{{ end }}').map((r) => r.path)).toEqual(['vars.list']);
  });
});

/** A mixin whose plan input `environment` is `input`, imported by the given stacks (name → extra YAML). */
function repo(input: string, stacks: Record<string, string>, extraVars = ''): Record<string, string> {
  const files: Record<string, string> = {
    'stacks/mixins/pro.yaml': `settings:
  pro:
    enabled: true
    pull_request:
      opened:
        workflows:
          plan.yaml:
            inputs:
              environment: ${input}
`,
  };
  for (const [stage, extra] of Object.entries(stacks)) {
    files[`stacks/deploy/${stage}.yaml`] = `import:
  - mixins/pro
vars:
  stage: ${stage}
${extra}components:
  terraform:
    vpc:
      vars:
        region: us-east-1
${extraVars}`;
  }
  return files;
}

// `              environment: ` is 27 characters: the value starts at column 28 of line 9.
describe('template-unknown-field', () => {
  it('a top-level typo, with a did-you-mean, at the key', () => {
    expect(lintFiles(repo('"{{ .atmos_stak }}"', { dev: '' }), RULE).map(brief)).toEqual([
      'template-unknown-field stacks/mixins/pro.yaml:9:32-43 Unknown field `.atmos_stak`: the component context has no `atmos_stak` (did you mean `atmos_stack`?). Atmos renders `<no value>` here.',
    ]);
  });

  it('a var checked per instance: reported only for the stacks that lack it', () => {
    const d = lintFiles(
      repo('"{{ .vars.environment }}-{{ .vars.regon }}"', { dev: '', prod: '  environment: production\n' }),
      RULE,
    );
    expect(
      d.map((x) => `${x.column}-${x.endColumn} ${x.instances.map((i) => i.stack).join(',')} ${x.message}`),
    ).toEqual([
      '37-49 dev Unknown field `.vars.environment`: `vars` of this component has no `environment`. Atmos renders `<no value>` here.',
      '61-67 dev,prod Unknown field `.vars.regon`: `vars` of this component has no `regon` (did you mean `region`?). Atmos renders `<no value>` here.',
    ]);
  });

  it('guarded references and Sprig defaults are not reported', () => {
    const input = `'{{ .vars.environment | default .vars.stage | upper }}{{ if .vars.suffix }}-{{ .vars.suffix }}{{ end }}'`;
    expect(lintFiles(repo(input, { dev: '' }), RULE)).toEqual([]);
  });

  it('templates outside settings.pro are checked too; command-only fields are allowed there', () => {
    const extra = '        name: "{{ .vars.stag }}-{{ .atmos_cli_config.base_path }}"\n';
    expect(lintFiles(repo('"{{ .atmos_stack }}"', { dev: '' }, extra), RULE).map(brief)).toEqual([
      'template-unknown-field stacks/deploy/dev.yaml:10:24-29 Unknown field `.vars.stag`: `vars` of this component has no `stag` (did you mean `stage`?). Atmos renders `<no value>` here.',
    ]);
  });

  it('command-only fields in settings.pro inputs are reported', () => {
    expect(
      lintFiles(repo('"{{ .atmos_cli_config.base_path }}"', { dev: '' }), RULE).map((d) => d.message),
    ).toEqual([
      '`.atmos_cli_config` exists only when Atmos runs a command on one component; `describe affected --upload` renders settings without it, so Atmos Pro receives `<no value>`.',
    ]);
  });

  it('nothing with templating off (template-not-rendered covers the inputs)', () => {
    const files = {
      ...repo('"{{ .atmos_stak }}"', { dev: '' }),
      'atmos.yaml': atmosYaml({ templating: false }),
    };
    expect(lintFiles(files, RULE)).toEqual([]);
  });

  it('a template that does not parse is left to template-syntax', () => {
    const d = lintFiles(repo('"{{ .atmos_stak }"', { dev: '' }), [
      'template-syntax',
      'template-unknown-field',
    ]);
    expect(d.map((x) => x.ruleId)).toEqual(['template-syntax']);
  });
});
