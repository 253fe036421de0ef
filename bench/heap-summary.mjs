// What a V8 heap snapshot holds, by kind (docs/benchmarks.md quotes these figures): the live
// total, the self size and count per kind of object, and the strings grouped by how they begin
// (digits and hex runs folded), so a cache of look-alike strings shows as one line.
// Usage: node --max-old-space-size=4000 bench/heap-summary.mjs FILE.heapsnapshot [TOP]
//   FILE from `SNAP=1 NODE_FLAGS=--heapsnapshot-signal=SIGUSR2 bench/peak-rss-trial.sh NAME`.
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/heap-summary.mjs FILE.heapsnapshot [TOP]');
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const fields = snapshot.snapshot.meta.node_fields;
const types = snapshot.snapshot.meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
const stringTypes = new Set(['string', 'concatenated string', 'sliced string']);

const byKind = new Map();
const byString = new Map();
const add = (map, key, size) => {
  const entry = map.get(key) ?? { size: 0, count: 0 };
  entry.size += size;
  entry.count += 1;
  map.set(key, entry);
};
let total = 0;
for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
  const type = types[snapshot.nodes[i + typeAt]];
  const name = snapshot.strings[snapshot.nodes[i + nameAt]];
  const size = snapshot.nodes[i + sizeAt];
  total += size;
  if (stringTypes.has(type)) {
    add(byKind, '(strings)', size);
    // A concatenated string's name is V8's "(concatenated string)": grouped by its type and length.
    const start = name
      .slice(0, 14)
      .replace(/[0-9a-f]{6,}/g, 'H')
      .replace(/\d+/g, 'N');
    // The snapshot keeps a string's first 1,024 characters as its name: longer ones read as "1000+".
    const length = name.length < 50 ? name.length : name.length >= 1000 ? '1000+' : `~${Math.round(name.length / 100) * 100}`;
    add(byString, `${type}: ${JSON.stringify(start)} length ${length}`, size);
  } else add(byKind, type === 'code' ? '(code)' : `${type}: ${name.slice(0, 50)}`, size);
}
const mb = (bytes) => (bytes / 1e6).toFixed(2).padStart(7);
const print = (title, map) => {
  console.log(`\n${title}\n     MB    count`);
  for (const [key, { size, count }] of [...map].sort((a, b) => b[1].size - a[1].size).slice(0, Number(top)))
    console.log(`${mb(size)} ${String(count).padStart(8)}  ${key}`);
};
console.log(`${file}: ${mb(total).trim()} MB of live objects`);
print('by kind', byKind);
print('strings by how they begin', byString);
