// How many numbers a pool needs: the seed's rule from average session length and traffic, with the hold time and a margin.

/** Vendors warn above about 75 % of a pool in use: the margin keeps the peak hour under it. */
export const safetyMargin = 1.3;

export interface SizingInput {
  /** Sessions that asked for a number in the busiest hour of the period. */
  peakHourSessions: number;
  /** The site's average session length, in minutes. */
  averageSessionMinutes: number;
  /** How long a number stays with a session after its last activity, in minutes. */
  holdMinutes: number;
}

/**
 * numbers = ⌈peak-hour sessions × (average session minutes + hold minutes) ÷ 60 × margin⌉: each
 * session holds its number for its own length plus the hold, so that many sessions overlap in the
 * busiest hour (Little's law), and the margin absorbs arrivals that bunch within the hour.
 */
export function recommendedPoolSize({ peakHourSessions, averageSessionMinutes, holdMinutes }: SizingInput): number {
  if (peakHourSessions <= 0) return 0;
  return Math.max(1, Math.ceil(((peakHourSessions * (averageSessionMinutes + holdMinutes)) / 60) * safetyMargin));
}
