import { describe, expect, it } from 'vitest';
import {
  FunctionSet,
  fieldReferences,
  functionSet,
  parseTemplate,
  printTemplate,
  type TemplateTree,
  type TextNode,
} from '../../src/template/index.js';
import { strip } from './helpers.js';

const builtinsOnly = new FunctionSet();

function parseOk(text: string, opts: Parameters<typeof parseTemplate>[1] = {}): TemplateTree {
  const r = parseTemplate(text, opts);
  if ('error' in r) throw new Error(`unexpected parse error: ${r.error.goMessage}`);
  return r.tree;
}

function parseErr(text: string, opts: Parameters<typeof parseTemplate>[1] = { functions: builtinsOnly }) {
  const r = parseTemplate(text, { name: 'test', ...opts });
  if (!('error' in r)) throw new Error(`expected a parse error for ${JSON.stringify(text)}`);
  return r.error;
}

describe('parse: accepted templates print canonically (Go parse_test.go style)', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['some text', 'some text'],
    ['{{.X}}', '{{.X}}'],
    ['{{printf}}', '{{printf}}'],
    ['{{$}}', '{{$}}'],
    ['{{with $x := 3}}{{$x 23}}{{end}}', '{{with $x := 3}}{{$x 23}}{{end}}'],
    ['{{$.I}}', '{{$.I}}'],
    ['{{printf `%d` 23}}', '{{printf `%d` 23}}'],
    ['{{.X|.Y}}', '{{.X | .Y}}'],
    ['{{$x := .X|.Y}}', '{{$x := .X | .Y}}'],
    ['{{.X (.Y .Z) (.A | .B .C) (.E)}}', '{{.X (.Y .Z) (.A | .B .C) (.E)}}'],
    ['{{(.Y .Z).Field}}', '{{(.Y .Z).Field}}'],
    ['{{if .X}}hello{{end}}', '{{if .X}}hello{{end}}'],
    ['{{if .X}}true{{else if .Y}}false{{end}}', '{{if .X}}true{{else if .Y}}false{{end}}'],
    ['{{range $x, $y := .SI}}{{.}}{{end}}', '{{range $x, $y := .SI}}{{.}}{{end}}'],
    ['{{range .SI}}{{.}}{{ break }}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ["{{range .SI 1 -3.2i true false 'a' nil}}{{end}}", "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}"],
    ['{{template `x` .Y}}', '{{template "x" .Y}}'],
    [
      '{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}',
      '{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}',
    ],
    ['x \r\n\t{{- 3}}', 'x{{3}}'],
    ['{{3 -}}\n\n\ty', '{{3}}y'],
    ['x \r\n\t{{- 3 -}}\n\n\ty', 'x{{3}}y'],
    ['x\n{{-  3   -}}\ny', 'x{{3}}y'],
    ['x \r\n\t{{- /* hi */}}', 'x{{/* hi */}}'],
    ['{{/* hi */ -}}\n\n\ty', '{{/* hi */}}y'],
    ['{{ $x \n := \n 1 \n }}', '{{$x := 1}}'],
    ['{{\n"x"\n|\nprintf\n}}', '{{"x" | printf}}'],
    ['{{$x:=.}}{{$x +2}}', '{{$x := .}}{{$x +2}}'],
    ['{{range $x = 0}}{{$x}}{{end}}', '{{range $x = 0}}{{$x}}{{end}}'],
    ['{{block "foo" .}}hello{{end}}', '{{block "foo" .}}hello{{end}}'],
    ['{{ ((( 1 ))) | printf }}', '{{(((1))) | printf}}'],
    ['{{-3}}', '{{-3}}'],
  ];
  it.each(cases)('%j', (input, printed) => {
    const tree = parseOk(input, { functions: builtinsOnly });
    expect(printTemplate(tree)).toBe(printed);
    expect(strip(parseOk(printTemplate(tree)))).toEqual(strip(tree));
  });

  it('keeps {{define}} bodies in the tree set and in the printed source', () => {
    const tree = parseOk('{{define "a"}}A{{.}}{{end}}x{{template "a" 1}}');
    expect([...tree.templates.keys()].sort()).toEqual(['', 'a']);
    expect(printTemplate(tree)).toBe('{{define "a"}}A{{.}}{{end}}x{{template "a" 1}}');
  });

  it('parses the escape idiom and raw strings', () => {
    const tree = parseOk('{{`{{ .atmos_component }}`}}');
    const action = tree.root.nodes[0]!;
    expect(action.type).toBe('action');
    if (action.type === 'action') {
      const arg = action.pipe.cmds[0]!.args[0]!;
      expect(arg).toMatchObject({
        type: 'string',
        text: '{{ .atmos_component }}',
        quoted: '`{{ .atmos_component }}`',
      });
    }
  });

  it('decodes Go string escapes', () => {
    const tree = parseOk(String.raw`{{"a\tb\u00e9\x41\101\"\\"}}`);
    const action = tree.root.nodes[0]!;
    if (action.type !== 'action') throw new Error('expected an action');
    expect(action.pipe.cmds[0]!.args[0]).toMatchObject({ type: 'string', text: 'a\tbéAA"\\' });
  });

  it('classifies numbers like Go', () => {
    const tree = parseOk("{{print 12_34 0b101 0o377 0377 0x1_23 1.5 1e3 'a' 0x1.ep+2}}");
    const action = tree.root.nodes[0]!;
    if (action.type !== 'action') throw new Error('expected an action');
    const nums = action.pipe.cmds[0]!.args.slice(1).map((a) =>
      a.type === 'number' ? [a.isInt, a.isFloat, a.int, a.float] : null,
    );
    expect(nums).toEqual([
      [true, true, 1234n, 1234],
      [true, true, 5n, 5],
      [true, true, 255n, 255],
      [true, true, 255n, 255],
      [true, true, 291n, 291],
      [false, true, 0n, 1.5],
      [true, true, 1000n, 1000],
      [true, true, 97n, 97],
      [false, true, 0n, 7.5],
    ]);
  });

  it('supports custom delimiters', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template or regexp syntax, not a JS template
    const tree = parseOk('a ${ .x } [[ .y ]] b', { leftDelim: '${', rightDelim: '}' });
    expect(tree.root.nodes.map((n) => n.type)).toEqual(['text', 'action', 'text']);
    expect((tree.root.nodes[2] as TextNode).text).toBe(' [[ .y ]] b');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template or regexp syntax, not a JS template
    expect(printTemplate(tree)).toBe('a ${.x} [[ .y ]] b');
    const sq = parseOk('<<range .accounts>><<.tenant>>-<<$.namespace>><<end>>', {
      leftDelim: '<<',
      rightDelim: '>>',
    });
    expect(printTemplate(sq)).toBe('<<range .accounts>><<.tenant>>-<<$.namespace>><<end>>');
  });

  it('treats break/continue as identifiers when such functions exist', () => {
    const withBreak = new FunctionSet([
      [{ name: 'break', qualifiedName: 'break', params: ['any'], impl: ([x]) => x }],
    ]);
    expect('tree' in parseTemplate('{{range .X}}{{break 20}}{{end}}', { functions: withBreak })).toBe(true);
    expect('error' in parseTemplate('{{range .X}}{{break 20}}{{end}}', { functions: builtinsOnly })).toBe(
      true,
    );
  });

  it('parses namespaced functions as an identifier with a field chain', () => {
    const tree = parseOk('{{ strings.Title .atmos_component }}', {
      functions: functionSet({ sprig: true, gomplate: true, atmos: true }),
    });
    const action = tree.root.nodes[0]!;
    if (action.type !== 'action') throw new Error('expected an action');
    expect(action.pipe.cmds[0]!.args[0]).toMatchObject({
      type: 'chain',
      node: { type: 'identifier', ident: 'strings' },
      field: ['Title'],
    });
  });

  it('gives every node a source span', () => {
    const text = 'ab {{ if .x }}{{ .vars.region | printf "%s" }}{{ end }}';
    const tree = parseOk(text);
    const ifNode = tree.root.nodes[1]!;
    expect(text.slice(ifNode.pos, ifNode.end)).toBe('{{ if .x }}{{ .vars.region | printf "%s" }}{{ end }}');
    if (ifNode.type !== 'if') throw new Error('expected if');
    const action = ifNode.list.nodes[0]!;
    expect(text.slice(action.pos, action.end)).toBe('{{ .vars.region | printf "%s" }}');
    if (action.type !== 'action') throw new Error('expected action');
    const [c1, c2] = action.pipe.cmds;
    expect(text.slice(c1!.pos, c1!.end)).toBe('.vars.region');
    expect(text.slice(c2!.pos, c2!.end)).toBe('printf "%s"');
    expect(text.slice(action.pipe.pos, action.pipe.end)).toBe('.vars.region | printf "%s"');
  });
});

