// temporary profiling harness (not committed)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openStore } from '../src/storage/store.js';
import { addSite } from '../src/sites/sites.js';
import { tempDbPath, desktopChrome, wireEvent } from '../src/testing/events.js';
import { setUpSite } from './ingest.js';
const products = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
function batch(visitor: number) {
  const events = Array.from({ length: 20 }, (_, i) => wireEvent({ type: i % 4 === 0 ? 'page' : 'track', name: i % 4 === 0 ? 'page' : 'product_view', visitor_id: `v${visitor}`, session_id: `s${visitor}`,
      url: `https://shop.example/product/${products[i % products.length]}?utm_source=bench`, referrer: 'https://www.google.com/', props: { product_id: products[i % products.length], category: 'phones', brand: 'Acme', price: 199 + i } }));
  return { site: 'bench', sent_at: Date.now(), events };
}
const db = tempDbPath();
const store = openStore(db);
setUpSite(store, addSite(store, ['shop.example'], Date.now(), 'bench').id);
store.close();
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const args = process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/hprof'] : [];
const child = spawn(process.execPath, [...args, cli, 'start', '--port', '0', '--db', db, ...(process.env.WINDOW ? ['--commit-window-ms', process.env.WINDOW] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => { let out = ''; child.stdout.on('data', (c) => { out += c; const m = /listening on (http:\/\/\S+)/.exec(out); if (m) resolve(m[1]!); }); });
const bodies = Array.from({ length: 40_000 }, (_, i) => JSON.stringify(batch(i)));
let next = 0;
const run = (duration: number) => autocannon({ url: `${url}/v1/events`, method: 'POST', headers: { 'content-type': 'text/plain', 'user-agent': desktopChrome }, duration, connections: Number(process.env.CONN ?? 32),
  requests: [{ setupRequest: (r) => ({ ...r, body: bodies[next++ % bodies.length] }) }] });
import { readFileSync } from 'node:fs';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
await run(3);
const sys = () => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
const y0 = sys();
const [s0, c0, t0] = [cpu(child.pid!), cpu(process.pid), performance.now()];
const r = await run(10);
const secs = (performance.now() - t0) / 1000;
const y1 = sys(); const d = y1.map((v, i) => v - y0[i]!); const total = d.reduce((a, b) => a + b, 0);
console.log('system busy', ((1 - (d[3]! + d[4]!) / total) * 100).toFixed(0) + '%', 'softirq', (d[6]! / total * 100).toFixed(0) + '%', 'sys', (d[2]! / total * 100).toFixed(0) + '%');
console.log('server cores', ((cpu(child.pid!) - s0) / secs).toFixed(2), 'load generator cores', ((cpu(process.pid) - c0) / secs).toFixed(2));
console.log('events/s', Math.round((r['2xx'] / r.duration) * 20), 'non2xx', r.non2xx, 'errors', r.errors);
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));
