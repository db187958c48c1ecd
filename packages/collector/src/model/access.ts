// Who may read and change a site's data: its API tokens, and the stats page's signed-in browsers.

export type ApiScope = 'read' | 'write';

export interface ApiToken {
  id: number;
  siteId: number;
  name: string;
  scopes: ApiScope[];
  createdAt: number;
  lastUsedAt: number | null;
}

export interface AdminSession {
  csrfToken: string;
  expiresAt: number;
}
