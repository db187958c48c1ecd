// What postgres-setup.ts provides to the tests of the postgres project, typed for inject().
declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's cluster, at its maintenance database. */
    postgresUrl: string;
    /** The migrated database each test's own is copied from. */
    postgresTemplate: string;
  }
}

export {};
