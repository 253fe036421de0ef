// A preload that logs a serving process's memory once a second (issue 12, "Footprint" in
// docs/benchmarks.md): RSS, the V8 heap and each of its spaces, to the file in HEAP_LOG.
//   HEAP_LOG=/tmp/heap.log node --import ./bench/heap-log.mjs dist/src/main.js
// With --expose-gc, SIGUSR2 runs a full collection and logs what survived it.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const file = process.env.HEAP_LOG ?? 'heap.log';
const mb = (n) => Math.round(n / 1e6);
writeFileSync(file, '');
setInterval(() => {
  const m = process.memoryUsage();
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name.replace('_space', ''), mb(s.space_size)]));
  appendFileSync(file, `rss=${Math.round(rss)} heapTotal=${mb(m.heapTotal)} heapUsed=${mb(m.heapUsed)} ${JSON.stringify(spaces)}\n`);
}, 1000).unref();
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  appendFileSync(file, `after a full collection: heapUsed=${mb(m.heapUsed)} heapTotal=${mb(m.heapTotal)}\n`);
});
