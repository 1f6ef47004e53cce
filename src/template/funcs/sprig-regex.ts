/** Sprig's regular-expression functions, on the RE2-compatible engine. */

import { compileRegexp, type GoRegexp, quoteMeta, RegexpSyntaxError } from '../re2.js';
import { intOf, type Value } from '../values.js';
import { stringList } from './conv.js';
import { type CallContext, fail, fn, type GoFunction } from './types.js';

const s = (v: Value): string => v as string;
const n = (v: Value): number => Number(intOf(v));

function mustCompile(re: string): GoRegexp {
  try {
    return compileRegexp(re);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) fail(`regexp: Compile(${goQuoteForRegexp(re)}): ${e.message}`);
    throw e;
  }
}

function goQuoteForRegexp(re: string): string {
  return /[`\n\r\t\x00-\x1f]/.test(re) ? JSON.stringify(re) : `\`${re}\``;
}

function compileErr(re: string): GoRegexp {
  try {
    return compileRegexp(re);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) fail(e.message);
    throw e;
  }
}

export function sprigRegexFunctions(): GoFunction[] {
  const step = (ctx: CallContext) => (k: number) => ctx.step(k);
  return [
    fn('regexMatch', { params: ['string', 'string'] }, ([re, str], ctx) => {
      try {
        return compileRegexp(s(re)).exec(s(str), 0, step(ctx)) !== null;
      } catch (e) {
        if (e instanceof RegexpSyntaxError) return false;
        throw e;
      }
    }),
    fn(
      'mustRegexMatch',
      { params: ['string', 'string'] },
      ([re, str], ctx) => compileErr(s(re)).exec(s(str), 0, step(ctx)) !== null,
    ),
    fn('regexFindAll', { params: ['string', 'string', 'int'] }, ([re, str, k], ctx) =>
      stringList(
        mustCompile(s(re))
          .findAll(s(str), n(k), step(ctx))
          .map((m) => s(str).slice(m[0], m[1])),
      ),
    ),
    fn('mustRegexFindAll', { params: ['string', 'string', 'int'] }, ([re, str, k], ctx) =>
      stringList(
        compileErr(s(re))
          .findAll(s(str), n(k), step(ctx))
          .map((m) => s(str).slice(m[0], m[1])),
      ),
    ),
    fn('regexFind', { params: ['string', 'string'] }, ([re, str], ctx) => {
      const m = mustCompile(s(re)).exec(s(str), 0, step(ctx));
      return m === null ? '' : s(str).slice(m[0], m[1]);
    }),
    fn('mustRegexFind', { params: ['string', 'string'] }, ([re, str], ctx) => {
      const m = compileErr(s(re)).exec(s(str), 0, step(ctx));
      return m === null ? '' : s(str).slice(m[0], m[1]);
    }),
    fn('regexReplaceAll', { params: ['string', 'string', 'string'] }, ([re, str, repl], ctx) => {
      const r = mustCompile(s(re));
      return r.replaceAll(s(str), (m) => r.expand(s(repl), s(str), m), step(ctx));
    }),
    fn('mustRegexReplaceAll', { params: ['string', 'string', 'string'] }, ([re, str, repl], ctx) => {
      const r = compileErr(s(re));
      return r.replaceAll(s(str), (m) => r.expand(s(repl), s(str), m), step(ctx));
    }),
    fn('regexReplaceAllLiteral', { params: ['string', 'string', 'string'] }, ([re, str, repl], ctx) =>
      mustCompile(s(re)).replaceAll(s(str), () => s(repl), step(ctx)),
    ),
    fn('mustRegexReplaceAllLiteral', { params: ['string', 'string', 'string'] }, ([re, str, repl], ctx) =>
      compileErr(s(re)).replaceAll(s(str), () => s(repl), step(ctx)),
    ),
    fn('regexSplit', { params: ['string', 'string', 'int'] }, ([re, str, k], ctx) =>
      stringList(mustCompile(s(re)).split(s(str), n(k), step(ctx))),
    ),
    fn('mustRegexSplit', { params: ['string', 'string', 'int'] }, ([re, str, k], ctx) =>
      stringList(compileErr(s(re)).split(s(str), n(k), step(ctx))),
    ),
    fn('regexQuoteMeta', { params: ['string'] }, ([str]) => quoteMeta(s(str))),
  ];
}
