// Runs `npm ci` here unless node_modules already holds exactly what package-lock.json pins.
// npm keeps a copy of the installed tree in node_modules/.package-lock.json; when every
// package there matches the committed lockfile (version and integrity), nothing is done.
// The Maven build calls this in generate-test-resources, so `./mvnw verify` on a fresh
// clone installs Autobahn|JS by itself and a second build costs nothing.

import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockfile = join(here, 'package-lock.json');
const installed = join(here, 'node_modules', '.package-lock.json');

function packages(file) {
  const entries = JSON.parse(readFileSync(file, 'utf8')).packages || {};
  const out = {};
  for (const [path, meta] of Object.entries(entries)) {
    if (path !== '') {
      out[path] = `${meta.version}|${meta.integrity || ''}`;
    }
  }
  return out;
}

function staleReason() {
  if (!existsSync(installed)) {
    return 'node_modules is missing';
  }
  const want = packages(lockfile);
  const have = packages(installed);
  const differing = Object.keys(want).filter((p) => want[p] !== have[p]);
  const extra = Object.keys(have).filter((p) => !(p in want));
  if (differing.length > 0 || extra.length > 0) {
    return `node_modules differs from package-lock.json (${[...differing, ...extra].slice(0, 5).join(', ')})`;
  }
  return null;
}

const reason = staleReason();
if (reason === null) {
  console.log(`[interop] node_modules in ${here} matches package-lock.json`);
  process.exit(0);
}
console.log(`[interop] ${reason}: running npm ci in ${here}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
if (result.error) {
  console.error(`[interop] could not run npm: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status === null ? 1 : result.status);
