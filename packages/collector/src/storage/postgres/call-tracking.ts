// Call tracking's storage group on PostgreSQL, put together from its three files: configuration, leases and the call log.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { CallStore } from '../calls.js';
import { pgCallNumbers } from './call-numbers.js';
import { pgCallLeases } from './call-leases.js';
import { pgCallLog } from './call-log.js';

export const pgCalls = (sql: Sql, copies: Copies): CallStore => ({ ...pgCallNumbers(sql, copies), ...pgCallLeases(sql), ...pgCallLog(sql) });
