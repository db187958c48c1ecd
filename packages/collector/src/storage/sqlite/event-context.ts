// An event's context's key as SQLite makes it in SQL, for the migration that keyed the contexts of stored events.
import { contextColumns } from '../event-context.js';

/**
 * The SQL that makes a context's key from its columns (migration 17 keys the contexts of stored events with it):
 * char(30) and char(31) are the null and the separator contextOf joins the values with.
 */
export const contextKeySql = (table: string) => contextColumns.map((c) => `coalesce(${table}.${c}, char(30))`).join(' || char(31) || ');
