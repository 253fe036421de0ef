// `npx tsx bench/prepare-site.ts FILE`: a fresh benchmark site in the SQLite file FILE, as
// `npm run bench` makes it (bench-site.ts), for the by-hand scripts beside this one.
import { prepareBenchSite } from './bench-site.js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/prepare-site.ts FILE');
await prepareBenchSite(file);
