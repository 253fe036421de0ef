// Where a served process's time went, per request: reads a `.cpuprofile` written by
// `node --cpu-prof --cpu-prof-dir=DIR dist/src/main.js` and prints each function's self and
// inclusive time within a window of the profile, divided by the requests served in that window
// (docs/benchmarks.md quotes these figures).
// Usage: node bench/profile-summary.mjs FILE FROM_S TO_S REQUESTS [TOP]
//   FROM_S, TO_S: seconds after the profile began (leave out start-up and warm-up);
//   REQUESTS: how many the load generator completed in that window (wrk's req/s × its seconds).
import { readFileSync } from 'node:fs';

const [file, from = '0', to = '1e9', requests = '1', top = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-summary.mjs FILE FROM_S TO_S REQUESTS [TOP]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
const nameOf = (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;

const self = new Map();
const inclusive = new Map();
let at = profile.startTime;
let windowUs = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i];
  at += delta;
  const seconds = (at - profile.startTime) / 1e6;
  if (seconds < Number(from) || seconds > Number(to)) continue;
  windowUs += delta;
  const leaf = nodes.get(profile.samples[i]);
  self.set(nameOf(leaf), (self.get(nameOf(leaf)) ?? 0) + delta);
  // A function counts once per sample however deep it recurses.
  const seen = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = parents.get(id)) {
    const name = nameOf(nodes.get(id));
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  }
}
const table = (times) =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(top))
    .map(([name, us]) => `${(us / Number(requests)).toFixed(2).padStart(8)} µs/request  ${name}`)
    .join('\n');
console.log(`window ${(windowUs / 1e6).toFixed(2)} s, ${requests} requests\n\nself:\n${table(self)}\n\ninclusive:\n${table(inclusive)}`);
