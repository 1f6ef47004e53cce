/**
 * Byte-level encodings and OS helpers shared by Sprig and Gomplate: strict base64/base32 decoding
 * with Go's error text, adler32, and `os.Expand`.
 */

import { utf8Bytes } from '../gostr.js';
import { fail } from './types.js';

export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Strict base64/base32 decoding with Go's error text (`illegal base64 data at input byte N`). */
export function decodeStrict(input: string, alphabet: string, bits: number, name: string): string {
  const clean: number[] = [];
  const positions: number[] = [];
  const bytes = utf8Bytes(input);
  bytes.forEach((b, i) => {
    if (b !== 0x0a && b !== 0x0d) {
      clean.push(b);
      positions.push(i);
    }
  });
  const block = bits === 6 ? 4 : 8;
  const out: number[] = [];
  let acc = 0;
  let accBits = 0;
  let padStart = -1;
  for (let i = 0; i < clean.length; i++) {
    const c = String.fromCharCode(clean[i]!);
    if (c === '=') {
      if (padStart < 0) padStart = i;
      continue;
    }
    const v = alphabet.indexOf(c);
    if (v < 0 || padStart >= 0) fail(`illegal ${name} data at input byte ${positions[i] ?? i}`);
    acc = (acc << bits) | v;
    accBits += bits;
    if (accBits >= 8) {
      accBits -= 8;
      out.push((acc >> accBits) & 0xff);
      acc &= (1 << accBits) - 1;
    }
  }
  if (clean.length % block !== 0) fail(`illegal ${name} data at input byte ${bytes.length}`);
  return new TextDecoder().decode(Uint8Array.from(out));
}

export function encodeBase32(input: string): string {
  const bytes = utf8Bytes(input);
  let out = '';
  let acc = 0;
  let accBits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    accBits += 8;
    while (accBits >= 5) {
      accBits -= 5;
      out += B32[(acc >> accBits) & 31];
    }
    acc &= (1 << accBits) - 1;
  }
  if (accBits > 0) out += B32[(acc << (5 - accBits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

export function adler32(input: string): number {
  let a = 1;
  let b = 0;
  for (const byte of utf8Bytes(input)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Go's `os.Expand` with a lookup function. */
export function goExpand(str: string, lookup: (name: string) => string): string {
  let out = '';
  let i = 0;
  const special = (c: string | undefined) => c !== undefined && /[*#$@!?\-0-9]/.test(c);
  const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let changed = false;
  for (let j = 0; j < str.length; j++) {
    if (str[j] === '$' && j + 1 < str.length) {
      changed = true;
      out += str.slice(i, j);
      const rest = str.slice(j + 1);
      let name = '';
      let w = 0;
      if (rest[0] === '{') {
        if (rest.length > 2 && special(rest[1]) && rest[2] === '}') {
          name = rest[1]!;
          w = 3;
        } else {
          const close = rest.indexOf('}', 1);
          if (close === 1) w = 2;
          else if (close < 0) w = 1;
          else {
            name = rest.slice(1, close);
            w = close + 1;
          }
        }
      } else if (special(rest[0])) {
        name = rest[0]!;
        w = 1;
      } else {
        while (w < rest.length && alnum(rest[w])) w++;
        name = rest.slice(0, w);
      }
      if (name === '' && w > 0) {
        // invalid syntax: the characters are dropped
      } else if (name === '') out += '$';
      else out += lookup(name);
      j += w;
      i = j + 1;
    }
  }
  return changed ? out + str.slice(i) : str;
}

/** Sprig returns decoding errors as the result text. */
export function decodeOrMessage(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error) return e.message;
    throw e;
  }
}
