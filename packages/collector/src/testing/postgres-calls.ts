// What the call-tracking tests on PostgreSQL share: a fresh database with two sites, the group on its pool and in transactions of their own, and a lease and a call to store.
import type { CallStore, NewLease } from '../storage/calls.js';
import type { CallRecord } from '../model/call.js';
import { freshPulsePostgres, type PulsePostgres } from './postgres.js';
import { pgCalls } from '../storage/postgres/call-tracking.js';
import { CopyShelf } from '../storage/postgres/copies.js';
import { poolSql, transactionSql } from '../storage/postgres/sql.js';

export const shop = 1;
export const otherSite = 2;

export interface OpenTransaction {
  calls: CallStore;
  /** Sends what is queued and commits; rolls back and rethrows if a write failed. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface CallsDatabase {
  db: PulsePostgres;
  /** The group outside any transaction. */
  calls: CallStore;
  /** A transaction of its own connection, left open for the test to interleave with others. */
  begin(): Promise<OpenTransaction>;
}

export async function callsDatabase(): Promise<CallsDatabase> {
  const db = await freshPulsePostgres();
  await db.pool.query("INSERT INTO sites (key, created_at) VALUES ('shop', 0), ('other', 0)");
  const copies = new CopyShelf().view(() => {});
  return {
    db,
    calls: pgCalls(poolSql(db.pool), copies),
    async begin() {
      const client = await db.pool.connect();
      await client.query('BEGIN');
      const sql = transactionSql(client);
      const end = async (commit: boolean) => {
        try {
          if (commit) await sql.settle();
          await client.query(commit ? 'COMMIT' : 'ROLLBACK');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      };
      return { calls: pgCalls(sql, copies), commit: () => end(true), rollback: () => end(false) };
    },
  };
}

export const newLease = (fields: Pick<NewLease, 'poolId' | 'numberId' | 'sessionId' | 'startedAt' | 'endsAt'> & Partial<NewLease>): NewLease => ({
  siteId: shop, visitorId: `v-${fields.sessionId}`, url: 'https://shop.example/landing', referrer: null, utmSource: 'ads', utmMedium: 'cpc', utmCampaign: 'winter',
  utmTerm: null, utmContent: null, device: 'phone', browser: 'Chrome', os: 'Android', country: 'RU', city: 'Kazan', ...fields,
});

export const newCall = (fields: Pick<CallRecord, 'callId' | 'startedAt'> & Partial<CallRecord>): Omit<CallRecord, 'id'> => ({
  siteId: shop, calledNumber: '+74957000001', callerHash: Buffer.from('a1b2', 'hex'), callerNumber: null, callerTail: '02', durationS: 95, answered: true,
  recordingUrl: null, receivedAt: fields.startedAt + 60_000, attribution: 'none', leaseId: null, numberId: null, repeatCaller: false, visitorId: null,
  sessionId: null, eventId: null, source: null, campaign: null, landingPage: null, device: null, city: null, ...fields,
});
