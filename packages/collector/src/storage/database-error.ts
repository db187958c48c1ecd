// The error of a database that cannot be opened or reached, SQLite or PostgreSQL: the CLI prints its message alone, without a stack.
export class DatabaseOpenError extends Error {}
