/**
 * Remembers sends still in flight so `close()` can wait for them: a CLI command that approves a
 * reply and exits at once must still tell the serving nodes.
 */
export class SendTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `send`, reporting (never throwing) its failure, and tracks it until it settles. */
  track(send: () => Promise<unknown>, onError: (error: unknown) => void): void {
    const p = send().catch(onError);
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Resolves when every tracked send has settled. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
