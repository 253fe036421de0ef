// Compiles src/ into dist/ when a source is newer than the last build (or always, with --always).
// `npm start` ran the whole TypeScript build on every start (4.6 s of 11.8 s, issue 11, item 7),
// though `npm install` had just built it; now a start after an unchanged build only reads mtimes.
// Plain JavaScript, so it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from './bundle-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
/** What the build reads: the sources and the compiler's settings. */
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time under `path`, in ms. */
function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs; // a deleted or renamed file changes its folder's mtime
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'src', 'main.js'))) return true;
  const built = statSync(stamp).mtimeMs;
  return inputs.some((input) => newest(join(root, input)) > built);
}

if (process.argv.includes('--always') || isStale()) {
  // The stamp takes the time the build started: a file saved during the build is newer, so the next start rebuilds.
  const started = new Date();
  // The bundle replaces dist/src/main.js and tsc's own copy is kept beside it (bundle-server.mjs);
  // without that copy (an older or interrupted build) tsc must write every file afresh.
  if (!existsSync(join(root, 'dist', 'src', 'main.unbundled.js'))) rmSync(join(root, 'dist', '.tsbuildinfo'), { force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('gazette: the TypeScript build failed (above); fix the error and run npm start again.');
    process.exit(result.status ?? 1);
  }
  try {
    await bundleServer(join(root, 'dist'));
  } catch (error) {
    console.error(`gazette: bundling the server failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}
