import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/*
 * Evaluated first by main.ts (its first import), before the app's modules run. Start-up allocates
 * quickly (module code, route tables, schemas), and V8 answers a burst like that by growing the
 * young generation to its maximum (two 16 MB semi-spaces), which it then keeps, resident, while the
 * process idles: about 23 MB of an idle server's RSS (docs/benchmarks.md, "Footprint"). Growth is
 * held off while the server starts and allowed again (V8's default factor, 2) once it listens, so
 * under load the young generation grows as before and page throughput is unchanged.
 *
 * `--semi-space-growth-factor` is read each time V8 considers growing, so setting it at run time
 * takes effect (measured: new space stays at 2 MB through start-up). An operator who sets the flag
 * on the command line keeps it: nothing is changed then.
 */
const operatorChoice = process.execArgv.some((arg) => arg.startsWith('--semi-space-growth-factor'));
if (!operatorChoice) setFlagsFromString('--semi-space-growth-factor=1');

/*
 * Under a burst of reply posts, objects outlive the young generation's collections (fifty requests
 * in flight, each some milliseconds long) and land in the old generation, which V8 then lets grow
 * to up to four times what survived before it collects it: the old generation reached 70 MB of
 * which 40 MB were garbage, and the process's peak RSS about 200 MB. A fixed growth of 20 % collects
 * it sooner (incrementally, beside the requests): peak RSS 163–177 MB with reply throughput
 * unchanged in the same runs (docs/benchmarks.md, "Footprint"). Read at every collection, so setting
 * it here takes effect; an operator's own `--heap-growing-percent` is kept.
 */
if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=20');

/** The young generation's size past which it stops growing while serving: two semi-spaces of 8 MB. */
const SERVING_NEW_SPACE_BYTES = 16 * 1024 * 1024;

/**
 * Lets the young generation grow again once the server listens (V8's default factor, 2), up to two
 * 8 MB semi-spaces rather than V8's two of 16 MB: what `--max-semi-space-size=8` would do, which V8
 * reads only when the process starts. Under reply posts the larger one held about 18 MB more at the
 * peak for no more throughput (docs/benchmarks.md, "Footprint"). Checked after each collection
 * (V8 grows it only then), growth is held off at the cap and allowed again if V8 shrinks it.
 */
export function startUpHeapDone(): void {
  if (operatorChoice) return;
  let capped = false;
  const keepYoungGenerationSmall = () => {
    const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    const atCap = newSpace !== undefined && newSpace.space_size >= SERVING_NEW_SPACE_BYTES;
    if (atCap === capped) return;
    capped = atCap;
    setFlagsFromString(`--semi-space-growth-factor=${atCap ? 1 : 2}`);
  };
  setFlagsFromString('--semi-space-growth-factor=2');
  new PerformanceObserver(keepYoungGenerationSmall).observe({ entryTypes: ['gc'] });
}
