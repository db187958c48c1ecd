// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { loadChunks } from './chunks';

/** The chunks asked for, by name; each load fails, as a chunk the collector lacks does. */
let loaded: string[] = [];
const chunk = async (name: string) => {
  loaded.push(name);
  throw new Error('no such chunk');
};

beforeEach(() => {
  sessionStorage.clear();
  loaded = [];
});

describe('loadChunks', () => {
  test('keeps the last answer for the session, the chunks it names and all', () => {
    const answered = loadChunks(chunk);
    answered('{"accepted":1,"duplicates":0,"rejected":[],"dropped":0,"chunks":["calls","site"]}');
    expect(loaded).toEqual(['calls', 'site']);
    expect(JSON.parse(sessionStorage.pulse_chunks).chunks).toEqual(['calls', 'site']);
  });

  test('a later page loads the chunks the session was last told of, before any answer', () => {
    sessionStorage.pulse_chunks = '{"chunks":["site"]}';
    loadChunks(chunk);
    expect(loaded).toEqual(['site']);
  });

  test('an answer that names no chunks replaces one that did: the site stopped using them', () => {
    const answered = loadChunks(chunk);
    answered('{"accepted":1,"chunks":["calls"]}');
    answered('{"accepted":1}');
    expect(JSON.parse(sessionStorage.pulse_chunks).chunks).toBeUndefined();
  });

  test('an answer that is not JSON changes nothing and throws nothing', () => {
    sessionStorage.pulse_chunks = '{"chunks":["calls"]}';
    const answered = loadChunks(chunk);
    expect(() => answered('<html>proxy error</html>')).not.toThrow();
    expect(sessionStorage.pulse_chunks).toBe('{"chunks":["calls"]}');
  });

  test('starts quietly whatever the session holds', () => {
    sessionStorage.pulse_chunks = 'not json';
    expect(() => loadChunks(chunk)).not.toThrow();
  });
});
