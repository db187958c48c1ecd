// A numbered step of a backend's schema, applied in order at start.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
