// Calendar days (UTC) as whole numbers: the unit of rollups, daily caps, counters and windows.

export const dayMs = 86_400_000;

/** The day a time falls in, counted from 1970-01-01. */
export const dayOf = (ts: number) => Math.floor(ts / dayMs);

export const hourMs = 3_600_000;

/** The hour a time falls in, counted from 1970-01-01 00:00 UTC: a one-day chart's unit. */
export const hourOf = (ts: number) => Math.floor(ts / hourMs);
