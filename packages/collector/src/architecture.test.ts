// The collector's layers, checked: no import loop anywhere, imports only ever go down a floor, and only storage speaks SQL.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const src = fileURLToPath(new URL('.', import.meta.url));
const tsConfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/**
 * The floors, bottom up (README, Architecture). A file may import its own floor and those below,
 * never one above: the shapes every layer shares; storage; the domain rules; the engine; what
 * drives the engine from a request or a timer and what reads for a page; the HTTP areas; the edge.
 */
const floors: [RegExp, number][] = [
  [/^model\/|^(days|validation|throttle|rate-limit|in-order)\.ts$/, 0],
  [/^storage\//, 1],
  [/^(score|profiles|segments|funnels|clusters|webhooks|traffic|sites|enrich|calls|personalization)\//, 2],
  [/^engine\//, 3],
  [/^(jobs|ingest|reports)\//, 4],
  [/^(http|api|stats)\//, 5],
  [/^(seed\/|server\.ts$|cli[\w-]*\.ts$|writer-worker\.ts$|config\.ts$|listen-error\.ts$)/, 6],
];
// Another package (the shared wire limits) sits below every floor.
const floorOf = (file: string) => (file.startsWith('../') ? -1 : floors.find(([pattern]) => pattern.test(file))?.[1]);
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('testing/');

// Type-only imports count: a loop through types is still two modules that cannot be read apart.
const graph = async () =>
  madge(src, { fileExtensions: ['ts', 'tsx'], tsConfig, detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } } });

describe('the collector\'s architecture', () => {
  it('has no import loop', async () => {
    expect((await graph()).circular()).toEqual([]);
  });

  it('has every file on a floor, and imports only go down', async () => {
    const upward: string[] = [];
    for (const [file, imports] of Object.entries((await graph()).obj())) {
      if (isTest(file) || file.startsWith('../')) continue;
      const floor = floorOf(file);
      expect(floor, `${file} is on no floor`).toBeDefined();
      for (const target of imports) if ((floorOf(target) ?? Infinity) > floor!) upward.push(`${file} → ${target}`);
    }
    expect(upward).toEqual([]);
  });

  it('speaks SQL only in storage', async () => {
    const talking = Object.keys((await graph()).obj()).filter((file) => {
      if (isTest(file) || file.startsWith('storage/') || file.startsWith('../')) return false;
      return /from 'better-sqlite3'|\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/.test(readFileSync(`${src}${file}`, 'utf8'));
    });
    expect(talking).toEqual([]);
  });
});
