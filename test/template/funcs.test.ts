import { describe, expect, it } from 'vitest';
import {
  type FunctionSet,
  functionSet,
  parseTemplate,
  renderTemplate,
  TemplateExecError,
  UnsupportedFunctionError,
} from '../../src/template/index.js';

const all = functionSet({ sprig: true, gomplate: true, atmos: true });
const sprigOnly = functionSet({ sprig: true, gomplate: false, atmos: false });
const gomplateOnly = functionSet({ sprig: false, gomplate: true, atmos: false });

const ENV: Record<string, string> = { USER: 'alice', HOME: '/home/alice', EMPTY: '' };
const env = (name: string) => ENV[name];

const data = {
  atmos_component: 'mock/drift',
  atmos_stack: 'plat-ue2-dev',
  vars: { stage: 'dev', tenant: 'plat', list: ['b', 'a', 'c'], n: 3 },
  envs: {
    dev: { regions: { 'us-east-1': {}, 'us-west-2': {} } },
    prod: { regions: { 'eu-west-1': {} } },
    other: 'x',
  },
};

function render(template: string, functions: FunctionSet = all): string {
  return renderTemplate(template, data, { functions, env, name: 'f' });
}

function renderError(template: string, functions: FunctionSet = all): Error {
  try {
    render(template, functions);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`expected an error from ${template}`);
}

