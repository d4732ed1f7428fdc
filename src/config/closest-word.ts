/**
 * The known word closest to a mistyped one, for "did you mean" hints: within two edits
 * (a swap of neighbours counts as one), or the only known word the input begins.
 */
export function closestWord(input: string, known: readonly string[]): string | undefined {
  const typed = input.toLowerCase();
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = editDistance(typed, word.toLowerCase());
    if (distance <= Math.min(2, Math.max(1, Math.floor(word.length / 3))) && (best === undefined || distance < best.distance)) best = { word, distance };
  }
  if (best !== undefined) return best.word;
  const prefixed = known.filter((word) => typed.length >= 2 && word.toLowerCase().startsWith(typed));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** ` (did you mean "x"?)`, or nothing when no known word is close. */
export function didYouMean(input: string, known: readonly string[], quote: (word: string) => string = (word) => `"${word}"`): string {
  const word = closestWord(input, known);
  return word === undefined ? '' : ` (did you mean ${quote(word)}?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, index) => [index, ...new Array<number>(b.length).fill(0)]);
  for (let column = 0; column <= b.length; column++) rows[0]![column] = column;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
