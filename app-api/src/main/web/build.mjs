// Builds the browser app into app-api's static resources: `node build.mjs <out-dir>`.
// Maven runs it in generate-resources with <out-dir> = target/classes/META-INF/resources, so the
// packaged app-api serves it at `/`. It first makes node_modules match package-lock.json (npm ci
// when the lockfile changed since the last install), then bundles src/main.js with Autobahn|JS
// (esbuild, one minified file and its source map) and writes index.html with the bundle's content
// hash in its URLs, so a browser never runs an old script against a new page.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] || join(here, 'dist'));

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

// npm ci wipes node_modules and installs the lockfile; the lockfile's hash, written after a good
// install, tells a later build that nothing needs doing (offline rebuilds stay offline).
function ensureInstalled() {
  const stamp = join(here, 'node_modules', '.natter-lockfile-sha256');
  const want = sha256(readFileSync(join(here, 'package-lock.json')));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    return;
  }
  console.log(`[web] npm ci in ${here}`);
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (npm.error || npm.status !== 0) {
    console.error(`[web] npm ci failed${npm.error ? ': ' + npm.error.message : ''}`);
    process.exit(1);
  }
  writeFileSync(stamp, want);
}

// Autobahn|JS requires Node-side packages the app never uses: the MessagePack and CBOR
// serializers (loaded at start, so they get a stand-in that fails only when used), `when`
// (optional: Autobahn uses native promises when it fails to load) and `fs` (tracing in Node).
const standIns = [
  { filter: /^(when|fs)(\/.*)?$/, file: join(here, 'shims', 'absent.cjs') },
  { filter: /^(msgpack5|cbor)$/, file: join(here, 'shims', 'unavailable.cjs') },
];
const standInPlugin = {
  name: 'natter-stand-ins',
  setup(build) {
    for (const { filter, file } of standIns) {
      build.onResolve({ filter }, () => ({ path: file }));
    }
  },
};

ensureInstalled();
const esbuild = await import('esbuild');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await esbuild.build({
  entryPoints: { app: join(here, 'src', 'main.js'), style: join(here, 'src', 'app.css') },
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  define: { global: 'globalThis' },
  plugins: [standInPlugin],
  minify: true,
  sourcemap: 'linked',
  outdir: out,
  write: false,
  logLevel: 'warning',
});
const assets = {};
for (const file of result.outputFiles) {
  writeFileSync(file.path, file.contents);
  if (!file.path.endsWith('.map')) {
    assets[file.path.slice(out.length + 1)] = sha256(file.contents).slice(0, 12);
  }
}
const page = readFileSync(join(here, 'index.html'), 'utf8')
  .replace(/\{\{(app\.js|style\.css)\}\}/g, (_, name) => `${name}?v=${assets[name]}`);
writeFileSync(join(out, 'index.html'), page);
copyFileSync(join(here, 'favicon.svg'), join(out, 'favicon.svg'));
console.log(`[web] ${Object.keys(assets).join(', ')}, index.html → ${out}`);
