// Makes sure the browser tests have Debian's Chromium, installing it when this user can.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const path = process.env.PULSE_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(
    `Browser tests need Chromium at ${path}. Install Debian's package (sudo apt-get install chromium) ` +
      'or point PULSE_CHROMIUM at a Chromium binary, then run npm test again.',
  );
  process.exit(1);
}
console.log(`No Chromium at ${path}: installing Debian's chromium package…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
if (!existsSync(path)) {
  console.error(`apt-get installed chromium but ${path} is still missing; set PULSE_CHROMIUM to its path.`);
  process.exit(1);
}
