// Calls on PostgreSQL: one row per call id and site, with how it was attributed, and the reads the Calls page and a person's data take of them.
import type { Sql } from './sql.js';
import type { CallDay } from '../calls.js';
import { uuidToBytes } from '../uuid-bytes.js';
import { callColumns, toCall, type CallRow, type LogStore } from '../call-rows.js';

/** How many rows a DELETE took, counted on the server rather than sent back one by one. */
const counted = (remove: string) => `WITH gone AS (${remove} RETURNING 1) SELECT count(*) AS n FROM gone`;

export function pgCallLog(sql: Sql): LogStore {
  const callsOf = async (text: string, values: unknown[]) => (await sql.rows<CallRow>(`SELECT ${callColumns} FROM calls WHERE ${text}`, values)).map(toCall);
  const callOf = async (text: string, values: unknown[]) => (await callsOf(text, values))[0];
  const deleted = async (remove: string, values: unknown[]) => (await sql.row<{ n: number }>(counted(remove), values))!.n;

  return {
    callById: (siteId, callId) => callOf('site_id = $1 AND call_id = $2', [siteId, callId]),
    // Ties on started_at go to the call stored last, as SQLite's backward walk of its index gives them; so in calls() below.
    lastKnownCall: (siteId, hash) =>
      callOf('site_id = $1 AND caller_hash = $2 AND visitor_id IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1', [siteId, hash]),
    hasCalled: async (siteId, hash) => (await sql.row('SELECT 1 FROM calls WHERE site_id = $1 AND caller_hash = $2 LIMIT 1', [siteId, hash])) !== undefined,
    async insertCall(call) {
      const row = await sql.row<{ id: number }>(
        `INSERT INTO calls (site_id, call_id, called_number, caller_hash, caller_number, caller_tail, started_at, duration_s, answered, recording_url, received_at,
           attribution, lease_id, number_id, repeat_caller, visitor_id, session_id, event_id, source, campaign, landing_page, device, city)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         ON CONFLICT (site_id, call_id) DO NOTHING RETURNING id`,
        [
          call.siteId, call.callId, call.calledNumber, call.callerHash, call.callerNumber, call.callerTail, call.startedAt, call.durationS, call.answered ? 1 : 0,
          call.recordingUrl, call.receivedAt, call.attribution, call.leaseId, call.numberId, call.repeatCaller ? 1 : 0, call.visitorId, call.sessionId,
          call.eventId && uuidToBytes(call.eventId), call.source, call.campaign, call.landingPage, call.device, call.city,
        ],
      );
      // Another collector stored this call id after our callById looked (SQLite's single writer rules
      // that out). Failing rolls back the call event recorded with it; the writer then runs the
      // command alone, and its callById finds the stored call: a duplicate, answered as one.
      if (!row) throw new Error(`call ${call.callId} of site ${call.siteId} was stored meanwhile by another collector`);
      return row.id;
    },
    calls: (siteId, from, to, limit) =>
      callsOf('site_id = $1 AND started_at >= $2 AND started_at < $3 ORDER BY started_at DESC, id DESC LIMIT $4', [siteId, from, to, limit]),
    // The day in UTC of the second the call began in, as SQLite's date(started_at / 1000, 'unixepoch').
    callDays: (siteId, from, to) =>
      sql.rows<CallDay>(
        `SELECT to_char(to_timestamp(started_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS calls, sum(answered)::bigint AS answered,
           count(*) FILTER (WHERE attribution <> 'none') AS attributed, count(*) FILTER (WHERE repeat_caller = 0) AS "firstTime"
         FROM calls WHERE site_id = $1 AND started_at >= $2 AND started_at < $3 GROUP BY day ORDER BY day`,
        [siteId, from, to],
      ),
    // SQLite puts the null value first and orders text by its bytes.
    callsBy: (siteId, column, from, to, limit) =>
      sql.rows(
        `SELECT ${column} AS value, count(*) AS calls FROM calls WHERE site_id = $1 AND started_at >= $2 AND started_at < $3
         GROUP BY ${column} ORDER BY calls DESC, ${column} COLLATE "C" NULLS FIRST LIMIT $4`,
        [siteId, from, to, limit],
      ),
    // Ties in the order stored, as SQLite reads them along (site_id, started_at).
    callsOfVisitors: async (siteId, visitorIds) =>
      visitorIds.length === 0 ? [] : callsOf('site_id = $1 AND visitor_id = ANY($2) ORDER BY started_at, id', [siteId, visitorIds]),
    async deleteOfVisitors(siteId, visitorIds) {
      if (visitorIds.length === 0) return 0;
      sql.run('DELETE FROM call_leases WHERE site_id = $1 AND visitor_id = ANY($2)', [siteId, visitorIds]);
      return deleted('DELETE FROM calls WHERE site_id = $1 AND visitor_id = ANY($2)', [siteId, visitorIds]);
    },
    // A chunk another collector's retention (or a renewal) holds is left to the next pass rather than
    // waited for: two collectors deleting overlapping chunks in their own orders could deadlock.
    // Leases go by their end: one that began before the cutoff but runs on may yet be matched to a call.
    // The chunk is an array, picked once: as an IN list beside site_id the planner may run the limited
    // pick again per row, and each run skips the rows the last one locked.
    deleteBefore: async (siteId, cutoff, limit) =>
      (await deleted('DELETE FROM calls WHERE site_id = $1 AND id = ANY(ARRAY(SELECT id FROM calls WHERE site_id = $1 AND started_at < $2 LIMIT $3 FOR UPDATE SKIP LOCKED))', [
        siteId,
        cutoff,
        limit,
      ])) +
      (await deleted('DELETE FROM call_leases WHERE site_id = $1 AND id = ANY(ARRAY(SELECT id FROM call_leases WHERE site_id = $1 AND ends_at < $2 LIMIT $3 FOR UPDATE SKIP LOCKED))', [
        siteId,
        cutoff,
        limit,
      ])),
  };
}
