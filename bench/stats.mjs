// Order statistics for noisy timings: the machine has 2 cores and other work running, so every
// figure is a median (or a percentile) of several runs, never a single sample.

/** @param {readonly number[]} values */
function sorted(values) {
  if (values.length === 0) throw new Error('no samples');
  return [...values].sort((a, b) => a - b);
}

/**
 * Nearest-rank percentile: an actual sample, never an interpolation between two.
 * @param {readonly number[]} values
 * @param {number} p  0–100
 */
export function percentile(values, p) {
  const s = sorted(values);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

/**
 * The middle sample, or the mean of the two middle samples for an even count.
 * @param {readonly number[]} values
 */
export function median(values) {
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * `median 41.2 (min 38.0, max 55.1, n=10)`: how spread the samples were, for the report.
 * @param {readonly number[]} values
 * @param {number} [digits]
 */
export function spread(values, digits = 1) {
  const s = sorted(values);
  return `min ${s[0].toFixed(digits)}, max ${s[s.length - 1].toFixed(digits)}, n=${s.length}`;
}
