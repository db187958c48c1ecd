// The script tag's lazy chunks (p-calls.js, …): loaded only on sites whose collector names them in its answers.
import { attempt } from './storage';

/** Where the last events answer is kept, so later pages of the session load the chunks it named before any answer. */
const key = 'pulse_chunks';

/**
 * Loads the chunks the session's last answer named with `chunk` (by name: 'calls', 'site'), and
 * returns what to do with each 200 answer of the events endpoint: load the chunks in its `chunks`
 * (none when absent) and keep it for the next pages. The answer is kept whole, and read back as it
 * came: the fewest bytes in p.js. A chunk is a module imported once per page: the module map holds
 * each once, however many answers name it; a chunk that fails to load only loses itself.
 */
export function loadChunks(chunk: (name: string) => Promise<unknown>): (answer: string) => void {
  const load = (answer: string) =>
    attempt(() => {
      for (const name of JSON.parse(answer).chunks || []) chunk(name).catch(() => {});
      sessionStorage[key] = answer;
    });
  attempt(() => load(sessionStorage[key]));
  return load;
}
