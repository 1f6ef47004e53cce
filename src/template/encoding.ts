/**
 * JSON and YAML conversions with Go's conventions: `encoding/json` output (sorted keys, HTML-safe
 * escapes, Go float formatting), JSON input as float64 numbers, and YAML via the `yaml` package.
 */

import { Document, isAlias, isScalar, isSeq, isMap as isYamlMap, parseDocument, visit } from 'yaml';
import { formatFloat } from './gofloat.js';
import { formatV, sortedMapKeys } from './gofmt.js';
import {
  floatOf,
  GoFloat,
  GoInt,
  isMap,
  kindOf,
  makeFloat,
  mapGet,
  mapSet,
  Namespace,
  NO_VALUE,
  newMap,
  type Value,
} from './values.js';

export class EncodingError extends Error {
  override name = 'EncodingError';
}

const HEX = '0123456789abcdef';

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x2028:
        out += '\\u2028';
        continue;
      case 0x2029:
        out += '\\u2029';
        continue;
    }
    if (c < 0x20 || (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))) {
      out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      continue;
    }
    out += s[i]!;
  }
  return `${out}"`;
}

/** Go's float64 JSON encoding: `%f`-like unless tiny or huge, then `1e-07` shortened to `1e-7`. */
function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new EncodingError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(f, fmt, -1);
  if (fmt === 'e') s = s.replace(/e([+-])0(\d)$/, 'e$1$2');
  return s;
}

export interface JsonOptions {
  escapeHTML?: boolean;
  indent?: string;
  /** Called per value encoded (for the execution budget). */
  step?: () => void;
}

/** `json.Marshal` / `json.MarshalIndent(v, "", indent)`. Throws EncodingError for unsupported values. */
export function toGoJson(v: Value, opts: JsonOptions = {}): string {
  const escapeHTML = opts.escapeHTML ?? true;
  const indent = opts.indent ?? '';
  const step = opts.step ?? (() => {});
  const seen = new Set<object>();
  const enc = (x: Value, depth: number): string => {
    step();
    if (x === NO_VALUE || x === null || x === undefined) return 'null';
    switch (kindOf(x)) {
      case 'bool':
        return x ? 'true' : 'false';
      case 'string':
        return jsonString(x as string, escapeHTML);
      case 'int':
      case 'uint':
        return typeof x === 'number' ? String(x) : String(x instanceof GoInt ? x.value : (x as bigint));
      case 'float':
        return jsonFloat(floatOf(x));
      case 'slice':
      case 'map': {
        const obj = x as object;
        if (seen.has(obj)) throw new EncodingError('json: unsupported value: encountered a cycle');
        seen.add(obj);
        try {
          const nl = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
          const end = indent === '' ? '' : `\n${indent.repeat(depth)}`;
          if (Array.isArray(obj)) {
            if (obj.length === 0) return '[]';
            return `[${obj.map((e) => nl + enc(e, depth + 1)).join(',')}${end}]`;
          }
          const m = obj as Record<string, unknown>;
          const keys = sortedMapKeys(m);
          if (keys.length === 0) return '{}';
          const sep = indent === '' ? ':' : ': ';
          return `{${keys.map((k) => nl + jsonString(k, escapeHTML) + sep + enc(mapGet(m, k), depth + 1)).join(',')}${end}}`;
        } finally {
          seen.delete(obj);
        }
      }
      case 'ptr':
        return x instanceof Namespace ? '{}' : 'null';
      default:
        throw new EncodingError(`json: unsupported type: ${typeof x}`);
    }
  };
  return enc(v, 0);
}

/** `json.Unmarshal` into `interface{}`: objects become maps, numbers float64. */
export function fromGoJson(text: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new EncodingError(jsonErrorMessage(text, e));
  }
  return convertJson(parsed);
}

function jsonErrorMessage(text: string, e: unknown): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const msg = e instanceof Error ? e.message : String(e);
  const m = /Unexpected token '?(.)'?/.exec(msg);
  if (m) return `invalid character '${m[1]}' looking for beginning of value`;
  if (/end of (JSON )?input/i.test(msg)) return 'unexpected end of JSON input';
  return msg;
}

function convertJson(v: unknown): Value {
  if (v === null) return null;
  if (typeof v === 'number') return makeFloat(v);
  if (Array.isArray(v)) return v.map(convertJson);
  if (typeof v === 'object') {
    const m = newMap();
    for (const k of Object.keys(v as object)) mapSet(m, k, convertJson((v as Record<string, unknown>)[k]));
    return m;
  }
  return v as Value;
}

/** Parses YAML into Go-like values (ints stay ints, `1.0` is a float64), expanding aliases with a budget. */
export function fromYaml(text: string, step: () => void = () => {}): Value {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) throw new EncodingError(doc.errors[0]!.message.split('\n')[0]!);
  return convertYamlNode(doc.contents, doc, step);
}

function convertYamlNode(node: unknown, doc: Document, step: () => void): Value {
  step();
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return convertYamlNode(node.resolve(doc), doc, step);
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') {
      const src = typeof node.source === 'string' ? node.source : '';
      const looksFloat = !Number.isInteger(v) || /[.eE]|inf|nan/i.test(src);
      return looksFloat && !/^[+-]?0[xXoObB]/.test(src) ? makeFloat(v) : v;
    }
    if (v instanceof Date) return v.toISOString();
    return v as Value;
  }
  if (isSeq(node)) return node.items.map((i) => convertYamlNode(i, doc, step));
  if (isYamlMap(node)) {
    const m = newMap();
    for (const pair of node.items) {
      const k = convertYamlNode(pair.key, doc, step);
      mapSet(m, typeof k === 'string' ? k : formatV(k), convertYamlNode(pair.value, doc, step));
    }
    return m;
  }
  return null;
}

function toPlain(v: Value): unknown {
  if (v === NO_VALUE || v === undefined) return null;
  if (v instanceof GoFloat) return v.value;
  if (v instanceof GoInt) return v.value;
  if (v instanceof Namespace) return {};
  if (Array.isArray(v)) return v.map(toPlain);
  if (isMap(v)) {
    const o: Record<string, unknown> = {};
    for (const k of sortedMapKeys(v)) {
      Object.defineProperty(o, k, {
        value: toPlain(mapGet(v, k)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return o;
  }
  return v;
}

/**
 * YAML text close to `gopkg.in/yaml.v3` with indent 2 (Gomplate's `toYAML`): sorted keys, block
 * style, no line folding. Quoting of ambiguous scalars may differ from yaml.v3 in corner cases.
 */
export function toGoYaml(v: Value): string {
  const doc = new Document(toPlain(v), { sortMapEntries: true, aliasDuplicateObjects: false });
  // yaml.v3 quotes strings that YAML 1.1 would read as booleans.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && OLD_BOOL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0 });
}

const OLD_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;
