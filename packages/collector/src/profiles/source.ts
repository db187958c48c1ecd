// Where a visit came from, and so a person's first touch: the campaign, else the referring site, else 'direct'.
import type { EventRow } from '../model/event.js';

export const sourceOf = (visit: Pick<EventRow, 'utmSource' | 'referrerHost'>) => visit.utmSource ?? visit.referrerHost ?? 'direct';
