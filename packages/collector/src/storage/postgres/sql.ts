// Statements on PostgreSQL: reads are awaited, the interfaces' void writes are queued in order and sent together, repeated reads are prepared once per connection.
import type { ClientBase, Pool } from 'pg';

/** What a PostgreSQL group speaks through: one transaction's connection, or the pool outside any. */
export interface Sql {
  /** The rows of a statement, run after everything issued before it. */
  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** The first row, if any. */
  row<R>(text: string, values?: readonly unknown[]): Promise<R | undefined>;
  /**
   * A write nobody waits for (the store interfaces' void writes). Runs in issue order with the
   * statements around it; its failure fails the next read, and the transaction with it.
   */
  run(text: string, values?: readonly unknown[]): void;
  /**
   * A write that adds to a shared counter (a commutative upsert), where order does not matter: a
   * transaction sends its tallies last, at commit, sorted, so the hot rows they lock (a site's day,
   * its hour) are held for one round trip instead of the whole batch, and every transaction takes
   * them in one order (no deadlock among tallies). Not read back by the transaction that adds it.
   */
  tally(text: string, values: readonly unknown[]): void;
}

/** A transaction's Sql, with what its commit needs: every queued write sent and settled. */
export interface TransactionSql extends Sql {
  settle(): Promise<void>;
}

// A void write costs a round trip on its own; a transaction's run of them goes as one multi-statement
// text, which the simple query protocol takes with its values inlined as literals.
const writesPerTrip = 500;

const statementNames = new Map<string, string>();
/** One name per statement text: pg prepares a named statement once per connection and reuses it. */
function named(text: string, values: readonly unknown[]) {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `p${statementNames.size + 1}`));
  return { name, text, values: values as unknown[] };
}

/**
 * A value as an untyped SQL literal, which PostgreSQL types from where it stands, as it does a
 * parameter; undefined for a value that is not written this way (arrays, objects).
 */
export function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Uint8Array) return `'\\x${Buffer.from(value).toString('hex')}'`;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot store ${value}`);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return `'${String(value)}'`;
  if (typeof value !== 'string') return undefined;
  if (value.includes('\0')) throw new Error('text values cannot hold NUL characters');
  // Standard-conforming strings are on (PostgreSQL's default since 9.1): only the quote is doubled.
  return `'${value.replaceAll("'", "''")}'`;
}

/** The statement with its $n parameters written in as literals, or undefined when one cannot be. */
export function inline(text: string, values: readonly unknown[]): string | undefined {
  const literals = values.map(literal);
  if (literals.includes(undefined)) return undefined;
  return text.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1]!);
}

/**
 * The Sql of one transaction's connection. Statements go one after another (pg 8 would queue them
 * itself, but pg 9 drops that): a read waits for the writes issued before it.
 */
export function transactionSql(client: ClientBase): TransactionSql {
  let queued: string[] = [];
  const tallies: { key: string; text: string; values: readonly unknown[] }[] = [];
  let failure: unknown;
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch((error: unknown) => (failure ??= error));
    return next;
  };
  const send = () => {
    if (queued.length === 0) return;
    const text = queued.join(';\n');
    queued = [];
    void inTurn(() => client.query(text)).catch(() => {});
  };
  const rows = async <R>(text: string, values: readonly unknown[] = []): Promise<R[]> => {
    send();
    try {
      const result = await inTurn(() => client.query(named(text, values)));
      if (failure !== undefined) throw failure;
      return result.rows as R[];
    } catch (error) {
      // After a failed write every statement fails as "transaction aborted": the write's error says why.
      throw failure ?? error;
    }
  };
  const run = (text: string, values: readonly unknown[] = []) => {
    const written = inline(text, values);
    if (written === undefined) {
      send();
      void inTurn(() => client.query(named(text, values))).catch(() => {});
      return;
    }
    queued.push(written);
    if (queued.length >= writesPerTrip) send();
  };
  return {
    rows,
    row: async (text, values) => (await rows(text, values))[0] as never,
    run,
    tally(text, values) {
      // Keyed by statement, then by its values, which begin with the row's key (site, then day or hour…).
      tallies.push({ key: `${text}\0${JSON.stringify(values)}`, text, values });
    },
    async settle() {
      tallies.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (const { text, values } of tallies.splice(0)) run(text, values);
      send();
      await tail;
      if (failure !== undefined) throw failure;
    },
  };
}

/**
 * The pool's Sql, for reads outside a transaction. A void write here runs on its own (autocommit),
 * and the reads after it wait for it, so this store reads what it wrote.
 */
export function poolSql(pool: Pool): TransactionSql {
  let writes: Promise<unknown> = Promise.resolve();
  let failure: unknown;
  const rows = async <R>(text: string, values: readonly unknown[] = []): Promise<R[]> => {
    await writes;
    if (failure !== undefined) {
      const error = failure;
      failure = undefined;
      throw error;
    }
    return (await pool.query(named(text, values))).rows as R[];
  };
  const run = (text: string, values: readonly unknown[] = []) => {
    writes = writes.then(() => pool.query(named(text, values))).catch((error: unknown) => (failure ??= error));
  };
  return {
    rows,
    row: async (text, values) => (await rows(text, values))[0] as never,
    run,
    // Outside a transaction a tally is a write like any other: it commits on its own.
    tally: run,
    /** Waits for the writes issued so far, as the store does before it closes. */
    async settle() {
      await writes;
      if (failure !== undefined) throw failure;
    },
  };
}
