// Call tracking's rows on either backend: the columns read, under the model's names, and how a row becomes the model.
import type { CallStore } from './calls.js';
import type { CallAttribution, CallRecord, CallSettings } from '../model/call.js';
import { bytesToUuid } from './uuid-bytes.js';

// Quoted aliases: PostgreSQL folds unquoted ones to lower case, SQLite keeps either as written.
export const settingsColumns = 'site_id AS "siteId", signing_secret AS "signingSecret", hash_salt AS "hashSalt", store_callers AS "storeCallers", widget';
export const poolColumns =
  'id, site_id AS "siteId", name, default_number AS "defaultNumber", published_number AS "publishedNumber", selector, hold_ms AS "holdMs", created_at AS "createdAt"';
export const numberColumns = 'id, site_id AS "siteId", number, pool_id AS "poolId", source, campaign, free_at AS "freeAt"';
export const callColumns = `id, site_id AS "siteId", call_id AS "callId", called_number AS "calledNumber", caller_hash AS "callerHash", caller_number AS "callerNumber",
  caller_tail AS "callerTail", started_at AS "startedAt", duration_s AS "durationS", answered, recording_url AS "recordingUrl", received_at AS "receivedAt",
  attribution, lease_id AS "leaseId", number_id AS "numberId", repeat_caller AS "repeatCaller", visitor_id AS "visitorId", session_id AS "sessionId",
  event_id AS "eventId", source, campaign, landing_page AS "landingPage", device, city`;

export type SettingsRow = { siteId: number; signingSecret: string; hashSalt: Buffer; storeCallers: number; widget: string | null };
export const toSettings = (row: SettingsRow): CallSettings => ({ ...row, storeCallers: row.storeCallers === 1 });

export interface CallRow extends Omit<CallRecord, 'answered' | 'repeatCaller' | 'eventId'> {
  answered: number;
  repeatCaller: number;
  eventId: Buffer | null;
}
export const toCall = (row: CallRow): CallRecord => ({
  ...row,
  attribution: row.attribution as CallAttribution,
  answered: row.answered === 1,
  repeatCaller: row.repeatCaller === 1,
  eventId: row.eventId && bytesToUuid(row.eventId),
});

/** The settings, pools and numbers half of the calls group. */
export type NumberStore = Pick<
  CallStore,
  'settings' | 'ensureSettings' | 'setStoreCallers' | 'setSigningSecret' | 'setWidget' | 'pools' | 'insertPool' | 'updatePool' | 'deletePool' | 'numbers' | 'numberOf' | 'setPoolNumbers' | 'insertStaticNumber' | 'deleteNumber'
>;

/** The call log half of the calls group. */
export type LogStore = Pick<
  CallStore,
  'callById' | 'lastKnownCall' | 'hasCalled' | 'insertCall' | 'calls' | 'callDays' | 'callsBy' | 'callsOfVisitors' | 'deleteOfVisitors' | 'deleteBefore'
>;
