// Call tracking's storage group, put together from its three files: configuration, leases and the call log.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { CallStore } from '../calls.js';
import { sqliteCallNumbers } from './call-numbers.js';
import { sqliteCallLeases } from './call-leases.js';
import { sqliteCallLog } from './call-log.js';

export const sqliteCalls = (db: Db, fresh: Freshness): CallStore => ({ ...sqliteCallNumbers(db, fresh), ...sqliteCallLeases(db), ...sqliteCallLog(db) });
