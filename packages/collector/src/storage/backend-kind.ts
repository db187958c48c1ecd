// Which backend a --db value names: PostgreSQL for a postgres:// URL, else a SQLite file.
export const isPostgres = (db: string) => /^postgres(ql)?:\/\//.test(db);
