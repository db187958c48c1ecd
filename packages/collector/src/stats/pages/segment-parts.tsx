// Small pieces the Segments pages share: a trend line, a signed change, dates, and what a form says after it is sent.
import { dayMs } from '../../days.js';

/** The size per day as a line, drawn with SVG attributes only (the CSP allows no inline styles). */
export function Sparkline(props: { values: number[]; label: string }) {
  // One day draws as a flat line.
  const values = props.values.length === 1 ? [props.values[0]!, props.values[0]!] : props.values;
  const max = Math.max(1, ...values);
  const min = Math.min(max, ...values);
  const span = Math.max(1, max - min);
  const step = 100 / Math.max(1, values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(26 - ((v - min) / span) * 24).toFixed(1)}`).join(' ');
  return (
    <svg class="spark" viewBox="0 0 100 28" preserveAspectRatio="none" role="img" aria-label={props.label}>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
    </svg>
  );
}

const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en')}` : n.toLocaleString('en'));

/** A change over the range with the previous period's change beside it. */
export function Change(props: { value: number; previous: number }) {
  return (
    <span class="change">
      <span class={props.value > 0 ? 'up' : props.value < 0 ? 'down' : ''}>{signed(props.value)}</span>
      <span class="was">vs {signed(props.previous)} before</span>
    </span>
  );
}

export const isoDate = (ts: number) => new Date(ts).toISOString().slice(0, 10);
export const isoMinute = (ts: number) => new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
export const dayTs = (day: number) => day * dayMs;

const notices = {
  saved: 'Segment saved; its members are up to date.',
  deleted: 'Segment deleted.',
  preset: 'Preset saved; its segment is up to date.',
} as const;
export type NoticeKey = keyof typeof notices;
export const noticeOf = (key: string | undefined): string | undefined => (key && key in notices ? notices[key as NoticeKey] : undefined);

/** What a form's outcome says: a notice is announced when the reader is free, an error at once. */
export function Notice(props: { text: string | undefined; error?: boolean }) {
  return props.text ? (
    <p class={props.error ? 'error' : 'notice'} role={props.error ? 'alert' : 'status'}>
      {props.text}
    </p>
  ) : null;
}
