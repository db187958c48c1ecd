// Clusters on PostgreSQL: each person's feature counts and cluster, the site's fitted model and k, and each cluster's totals.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { ClusterStore } from '../clusters.js';
import type { ClusterModel, ClusterTotals, FeatureCounts, Placement, StoredClusterModel } from '../../model/cluster.js';
import { countedFromRow, type Counted, type FeatureRow } from '../cluster-rows.js';

type FeatureRowWithCategories = FeatureRow & { profileId: number; categories: [string, number][] };

// Totals and counts only ever move by a difference, so collectors adding to the same row at once both count.
const addTotals = `ON CONFLICT (site_id, cluster) DO UPDATE SET people = cluster_stats.people + excluded.people,
    buyers = cluster_stats.buyers + excluded.buyers, score_sum = cluster_stats.score_sum + excluded.score_sum`;
const addFeatures = `ON CONFLICT (site_id, profile_id) DO UPDATE SET purchases = profile_features.purchases + excluded.purchases,
    purchase_value = profile_features.purchase_value + excluded.purchase_value, desktop = profile_features.desktop + excluded.desktop,
    tablet = profile_features.tablet + excluded.tablet, phone = profile_features.phone + excluded.phone,
    catalog = profile_features.catalog + excluded.catalog`;
const addCategories = 'ON CONFLICT (site_id, profile_id, category) DO UPDATE SET count = profile_categories.count + excluded.count';
// Categories in SQLite's order (its key's, byte by byte), whatever the database's collation.
const featureColumns = `profile_id AS "profileId", purchases, purchase_value AS "purchaseValue", desktop, tablet, phone, catalog, cluster,
  cluster_score AS "clusterScore", cluster_buyer AS "clusterBuyer",
  coalesce((SELECT json_agg(json_build_array(c.category, c.count) ORDER BY c.category COLLATE "C")
    FROM profile_categories c WHERE c.site_id = f.site_id AND c.profile_id = f.profile_id), '[]') AS categories`;

const counted = (row: FeatureRowWithCategories | undefined): Counted => countedFromRow(row, row?.categories ?? []);