describe('Sprig functions', () => {
  const cases: [string, string][] = [
    [
      '{{ "hello" | upper }} {{ "HeLLo" | lower }} {{ title "hello wORLD" }} {{ untitle "Hello World" }}',
      'HELLO hello Hello WORLD hello world',
    ],
    [
      '{{ trim "  hi  " }}|{{ trimAll "$" "$5.00$" }}|{{ trimSuffix "-" "hello-" }}|{{ trimPrefix "-" "-hello" }}',
      'hi|5.00|hello|hello',
    ],
    ['{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 50 "hi" }}', 'hello|world|hi'],
    [
      '{{ abbrev 5 "hello world" }}|{{ abbrevboth 5 10 "1234 5678 9123" }}|{{ abbrev 3 "abcdef" }}',
      'he...|...5678...|abcdef',
    ],
    [
      '{{ initials "First Try" }} {{ repeat 3 "ab" }} {{ substr 0 5 "hello world" }} {{ nospace "h e l\tlo" }}',
      'FT ababab hello hello',
    ],
    [
      '{{ contains "cat" "catch" }} {{ hasPrefix "cat" "catch" }} {{ hasSuffix "ch" "catch" }}',
      'true true true',
    ],
    [
      '{{ quote "hello" 1 nil }} {{ squote "hello" }} {{ cat "hello" "beautiful" 1 nil "world" }}',
      '"hello" "1" \'hello\' hello beautiful 1 world',
    ],
    [
      '{{ indent 2 "a\\nb" }}|{{ nindent 2 "x" }}|{{ replace " " "-" "I Am Henry VIII" }}',
      '  a\n  b|\n  x|I-Am-Henry-VIII',
    ],
    [
      '{{ plural "one anchovy" "many anchovies" 1 }}/{{ plural "one anchovy" "many anchovies" 2 }}',
      'one anchovy/many anchovies',
    ],
    [
      '{{ snakecase "FirstName" }} {{ snakecase "HTTPServer" }} {{ snakecase "http2xx" }} {{ snakecase "Bld4Floor3rd" }}',
      'first_name http_server http_2xx bld4_floor_3rd',
    ],
    [
      '{{ kebabcase "FirstName" }} {{ kebabcase "GO PATH" }} {{ camelcase "http_server" }} {{ camelcase "_complex__case_" }}',
      'first-name go-path HttpServer _Complex_Case_',
    ],
    ['{{ swapcase "This Is A.Test" }}', 'tHIS iS a.tEST'],
    ['{{ sha256sum "Hello world!" }}', 'c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a'],
    ['{{ sha1sum "x" }} {{ adler32sum "hello" }}', '11f6ad8ec52a2984abaafd7c3b516503785c2072 103547413'],
    [
      '{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b64dec "!!" }} {{ b32enc "hi" }} {{ b32dec "NBUQ====" }}',
      'aGVsbG8= hello illegal base64 data at input byte 0 NBUQ==== hi',
    ],
    [
      '{{ splitList "$" "foo$bar$baz" }} {{ split "$" "foo$bar$baz" }} {{ splitn "$" 2 "foo$bar$baz" }}',
      '[foo bar baz] map[_0:foo _1:bar _2:baz] map[_0:foo _1:bar$baz]',
    ],
    [
      '{{ join "_" (list "a" "b" nil 1) }} {{ sortAlpha (list "c" "a" "B") }} {{ toStrings (list 1 "x") }}',
      'a_b_1 [B a c] [1 x]',
    ],
    [
      '{{ list 1 2 3 | first }} {{ list 1 2 3 | rest }} {{ list 1 2 3 | last }} {{ list 1 2 3 | initial }}',
      '1 [2 3] 3 [1 2]',
    ],
    ['{{ first (list) }} {{ rest (list) }}', '<no value> []'],
    [
      '{{ append (list 1 2) 3 }} {{ prepend (list 1 2) 0 }} {{ concat (list 1 2) (list 3) }} {{ reverse (list 1 2 3) }}',
      '[1 2 3] [0 1 2] [1 2 3] [3 2 1]',
    ],
    [
      '{{ uniq (list 1 1 "1" 2) }} {{ without (list 1 2 3) 2 }} {{ has 4 (list 1 2 3) }} {{ compact (list 1 "" nil 0 2) }}',
      '[1 1 2] [1 3] false [1 2]',
    ],
    [
      '{{ slice (list 1 2 3 4) 1 3 }} {{ chunk 2 (list 1 2 3) }} {{ dig "a" "b" "def" (dict "a" (dict "b" "v")) }}',
      '[2 3] [[1 2] [3]] v',
    ],
    [
      '{{ until 5 }} {{ untilStep 3 6 2 }} {{ seq 5 1 }} {{ seq 0 2 10 }} {{ seq 0 -2 -5 }} {{ seq 3 }}',
      '[0 1 2 3 4] [3 5] 5 4 3 2 1 0 2 4 6 8 10 0 -2 -4 1 2 3',
    ],
    [
      '{{ $d := dict "a" 1 "b" 2 }}{{ get $d "a" }}|{{ get $d "z" }}|{{ hasKey $d "b" }}|{{ keys $d }}|{{ values $d }}',
      '1||true|[a b]|[1 2]',
    ],
    ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}', 'map[b:2]'],
    [
      '{{ pluck "n" (dict "n" 1) (dict "x" 2) (dict "n" 3) }} {{ pick (dict "a" 1 "b" 2) "a" }} {{ omit (dict "a" 1 "b" 2) "a" }}',
      '[1 3] map[a:1] map[b:2]',
    ],
    [
      '{{ merge (dict "a" 1 "c" (dict "x" 1)) (dict "a" 2 "b" 3 "c" (dict "y" 2)) }}',
      'map[a:1 b:3 c:map[x:1 y:2]]',
    ],
    [
      '{{ mergeOverwrite (dict "a" 1 "k" true) (dict "a" 2 "k" false) }} {{ merge (dict "k" false) (dict "k" true) }}',
      'map[a:2 k:false] map[k:true]',
    ],
    [
      '{{ default "foo" "" }} {{ default "foo" "bar" }} {{ .nope | default "d" }} {{ default "x" 0 }} {{ default "x" (list) }}',
      'foo bar d x x',
    ],
    [
      '{{ empty "" }} {{ empty 0 }} {{ empty (list 1) }} {{ empty .nope }} {{ coalesce "" 0 "x" }} {{ all 1 "a" }} {{ any 0 "" }}',
      'true true false true x true false',
    ],
    ['{{ ternary "a" "b" true }} {{ ternary "a" "b" false }} {{ true | ternary "y" "n" }}', 'a b y'],
    [
      '{{ dict "b" "<x>" "a" (list 1 2.5 nil) | toJson }} {{ toRawJson "<a>" }}',
      '{"a":[1,2.5,null],"b":"\\u003cx\\u003e"} "<a>"',
    ],
    ['{{ toPrettyJson (dict "a" (list 1) "e" (dict)) }}', '{\n  "a": [\n    1\n  ],\n  "e": {}\n}'],
    [
      '{{ (fromJson "{\\"a\\":1,\\"b\\":[true]}").b }} {{ typeOf (fromJson "{\\"a\\":1}").a }} {{ fromJson "nope" }}',
      '[true] float64 <no value>',
    ],
    [
      '{{ add 1 2 3 }} {{ add1 5 }} {{ sub 5 3 }} {{ div 10 3 }} {{ mod 10 3 }} {{ mul 2 3 4 }} {{ max 1 5 3 }} {{ min 4 2 8 }}',
      '6 6 2 3 1 24 5 2',
    ],
    [
      '{{ add "2" 1.9 true }} {{ int "12" }} {{ int "1.0" }} {{ int64 "0x10" }} {{ float64 "1.5" }} {{ atoi "42" }} {{ atoi "x" }} {{ toDecimal "0777" }}',
      '4 12 1 16 1.5 42 0 511',
    ],
    [
      '{{ floor 1.5 }} {{ ceil 1.5 }} {{ round 123.555555 3 }} {{ round 2.5 0 }} {{ maxf 1 2.5 }} {{ minf 1 2.5 }}',
      '1 2 123.556 3 2.5 1',
    ],
    [
      '{{ addf 1.5 2 2 }} {{ addf 0.1 0.2 }} {{ subf 2 0.5 }} {{ mulf 1.5 2 }} {{ divf 10 4 }} {{ divf 1 3 }} {{ add1f 1.5 }}',
      '5.5 0.3 1.5 3 2.5 0.3333333333333333 2.5',
    ],
    [
      '{{ typeOf 1 }} {{ typeOf (add 1 1) }} {{ typeOf "x" }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf (splitList "," "a") }} {{ typeOf nil }}',
      'int int64 string []interface {} map[string]interface {} []string <nil>',
    ],
    [
      '{{ kindOf 1 }} {{ kindOf (list) }} {{ kindOf (dict) }} {{ kindIs "string" "x" }} {{ typeIs "int" 1 }} {{ typeIsLike "int" 1 }}',
      'int slice map true true true',
    ],
    ['{{ deepEqual (list 1 (dict "a" 1)) (list 1 (dict "a" 1)) }} {{ deepEqual 1 1.0 }}', 'true false'],
    [
      '{{ regexMatch "^[a-z]+@[a-z]+\\\\.com$" "test@acme.com" }} {{ regexFindAll "[2,4,6,8]" "123456789" -1 }} {{ regexFind "[a-zA-Z][1-9]" "abcd1234" }}',
      'true [2 4 6 8] d1',
    ],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template or regexp syntax, not a JS template
      '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }} {{ regexSplit "z+" "pizza" -1 }} {{ regexQuoteMeta "1.2.3" }}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template or regexp syntax, not a JS template
      '-W-xxW- -${1}-${1}- [pi a] 1\\.2\\.3',
    ],
    ['{{ regexMatch "(" "x" }} {{ mustRegexMatch "a" "cat" }}', 'false true'],
    [
      '{{ base "foo/bar/baz" }} {{ dir "/foo/bar/baz" }} {{ clean "foo/bar/../baz" }} {{ ext "foo.bar" }} {{ isAbs "/foo" }} {{ osBase "a/b" }}',
      'baz /foo/bar foo/baz .bar true b',
    ],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template or regexp syntax, not a JS template
      '{{ env "USER" }}|{{ env "NOPE" }}|{{ expandenv "hi $USER, home=${HOME} $NOPE." }}',
      'alice||hi alice, home=/home/alice .',
    ],
    [
      '{{ toString 42 }} {{ toString 1.5 }} {{ toString (list 1) }} {{ duration 95 }} {{ duration "3600" }} {{ hello }}',
      '42 1.5 [1] 1m35s 1h0m0s Hello!',
    ],
  ];
  it.each(cases)('%s', (template, expected) => {
    expect(render(template, sprigOnly)).toBe(expected);
  });

  it('reports errors as Go does', () => {
    expect(renderError('{{ fail "boom" }}').message).toBe('error calling fail: boom');
    expect(renderError('{{ first "x" }}').message).toBe(
      'error calling first: Cannot find first on type string',
    );
    expect(renderError('{{ first nil }}').message).toMatch(/nil pointer dereference/);
    expect(renderError('{{ div 1 0 }}').message).toBe(
      'error calling div: runtime error: integer divide by zero',
    );
    expect(renderError('{{ repeat (add 1 2) "x" }}').message).toBe(
      'wrong type for value; expected int; got int64',
    );
    expect(renderError('{{ upper 1 }}').message).toBe('expected string; found 1');
    expect(renderError('{{ upper .vars.n }}').message).toBe('wrong type for value; expected string; got int');
    expect(renderError('{{ regexFind "(" "x" }}').message).toBe(
      'error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
    );
    expect(renderError('{{ hasKey .vars.list "x" }}').message).toBe(
      'wrong type for value; expected map[string]interface {}; got []interface {}',
    );
    expect(renderError('{{ substr 5 10 "ab" }}').message).toMatch(/slice bounds out of range/);
  });

  it('does not leak in-template mutation into caller data', () => {
    const input = { m: { a: 1 } };
    expect(renderTemplate('{{ $_ := set .m "b" 2 }}{{ .m }}', input, { functions: sprigOnly })).toBe(
      'map[a:1 b:2]',
    );
    expect(input.m).toEqual({ a: 1 });
  });
});

