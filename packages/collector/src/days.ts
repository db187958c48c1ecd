// Calendar days (UTC) as whole numbers: the unit of rollups, daily caps, counters and windows.

export const dayMs = 86_400_000;

/** The day a time falls in, counted from 1970-01-01. */
export const dayOf = (ts: number) => Math.floor(ts / dayMs);
