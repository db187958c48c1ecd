// "Your account": a single-page app that tracks with the SDK from npm instead of the script tag.
import { init, type Tracker } from '@pulse/sdk';

const tabs = ['orders', 'wishlist', 'profile'] as const;
type Tab = (typeof tabs)[number];

// The collector serves this page, so the page's own origin is the endpoint.
const pulse: Tracker = init({ site: 'demo', endpoint: location.origin });

function currentTab(): Tab {
  const tab = new URLSearchParams(location.search).get('tab');
  return tabs.find((t) => t === tab) ?? 'orders';
}

function show(tab: Tab): void {
  for (const t of tabs) {
    document.getElementById(`panel-${t}`)!.hidden = t !== tab;
    document.querySelector(`[data-tab="${t}"]`)!.setAttribute('aria-selected', String(t === tab));
  }
  if (tab === 'profile') describeFirstTouch();
}

/** Personalization from the visitor's first touch, which the SDK keeps for the site. */
function describeFirstTouch(): void {
  const touch = pulse.firstTouch();
  const where = touch?.utm_source ?? (touch?.referrer ? new URL(touch.referrer).hostname : null);
  document.getElementById('first-touch')!.textContent = where
    ? `You first found us through ${where}. Welcome back!`
    : 'You first came to us directly. Welcome back!';
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-tab]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const tab = link.dataset.tab as Tab;
    // The SDK sees the pushState and records one pageview for the new route.
    history.pushState({}, '', `?tab=${tab}`);
    show(tab);
  });
}
addEventListener('popstate', () => show(currentTab()));

document.getElementById('profile-form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  const email = String(form.get('email')).trim().toLowerCase();
  const name = String(form.get('name')).trim();
  pulse.identify(email, { email, name });
  pulse.track('profile_update', { fields: ['email', 'name'] });
  document.getElementById('profile-saved')!.hidden = false;
});

show(currentTab());
