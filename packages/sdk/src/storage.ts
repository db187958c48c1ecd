// First-party key-value storage: localStorage, a cookie where that is blocked, memory where both are.

export interface Store {
  /** The value; '', null or undefined when there is none. */
  get(key: string): string | null | undefined;
  set(key: string, value: string): void;
  del(key: string): void;
}

const prefix = 'pulse_';

export function attempt<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {}
}

// 400 days (34,560,000 s) is the longest Chrome keeps a cookie; 0 deletes it.
const writeCookie = (name: string, value: string, seconds: number) =>
  attempt(() => (document.cookie = `${name}=${encodeURIComponent(value)};max-age=${seconds};path=/`));

const readBrowser = (name: string) =>
  attempt(() => localStorage[name]) || attempt(() => decodeURIComponent(document.cookie.split(name + '=')[1]!.split(';')[0]!));

/** The tracker writes only once storing is allowed (consent.ts): this module does not ask. */
export function createStore(): Store {
  const memory: Record<string, string> = {};
  return {
    get: (key) => memory[key] ?? readBrowser(prefix + key),
    set(key, value) {
      const name = prefix + key;
      // Values are never empty: only a failed write gives no value back.
      attempt(() => (localStorage[name] = value)) || writeCookie(name, value, 34_560_000);
      // Cookies can be switched off without any error: only a value read back counts as stored.
      if (readBrowser(name) != value) memory[key] = value;
    },
    del(key) {
      const name = prefix + key;
      delete memory[key];
      attempt(() => delete localStorage[name]);
      writeCookie(name, '', 0);
    },
  };
}
