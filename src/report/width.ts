/**
 * Terminal column widths of code points, in the spirit of go-runewidth (which actionlint uses for
 * its `^~~~` indicator) with East Asian Ambiguous characters counted narrow, as go-runewidth does
 * outside CJK locales.
 */

// East Asian Wide (W) and Fullwidth (F) ranges from Unicode's EastAsianWidth.txt that are not
// emoji; emoji with default emoji presentation are matched by property below.
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x2e99],
  [0x2e9b, 0x2ef3],
  [0x2f00, 0x2fd5],
  [0x2ff0, 0x2fff],
  [0x3000, 0x303e], // CJK symbols and punctuation, ideographic space
  [0x3041, 0x3096], // Hiragana
  [0x3099, 0x30ff], // Katakana
  [0x3105, 0x312f],
  [0x3131, 0x318e],
  [0x3190, 0x31e5],
  [0x31ef, 0x321e],
  [0x3220, 0x3247],
  [0x3250, 0x4dbf], // enclosed CJK, CJK extension A
  [0x4e00, 0xa48c], // CJK unified ideographs, Yi
  [0xa490, 0xa4c6],
  [0xa960, 0xa97c],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe52],
  [0xfe54, 0xfe66],
  [0xfe68, 0xfe6b],
  [0xff01, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff6],
  [0x17000, 0x18cd5], // Tangut, Khitan
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1affe],
  [0x1b000, 0x1b2fb], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f202],
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x20000, 0x2fffd], // CJK extensions B–F
  [0x30000, 0x3fffd], // CJK extensions G–H
];

const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
// Combining marks, format characters (ZWJ, ZWSP, BOM) and Hangul medial/final jamo take no column.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff]$/u;

function inRanges(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = WIDE_RANGES[mid]!;
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns a single code point occupies in a terminal: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return 0;
  // Regional indicators are Emoji_Presentation but narrow on their own (EastAsianWidth N).
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return 1;
  if (inRanges(cp) || EMOJI_PRESENTATION.test(ch)) return 2;
  return 1;
}

/** Columns a string occupies, summing code points (no grapheme clustering, like go-runewidth's RuneWidth). */
export function stringWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}
