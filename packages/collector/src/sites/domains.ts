// Site domains: how a page's origin is matched against the domains a site registered.

const hostname = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A domain as registered for a site: lower case, no scheme, port or path. Throws on anything else. */
export function normalizeDomain(input: string): string {
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  if (!hostname.test(domain) && !isIpv4(domain)) {
    throw new Error(`'${input}' is not a domain name (write example.com, without scheme, port or path)`);
  }
  return domain;
}

/** The origin's host and each parent domain: a site registered for example.com accepts shop.example.com. */
export function originDomains(origin: string): string[] {
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase();
  } catch {
    return [];
  }
  if (isIpv4(host) || host.startsWith('[')) return [host];
  const labels = host.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

function isIpv4(value: string): boolean {
  return /^(\d{1,3})(\.\d{1,3}){3}$/.test(value);
}
