// A site: the public key its script tag carries and the domains its pages are served from.

export interface Site {
  id: number;
  key: string;
  domains: string[];
  createdAt: number;
}
