// A collector's copies of what rarely changes (sites, segments, funnels, endpoints, models, definitions), kept true across collectors on one PostgreSQL.

/**
 * What a group keeps copies through. The copies are the store's, shared by its transactions and its
 * pool reads; a group instance speaks for one connection, so `changed` tells that connection's
 * transaction to make every collector drop its copies when it commits.
 */
export interface Copies {
  /** A map under `name`, emptied whenever copies are. */
  map<K, V>(name: string): Map<K, V>;
  /** A per-site copy under `name`, read with `load` on first use. */
  perSite<T>(name: string, load: (siteId: number) => Promise<T>): AsyncSiteCopy<T>;
  /** This connection changed what copies hold: they are emptied now, and everywhere at its commit. */
  changed(): void;
}

export interface AsyncSiteCopy<T> {
  get(siteId: number): Promise<T>;
  /** Drops one site's copy after this connection changed it (and, at commit, every collector's). */
  forget(siteId: number): void;
  /** Drops every copy after this connection changed one, passing `result` through. */
  changed<R>(result: R): R;
}

/** The store's copies: one set per process, emptied on this process's changes and on other collectors' notices. */
export class CopyShelf {
  private readonly maps = new Map<string, Map<unknown, unknown>>();

  clearAll(): void {
    for (const map of this.maps.values()) map.clear();
  }

  /** The copies as one connection sees them; `onChange` hears that this connection changed them. */
  view(onChange: () => void): Copies {
    const shelf = this.maps;
    const mapOf = <K, V>(name: string): Map<K, V> => {
      let map = shelf.get(name);
      if (!map) shelf.set(name, (map = new Map()));
      return map as Map<K, V>;
    };
    const changed = () => {
      this.clearAll();
      onChange();
    };
    return {
      map: mapOf,
      perSite<T>(name: string, load: (siteId: number) => Promise<T>): AsyncSiteCopy<T> {
        const copy = mapOf<number, Promise<T>>(name);
        return {
          get(siteId) {
            let kept = copy.get(siteId);
            if (!kept) {
              kept = load(siteId);
              copy.set(siteId, kept);
              // A failed read is not kept: the next one tries again.
              kept.catch(() => copy.get(siteId) === kept && copy.delete(siteId));
            }
            return kept;
          },
          forget: (siteId) => {
            copy.delete(siteId);
            changed();
          },
          changed: (result) => (changed(), result),
        };
      },
      changed,
    };
  }
}
