/**
 * shopspring/decimal arithmetic as Sprig's float functions (`addf`, `divf`, ...) use it: operands
 * are converted from their shortest decimal form, +, - and * are exact, / keeps 16 decimal places.
 */

import type { Value } from '../values.js';
import { castFloat64, float64 } from './conv.js';
import { fail } from './types.js';

interface Dec {
  c: bigint;
  e: number;
}

function decFromFloat(f: number): Dec {
  if (f === 0 || !Number.isFinite(f)) return { c: 0n, e: 0 };
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(f.toExponential())!;
  const digits = m[2]! + (m[3] ?? '');
  return { c: BigInt(m[1]! + digits), e: Number(m[4]) - (digits.length - 1) };
}

function decAlign(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.c * 10n ** BigInt(a.e - e), b.c * 10n ** BigInt(b.e - e), e];
}

function decToFloat(d: Dec): number {
  return Number(`${d.c}e${d.e}`);
}

export type DecOp = 'add' | 'sub' | 'mul' | 'div';

function decOp(a: Dec, b: Dec, op: DecOp): Dec {
  switch (op) {
    case 'add': {
      const [x, y, e] = decAlign(a, b);
      return { c: x + y, e };
    }
    case 'sub': {
      const [x, y, e] = decAlign(a, b);
      return { c: x - y, e };
    }
    case 'mul':
      return { c: a.c * b.c, e: a.e + b.e };
    case 'div': {
      if (b.c === 0n) fail('decimal division by 0');
      // Scale so the quotient carries 16 fractional digits, rounding half away from zero.
      const scale = 16 + 1;
      const num = a.c * 10n ** BigInt(Math.max(0, scale + b.e - a.e));
      const den = b.c * 10n ** BigInt(Math.max(0, a.e - b.e - scale));
      let q = num / den;
      const rem = num % den;
      if (2n * (rem < 0n ? -rem : rem) >= (den < 0n ? -den : den)) q += num < 0n !== den < 0n ? -1n : 1n;
      const e = a.e - b.e - Math.max(0, scale + b.e - a.e) + Math.max(0, a.e - b.e - scale);
      // Round to 16 fractional digits.
      if (e < -16) {
        const drop = 10n ** BigInt(-16 - e);
        let r = q / drop;
        const rr = q % drop;
        if (2n * (rr < 0n ? -rr : rr) >= drop) r += q < 0n ? -1n : 1n;
        return { c: r, e: -16 };
      }
      return { c: q, e };
    }
  }
}

export function decimalOp(first: Value, rest: Value[], op: DecOp): Value {
  let acc = decFromFloat(castFloat64(first));
  for (const x of rest) acc = decOp(acc, decFromFloat(castFloat64(x)), op);
  return float64(decToFloat(acc));
}
