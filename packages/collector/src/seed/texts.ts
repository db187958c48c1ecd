// What shoppers type: search queries (some with typos, some with no match) and short reviews that fit their rating.
import type { Product } from './catalog.js';
import { chance, pick, weighted, type Random } from './random.js';

const queries = [
  'kettle', 'gooseneck kettle', 'grinder', 'coffee grinder', 'pour over', 'dripper', 'mug', 'mugs', 'skillet',
  'cast iron', 'serving board', 'knife', 'chef knife', 'apron', 'backpack', 'daypack', 'water bottle', 'bottle',
  'lantern', 'camping', 'throw', 'wool blanket', 'headphones', 'wireless headphones', 'noise cancelling',
  'speaker', 'bluetooth speaker', 'radio', 'turntable', 'record player', 'gift', 'gift for dad', 'sonora',
  'ember', 'fjord', 'kettleworks', 'espresso machine', 'french press', 'coffee beans', 'sale', 'headphnes',
  'kettel', 'grinderr', 'vinyl',
];

export const searchQuery = (r: Random) => pick(r, queries);

const byRating: Record<number, string[]> = {
  5: [
    'Love it.', 'Exactly as described.', 'Beautifully made, it feels like it will last for years.', 'Best purchase I made this year.',
    'Arrived in two days, packed with care.', 'I use it every single morning.', 'Bought a second one as a gift.', 'Worth every penny.',
    'Outstanding quality for the price.', 'My partner keeps stealing it, so I am ordering another.',
  ],
  4: [
    'Very good, but the box was a bit dented.', 'Great quality, slightly smaller than I expected.', 'Does the job well. Shipping took a week.',
    'Solid and well made; the instructions could be clearer.', 'Really nice, though a bit pricey.', 'Good value, would buy again.',
  ],
  3: [
    "It's okay. Nothing special for the price.", 'Works, but the finish has a small scratch.', 'Average. I expected more after the reviews.',
    'Fine for everyday use.', 'Does what it says, no more.',
  ],
  2: [
    'Not great: it stopped working properly after two weeks.', 'The colour is nothing like the photos.',
    'Took three weeks to arrive and the box was damaged.', 'Feels flimsy for what it costs.',
  ],
  1: [
    'Broke after a few uses. Very disappointed.', 'Arrived damaged and customer service never replied.', 'Waste of money, sending it back.',
    'Poor quality, feels cheap.', 'Worst purchase this year. Do not buy.', 'Third order with a problem. I am done with this shop.',
  ],
};

const aboutCategory: Record<string, [good: string, bad: string]> = {
  Coffee: ['Makes a lovely, clean cup.', 'The coffee comes out bitter whatever I try.'],
  Kitchen: ['Feels great in the hand.', 'Rusted after the first wash.'],
  Outdoor: ['Took it on a weekend hike and it was perfect.', 'Leaked on the first trip.'],
  Audio: ['The sound is warm and clear.', 'The sound crackles at any volume.'],
};

/** A rating: most buyers are happy; a grumpy few always give one or two stars. */
export const rating = (r: Random, grumpy: boolean) => weighted(r, grumpy ? grumpyRatings : ratings);
const ratings = [[5, 56], [4, 23], [3, 10], [2, 5], [1, 6]] as const;
const grumpyRatings = [[1, 3], [2, 1]] as const;

/** One to three sentences that agree with the rating. */
export function reviewText(r: Random, product: Product, stars: number): string {
  const lines = byRating[stars]!;
  const first = pick(r, lines);
  const parts = [first];
  const about = aboutCategory[product.category];
  if (about && stars !== 3 && chance(r, 0.5)) parts.push(stars > 3 ? about[0] : about[1]);
  if (chance(r, 0.3)) {
    const second = pick(r, lines);
    if (second !== first) parts.push(second);
  }
  return parts.join(' ');
}