describe('Gomplate functions', () => {
  const cases: [string, string][] = [
    [
      '{{ strings.Title "hello wORLD" }} {{ strings.Title .atmos_component }} {{ strings.ToUpper "abc" }} {{ strings.ToLower "ABC" }}',
      'Hello World Mock/Drift ABC abc',
    ],
    [
      '{{ .atmos_stack | strings.Quote }} {{ strings.Squote "it\'s" }} {{ strings.ShellQuote "it\'s" }}',
      "\"plat-ue2-dev\" 'it''s' 'it'\"'\"'s'",
    ],
    [
      '{{ strings.TrimSpace "  x " }}|{{ strings.Trim "-" "--x--" }}|{{ strings.TrimPrefix "a" "abc" }}|{{ strings.TrimSuffix "c" "abc" }}',
      'x|x|bc|ab',
    ],
    [
      '{{ strings.ReplaceAll "-" "_" "a-b-c" }} {{ strings.Split "," "a,b" }} {{ strings.SplitN "," 2 "a,b,c" }} {{ strings.Contains "b" "abc" }}',
      'a_b_c [a b] [a b,c] true',
    ],
    [
      '{{ strings.HasPrefix "a" "abc" }} {{ strings.HasSuffix "c" "abc" }} {{ strings.Repeat 3 "a" }} {{ strings.Trunc 2 "abc" }} {{ strings.RuneCount "héllo" }}',
      'true true aaa ab 5',
    ],
    [
      '{{ strings.Indent 2 "a\\n\\nb" }}|{{ strings.Indent "> " "a" }}|{{ "x" | strings.Indent 2 "-" }}',
      '  a\n\n  b|> a|--x',
    ],
    [
      '{{ strings.Slug "Hello, World!" }} {{ strings.SnakeCase "Hello, World!" }} {{ strings.KebabCase "Hello, World!" }} {{ strings.CamelCase "Hello, World!" }}',
      'hello-world Hello_world Hello-world HelloWorld',
    ],
    ['{{ strings.Abbrev 5 "hello world" }} {{ strings.Sort (coll.Slice "b" "a") }}', 'he... [a b]'],
    [
      '{{ conv.ToString 1 }} {{ conv.ToString nil }} {{ conv.ToInt "42" }} {{ conv.ToInt64 "1,000" }} {{ conv.ToFloat64 "1.5" }} {{ conv.ToBool "yes" }} {{ conv.ToBool 1 }}',
      '1 nil 42 1000 1.5 true true',
    ],
    [
      '{{ conv.Default "x" "" }} {{ conv.Default "x" "y" }} {{ conv.Join (coll.Slice "a" 1) "," }} {{ conv.Has (coll.Dict "a" 1) "a" }} {{ conv.Atoi "7" }}',
      'x y a,1 true 7',
    ],
    [
      '{{ conv.ParseInt "ff" 16 64 }} {{ conv.ParseFloat "2.5" 64 }} {{ conv.ToStrings 1 "a" }} {{ conv.ToInts "1" 2.5 }}',
      '255 2.5 [1 a] [1 2]',
    ],
    [
      '{{ coll.Dict "a" 1 "b" }} {{ coll.Slice 1 "a" }} {{ coll.Has (coll.Slice "a" 2) "a" }} {{ coll.Keys (coll.Dict "b" 1 "a" 2) }} {{ coll.Values (coll.Dict "b" 1 "a" 2) }}',
      'map[a:1 b:] [1 a] true [a b] [2 1]',
    ],
    [
      '{{ coll.Append 3 (coll.Slice 1 2) }} {{ coll.Prepend 0 (coll.Slice 1) }} {{ coll.Uniq (coll.Slice 1 1 2) }} {{ coll.Reverse (coll.Slice 1 2) }}',
      '[1 2 3] [0 1] [1 2] [2 1]',
    ],
    [
      '{{ coll.Merge (coll.Dict "a" 1) (coll.Dict "a" 2 "b" 2) }} {{ coll.Sort (coll.Slice "b" "a" "c") }} {{ coll.Sort "n" (coll.Slice (coll.Dict "n" 2) (coll.Dict "n" 1)) }}',
      'map[a:1 b:2] [a b c] [map[n:1] map[n:2]]',
    ],
    [
      '{{ coll.Flatten (coll.Slice 1 (coll.Slice 2 (coll.Slice 3))) }} {{ coll.Flatten 1 (coll.Slice 1 (coll.Slice 2 (coll.Slice 3))) }} {{ coll.Pick "a" (coll.Dict "a" 1 "b" 2) }} {{ coll.Omit "a" (coll.Dict "a" 1 "b" 2) }}',
      '[1 2 3] [1 2 [3]] map[a:1] map[b:2]',
    ],
    [
      '{{ data.ToJSON (coll.Dict "a" 1) }} {{ data.ToJSONPretty "  " (coll.Dict "a" 1) }} {{ (data.JSON "{\\"a\\":1}").a }} {{ (data.YAML "a: [1, 2.0]").a }}',
      '{"a":1} {\n  "a": 1\n} 1 [1 2]',
    ],
    ['{{ data.ToYAML (coll.Dict "b" 1 "a" (coll.Slice "x")) }}', 'a:\n  - x\nb: 1\n'],
    [
      '{{ toYAML (coll.Dict "a" "yes" "n" "1" "m" "multi\\nline") }}',
      'a: "yes"\nm: |-\n  multi\n  line\n"n": "1"\n',
    ],
    [
      '{{ math.Add 1 2 }} {{ math.Add 1 2.5 }} {{ math.Sub 5 7 }} {{ math.Mul 2 3 }} {{ math.Div 10 4 }} {{ math.Rem 10 3 }} {{ math.Pow 2 8 }}',
      '3 3.5 -2 6 2.5 1 256',
    ],
    [
      '{{ math.Seq 5 }} {{ math.Seq 1 10 3 }} {{ math.Max 1 5 3 }} {{ math.Min 1.5 2 }} {{ math.Round -2.5 }} {{ math.Abs -3 }} {{ math.IsInt 1 }} {{ math.IsFloat "1.5" }}',
      '[1 2 3 4 5] [1 4 7 10] 5 1.5 -3 3 true true',
    ],
    [
      '{{ regexp.Replace "(foo)bar" "$1" "foobar" }} {{ regexp.ReplaceLiteral "(foo)bar" "$1" "foobar" }} {{ regexp.Match "^a" "abc" }} {{ regexp.Find "[0-9]+" "abc123" }}',
      'foo $1 true 123',
    ],
    [
      '{{ regexp.FindAll "a." "aXaYaZ" }} {{ regexp.FindAll "a." 2 "aXaYaZ" }} {{ regexp.Split "-" "a-b-c" }} {{ regexp.QuoteMeta "a.b" }}',
      '[aX aY aZ] [aX aY] [a b c] a\\.b',
    ],
    [
      '{{ env.Getenv "USER" }} {{ env.Getenv "EMPTY" "dflt" }} {{ env.ExpandEnv "$USER" }} {{ getenv "NOPE" "d" }}',
      'alice dflt alice d',
    ],
    [
      '{{ required "x" }} {{ ternary "a" "b" "true" }} {{ kind 1 }} {{ isKind "number" 1.5 }} {{ test.Kind (coll.Slice) }}',
      'x a int true slice',
    ],
    [
      '{{ base64.Encode "hello" }} {{ base64.Decode "aGVsbG8=" }} {{ crypto.SHA256 "Hello world!" | strings.Trunc 8 }} {{ uuid.Nil }}',
      'aGVsbG8= hello c0535e4b 00000000-0000-0000-0000-000000000000',
    ],
    [
      '{{ path.Base "/a/b.txt" }} {{ path.Ext "/a/b.txt" }} {{ filepath.Join "a" "b" "../c" }} {{ path.Split "a/b" }}',
      'b.txt .txt a/c [a/ b]',
    ],
    [
      '{{ toUpper "a" }} {{ title "hello wORLD" }} {{ trimSpace " x " }} {{ replaceAll "a" "b" "aa" }} {{ quote "x" }} {{ squote "x" }}',
      'A Hello World x bb "x" \'x\'',
    ],
    [
      '{{ contains "abc" "b" }} {{ hasPrefix "abc" "a" }} {{ split "a,b" "," }} {{ trim "-x-" "-" }} {{ join (slice 1 2) "+" }} {{ default "d" "" }}',
      'true true [a b] x 1+2 d',
    ],
    [
      '{{ add 1 2 }} {{ seq 3 }} {{ has (dict "a" 1) "a" }} {{ keys (dict "b" 1 "a" 2) }} {{ toJSON (dict "a" 1) }}',
      '3 [1 2 3] true [a b] {"a":1}',
    ],
  ];
  it.each(cases)('%s', (template, expected) => {
    expect(render(template, gomplateOnly)).toBe(expected);
  });

  it('reports unknown namespace methods like Go', () => {
    expect(renderError('{{ strings.Nope "x" }}').message).toBe(
      "can't evaluate field Nope in type *funcs.StringFuncs",
    );
    expect(renderError('{{ strings.Replace "a" "b" "c" }}').message).toBe(
      "can't evaluate field Replace in type *funcs.StringFuncs",
    );
    expect(renderError('{{ strings.Title }}').message).toBe('wrong number of args for Title: want 1 got 0');
    expect(renderError('{{ required "" }}', gomplateOnly).message).toBe(
      'error calling required: can not render template: a required value was not set',
    );
    expect(renderError('{{ assert false }}', gomplateOnly).message).toBe(
      'error calling assert: assertion failed',
    );
  });
});

