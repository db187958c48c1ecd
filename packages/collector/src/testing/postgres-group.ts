// For tests of PostgreSQL groups: a fresh database with the group on its pool, copies of its own, and two sites to tell apart.
import type pg from 'pg';
import { freshPulsePostgres, type PulsePostgres } from './postgres.js';
import { CopyShelf, type Copies } from '../storage/postgres/copies.js';
import { poolSql, type Sql } from '../storage/postgres/sql.js';

/** Copies no other connection tells about its commits: as another collector's would be. */
export const ownCopies = (): Copies => new CopyShelf().view(() => {});

export async function freshGroup<G>(make: (sql: Sql, copies: Copies) => G): Promise<{ db: PulsePostgres; group: G }> {
  const db = await freshPulsePostgres();
  return { db, group: make(poolSql(db.pool), ownCopies()) };
}

/** The ids of two new sites, 'shop' and 'blog', for tests that one site's rows stay its own. */
export async function shopAndBlog(pool: pg.Pool): Promise<[number, number]> {
  const { rows } = await pool.query<{ id: number }>("INSERT INTO sites (key, created_at) VALUES ('shop', 0), ('blog', 0) RETURNING id");
  return rows.map((row) => row.id) as [number, number];
}
