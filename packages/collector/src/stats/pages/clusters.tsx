// The Clusters page: each cluster in words with its size, average score, conversion and priority, and the refit form.
import { Page, query, type PageContext } from '../layout.js';
import type { Clusters } from '../../reports/clusters.js';
import { kRange } from '../../clusters/model.js';
import { DataTable } from './table.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export function ClustersPage(props: { ctx: PageContext; clusters: Clusters; notice?: { kind: 'done' | 'error'; text: string } }) {
  const { ctx, clusters: c, notice } = props;
  const people = c.clusters.reduce((sum, cluster) => sum + cluster.people, 0);
  return (
    <Page ctx={ctx} title="Clusters" ranges={false}>
      {notice && (
        <p class={notice.kind === 'error' ? 'error' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <div class="metrics">
        <div class="metric">
          <div class="metric-label">Clusters</div>
          <div class="metric-value">{c.model ? c.model.k : '—'}</div>
          <div class="metric-change">{c.fixedK === null ? 'k picked by silhouette' : 'k fixed for this site'}</div>
        </div>
        <div class="metric">
          <div class="metric-label">People placed</div>
          <div class="metric-value">{people.toLocaleString('en')}</div>
          <div class="metric-change">{c.model ? `fitted on a sample of ${c.model.sampleSize.toLocaleString('en')}` : 'no model yet'}</div>
        </div>
        <div class="metric">
          <div class="metric-label">Last fit</div>
          <div class="metric-value metric-small">{c.model ? when(c.model.fittedAt) : 'never'}</div>
          <div class="metric-change">{c.running ? 'a refit is running now' : 'refitted every hour'}</div>
        </div>
      </div>
      <section class="card">
        <h2>Clusters by priority</h2>
        <p class="note lead-note">
          People grouped by k-means over recency, frequency, spend, score, categories, devices, communities and group. Each new event moves its
          person to the nearest cluster at once. Priority ranks average score × conversion: the top third High, the next Medium.
        </p>
        <DataTable
          scroll="scroll"
          class="clusters"
          columns={['Priority', ['Cluster', 'num'], 'Who they are', ['People', 'num'], ['Avg score', 'num'], ['Conversion', 'num']]}
          items={c.clusters}
          empty="No clusters yet: refit below once the site has at least a few people."
          row={(cluster) => (
            <tr id={`cluster-${cluster.cluster}`}>
              <td>
                <span class={`badge priority-${cluster.priority.toLowerCase()}`}>{cluster.priority}</span>
              </td>
              <td class="num id">{cluster.cluster}</td>
              <td class="words">
                <span class="chips">
                  {cluster.words.map((word) => (
                    <span class="chip">{word}</span>
                  ))}
                </span>
              </td>
              <td class="num">
                <span class="cell-label">People</span>
                {cluster.people.toLocaleString('en')}
              </td>
              <td class="num">
                <span class="cell-label">Avg score</span>
                {cluster.averageScore.toFixed(1)}
              </td>
              <td class="num">
                <span class="cell-label">Conversion</span>
                {percent(cluster.conversion)}
              </td>
            </tr>
          )}
        />
        <p class="note">
          Use a cluster in a segment rule: <code>{'{"cluster": [1, 2]}'}</code>. Cluster numbers stay while k stays the same.
        </p>
      </section>
      <section class="card">
        <h2>Refit</h2>
        <form method="post" action={`/stats/clusters/fit${query(ctx)}`} class="filters">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <label>
            Number of clusters
            <select name="k">
              <option value="auto" selected={c.fixedK === null}>
                Auto (silhouette, {kRange.min}–{kRange.max})
              </option>
              {Array.from({ length: 11 }, (_, i) => i + 2).map((k) => (
                <option value={String(k)} selected={c.fixedK === k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={c.running}>
            Refit now
          </button>
        </form>
        <p class="note">Refitting runs in the background on a sample of people, then places everyone; ingest carries on meanwhile.</p>
      </section>
    </Page>
  );
}