describe('parse: errors are returned with Go messages and exact offsets', () => {
  const cases: [string, string, number, number][] = [
    ['hello{{range', 'unclosed action', 12, 12],
    ['{{end}}', 'unexpected {{end}}', 0, 7],
    ['{{else}}', 'unexpected {{else}}', 0, 8],
    ['{{if .X}}1{{else}}2{{else}}3{{end}}', 'expected end; found {{else}}', 19, 27],
    ['hello{{range .x}}', 'unexpected EOF', 17, 17],
    ['hello{{undefined}}', 'function "undefined" not defined', 7, 16],
    ['{{$x}}', 'undefined variable "$x"', 2, 4],
    ['{{with $x := 4}}{{end}}{{$x}}', 'undefined variable "$x"', 25, 27],
    ['{{template .X}}', 'unexpected ".X" in template clause', 11, 13],
    ['{{printf 3, 4}}', 'unexpected "," in operand', 10, 11],
    ['{{with $v, $u := 3}}{{end}}', 'too many declarations in with', 9, 10],
    ['{{range $u, $v, $w := 3}}{{end}}', 'too many declarations in range', 14, 15],
    ['{{printf 3`x`}}', 'unexpected "`x`" in operand', 10, 13],
    ['{{if .X}}a{{else if .Y}}b{{end}}{{end}}', 'unexpected {{end}}', 32, 39],
    ['{{range .}}{{end}} {{break}}', '{{break}} outside {{range}}', 21, 26],
    ['{{range .}}{{else}}{{break}}{{end}}', '{{break}} outside {{range}}', 21, 26],
    ['{{1.E}}', 'illegal number syntax: "1.E"', 2, 5],
    ['{{1.Ex}}', 'bad number syntax: "1.Ex"', 2, 6],
    ['{{true.E}}', 'unexpected . after term "true"', 2, 6],
    ['{{"hello".guys}}', 'unexpected . after term "\\"hello\\""', 2, 9],
    ['{{..E}}', 'unexpected . after term "."', 2, 3],
    ['{{12|.}}', 'non executable command in pipeline stage 2', 5, 6],
    ['{{printf "%d" ( ) }}', 'missing value for parenthesized pipeline', 16, 17],
    ['{{block "foo"}}hello{{end}}', 'missing value for block clause', 13, 15],
    ['{{}}', 'missing value for command', 2, 4],
    ['{{\n}}', 'missing value for command', 3, 5],
    ['{{ .a } }}', 'unexpected "}" in operand', 6, 7],
    ['{{ .not-exist }}', "bad character U+002D '-'", 3, 7],
    ['{{ "abc }}', 'unterminated quoted string', 3, 10],
    ['{{ `abc }}', 'unterminated raw quoted string', 3, 10],
    ["{{ 'ab' }}", "malformed character constant: 'ab'", 3, 7],
    ['{{ (1 }}', 'unclosed left paren', 6, 6],
    ['{{ 1) }}', "unexpected right paren U+0029 ')'", 4, 5],
    ['{{ ) }}', "unexpected right paren U+0029 ')'", 3, 4],
    ['{{/* x', 'unclosed comment', 2, 4],
    ['{{/* x */ y}}', 'comment ends before closing delimiter', 2, 9],
    ['{{ "\\q" }}', 'invalid syntax', 3, 7],
    ['{{ 089 }}', 'integer overflow: "089"', 3, 6],
    ['{{ @ }}', 'unexpected "@" in command', 3, 4],
    ['{{ print:b }}', 'expected :=', 8, 10],
    ['{{ § }}', "unrecognized character in action: U+00A7 '§'", 3, 4],
    ['{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: multiple definition of template "a"', 31, 34],
  ];
  it.each(cases)('%j -> %s', (input, message, offset, end) => {
    const err = parseErr(input);
    expect(err.message).toBe(message);
    expect([err.offset, err.end]).toEqual([offset, end]);
    expect(err.goMessage).toBe(`template: test:${err.line}: ${message}`);
  });

  it('reports unknown functions only when a function set is given', () => {
    expect('tree' in parseTemplate('{{ nope 1 }}')).toBe(true);
    expect(parseErr('{{ nope 1 }}').message).toBe('function "nope" not defined');
    const atmos = functionSet({ sprig: false, gomplate: false, atmos: true });
    expect('tree' in parseTemplate('{{ atmos.Component "a" "b" }}', { functions: atmos })).toBe(true);
    expect(parseErr('{{ toJson . }}', { functions: atmos }).message).toBe('function "toJson" not defined');
  });

  it('reports the line of the error and of the unclosed action', () => {
    const err = parseErr('line1\n{{ if .x }}\n{{ .y');
    expect(err.message).toBe('unclosed action');
    expect(err.line).toBe(3);
    expect(err.actionOffset).toBe(18);
  });

  it('prints and analyzes templates nested up to the limit', () => {
    const t = `${'{{with .a}}{{range .b}}{{if .c}}'.repeat(333)}{{((((.x))))}}${'{{end}}'.repeat(999)}`;
    const tree = parseOk(t);
    expect(printTemplate(tree)).toBe(t);
    expect(fieldReferences(tree)).toHaveLength(1000);
    const parens = `{{${'('.repeat(999)}1${')'.repeat(999)}}}`;
    expect(printTemplate(parseOk(parens))).toBe(parens);
  });

  it('limits nesting instead of overflowing the stack', () => {
    const deep = `{{${'('.repeat(5000)}1${')'.repeat(5000)}}}`;
    expect(parseErr(deep).message).toBe('max expression depth exceeded');
    const ifs = '{{if 1}}'.repeat(3000) + '{{end}}'.repeat(3000);
    expect(parseErr(ifs).message).toBe('max expression depth exceeded');
  });
});
