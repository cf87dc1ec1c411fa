// Order numbers are normalised the same way everywhere (API.md §1): `#`, spaces and hyphens removed, upper-cased.
// "#1042" → "1042", "gg-1042" → "GG1042", " # 10 42 " → "1042".

/**
 * Besides the ASCII `#`, space and `-`, this also removes the look-alikes phones and copy-paste produce:
 * the full-width `＃`, any Unicode white space (no-break and narrow spaces, tabs) and the Unicode hyphens and
 * dashes (‐ ‑ ‒ – — ― and the minus sign), so "GG–1042" typed on an iPhone finds the same order.
 */
const REMOVED = /[#\uFF03\s\-\u2010-\u2015\u2212]+/gu;

export function normaliseOrderNumber(raw: string): string {
  return raw.replace(REMOVED, "").toUpperCase();
}
