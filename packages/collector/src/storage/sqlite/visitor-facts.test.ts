// The visitor's facts in one statement: the same group, score, cluster and memberships the profile, cluster and segment stores hold apart.
import { describe, expect, it } from 'vitest';
import { openStore } from '../store.js';
import { localWriter } from '../../engine/commands.js';
import { ingestBatch } from '../../ingest/ingest.js';
import { addSite } from '../../sites/sites.js';
import { desktopChrome, tempDbPath, wireEvent } from '../../testing/events.js';

describe('visitor facts', () => {
  it("are the profile's, its cluster's and its memberships', for this site's visitor only", async () => {
    const store = openStore(tempDbPath());
    const site = (await addSite(store, ['shop.example'], Date.now(), 'shop')).id;
    const other = (await addSite(store, ['blog.example'], Date.now(), 'blog')).id;
    const writer = localWriter(store);
    const events = [wireEvent({ visitor_id: 'v-ada' }), wireEvent({ type: 'track', name: 'purchase', visitor_id: 'v-ada', props: { order_id: 'o1', value: 30 } })];
    await ingestBatch({ store, writer, geo: null }, { body: { site: 'shop', events }, origin: undefined, userAgent: desktopChrome, ip: '8.8.8.8', receivedAt: Date.now() });
    const profile = (await store.profiles.ofVisitor(site, 'v-ada'))!;
    expect(await store.personalization.visitorFacts(site, 'v-ada')).toEqual({ lifecycle: profile.lifecycle, score: profile.score, scoreAt: profile.scoreAt, cluster: null, segments: new Set() });

    const [first, second] = await Promise.all(['Buyers', 'Everyone'].map(async (name) => (await store.segments.insert(site, name, { lifecycle: ['new'] }, Date.now())).id));
    await store.transaction(async () => {
      for (const segment of [first!, second!]) store.segments.setMembership(site, segment, profile.id, true, Date.now(), 0);
      store.clusters.place(profile.id, site, (await store.clusters.countsOf(profile.id, site)).placed, { cluster: 2, clusterScore: 0, clusterBuyer: 1 });
    });
    expect(await store.personalization.visitorFacts(site, 'v-ada')).toMatchObject({ cluster: 2, segments: new Set([first, second]) });
    expect(await store.personalization.visitorFacts(other, 'v-ada')).toBeUndefined();
    expect(await store.personalization.visitorFacts(site, 'v-nobody')).toBeUndefined();
    await store.close();
  });
});