export function pgClusters(sql: Sql, copies: Copies): ClusterStore {
  // Ingest places each person with the model: parsed once, and read again only after a collector saved another.
  const models = copies.perSite('clusters.model', async (siteId): Promise<StoredClusterModel | null> => {
    const row = await sql.row<{ k: number; fittedAt: number; sampleSize: number; model: string }>(
      'SELECT k, fitted_at AS "fittedAt", sample_size AS "sampleSize", model FROM cluster_models WHERE site_id = $1',
      [siteId],
    );
    return row ? { k: row.k, fittedAt: row.fittedAt, sampleSize: row.sampleSize, model: JSON.parse(row.model) as ClusterModel } : null;
  });
  const countsOfPeople = async (profileIds: readonly number[], siteId: number): Promise<Map<number, Counted>> => {
    const rows =
      profileIds.length === 0
        ? []
        : await sql.rows<FeatureRowWithCategories>(`SELECT ${featureColumns} FROM profile_features f WHERE site_id = $1 AND profile_id = ANY($2::bigint[])`, [
            siteId,
            profileIds,
          ]);
    const byId = new Map(rows.map((row) => [row.profileId, row]));
    return new Map(profileIds.map((id) => [id, counted(byId.get(id))]));
  };
  const addToTotals = (siteId: number, cluster: number, people: number, buyers: number, score: number) =>
    sql.run(`INSERT INTO cluster_stats (site_id, cluster, people, buyers, score_sum) VALUES ($1, $2, $3, $4, $5) ${addTotals}`, [
      siteId,
      cluster,
      people,
      buyers,
      score,
    ]);
  // A person leaving their cluster, as stored when this runs: queued writes before it have landed by then.
  const leaveStored = (profileId: number, siteId: number) =>
    sql.run(
      `INSERT INTO cluster_stats (site_id, cluster, people, buyers, score_sum)
         SELECT $2, cluster, -1, -cluster_buyer, -cluster_score FROM profile_features WHERE site_id = $2 AND profile_id = $1 AND cluster IS NOT NULL
       ${addTotals}`,
      [profileId, siteId],
    );
  const dropCounts = (profileId: number, siteId: number) => {
    for (const table of ['profile_categories', 'profile_features']) sql.run(`DELETE FROM ${table} WHERE site_id = $1 AND profile_id = $2`, [siteId, profileId]);
  };

  return {
    /** Adds a batch's counts for one person. */
    addCounts(profileId: number, siteId: number, c: FeatureCounts): void {
      sql.run(
        `INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ${addFeatures}`,
        [profileId, siteId, c.purchases, c.purchaseValue, c.desktop, c.tablet, c.phone, c.catalog],
      );
      for (const [category, count] of c.categories) {
        sql.run(`INSERT INTO profile_categories (site_id, profile_id, category, count) VALUES ($1, $2, $3, $4) ${addCategories}`, [siteId, profileId, category, count]);
      }
    },
    /** A person's counts (zeros without any), and where they are placed. */
    countsOf: async (profileId: number, siteId: number) => (await countsOfPeople([profileId], siteId)).get(profileId)!,
    /** countsOf for each of these people. */
    countsOfPeople,
    /**
     * Moves a person from where they were placed (`before`) to `after`, with the score and buying they
     * now add: the totals of the cluster they leave lose what they added, the new one's gain it.
     */
    place(profileId: number, siteId: number, before: Placement, after: Placement): void {
      // Staying in the cluster (most events) moves its totals by the difference: one write, not two.
      if (before.cluster === after.cluster && after.cluster !== null) {
        addToTotals(siteId, after.cluster, 0, after.clusterBuyer - before.clusterBuyer, after.clusterScore - before.clusterScore);
      } else {
        if (before.cluster !== null) addToTotals(siteId, before.cluster, -1, -before.clusterBuyer, -before.clusterScore);
        if (after.cluster !== null) addToTotals(siteId, after.cluster, 1, after.clusterBuyer, after.clusterScore);
      }
      sql.run(
        `INSERT INTO profile_features (profile_id, site_id, cluster, cluster_score, cluster_buyer) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site_id, profile_id) DO UPDATE SET cluster = excluded.cluster, cluster_score = excluded.cluster_score, cluster_buyer = excluded.cluster_buyer`,
        [profileId, siteId, after.cluster, after.clusterScore, after.clusterBuyer],
      );
    },
    async clusterOf(profileId: number, siteId: number): Promise<number | null> {
      const row = await sql.row<{ cluster: number | null }>('SELECT cluster FROM profile_features WHERE site_id = $1 AND profile_id = $2', [siteId, profileId]);
      return row?.cluster ?? null;
    },
    /** A deleted person: out of their cluster's totals, their counts gone. */
    forgetProfile(profileId: number, siteId: number): void {
      leaveStored(profileId, siteId);
      dropCounts(profileId, siteId);
    },
    /** Moves `from`'s counts onto `into` and takes `from` out of its cluster, as identity merges them. */
    absorb(into: number, from: number, siteId: number): void {
      leaveStored(from, siteId);
      sql.run(
        `INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone, catalog)
           SELECT $1, site_id, purchases, purchase_value, desktop, tablet, phone, catalog FROM profile_features WHERE site_id = $3 AND profile_id = $2
         ${addFeatures}`,
        [into, from, siteId],
      );
      sql.run(
        `INSERT INTO profile_categories (site_id, profile_id, category, count)
           SELECT site_id, $1, category, count FROM profile_categories WHERE site_id = $3 AND profile_id = $2
         ${addCategories}`,
        [into, from, siteId],
      );
      dropCounts(from, siteId);
    },
    model: (siteId: number) => models.get(siteId),
    saveModel(siteId: number, fitted: ClusterModel, fittedAt: number, sampleSize: number): void {
      sql.run(
        `INSERT INTO cluster_models (site_id, k, fitted_at, sample_size, model) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site_id) DO UPDATE SET k = excluded.k, fitted_at = excluded.fitted_at, sample_size = excluded.sample_size, model = excluded.model`,
        [siteId, fitted.centroids.length, fittedAt, sampleSize, JSON.stringify(fitted)],
      );
      models.forget(siteId);
    },
    async totals(siteId: number): Promise<ClusterTotals[]> {
      return sql.rows('SELECT cluster, people, buyers, score_sum AS "scoreSum" FROM cluster_stats WHERE site_id = $1 ORDER BY cluster', [siteId]);
    },
    /** The site's fixed k, or null when silhouette picks it. */
    async fixedK(siteId: number): Promise<number | null> {
      return (await sql.row<{ k: number }>('SELECT k FROM cluster_settings WHERE site_id = $1', [siteId]))?.k ?? null;
    },
    setFixedK(siteId: number, k: number | null): void {
      if (k === null) sql.run('DELETE FROM cluster_settings WHERE site_id = $1', [siteId]);
      else sql.run('INSERT INTO cluster_settings (site_id, k) VALUES ($1, $2) ON CONFLICT (site_id) DO UPDATE SET k = excluded.k', [siteId, k]);
    },
  };
}
