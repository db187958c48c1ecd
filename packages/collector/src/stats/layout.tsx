// The frame every stats page shares: header, site and range pickers, navigation, and the local assets.
import type { Child } from 'hono/jsx';
import { dayToIso, type Range } from '../reports/range.js';
import type { Site } from '../model/site.js';
import { DataTable } from './pages/table.js';

export const sections = [
  ['overview', 'Overview'],
  ['audience', 'Audience'],
  ['leads', 'Leads'],
  ['segments', 'Segments'],
  ['clusters', 'Clusters'],
  ['events', 'Events'],
  ['funnels', 'Funnels'],
  ['personalize', 'Personalize'],
  ['calls', 'Calls'],
  ['webhooks', 'Webhooks'],
] as const;
export type Section = (typeof sections)[number][0];

/** What every signed-in page knows: where it is and for which site and days. */
export interface PageContext {
  section: Section;
  site: Site;
  sites: Site[];
  range: Range;
  csrfToken: string;
}

/** The query string that keeps a page's site and range, with some parameters changed. */
export const query = (ctx: PageContext, changes: Record<string, string> = {}) => {
  const base: Record<string, string> = { site: ctx.site.key, range: ctx.range.key };
  if (ctx.range.key === 'custom') Object.assign(base, { from: dayToIso(ctx.range.from), to: dayToIso(ctx.range.to) });
  const merged = { ...base, ...changes };
  if (merged.range !== 'custom') delete merged.from, delete merged.to;
  return `?${new URLSearchParams(merged)}`;
};

export function Document(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · Pulse</title>
        <link rel="stylesheet" href="/stats/assets/uPlot.min.css" />
        <link rel="stylesheet" href="/stats/assets/stats.css" />
        <script src="/stats/assets/uPlot.iife.min.js" defer></script>
        <script src="/stats/assets/charts.js" defer></script>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** A page of a section. `path`: where the range pickers lead when not the section's first page (a segment's members stay on it); `ranges={false}` for pages that show the present rather than a date range. */
export function Page(props: { ctx: PageContext; title: string; path?: string; ranges?: boolean; children: Child }) {
  const { ctx } = props;
  const here = props.path ?? `/stats/${ctx.section}`;
  const ranges = [
    ['today', 'Today'],
    ['7d', '7 days'],
    ['30d', '30 days'],
  ] as const;
  return (
    <Document title={props.title}>
      <header class="top">
        <a class="brand" href={`/stats/${sections[0][0]}${query(ctx, {})}`}>
          <span class="dot" aria-hidden="true"></span>Pulse
        </a>
        <form class="site-picker" method="get" action={`/stats/${ctx.section}`}>
          <label class="visually-hidden" for="site">Site</label>
          <select id="site" name="site" data-autosubmit>
            {ctx.sites.map((site) => (
              <option value={site.key} selected={site.id === ctx.site.id}>
                {site.key}
              </option>
            ))}
          </select>
          <input type="hidden" name="range" value={ctx.range.key} />
          <noscript>
            <button type="submit">Go</button>
          </noscript>
        </form>
        <form class="signout" method="post" action="/stats/logout">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="link">Sign out</button>
        </form>
      </header>
      <nav class="sections" aria-label="Sections">
        {sections.map(([key, label]) => (
          <a href={`/stats/${key}${query(ctx, {})}`} aria-current={key === ctx.section ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <main>
        <div class="title-row">
          <h1>{props.title}</h1>
          {props.ranges === false ? null : (
            <div class="ranges" role="group" aria-label="Date range">
              {ranges.map(([key, label]) => (
                <a href={`${here}${query(ctx, { range: key })}`} aria-current={key === ctx.range.key ? 'true' : undefined}>
                  {label}
                </a>
              ))}
              <form method="get" action={here} class="custom-range">
                <input type="hidden" name="site" value={ctx.site.key} />
                <input type="hidden" name="range" value="custom" />
                <input type="date" name="from" aria-label="From" value={dayToIso(ctx.range.from)} />
                <input type="date" name="to" aria-label="To" value={dayToIso(ctx.range.to)} />
                <button type="submit">Apply</button>
              </form>
            </div>
          )}
        </div>
        {props.children}
      </main>
      <footer class="bottom">
        Pulse · geolocation by <a href="https://db-ip.com">IP Geolocation by DB-IP</a>
      </footer>
    </Document>
  );
}

/** A number with the period before beside it; a rise shows green unless lower is better (a bounce rate). */
export function Metric(props: { label: string; value: number; previous: number; format?: (n: number) => string; lowerIsBetter?: boolean }) {
  const format = props.format ?? ((n: number) => n.toLocaleString('en'));
  const change = props.previous === 0 ? null : Math.round(((props.value - props.previous) / props.previous) * 100);
  const good = change !== null && (props.lowerIsBetter ? change <= 0 : change >= 0);
  return (
    <div class="metric">
      <div class="metric-label">{props.label}</div>
      <div class="metric-value">{format(props.value)}</div>
      <div class={`metric-change ${change === null ? '' : good ? 'up' : 'down'}`}>
        {change === null ? `previously ${format(props.previous)}` : `${change >= 0 ? '+' : ''}${change}% vs ${format(props.previous)}`}
      </div>
    </div>
  );
}

/** A chart drawn by uPlot from the series in its data attribute (escaped like any attribute); by day, or by hour for one day. */
export function Chart(props: { label: string; series: { label: string; values: (number | null)[] }[] } & ({ days: number[] } | { hours: number[] })) {
  const spec =
    'hours' in props
      ? { x: props.hours.map((hour) => hour * 3_600), step: 'hour', series: props.series }
      : { x: props.days.map((day) => day * 86_400), step: 'day', series: props.series };
  return <div class="chart" role="img" aria-label={props.label} data-chart={JSON.stringify(spec)}></div>;
}

/** Rows of a label and a number with a bar showing its share of the largest. */
export function BarList(props: { title: string; column: string; rows: { label: string; value: number }[]; unit: string }) {
  const max = Math.max(1, ...props.rows.map((row) => row.value));
  return (
    <section class="card">
      <h2>{props.title}</h2>
      <DataTable
        class="bars"
        columns={[props.column, [props.unit, 'num']]}
        items={props.rows}
        empty="Nothing in this range yet."
        row={(row) => (
          <tr>
            <td>
              {/* Sized by charts.js: the CSP allows no inline styles. */}
              <span class="bar" data-share={Math.round((row.value / max) * 100)}></span>
              <span class="bar-label">{row.label}</span>
            </td>
            <td class="num">{row.value.toLocaleString('en')}</td>
          </tr>
        )}
      />
    </section>
  );
}
