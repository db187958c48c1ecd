// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { loadChunks } from './chunks';

const collector = 'https://collector.example';

beforeEach(() => sessionStorage.clear());

describe('loadChunks', () => {
  test('keeps the last answer for the session, the chunks it names and all', () => {
    const answered = loadChunks(collector);
    answered('{"accepted":1,"duplicates":0,"rejected":[],"dropped":0,"chunks":["calls"]}');
    expect(JSON.parse(sessionStorage.pulse_chunks).chunks).toEqual(['calls']);
  });

  test('an answer that names no chunks replaces one that did: the site stopped using them', () => {
    const answered = loadChunks(collector);
    answered('{"accepted":1,"chunks":["calls"]}');
    answered('{"accepted":1}');
    expect(JSON.parse(sessionStorage.pulse_chunks).chunks).toBeUndefined();
  });

  test('an answer that is not JSON changes nothing and throws nothing', () => {
    sessionStorage.pulse_chunks = '{"chunks":["calls"]}';
    const answered = loadChunks(collector);
    expect(() => answered('<html>proxy error</html>')).not.toThrow();
    expect(sessionStorage.pulse_chunks).toBe('{"chunks":["calls"]}');
  });

  test('starts quietly whatever the session holds', () => {
    sessionStorage.pulse_chunks = 'not json';
    expect(() => loadChunks(collector)).not.toThrow();
  });
});
