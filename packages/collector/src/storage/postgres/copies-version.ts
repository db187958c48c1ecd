// The one row every collector's copies are checked against: its version moves with each commit that changes what collectors copy, and a NOTIFY says so.
export const copiesChannel = 'pulse_copies';
const versionKey = 'copies_version';

/** One statement: the version moves and every collector hears of it when this commits. */
export const announceCopies = `WITH bumped AS (
  INSERT INTO settings (key, value) VALUES ('${versionKey}', '1')
  ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text RETURNING value
) SELECT value, pg_notify('${copiesChannel}', value) FROM bumped`;

export const readCopiesVersion = `SELECT value FROM settings WHERE key = '${versionKey}'`;

/**
 * The version, held until commit: a change to the copies (which updates the row) cannot commit
 * between this read and the commit of the transaction that read it.
 */
export const holdCopiesVersion = `${readCopiesVersion} FOR SHARE`;

/** The row taken for a change about to happen: transactions that decided by the copies before it have committed once this returns. */
export const lockCopiesVersion = `${readCopiesVersion} FOR UPDATE`;
