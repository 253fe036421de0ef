import { EventEmitter } from 'node:events';

/** Things that happened, announced after their transaction committed. The page cache listens to them. */
export type DomainEvent =
  | { type: 'reply.posted'; articleId: number; replyId: number; status: string }
  | { type: 'reply.status-changed'; articleIds: number[]; replyIds: number[]; status: string }
  | { type: 'article.changed'; articleId: number }
  /** A whole import (or a site restored from an export) committed: anything cached may be stale. */
  | { type: 'site.imported' }
  /** Site settings changed (discussion rules shape every article page). */
  | { type: 'settings.changed'; key: string }
  /** A whole site was read in (`gazette import gazette`): every page may have changed. */
  | { type: 'site.imported' }
  /**
   * Other processes changed things this one did not hear about in detail (the link to them came
   * back after a gap, or SQLite saw another process commit): treat anything cached as stale.
   * Local to each process, never relayed.
   */
  | { type: 'changes.unseen' };

/** A typed, in-process event bus; a cross-process relay can subscribe and republish. */
export class DomainEvents {
  private readonly emitter = new EventEmitter();
  publish(event: DomainEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
