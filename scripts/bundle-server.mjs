// Bundles the compiled server: `dist/src/main.js` and every module it loads at start become that
// one file. Node's ES module loader opened, resolved and linked some 1,200 files one by one on
// each start (about half a second of the 1.1 s to the first answer, issue 12, "Footprint");
// from one file the same code starts in about 0.5 s. What a server loads only when first used
// (native addons, mail, PostgreSQL, Redis, image processing, password hashing, the importers'
// XML and HTML libraries, the OpenAPI maker) stays outside, loaded from node_modules as before.
// The rest of dist/ (the CLI, workers, migrations run by the CLI) is left as tsc wrote it.
import { build } from 'esbuild';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packages left out of the bundle: native addons, and those the server imports only on first use. */
const loadedOnFirstUse = [
  'better-sqlite3',
  'sharp',
  '@node-rs/argon2',
  'pg',
  'pg-native',
  'redis',
  'nodemailer',
  'piscina',
  'saxes',
  'turndown',
  '@zxcvbn-ts/*',
  '@fastify/swagger',
  'feed',
  'diff',
  // pino's worker thread for log transports (Gazette writes its log itself, but the file must stay a file).
  'thread-stream',
];

// Bundled CommonJS packages call require() for Node's own modules: an ES module has none of its own.
const banner =
  "import { createRequire as gazetteCreateRequire } from 'node:module'; const require = gazetteCreateRequire(import.meta.url);";

/**
 * Rewrites `<outDir>/src/main.js` as the bundle of itself (it keeps its place, so `import.meta.url`
 * does too). tsc builds incrementally and does not write main.js again while main.ts is unchanged,
 * so the module tsc wrote is kept beside it (`main.unbundled.js`) and bundled from there: the
 * bundle is always made from the current compiled modules, never from an earlier bundle.
 */
export async function bundleServer(outDir) {
  const entry = join(outDir, 'src', 'main.js');
  const compiled = join(outDir, 'src', 'main.unbundled.js');
  if (!readFileSync(entry, 'utf8').startsWith(banner)) copyFileSync(entry, compiled);
  await build({
    entryPoints: [compiled],
    outfile: entry,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: loadedOnFirstUse,
    // Bundled CommonJS packages call require() for Node's own modules: an ES module has none of its own.
    banner: {
      js: "import { createRequire as gazetteCreateRequire } from 'node:module'; const require = gazetteCreateRequire(import.meta.url);",
    },
    // Stack traces can be mapped back to the compiled modules (node --enable-source-maps).
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(entry, asciiSource(readFileSync(entry, 'utf8')));
}

/**
 * The bundle with every character past ASCII written as a `\uXXXX` escape. V8 keeps a script's
 * source in memory for as long as the process runs, and one character past Latin-1 anywhere in it
 * (a Cyrillic look-alike in a spam rule's pattern, a ’ in a comment) stores all 3.7 million
 * characters at two bytes each: 7.5 MB of the server's heap instead of 3.7 (a heap snapshot under
 * the bench's load, docs/benchmarks.md "Footprint"). esbuild escapes string literals and names
 * itself (its `charset: 'ascii'`, the default) but leaves comments, regular expressions and tagged
 * templates as written; an escape means the same character in a regular expression, and the same
 * cooked text in a template (Kysely's `sql` reads the cooked strings; nothing here reads `.raw`).
 * Lines keep their number, so stack traces still map.
 */
export function asciiSource(text) {
  // A backslash already before the character (an identity escape, `\’`, meaning the character
  // itself) gives its place to the escape; an even run of backslashes is backslashes, kept.
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, ch) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
