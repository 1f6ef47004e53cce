import { describe, expect, it } from 'vitest';
import {
  fieldReferences,
  functionCalls,
  functionSet,
  hasActions,
  parseTemplate,
  type TemplateTree,
} from '../../src/template/index.js';

const fs = functionSet({ sprig: true, gomplate: true, atmos: true });

function tree(text: string, opts: Parameters<typeof parseTemplate>[1] = { functions: fs }): TemplateTree {
  const r = parseTemplate(text, opts);
  if ('error' in r) throw r.error;
  return r.tree;
}

function refs(text: string) {
  return fieldReferences(tree(text)).map((r) => ({
    path: r.path.join('.'),
    text: text.slice(r.pos, r.end),
    rebound: r.rebound,
    ...(r.resolved ? { resolved: r.resolved.join('.') } : {}),
  }));
}

describe('fieldReferences', () => {
  it('finds top-level field chains with their source spans', () => {
    expect(refs('name: {{ .vars.regon }}-{{ .atmos_component }}')).toEqual([
      { path: 'vars.regon', text: '.vars.regon', rebound: false },
      { path: 'atmos_component', text: '.atmos_component', rebound: false },
    ]);
  });

  it('resolves $ and variables bound to top-level fields', () => {
    expect(refs('{{ $v := .vars }}{{ $v.stage }} {{ $.settings.x }}')).toEqual([
      { path: 'vars', text: '.vars', rebound: false },
      { path: 'vars.stage', text: '$v.stage', rebound: false },
      { path: 'settings.x', text: '$.settings.x', rebound: false },
    ]);
  });

  it('marks references under with/range/define as rebound, resolving what it can', () => {
    expect(
      refs(
        '{{ with .settings.pro }}{{ .enabled }}{{ $.vars.a }}{{ end }}{{ range .list }}{{ .name }}{{ end }}',
      ),
    ).toEqual([
      { path: 'settings.pro', text: '.settings.pro', rebound: false },
      { path: 'enabled', text: '.enabled', rebound: true, resolved: 'settings.pro.enabled' },
      { path: 'vars.a', text: '$.vars.a', rebound: false },
      { path: 'list', text: '.list', rebound: false },
      { path: 'name', text: '.name', rebound: true },
    ]);
    expect(refs('{{ define "x" }}{{ .a }}{{ $.b }}{{ end }}')).toEqual([
      { path: 'a', text: '.a', rebound: true },
      { path: 'b', text: '$.b', rebound: true },
    ]);
  });

  it('treats else branches and reassigned variables conservatively', () => {
    expect(refs('{{ with .a }}x{{ else }}{{ .b }}{{ end }}')).toEqual([
      { path: 'a', text: '.a', rebound: false },
      { path: 'b', text: '.b', rebound: false },
    ]);
    expect(
      refs('{{ $v := .a }}{{ if .c }}{{ $v = .b }}{{ end }}{{ $v.x }}').map((r) => [r.path, r.rebound]),
    ).toEqual([
      ['a', false],
      ['c', false],
      ['b', false],
      ['x', true],
    ]);
  });

  it('reports fields on computed values as rebound', () => {
    expect(refs('{{ (index .vars "k").sub }} {{ (atmos.Component "vpc" .stack).outputs.vpc_id }}')).toEqual([
      { path: 'sub', text: '(index .vars "k").sub', rebound: true },
      { path: 'vars', text: '.vars', rebound: false },
      { path: 'outputs.vpc_id', text: '(atmos.Component "vpc" .stack).outputs.vpc_id', rebound: true },
      { path: 'stack', text: '.stack', rebound: false },
    ]);
  });

  it('works with custom delimiters', () => {
    const t = tree('x: [[ .vars.a ]] {{ .not }}', { leftDelim: '[[', rightDelim: ']]' });
    expect(fieldReferences(t).map((r) => r.path.join('.'))).toEqual(['vars.a']);
  });
});

describe('functionCalls', () => {
  it('lists functions and namespace methods with spans', () => {
    const text = '{{ strings.Title .a | printf "%s" }} {{ (atmos.Component "x" .s).o }} {{ toJson . }}';
    const calls = functionCalls(tree(text), fs);
    expect(calls.map((c) => [c.name, text.slice(c.pos, c.end)])).toEqual([
      ['strings.Title', 'strings.Title'],
      ['printf', 'printf'],
      ['atmos.Component', 'atmos.Component'],
      ['toJson', 'toJson'],
    ]);
  });

  it('guesses namespaces from capitalized methods without a function set', () => {
    const t = tree('{{ atmos.Component "a" "b" }} {{ mymap.key }}', {});
    expect(functionCalls(t).map((c) => c.name)).toEqual(['atmos.Component', 'mymap']);
  });
});

describe('hasActions', () => {
  it('checks for the left delimiter', () => {
    expect(hasActions('plain')).toBe(false);
    expect(hasActions('a {{ .b }}')).toBe(true);
    expect(hasActions('a {{ .b }}', { leftDelim: '[[' })).toBe(false);
    expect(hasActions('a [[ .b ]]', ['[[', ']]'])).toBe(true);
  });
});
