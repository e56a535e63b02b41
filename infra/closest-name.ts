/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known name a misspelt one most likely meant: the same but for case (`dryrun`), one a prefix of the other
 * (`timeout` for `timeoutMinutes`), or two edits away at most (`maxAgeDay`). Undefined when none is close.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = known.find((candidate) => candidate.toLowerCase() === lower);
  if (exact) return exact;
  const prefixed = known.find((candidate) => lower.length >= 4 && (candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase())));
  if (prefixed) return prefixed;
  const ranked = known.map((candidate) => ({ candidate, edits: distance(lower, candidate.toLowerCase()) })).sort((a, b) => a.edits - b.edits);
  return ranked[0] && ranked[0].edits <= 2 ? ranked[0].candidate : undefined;
}
