// Collector-wide settings: the admin password's hash, the retention period, when each collector-wide job last ran.

export interface SettingStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): void;
  /** Days raw events and sessions are kept, collector-wide; null keeps them for ever. */
  retentionDays(): Promise<number | null>;
  setRetentionDays(days: number | null): void;
  /**
   * True when this caller may run the collector-wide job `job` now: no one ran it in the last
   * `everyMs`. Claiming records `now` as its last run, atomically, so of several collectors asking
   * at once exactly one gets true.
   */
  claimJob(job: string, now: number, everyMs: number): Promise<boolean>;
}

/** The setting holding the retention period, in days. */
export const retentionKey = 'retention_days';

/** The setting holding when a collector-wide job last ran, in ms. */
export const jobKey = (job: string): string => `job:${job}`;
