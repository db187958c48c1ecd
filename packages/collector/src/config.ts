// The collector's settings, from command-line flags over environment variables over defaults.
import { wireLimits } from '@pulse/wire';
import { z } from 'zod';

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  db: z.string().min(1).default('data/pulse.db'),
  demo: z.boolean().default(false),
  /** With --demo, whether a new demo database is given a month of generated traffic; tests that count what they stored turn it off. */
  demoHistory: z.enum(['on', 'off']).default('on'),
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). */
  trustProxy: z.string().default('').transform(list),
  /** The largest ingest request; by default the wire format's (sendBeacon's own limit). */
  maxBodyBytes: z.coerce.number().int().min(1_024).max(16 * 1024 * 1024).default(wireLimits.bodyBytes),
  /** 'off', or MMDB files (comma-separated) to use instead of the bundled DB-IP city files. */
  geo: z.string().default(''),
  synchronous: z.enum(['normal', 'full']).default('normal'),
  // 0: the writer thread commits what arrived while it was busy, so a group forms without waiting;
  // a window only delays each commit (p50 at half rate 6.5 → 3.3 ms, BENCHMARKS.md).
  commitWindowMs: z.coerce.number().min(0).max(1_000).default(0),
  /** The bearer token of the admin API; without one, each start makes one and prints it. */
  adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The stats page's admin password, from the environment only (a flag would show in `ps`); else the first start makes one. */
  adminPassword: z.string().min(8, 'must be at least 8 characters').optional(),
  /** How often the sweeper applies changes that come from time passing (groups, decay). */
  sweepIntervalMs: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /** How often every site's clusters are refitted in the background; 0 never (fit on demand only). */
  clusterRefitMs: z.coerce.number().int().min(0).max(7 * 86_400_000).default(3_600_000),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variables, each the upper-snake name of a setting: PULSE_PORT, PULSE_TRUST_PROXY… */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigInput {
  const pick = (name: string) => env[`PULSE_${name}`] || undefined;
  return {
    port: pick('PORT'),
    host: pick('HOST'),
    db: pick('DB'),
    demoHistory: pick('DEMO_HISTORY') as ConfigInput['demoHistory'],
    trustProxy: pick('TRUST_PROXY'),
    maxBodyBytes: pick('MAX_BODY_BYTES'),
    geo: pick('GEO'),
    synchronous: pick('SYNCHRONOUS') as ConfigInput['synchronous'],
    commitWindowMs: pick('COMMIT_WINDOW_MS'),
    sweepIntervalMs: pick('SWEEP_INTERVAL_MS'),
    clusterRefitMs: pick('CLUSTER_REFIT_MS'),
    adminToken: pick('ADMIN_TOKEN'),
    adminPassword: pick('ADMIN_PASSWORD'),
  };
}

export function geoFiles(config: Config): string[] | 'off' | 'default' {
  if (config.geo === 'off') return 'off';
  return config.geo === '' ? 'default' : list(config.geo);
}
