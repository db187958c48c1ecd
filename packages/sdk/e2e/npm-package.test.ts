// The SDK as an npm package, in the demo shop's account app (examples/account), in real Chromium.
import { describe, expect, it } from 'vitest';
import { named, newContext, useBrowserAndCollector } from './harness';

const setup = useBrowserAndCollector();

describe('init() from @pulse/sdk', () => {
  it('tracks the account app: a pageview per tab, then the identified visitor', async () => {
    const collector = setup.collector();
    const context = await newContext(setup.browser());
    const page = await context.newPage();
    await page.goto(`${collector.url}/demo/account/`);
    await page.getByTestId('tab-wishlist').click();
    await page.getByTestId('tab-profile').click();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('Ada@Example.com');
    await page.getByRole('button', { name: 'Save profile' }).click();
    // No global here: the app's own tracker sends on its timer, or when the page goes away.
    await page.close({ runBeforeUnload: true });
    const events = await collector.waitFor((all) => named(all, 'profile_update').length > 0);
    const views = events.filter((e) => e.type === 'page').map((e) => new URL(e.url!).search);
    expect(views).toEqual(['', '?tab=wishlist', '?tab=profile']);
    const identify = events.find((e) => e.type === 'identify')!;
    expect(identify.user_id).toBe('ada@example.com');
    expect(named(events, 'profile_update')[0]!.user_id).toBe('ada@example.com');
    await context.close();
  });
});
