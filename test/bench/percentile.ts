/** The p-th percentile (nearest rank, rounded down) of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) throw new Error('percentile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds rounded to 0.001, as the benchmark lines print them. */
export const ms = (value: number) => +value.toFixed(3);
