// Calls as stored: one row per call id and site, with how it was attributed, and the reads the Calls page and a person's data take of them.
import type { Db } from './database.js';
import type { CallDay } from '../calls.js';
import { uuidToBytes } from '../uuid-bytes.js';
import { callColumns, toCall, type CallRow, type LogStore } from '../call-rows.js';

const countedColumns = ['source', 'campaign', 'landing_page', 'device', 'city'] as const;

export function sqliteCallLog(db: Db): LogStore {
  const byId = db.prepare<[number, string], CallRow>(`SELECT ${callColumns} FROM calls WHERE site_id = ? AND call_id = ?`);
  const lastKnown = db.prepare<[number, Buffer], CallRow>(
    `SELECT ${callColumns} FROM calls WHERE site_id = ? AND caller_hash = ? AND visitor_id IS NOT NULL ORDER BY started_at DESC LIMIT 1`,
  );
  const called = db.prepare<[number, Buffer]>('SELECT 1 FROM calls WHERE site_id = ? AND caller_hash = ? LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO calls (site_id, call_id, called_number, caller_hash, caller_number, caller_tail, started_at, duration_s, answered, recording_url, received_at,
       attribution, lease_id, number_id, repeat_caller, visitor_id, session_id, event_id, source, campaign, landing_page, device, city)
     VALUES (@siteId, @callId, @calledNumber, @callerHash, @callerNumber, @callerTail, @startedAt, @durationS, @answered, @recordingUrl, @receivedAt,
       @attribution, @leaseId, @numberId, @repeatCaller, @visitorId, @sessionId, @eventId, @source, @campaign, @landingPage, @device, @city)`,
  );
  const inRange = db.prepare<[number, number, number, number], CallRow>(
    `SELECT ${callColumns} FROM calls WHERE site_id = ? AND started_at >= ? AND started_at < ? ORDER BY started_at DESC LIMIT ?`,
  );
  const days = db.prepare<[number, number, number], CallDay>(
    `SELECT date(started_at / 1000, 'unixepoch') AS day, count(*) AS calls, sum(answered) AS answered,
       sum(attribution <> 'none') AS attributed, sum(repeat_caller = 0) AS firstTime
     FROM calls WHERE site_id = ? AND started_at >= ? AND started_at < ? GROUP BY day ORDER BY day`,
  );
  const by = new Map(
    countedColumns.map((column) => [
      column,
      db.prepare<[number, number, number, number], { value: string | null; calls: number }>(
        `SELECT ${column} AS value, count(*) AS calls FROM calls WHERE site_id = ? AND started_at >= ? AND started_at < ?
         GROUP BY ${column} ORDER BY calls DESC, value LIMIT ?`,
      ),
    ]),
  );
  const ofVisitors = (sql: string) => (siteId: number, visitorIds: string[]) =>
    db.prepare(sql.replace('$ids', visitorIds.map(() => '?').join(', '))).bind(siteId, ...visitorIds);
  const calls = ofVisitors(`SELECT ${callColumns} FROM calls WHERE site_id = ? AND visitor_id IN ($ids) ORDER BY started_at`);
  const forgetCalls = ofVisitors('DELETE FROM calls WHERE site_id = ? AND visitor_id IN ($ids)');
  const forgetLeases = ofVisitors('DELETE FROM call_leases WHERE site_id = ? AND visitor_id IN ($ids)');
  const oldCalls = db.prepare<[number, number, number]>('DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE site_id = ? AND started_at < ? LIMIT ?)');
  // By its end: a lease that began before the cutoff but runs on may yet be matched to a call.
  const oldLeases = db.prepare<[number, number, number]>('DELETE FROM call_leases WHERE id IN (SELECT id FROM call_leases WHERE site_id = ? AND ends_at < ? LIMIT ?)');

  return {
    async callById(siteId, callId) {
      const row = byId.get(siteId, callId);
      return row && toCall(row);
    },
    async lastKnownCall(siteId, hash) {
      const row = lastKnown.get(siteId, hash);
      return row && toCall(row);
    },
    hasCalled: async (siteId, hash) => called.get(siteId, hash) !== undefined,
    async insertCall(call) {
      const row = { ...call, answered: call.answered ? 1 : 0, repeatCaller: call.repeatCaller ? 1 : 0, eventId: call.eventId && uuidToBytes(call.eventId) };
      return Number(insert.run(row).lastInsertRowid);
    },
    calls: async (siteId, from, to, limit) => inRange.all(siteId, from, to, limit).map(toCall),
    callDays: async (siteId, from, to) => days.all(siteId, from, to),
    callsBy: async (siteId, column, from, to, limit) => by.get(column)!.all(siteId, from, to, limit),
    callsOfVisitors: async (siteId, visitorIds) => (visitorIds.length === 0 ? [] : (calls(siteId, visitorIds).all() as CallRow[]).map(toCall)),
    async deleteOfVisitors(siteId, visitorIds) {
      if (visitorIds.length === 0) return 0;
      forgetLeases(siteId, visitorIds).run();
      return forgetCalls(siteId, visitorIds).run().changes;
    },
    deleteBefore: async (siteId, cutoff, limit) => oldCalls.run(siteId, cutoff, limit).changes + oldLeases.run(siteId, cutoff, limit).changes,
  };
}
