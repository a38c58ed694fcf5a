// Word tokens with their offsets, and the key a run of tokens is looked up by.
// Keys fold case and accents and treat any run of spaces, hyphens and dashes as
// one space, so "Guinea-Bissau", "Guinea Bissau" and "GUINEA-BISSAU" share a
// key while "U.S." keeps its dots ("u.s") and "N’Djamena" its apostrophe.

export interface Token {
  start: number;
  end: number;
  /** Lower-cased, accents removed. */
  norm: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}+/gu;
const QUOTES = /[’‘`´ʼ]/g;
const SPACING = /[\s\u00a0\-\u2010-\u2015]+/g;

export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

export function foldSeparator(sep: string): string {
  return sep.replace(QUOTES, "'").replace(SPACING, ' ');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    tokens.push({ start: m.index, end: m.index + m[0].length, norm: foldWord(m[0]) });
  }
  return tokens;
}

/** Lookup key of tokens[from..to] (inclusive) of `text`. */
export function keyOf(text: string, tokens: readonly Token[], from: number, to: number): string {
  let key = tokens[from]?.norm ?? '';
  for (let j = from + 1; j <= to; j++) {
    const prev = tokens[j - 1];
    const tok = tokens[j];
    if (!prev || !tok) break;
    key += foldSeparator(text.slice(prev.end, tok.start)) + tok.norm;
  }
  return key;
}

/** The key and token count of a whole phrase ("Côte d'Ivoire" → "cote d'ivoire", 3). */
export function phraseKey(phrase: string): { key: string; tokens: number } | null {
  const tokens = tokenize(phrase);
  if (tokens.length === 0) return null;
  return { key: keyOf(phrase, tokens, 0, tokens.length - 1), tokens: tokens.length };
}

export function startsUpper(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
