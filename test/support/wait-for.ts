/**
 * Waits until `condition` holds, checking every `intervalMs`, for at most `timeoutMs`; then fails
 * with `message`. Tests wait on conditions like this, never on a fixed sleep.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5000, intervalMs = 20, message = 'the condition did not hold in time' } = {},
): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await condition()) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`${message} (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
