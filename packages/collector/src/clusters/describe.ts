// Each cluster in words from its centroid, with its size, average score and conversion, ranked into priority groups.
import { communityTypeLabels } from '../profiles/known-traits.js';
import type { ClusterTotals, StoredClusterModel, ClusterModel } from '../model/cluster.js';
import type { CommunityType } from '../model/profile.js';

export type Priority = 'High' | 'Medium' | 'Low';

export interface ClusterSummary {
  cluster: number;
  words: string[];
  people: number;
  averageScore: number;
  /** Share of its people with a purchase. */
  conversion: number;
  priority: Priority;
}

/** How far (in normalized units) a centroid must sit from the sample's mean to earn a word. */
const apart = 0.1;
/** A share of a centroid at least this large names the cluster (a category, a community type, a device). */
const dominant = { share: 0.3, device: 0.5, group: 0.5 };

/** Words for a centroid: its group and device, how often, how recently, how much and how well-scored, its category and communities. */
export function describeCentroid(model: ClusterModel, centroid: readonly number[]): string[] {
  const at = (name: string) => model.features.indexOf(name);
  const raw = (i: number) => model.min[i]! + centroid[i]! * (model.max[i]! - model.min[i]!);
  const versus = (i: number) => centroid[i]! - model.mean[i]!;
  // The family member with the largest raw share, if it reaches `least`.
  const top = (prefix: string, least: number) => {
    const family = model.features.map((name, i) => ({ name, i })).filter((f) => f.name.startsWith(prefix));
    const best = family.reduce<{ name: string; i: number } | null>((b, f) => (b === null || raw(f.i) > raw(b.i) ? f : b), null);
    return best && raw(best.i) >= least ? best.name.slice(prefix.length) : null;
  };
  const words: string[] = [];
  const group = top('group:', dominant.group);
  if (group) words.push(group);
  words.push(top('device:', dominant.device) ?? 'mixed devices');
  const frequency = versus(at('frequency'));
  if (frequency >= apart) words.push('frequent');
  else if (frequency <= -apart) words.push('occasional');
  const recency = versus(at('recency'));
  if (recency >= apart) words.push('lapsed');
  else if (recency <= -apart) words.push('recent');
  // ln(1 + value) below ln 2: on average less than 1 spent.
  if (raw(at('monetary')) < Math.LN2) words.push('few purchases');
  else if (versus(at('monetary')) >= apart) words.push('big spenders');
  const score = versus(at('score'));
  if (score >= apart) words.push('high score');
  else if (score <= -apart) words.push('low score');
  const category = top('category:', dominant.share);
  if (category) words.push(category);
  const community = top('community:', dominant.share);
  if (community) words.push(`mostly ${communityTypeLabels[community as CommunityType]} communities`);
  return words;
}

/**
 * The model's clusters with their totals, ranked by average score × conversion (ties by conversion, then score):
 * the top third High, the next Medium, the rest Low.
 */
export function summarizeClusters(stored: StoredClusterModel, totals: readonly ClusterTotals[]): ClusterSummary[] {
  const byCluster = new Map(totals.map((t) => [t.cluster, t]));
  const clusters = stored.model.centroids.map((centroid, i) => {
    const t = byCluster.get(i + 1);
    const people = t?.people ?? 0;
    return {
      cluster: i + 1,
      words: describeCentroid(stored.model, centroid),
      people,
      averageScore: people ? t!.scoreSum / people : 0,
      conversion: people ? t!.buyers / people : 0,
      priority: 'Low' as Priority,
    };
  });
  const ranked = [...clusters].sort(
    (a, b) => b.averageScore * b.conversion - a.averageScore * a.conversion || b.conversion - a.conversion || b.averageScore - a.averageScore || b.people - a.people,
  );
  ranked.forEach((c, rank) => {
    // A cluster with neither score nor buyers is never a priority, whatever its rank.
    if (c.averageScore > 0 || c.conversion > 0) c.priority = rank < ranked.length / 3 ? 'High' : rank < (2 * ranked.length) / 3 ? 'Medium' : 'Low';
  });
  return ranked;
}
