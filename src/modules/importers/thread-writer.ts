import type { ImportTally } from './import-report.js';

/** A reply from another system, waiting for its place in a thread. */
export interface PendingReply<T> {
  legacyId: string;
  /** '' (or '0', WordPress's way) for a reply to the article itself. */
  parentLegacyId: string;
  item: T;
}

/** How a thread's replies are written and found. */
export interface ThreadSink<T> {
  /** Writes one reply under `parentId` (null: under the article); its Gazette id, or undefined when it was left out. */
  write(reply: PendingReply<T>, parentId: number | null): Promise<number | undefined>;
  /** The Gazette id of a reply written earlier (in this run or an earlier one), if any. */
  written(legacyId: string): Promise<number | undefined>;
  /** Whether a reply with this id was read and left out (a pingback, an empty comment). */
  leftOut(legacyId: string): boolean;
}

/**
 * Puts replies into their threads whatever order the export lists them in. Exports do not keep
 * thread order (WordPress writes comments as stored, Disqus in no order at all), so a reply whose
 * parent has not been written yet waits for it and is written right after it. Only the waiting
 * ones are held in memory. At the end, a reply whose parent never appeared (or was left out) is
 * kept as a reply to the article, and the summary says so: nothing a reader wrote is dropped for
 * a broken link.
 */
export class ThreadWriter<T> {
  /** Replies waiting, by the id of the parent they wait for. */
  private readonly waiting = new Map<string, PendingReply<T>[]>();
  /** The ids of the replies waiting. */
  private readonly waitingIds = new Set<string>();

  constructor(
    private readonly sink: ThreadSink<T>,
    private readonly tally: ImportTally,
  ) {}

  /** Writes `reply` now if its parent is known, or once its parent is written. */
  async add(reply: PendingReply<T>): Promise<void> {
    const parent = reply.parentLegacyId;
    if (!parent || parent === '0') return this.writeWithChildren(reply, null);
    const parentId = await this.sink.written(parent);
    if (parentId !== undefined) return this.writeWithChildren(reply, parentId);
    if (this.sink.leftOut(parent)) {
      this.tally.adjust('answers a reply that was left out: kept as a reply to the article', reply.legacyId);
      return this.writeWithChildren(reply, null);
    }
    const list = this.waiting.get(parent) ?? [];
    list.push(reply);
    this.waiting.set(parent, list);
    this.waitingIds.add(reply.legacyId);
  }

  /** Writes every reply still waiting for a parent that never came, as a reply to the article. */
  async finish(): Promise<void> {
    // A reply waiting on another waiting reply is written with it, not on its own.
    const orphans = [...this.waiting.entries()].filter(([parent]) => !this.isWaiting(parent));
    for (const [parent, replies] of orphans) {
      this.waiting.delete(parent);
      for (const reply of replies) {
        this.waitingIds.delete(reply.legacyId);
        this.tally.adjust('answers a reply that is not in the file: kept as a reply to the article', reply.legacyId);
        await this.writeWithChildren(reply, null);
      }
    }
    // What is left waits in a cycle (a reply that is its own ancestor): break it at each reply.
    for (const replies of [...this.waiting.values()]) {
      for (const reply of replies) {
        if (!this.isWaiting(reply.legacyId)) continue; // written meanwhile, under another of the cycle
        this.tally.adjust('is its own ancestor in the file: kept as a reply to the article', reply.legacyId);
        this.removeWaiting(reply);
        await this.writeWithChildren(reply, null);
      }
    }
  }

  private isWaiting(legacyId: string): boolean {
    return this.waitingIds.has(legacyId);
  }

  private removeWaiting(reply: PendingReply<T>): void {
    const list = this.waiting.get(reply.parentLegacyId);
    if (!list) return;
    this.waitingIds.delete(reply.legacyId);
    const rest = list.filter((r) => r !== reply);
    if (rest.length > 0) this.waiting.set(reply.parentLegacyId, rest);
    else this.waiting.delete(reply.parentLegacyId);
  }

  /** Writes a reply, then everything that waited for it, depth first, without recursion. */
  private async writeWithChildren(first: PendingReply<T>, firstParent: number | null): Promise<void> {
    const stack: [PendingReply<T>, number | null][] = [[first, firstParent]];
    while (stack.length > 0) {
      const [reply, parentId] = stack.pop()!;
      const id = await this.sink.write(reply, parentId);
      const children = this.waiting.get(reply.legacyId);
      if (!children) continue;
      this.waiting.delete(reply.legacyId);
      for (const child of children) this.waitingIds.delete(child.legacyId);
      if (id === undefined) this.tally.adjust('answers a reply that was left out: kept as a reply to the article', reply.legacyId);
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, id ?? null]);
    }
  }
}
