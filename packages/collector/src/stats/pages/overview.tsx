// The Overview page: traffic totals against the period before, their time series, and the top lists.
import { BarList, Chart, Metric, Page, type PageContext } from '../layout.js';
import type { Overview } from '../../reports/overview.js';

const percent = (n: number) => `${Math.round(n)}%`;

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
/** A country's name from its ISO code, or the code itself when it is not one. */
function countryName(code: string): string {
  try {
    return `${regions.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

/** Paths are stored as URLs carry them, percent-encoded; people read them decoded. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const deviceNames: Record<string, string> = { desktop: 'Desktop', tablet: 'Tablet', phone: 'Phone' };

type Rows = { value: string; count: number }[];
const rows = (list: Rows, label: (value: string) => string = (value) => value) => list.map((row) => ({ label: label(row.value), value: row.count }));

export function OverviewPage(props: { ctx: PageContext; overview: Overview }) {
  const { ctx, overview: o } = props;
  const { totals: now, previous: before, series } = o;
  const traffic = [
    ...(series.visitors === null ? [] : [{ label: 'Visitors', values: series.visitors }]),
    { label: 'Sessions', values: series.sessions },
    { label: 'Pageviews', values: series.pageviews },
  ];
  return (
    <Page ctx={ctx} title="Overview">
      <div class="metrics">
        <Metric label="Visitors" value={now.visitors} previous={before.visitors} />
        <Metric label="Sessions" value={now.sessions} previous={before.sessions} />
        <Metric label="Pageviews" value={now.pageviews} previous={before.pageviews} />
        <Metric label="Events" value={now.events} previous={before.events} />
        <Metric label="Bounce rate" value={now.bounceRate} previous={before.bounceRate} format={percent} lowerIsBetter />
        <Metric label="Session length" value={now.sessionLengthMs} previous={before.sessionLengthMs} format={duration} />
      </div>
      <section class="card">
        {series.step === 'hour' ? (
          <>
            <h2>Sessions and pageviews per hour</h2>
            <Chart label="Sessions and pageviews per hour" hours={series.x} series={traffic} />
            <p class="note">Hours in UTC. Visitors are counted per day, so a one-day range charts sessions and pageviews only.</p>
          </>
        ) : (
          <>
            <h2>Visitors, sessions and pageviews per day</h2>
            <Chart label="Visitors, sessions and pageviews per day" days={series.x} series={traffic} />
          </>
        )}
      </section>
      <div class="grid">
        <BarList title="Top pages" column="Page" unit="Pageviews" rows={rows(o.pages, readablePath)} />
        <BarList title="Sources" column="Source" unit="Sessions" rows={rows(o.sources)} />
        <BarList title="Referrers" column="Referring site" unit="Sessions" rows={rows(o.referrers)} />
        <BarList title="UTM campaigns" column="Campaign" unit="Sessions" rows={rows(o.campaigns)} />
        <BarList title="Devices" column="Device" unit="Sessions" rows={rows(o.devices, (value) => deviceNames[value] ?? value)} />
        <BarList title="Browsers" column="Browser" unit="Sessions" rows={rows(o.browsers)} />
        <BarList title="Operating systems" column="OS" unit="Sessions" rows={rows(o.os)} />
        <BarList title="Countries" column="Country" unit="Sessions" rows={rows(o.countries, countryName)} />
        <BarList title="Cities" column="City" unit="Sessions" rows={rows(o.cities)} />
      </div>
      <p class="note">
        Visitors are distinct people active in the range. A session counts on the day it started; a bounce is a session with at most one pageview. Days are UTC.
      </p>
    </Page>
  );
}
