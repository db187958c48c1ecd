// The one row every collector's copies are checked against: its version moves with each commit that changes what collectors copy, and a NOTIFY says so.
export const copiesChannel = 'pulse_copies';
const versionKey = 'copies_version';

/** One statement: the version moves and every collector hears of it when this commits. */
export const announceCopies = `WITH bumped AS (
  INSERT INTO settings (key, value) VALUES ('${versionKey}', '1')
  ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text RETURNING value
) SELECT value, pg_notify('${copiesChannel}', value) FROM bumped`;

export const readCopiesVersion = `SELECT value FROM settings WHERE key = '${versionKey}'`;

/** What holdCopiesVersion fails with when the version moved: division by zero, the one error plain SQL can raise on a condition. */
export const staleVersion = '22012';

/**
 * The version held until commit, so a change to the copies (which updates the row) cannot commit
 * before the transaction that read `expected` (an SQL literal) does; failing with `staleVersion`
 * when one already has. A statement that fails skips the COMMIT sent after it in the same query.
 */
export const holdCopiesVersion = (expected: string) => `SELECT 1 / (value IS NOT DISTINCT FROM ${expected})::int FROM settings WHERE key = '${versionKey}' FOR SHARE`;

/** The row taken for a change about to happen: transactions that decided by the copies before it have committed once this returns. */
export const lockCopiesVersion = `${readCopiesVersion} FOR UPDATE`;
