// Collector-wide settings: the admin password's hash, the retention period.


export interface SettingStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): void;
  /** Days raw events and sessions are kept, collector-wide; null keeps them for ever. */
  retentionDays(): Promise<number | null>;
  setRetentionDays(days: number | null): void;
}
