import { prepareBenchSite } from './bench-site.js';
await prepareBenchSite(process.argv[2]!);
