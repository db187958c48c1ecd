// Clusters as stored: each person's feature counts and cluster, the site's fitted model and k, and each cluster's totals.
import type { Db } from './database.js';
import { profileColumns, profileFromRow, type Profile, type ProfileRow } from './profiles.js';
import type { FeatureCounts } from '../clusters/features.js';
import type { ClusterModel } from '../clusters/model.js';

export interface StoredClusterModel {
  k: number;
  fittedAt: number;
  sampleSize: number;
  model: ClusterModel;
}

export interface ClusterTotals {
  cluster: number;
  people: number;
  buyers: number;
  scoreSum: number;
}

/** Where a person is placed, and what they add to that cluster's totals. */
export type Placement = Pick<FeatureRow, 'cluster' | 'clusterScore' | 'clusterBuyer'>;

export interface FeatureRow extends Omit<FeatureCounts, 'categories'> {
  cluster: number | null;
  clusterScore: number;
  clusterBuyer: number;
}

export function clusterStatements(db: Db) {
  const addCounts = db.prepare<[number, number, number, number, number, number, number, number]>(
    `INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET purchases = purchases + excluded.purchases, purchase_value = purchase_value + excluded.purchase_value,
       desktop = desktop + excluded.desktop, tablet = tablet + excluded.tablet, phone = phone + excluded.phone, catalog = catalog + excluded.catalog`,
  );
  const addCategory = db.prepare<[number, string, number]>(
    `INSERT INTO profile_categories (profile_id, category, count) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  const features = db.prepare<[number], FeatureRow>(
    `SELECT purchases, purchase_value AS purchaseValue, desktop, tablet, phone, catalog, cluster,
       cluster_score AS clusterScore, cluster_buyer AS clusterBuyer FROM profile_features WHERE profile_id = ?`,
  );
  const categories = db.prepare<[number], { category: string; count: number }>('SELECT category, count FROM profile_categories WHERE profile_id = ?');
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
  const moveCounts = db.prepare<[number, number]>(
    `INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog)
       SELECT ?, site_id, purchases, purchase_value, desktop, tablet, phone, catalog FROM profile_features WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET purchases = purchases + excluded.purchases, purchase_value = purchase_value + excluded.purchase_value,
       desktop = desktop + excluded.desktop, tablet = tablet + excluded.tablet, phone = phone + excluded.phone, catalog = catalog + excluded.catalog`,
  );
  const moveCategories = db.prepare<[number, number]>(
    `INSERT INTO profile_categories (profile_id, category, count) SELECT ?, category, count FROM profile_categories WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  const dropCategories = db.prepare<[number]>('DELETE FROM profile_categories WHERE profile_id = ?');
  const dropFeatures = db.prepare<[number]>('DELETE FROM profile_features WHERE profile_id = ?');
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
  // Covered by profiles_top (site_id, score_now, rowid): the site's ids without reading its profiles.
  const ids = db.prepare<[number], { id: number }>('SELECT id FROM profiles WHERE site_id = ?');
  const profileById = db.prepare<[number], ProfileRow>(`SELECT ${profileColumns} FROM profiles WHERE id = ?`);

  // Ingest places each person with the model: parsed once, and read again only after another
  // connection (a CLI fit) committed something, which data_version tells.
  const models = new Map<number, StoredClusterModel | null>();
  // Prepared once: db.pragma() would compile the statement again on every settle.
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seenVersion = -1;
  const modelOf = (siteId: number): StoredClusterModel | null => {
    const version = dataVersion.get() as number;
    if (version !== seenVersion) models.clear(), (seenVersion = version);
    if (!models.has(siteId)) {
      const row = model.get(siteId);
      models.set(siteId, row ? { k: row.k, fittedAt: row.fittedAt, sampleSize: row.sampleSize, model: JSON.parse(row.model) as ClusterModel } : null);
    }
    return models.get(siteId)!;
  };

  const countsOf = (profileId: number): { counts: FeatureCounts; placed: Placement } => {
    const row = features.get(profileId);
    const counts: FeatureCounts = {
      purchases: row?.purchases ?? 0,
      purchaseValue: row?.purchaseValue ?? 0,
      desktop: row?.desktop ?? 0,
      tablet: row?.tablet ?? 0,
      phone: row?.phone ?? 0,
      catalog: row?.catalog ?? 0,
      categories: new Map(row ? categories.all(profileId).map((c) => [c.category, c.count]) : []),
    };
    return { counts, placed: { cluster: row?.cluster ?? null, clusterScore: row?.clusterScore ?? 0, clusterBuyer: row?.clusterBuyer ?? 0 } };
  };
  const leave = (siteId: number, placed: Placement) => {
    if (placed.cluster !== null) addTotals.run(siteId, placed.cluster, -1, -placed.clusterBuyer, -placed.clusterScore);
  };

  return {
    /** Adds a batch's counts for one person. */
    addFeatureCounts(profileId: number, siteId: number, c: FeatureCounts): void {
      addCounts.run(profileId, siteId, c.purchases, c.purchaseValue, c.desktop, c.tablet, c.phone, c.catalog);
      for (const [category, count] of c.categories) addCategory.run(profileId, category, count);
    },
    /** A person's counts (zeros without any), and where they are placed. */
    featureCountsOf: countsOf,
    /**
     * Puts a person in a cluster (or none) with their current score and buying: the totals of the cluster
     * they leave lose what they added, the new one's gain it.
     */
    placeInCluster(profileId: number, siteId: number, placed: Placement, cluster: number | null, score: number, buyer: boolean): void {
      if (placed.cluster === cluster && (cluster === null || (placed.clusterScore === score && placed.clusterBuyer === Number(buyer)))) return;
      // Staying in the cluster (most events) moves its totals by the difference: one write, not two.
      if (placed.cluster === cluster) addTotals.run(siteId, cluster!, 0, Number(buyer) - placed.clusterBuyer, score - placed.clusterScore);
      else {
        leave(siteId, placed);
        if (cluster !== null) addTotals.run(siteId, cluster, 1, Number(buyer), score);
      }
      place.run(profileId, siteId, cluster, cluster === null ? 0 : score, cluster === null ? 0 : Number(buyer));
    },
    clusterOfProfile(profileId: number): number | null {
      return features.get(profileId)?.cluster ?? null;
    },
    /** A deleted person: out of their cluster's totals, their counts gone. */
    forgetFeatures(profileId: number, siteId: number): void {
      leave(siteId, countsOf(profileId).placed);
      dropCategories.run(profileId);
      dropFeatures.run(profileId);
    },
    /** Moves `from`'s counts onto `into` and takes `from` out of its cluster, as identity merges them. */
    absorbFeatures(into: number, from: number, siteId: number): void {
      leave(siteId, countsOf(from).placed);
      moveCounts.run(into, from);
      moveCategories.run(into, from);
      dropCategories.run(from);
      dropFeatures.run(from);
    },
    clusterModel: modelOf,
    saveClusterModel(siteId: number, fitted: ClusterModel, fittedAt: number, sampleSize: number): void {
      saveModel.run(siteId, fitted.centroids.length, fittedAt, sampleSize, JSON.stringify(fitted));
      models.delete(siteId);
    },
    clusterTotals(siteId: number): ClusterTotals[] {
      return totals.all(siteId);
    },
    /** The site's fixed k, or null when silhouette picks it. */
    fixedClusterCount(siteId: number): number | null {
      return fixedK.get(siteId)?.k ?? null;
    },
    setFixedClusterCount(siteId: number, k: number | null): void {
      if (k === null) unsetK.run(siteId);
      else setK.run(siteId, k);
    },
    siteProfileIds(siteId: number): number[] {
      return ids.all(siteId).map((row) => row.id);
    },
    profileById(profileId: number): Profile | undefined {
      return profileFromRow(profileById.get(profileId));
    },
  };
}
