import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to a mistyped word, if it is close enough to be what was meant
 * (edit distance at most a third of the word, and at least 2: a swapped pair of letters; `scna` → `scan`).
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  const best = closest(word, [...candidates]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
