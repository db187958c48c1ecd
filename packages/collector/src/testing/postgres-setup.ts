// Vitest's global setup for the postgres project: one cluster for the whole run, and a migrated template each test's database is copied from.
import type { TestProject } from 'vitest/node';
import { migratePostgres, openPool } from '../storage/postgres/database.js';
import { createDatabase, startPostgres } from '../storage/postgres/local-cluster.js';

const template = 'pulse_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  try {
    // Migrated once here, so a test's database is a file copy rather than a run of every migration.
    const pool = await openPool(await createDatabase(cluster.url, template), { max: 1 });
    try {
      await migratePostgres(pool);
    } finally {
      // A template cannot be copied while anyone is connected to it.
      await pool.end();
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresTemplate', template);
  return () => cluster.stop();
}
