/**
 * `strconv.FormatFloat` for float64: shortest (`prec` -1) and fixed precisions with Go's exact
 * round-half-even on the true binary value, plus the `%e`/`%g` layout rules (`1e+06`, `1.5e-07`).
 */

interface Decimal {
  /** Significant digits without leading or trailing zeros ('' for zero). */
  digits: string;
  /** Decimal point position: value = 0.digits × 10^dp. */
  dp: number;
}

function bitsOf(f: number): { neg: boolean; exp: number; mant: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  return {
    neg: hi >>> 31 === 1,
    exp: (hi >>> 20) & 0x7ff,
    mant: (BigInt(hi & 0xfffff) << 32n) | BigInt(lo),
  };
}

/** The exact decimal expansion of a finite, non-zero |f|. */
function exactDecimal(f: number): Decimal {
  const { exp, mant } = bitsOf(f);
  let m = mant;
  let e: number;
  if (exp === 0) e = -1074;
  else {
    m = mant | (1n << 52n);
    e = exp - 1075;
  }
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (m << BigInt(e)).toString();
    dp = s.length;
  } else {
    s = (m * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  return trim({ digits: s, dp });
}

function trim(d: Decimal): Decimal {
  let digits = d.digits;
  let dp = d.dp;
  let lead = 0;
  while (lead < digits.length && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  dp -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') dp = 0;
  return { digits, dp };
}

/** Shortest digits that round-trip (JS and Go both choose the closest shortest representation). */
function shortestDecimal(f: number): Decimal {
  const s = Math.abs(f).toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = m[1]! + (m[2] ?? '');
  return trim({ digits, dp: Number(m[3]) + 1 });
}

/** Rounds to `nd` significant digits, half to even on the exact value. */
function roundTo(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: '', dp: 0 };
  if (nd >= d.digits.length) return d;
  const kept = d.digits.slice(0, nd);
  const rest = d.digits.slice(nd);
  let up: boolean;
  if (rest[0]! > '5') up = true;
  else if (rest[0]! < '5') up = false;
  else if (/[1-9]/.test(rest.slice(1))) up = true;
  else up = nd > 0 && Number(kept[nd - 1]) % 2 === 1;
  if (!up) return trim({ digits: kept, dp: d.dp });
  // Propagate the carry.
  const arr = kept.split('').map(Number);
  let i = arr.length - 1;
  while (i >= 0) {
    if (arr[i]! < 9) {
      arr[i]!++;
      break;
    }
    arr[i] = 0;
    i--;
  }
  if (i < 0) return trim({ digits: `1${arr.join('')}`, dp: d.dp + 1 });
  return trim({ digits: arr.join(''), dp: d.dp });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

function fmtE(neg: boolean, d: Decimal, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  s += digitAt(d, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  let exp = d.digits === '' ? 0 : d.dp - 1;
  s += ch;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  return s + (exp < 10 ? `0${exp}` : String(exp));
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(d, d.dp + i);
  }
  return s;
}

/** Go's `strconv.FormatFloat(f, fmt, prec, 64)` for fmt in e E f g G x X b. */
export function formatFloat(f: number, fmt: string, prec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  if (fmt === 'x' || fmt === 'X') return formatHexFloat(f, prec, fmt);
  if (fmt === 'b') return formatBinaryFloat(f);
  const shortest = prec < 0;
  let d: Decimal;
  if (f === 0) d = { digits: '', dp: 0 };
  else if (shortest) d = shortestDecimal(f);
  else {
    const exact = exactDecimal(f);
    switch (fmt) {
      case 'e':
      case 'E':
        d = roundTo(exact, prec + 1);
        break;
      case 'f':
        d = roundTo(exact, exact.dp + prec);
        break;
      default:
        d = roundTo(exact, prec === 0 ? 1 : prec);
    }
  }
  if (shortest) {
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(d.digits.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(d.digits.length - d.dp, 0);
        break;
      default:
        prec = d.digits.length;
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, d, prec, fmt);
    case 'f':
      return fmtF(neg, d, prec);
    default: {
      let eprec = prec;
      const nd = d.digits.length;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        let p = prec;
        if (p > nd) p = nd;
        return fmtE(neg, d, p - 1, fmt === 'G' ? 'E' : 'e');
      }
      let p = prec;
      if (p > d.dp) p = nd;
      return fmtF(neg, d, Math.max(p - d.dp, 0));
    }
  }
}

/** `%x` on floats: `-0x1.8p+01`. */
function formatHexFloat(f: number, prec: number, fmt: string): string {
  const { neg, exp: rawExp, mant: rawMant } = bitsOf(f);
  let mant = rawMant;
  let exp: number;
  if (f === 0) {
    mant = 0n;
    exp = 0;
  } else if (rawExp === 0) {
    exp = -1022;
    while ((mant & (1n << 52n)) === 0n) {
      mant <<= 1n;
      exp--;
    }
  } else {
    mant |= 1n << 52n;
    exp = rawExp - 1023;
  }
  // mant is 1.xxxx with 52 fraction bits; shift to 60 bits so each hex digit is 4 bits.
  mant <<= 8n;
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(4 * (15 - prec));
    const extra = mant & ((1n << shift) - 1n);
    mant >>= shift;
    const half = 1n << (shift - 1n);
    if (extra > half || (extra === half && (mant & 1n) === 1n)) mant++;
    mant <<= shift;
    if (mant >> 60n > 1n) {
      mant >>= 1n;
      exp++;
    }
  }
  let hexDigits = (mant & ((1n << 60n) - 1n)).toString(16).padStart(15, '0');
  if (prec < 0) hexDigits = hexDigits.replace(/0+$/, '');
  else hexDigits = hexDigits.slice(0, prec).padEnd(prec, '0');
  let s = neg ? '-' : '';
  s += f === 0 ? '0x0' : '0x1';
  if (hexDigits !== '') s += `.${hexDigits}`;
  s += 'p';
  s += exp < 0 ? '-' : '+';
  const ae = Math.abs(exp);
  s += ae < 10 ? `0${ae}` : String(ae);
  return fmt === 'X' ? s.toUpperCase() : s;
}

/** `%b` on floats: decimal mantissa and binary exponent, `4503599627370496p-52`. */
function formatBinaryFloat(f: number): string {
  const { neg, exp, mant } = bitsOf(f);
  let m = mant;
  let e: number;
  if (exp === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = exp - 1075;
  }
  return `${neg ? '-' : ''}${m.toString()}p${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
}
