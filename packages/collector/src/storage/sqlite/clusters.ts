// Clusters as stored: each person's feature counts and cluster, the site's fitted model and k, and each cluster's totals.
import type { Db } from './database.js';
import type { ClusterStore } from '../clusters.js';
import type { Freshness } from './freshness.js';
import type { ClusterModel, ClusterTotals, FeatureCounts, Placement, StoredClusterModel } from '../../model/cluster.js';
import { countedFromRow, type Counted, type FeatureRow } from '../cluster-rows.js';

export function sqliteClusters(db: Db, fresh: Freshness): ClusterStore {
  const addCounts = db.prepare<[number, number, number, number, number, number, number, number]>(
    `INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET purchases = purchases + excluded.purchases, purchase_value = purchase_value + excluded.purchase_value,
       desktop = desktop + excluded.desktop, tablet = tablet + excluded.tablet, phone = phone + excluded.phone, catalog = catalog + excluded.catalog`,
  );
  const addCategory = db.prepare<[number, number, string, number]>(
    `INSERT INTO profile_categories (site_id, profile_id, category, count) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  const features = db.prepare<[number, number], FeatureRow>(
    `SELECT purchases, purchase_value AS purchaseValue, desktop, tablet, phone, catalog, cluster,
       cluster_score AS clusterScore, cluster_buyer AS clusterBuyer FROM profile_features WHERE profile_id = ? AND site_id = ?`,
  );
  const categories = db.prepare<[number, number], { category: string; count: number }>(
    'SELECT category, count FROM profile_categories WHERE site_id = ? AND profile_id = ?',
  );
  const place = db.prepare<[number, number, number | null, number, number]>(
    `INSERT INTO profile_features (profile_id, site_id, cluster, cluster_score, cluster_buyer) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET cluster = excluded.cluster, cluster_score = excluded.cluster_score, cluster_buyer = excluded.cluster_buyer`,
  );
  const addTotals = db.prepare<[number, number, number, number, number]>(
    `INSERT INTO cluster_stats (site_id, cluster, people, buyers, score_sum) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET people = people + excluded.people, buyers = buyers + excluded.buyers, score_sum = score_sum + excluded.score_sum`,
  );
  const totals = db.prepare<[number], ClusterTotals>(
    'SELECT cluster, people, buyers, score_sum AS scoreSum FROM cluster_stats WHERE site_id = ? ORDER BY cluster',
  );
  const moveCounts = db.prepare<{ siteId: number; into: number; from: number }>(
    `INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog)
       SELECT @into, site_id, purchases, purchase_value, desktop, tablet, phone, catalog FROM profile_features WHERE profile_id = @from AND site_id = @siteId
     ON CONFLICT DO UPDATE SET purchases = purchases + excluded.purchases, purchase_value = purchase_value + excluded.purchase_value,
       desktop = desktop + excluded.desktop, tablet = tablet + excluded.tablet, phone = phone + excluded.phone, catalog = catalog + excluded.catalog`,
  );
  const moveCategories = db.prepare<{ siteId: number; into: number; from: number }>(
    `INSERT INTO profile_categories (site_id, profile_id, category, count)
       SELECT site_id, @into, category, count FROM profile_categories WHERE site_id = @siteId AND profile_id = @from
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  const dropCategories = db.prepare<[number, number]>('DELETE FROM profile_categories WHERE site_id = ? AND profile_id = ?');
  const dropFeatures = db.prepare<[number, number]>('DELETE FROM profile_features WHERE profile_id = ? AND site_id = ?');
  const model = db.prepare<[number], { k: number; fittedAt: number; sampleSize: number; model: string }>(
    'SELECT k, fitted_at AS fittedAt, sample_size AS sampleSize, model FROM cluster_models WHERE site_id = ?',
  );
  const saveModel = db.prepare<[number, number, number, number, string]>(
    `INSERT INTO cluster_models (site_id, k, fitted_at, sample_size, model) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET k = excluded.k, fitted_at = excluded.fitted_at, sample_size = excluded.sample_size, model = excluded.model`,
  );
  const fixedK = db.prepare<[number], { k: number }>('SELECT k FROM cluster_settings WHERE site_id = ?');
  const setK = db.prepare<[number, number]>('INSERT INTO cluster_settings (site_id, k) VALUES (?, ?) ON CONFLICT DO UPDATE SET k = excluded.k');
  const unsetK = db.prepare<[number]>('DELETE FROM cluster_settings WHERE site_id = ?');
  // Ingest places each person with the model: parsed once, and read again only after this
  // connection saved another or another connection (a CLI fit) committed (freshness.ts).
  const models = fresh.perSite((siteId): StoredClusterModel | null => {
    const row = model.get(siteId);
    return row ? { k: row.k, fittedAt: row.fittedAt, sampleSize: row.sampleSize, model: JSON.parse(row.model) as ClusterModel } : null;
  });
  const modelOf = models.get;

  const countsOf = (profileId: number, siteId: number): Counted => {
    const row = features.get(profileId, siteId);
    return countedFromRow(row, row ? categories.all(siteId, profileId).map((c) => [c.category, c.count] as const) : []);
  };

  const leave = (siteId: number, placed: Placement) => {
    if (placed.cluster !== null) addTotals.run(siteId, placed.cluster, -1, -placed.clusterBuyer, -placed.clusterScore);
  };

  return {
    /** Adds a batch's counts for one person. */
    addCounts(profileId: number, siteId: number, c: FeatureCounts): void {
      addCounts.run(profileId, siteId, c.purchases, c.purchaseValue, c.desktop, c.tablet, c.phone, c.catalog);
      for (const [category, count] of c.categories) addCategory.run(siteId, profileId, category, count);
    },
    /** A person's counts (zeros without any), and where they are placed. */
    countsOf: async (profileId: number, siteId: number) => countsOf(profileId, siteId),
    /** countsOf for each of these people. */
    async countsOfPeople(profileIds: readonly number[], siteId: number): Promise<Map<number, Counted>> {
      return new Map(profileIds.map((id) => [id, countsOf(id, siteId)]));
    },
    /**
     * Moves a person from where they were placed (`before`) to `after`, with the score and buying they
     * now add: the totals of the cluster they leave lose what they added, the new one's gain it.
     */
    place(profileId: number, siteId: number, before: Placement, after: Placement): void {
      // Staying in the cluster (most events) moves its totals by the difference: one write, not two.
      if (before.cluster === after.cluster && after.cluster !== null) {
        addTotals.run(siteId, after.cluster, 0, after.clusterBuyer - before.clusterBuyer, after.clusterScore - before.clusterScore);
      } else {
        leave(siteId, before);
        if (after.cluster !== null) addTotals.run(siteId, after.cluster, 1, after.clusterBuyer, after.clusterScore);
      }
      place.run(profileId, siteId, after.cluster, after.clusterScore, after.clusterBuyer);
    },
    async clusterOf(profileId: number, siteId: number): Promise<number | null> {
      return features.get(profileId, siteId)?.cluster ?? null;
    },
    /** A deleted person: out of their cluster's totals, their counts gone. */
    forgetProfile(profileId: number, siteId: number): void {
      leave(siteId, countsOf(profileId, siteId).placed);
      dropCategories.run(siteId, profileId);
      dropFeatures.run(profileId, siteId);
    },
    /** Moves `from`'s counts onto `into` and takes `from` out of its cluster, as identity merges them. */
    absorb(into: number, from: number, siteId: number): void {
      leave(siteId, countsOf(from, siteId).placed);
      moveCounts.run({ siteId, into, from });
      moveCategories.run({ siteId, into, from });
      dropCategories.run(siteId, from);
      dropFeatures.run(from, siteId);
    },
    model: async (siteId: number) => modelOf(siteId),
    saveModel(siteId: number, fitted: ClusterModel, fittedAt: number, sampleSize: number): void {
      saveModel.run(siteId, fitted.centroids.length, fittedAt, sampleSize, JSON.stringify(fitted));
      models.forget(siteId);
    },
    async totals(siteId: number): Promise<ClusterTotals[]> {
      return totals.all(siteId);
    },
    /** The site's fixed k, or null when silhouette picks it. */
    async fixedK(siteId: number): Promise<number | null> {
      return fixedK.get(siteId)?.k ?? null;
    },
    setFixedK(siteId: number, k: number | null): void {
      if (k === null) unsetK.run(siteId);
      else setK.run(siteId, k);
    },
  };
}
