// Pieces the leads list and the profile page share: a group badge, a time, a place, a review quote.
import type { ProfileRules } from '../../profiles/rules.js';
import { dayMs } from '../../days.js';
import type { Writing } from '../../reports/people.js';
import { ago, dateTime } from '../time.js';
import type { Lifecycle } from '../../model/profile.js';

export const groupLabels: Record<Lifecycle, string> = { new: 'New', active: 'Active', passive: 'Passive' };

export function GroupBadge(props: { group: Lifecycle }) {
  return <span class={`badge group-${props.group}`}>{groupLabels[props.group]}</span>;
}

/** A time shown as how long ago, with the exact time on hover. */
export function When(props: { ts: number; now: number }) {
  return (
    <time datetime={new Date(props.ts).toISOString()} title={dateTime(props.ts)}>
      {ago(props.ts, props.now)}
    </time>
  );
}

/** "City, CC · phone · Chrome on Windows", leaving out what is unknown. */
export function placeAndDevice(p: { city: string | null; country: string | null; device: string | null; browser: string | null; os: string | null }): string {
  const place = [p.city, p.country].filter(Boolean).join(', ');
  const software = p.browser && p.os ? `${p.browser} on ${p.os}` : (p.browser ?? p.os);
  return [place, p.device, software].filter(Boolean).join(' · ');
}

/** A review or comment as a quote, with its stars when its rating is 1 to 5. */
export function WritingQuote(props: { writing: Writing; now: number; count?: number }) {
  const { writing: w } = props;
  const stars = w.rating !== null && w.rating >= 1 && w.rating <= 5 ? Math.round(w.rating) : null;
  return (
    <figure class={`writing${stars !== null && stars <= 2 ? ' negative' : ''}`}>
      <figcaption>
        {stars !== null ? (
          <span class="stars" role="img" aria-label={`${stars} of 5 stars`}>
            {'★'.repeat(stars)}
            <span class="stars-off">{'★'.repeat(5 - stars)}</span>
          </span>
        ) : w.rating !== null ? (
          <span class="stars">rated {w.rating}</span>
        ) : null}
        <span>
          {w.event}
          {w.productId !== null ? ` of ${w.productId}` : ''} · <When ts={w.ts} now={props.now} />
          {props.count !== undefined && props.count > 1 ? ` · ${props.count} written` : ''}
        </span>
      </figcaption>
      <blockquote>{w.text}</blockquote>
    </figure>
  );
}

/** How scores fade and what the groups mean, in this collector's own settings. */
export function rulesNote(rules: ProfileRules): string {
  const { decay } = rules.scoring;
  const period = `${decay.periodMs / dayMs} idle days`;
  const fade = decay.kind === 'halve' ? `halved after every ${period}` : `${Math.round(decay.linearStep * 100)}% lower after every ${period}`;
  const l = rules.lifecycle;
  return (
    `Scores are the points of a person's events, ${fade}. New: first seen within ${l.newDays} days · ` +
    `Active: active in ${l.activeWeeks} of the last ${l.ofWeeks} weeks · Passive: no activity for ${l.passiveDays} days.`
  );
}