describe('library composition (gomplate, then sprig, then atmos)', () => {
  it('uses Sprig argument order where Sprig overrides Gomplate', () => {
    expect(render('{{ contains "b" "abc" }} {{ join "," (list 1 2) }} {{ has 1 (list 1) }}', all)).toBe(
      'true 1,2 true',
    );
  });

  it('keeps Gomplate-only aliases available', () => {
    expect(render('{{ toUpper "a" }} {{ getenv "USER" }} {{ toJSON (dict "a" 1) }}', all)).toBe(
      'A alice {"a":1}',
    );
  });

  it('shadows the env namespace with Sprig env, as in Atmos', () => {
    expect(render('{{ env.Getenv "USER" }}', gomplateOnly)).toBe('alice');
    expect(renderError('{{ env.Getenv "USER" }}', all).message).toBe(
      'wrong number of args for env: want 1 got 0',
    );
  });

  it('knows exactly which names are defined', () => {
    const undefinedIn = (text: string, fs: FunctionSet) => {
      const r = parseTemplate(text, { functions: fs });
      return 'error' in r ? r.error.message : 'ok';
    };
    expect(undefinedIn('{{ toYaml . }}', all)).toBe('function "toYaml" not defined');
    expect(undefinedIn('{{ toYAML . }}', all)).toBe('ok');
    expect(undefinedIn('{{ required "x" }}', sprigOnly)).toBe('function "required" not defined');
    expect(undefinedIn('{{ strings.Title "x" }}', sprigOnly)).toBe('function "strings" not defined');
    expect(
      undefinedIn(
        '{{ atmos.Component "a" "b" }}',
        functionSet({ sprig: true, gomplate: true, atmos: false }),
      ),
    ).toBe('function "atmos" not defined');
    expect(all.names().length).toBeGreaterThan(250);
  });

  it('exposes every real Sprig 3.3.0 name', () => {
    const sprigNames =
      `hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound htmlDate htmlDateInZone must_date_modify mustDateModify mustToDate now toDate unixEpoch abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace initials randAlphaNum randAlpha randAscii randNumeric swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix quote squote cat indent nindent replace plural sha1sum sha256sum sha512sum adler32sum toString atoi int64 int float64 seq toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf divf mulf biggest max min maxf minf ceil floor round join sortAlpha default empty coalesce all any compact mustCompact fromJson toJson toPrettyJson toRawJson mustFromJson mustToJson mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy typeOf typeIs typeIsLike kindOf kindIs deepEqual env expandenv getHostByName base dir clean ext isAbs osBase osClean osDir osExt osIsAbs b64enc b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge mergeOverwrite mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend mustPrepend first mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas slice mustSlice concat dig chunk mustChunk bcrypt htpasswd genPrivateKey derivePassword buildCustomCert genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey encryptAES decryptAES randBytes uuidv4 semver semverCompare fail regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin`.split(
        ' ',
      );
    expect(sprigNames.filter((n) => !sprigOnly.has(n))).toEqual([]);
    expect(sprigOnly.names().filter((n) => !sprigNames.includes(n))).toEqual([]);
  });
});

describe('functions that must not run', () => {
  const cases: [string, string][] = [
    ['{{ atmos.Component "vpc" .atmos_stack }}', 'atmos.Component'],
    ['{{ (atmos.Component "vpc" .atmos_stack).outputs.vpc_id }}', 'atmos.Component'],
    ['{{ atmos.Store "redis" .atmos_stack "c" "k" }}', 'atmos.Store'],
    ['{{ (atmos.GomplateDatasource "ip").ip }}', 'atmos.GomplateDatasource'],
    ['{{ atmos.Resolve "!terraform.output vpc id" }}', 'atmos.Resolve'],
    ['{{ now | unixEpoch }}', 'now'],
    ['{{ randAlphaNum 5 }}', 'randAlphaNum'],
    ['{{ uuidv4 }}', 'uuidv4'],
    ['{{ getHostByName "example.com" }}', 'getHostByName'],
    ['{{ datasource "x" }}', 'datasource'],
    ['{{ file.Read "/etc/passwd" }}', 'file.Read'],
    ['{{ time.Now }}', 'time.Now'],
    ['{{ aws.EC2Region }}', 'aws.EC2Region'],
    ['{{ net.LookupIP "example.com" }}', 'net.LookupIP'],
    ['{{ random.Alpha 5 }}', 'random.Alpha'],
    ['{{ uuid.V4 }}', 'uuid.V4'],
    ['{{ semver "1.2.3" }}', 'semver'],
  ];
  it.each(cases)('%s', (template, name) => {
    const err = renderError(template);
    expect(err).toBeInstanceOf(UnsupportedFunctionError);
    const u = err as UnsupportedFunctionError;
    expect(u.functionName).toBe(name);
    expect(template.slice(u.offset, u.end)).toBe(name);
  });

  it('runs the pure parts of the atmos namespace', () => {
    expect(
      render('{{ atmos.Resolve "plain" }} {{ collectKeys .envs }} {{ collectKeys .envs "regions" }}'),
    ).toBe('plain [dev other prod] [eu-west-1 us-east-1 us-west-2]');
    expect(renderError('{{ collectKeys .vars.list }}')).toBeInstanceOf(TemplateExecError);
  });

  it('does not evaluate unsupported functions on branches not taken', () => {
    expect(render('{{ if false }}{{ now }}{{ end }}{{ or "x" (atmos.Component "a" "b") }}')).toBe('x');
  });
});
