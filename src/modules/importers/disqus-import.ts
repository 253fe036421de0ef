import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { ReplyStatus } from '../replies/index.js';
import { commentHtmlToText } from './comment-text.js';
import { ImportFailed, type ImportTally } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import { writeImportedReply } from './imported-replies.js';
import { LegacyKeyBook } from './legacy-key-book.js';
import { findLegacyKey } from './legacy-keys.queries.js';
import { articleForOldUrl } from './old-article-lookup.js';
import type { ExportFormat } from './run-import.js';
import { ThreadWriter, type PendingReply } from './thread-writer.js';
import { child, textOf, type XmlNode } from './xml-records.js';

/** Records read between two writes of the old-link keys. */
const KEY_FLUSH_EVERY = 500;

/** A Disqus post, as read. */
interface DisqusPost {
  id: string;
  threadId: string;
  parentId: string;
  message: string;
  createdAt: Date | undefined;
  author: string;
  email: string;
  ip: string;
  status: ReplyStatus;
  line: number;
}

/** `dsq:id` of a record, or of its child reference element (`<thread dsq:id="…"/>`). */
function dsqId(node: XmlNode | undefined): string {
  return node?.attrs['dsq:id']?.trim() ?? '';
}

function isTrue(node: XmlNode, name: string): boolean {
  return textOf(node, name).toLowerCase() === 'true';
}

function readPost(node: XmlNode): DisqusPost {
  const author = child(node, 'author');
  const created = new Date(textOf(node, 'createdAt'));
  const approved = child(node, 'isApproved');
  return {
    id: dsqId(node),
    threadId: dsqId(child(node, 'thread')),
    parentId: dsqId(child(node, 'parent')),
    message: child(node, 'message')?.text ?? '',
    createdAt: Number.isNaN(created.getTime()) ? undefined : created,
    author: author ? textOf(author, 'name') || textOf(author, 'username') : '',
    email: author ? textOf(author, 'email') : '',
    ip: textOf(node, 'ipAddress'),
    // Spam and deleted posts are kept as such (never shown); an export that says a post was not approved holds it.
    status: isTrue(node, 'isSpam')
      ? 'spam'
      : isTrue(node, 'isDeleted')
        ? 'trash'
        : approved && approved.text.trim() === 'false'
          ? 'held'
          : 'approved',
    line: node.line,
  };
}

/**
 * One run of a Disqus import: threads are matched to the articles they were under (by their old
 * link, through the old-link map an earlier WordPress import filled, or Gazette's own addresses),
 * and posts are put into their threads whatever order the file lists them in.
 */
export class DisqusImport {
  /** Thread dsq:id → the article, or null when it matches none. */
  private readonly threads = new Map<string, number | null>();
  private readonly leftOut = new Set<string>();
  private readonly seenPosts = new Set<string>();
  private readonly replies: ThreadWriter<DisqusPost>;
  private readonly keys: LegacyKeyBook;
  private recordsSinceFlush = 0;

  constructor(
    private readonly deps: ImporterDeps,
    private readonly trx: Transaction<Database>,
    private readonly tally: ImportTally,
  ) {
    this.keys = new LegacyKeyBook(trx);
    this.replies = new ThreadWriter<DisqusPost>(
      {
        written: async (legacyId) => (await this.keys.find('disqus-post', legacyId))?.target_id,
        leftOut: (legacyId) => this.leftOut.has(legacyId),
        write: (pending, parentId) => this.writePost(pending, parentId),
      },
      tally,
    );
  }

  /** Refuses a file that is not a Disqus export. */
  static checkRoot(name: string): void {
    if (name === 'rss')
      throw new ImportFailed('line 1: this is an RSS file (a WordPress export?); import it with `gazette import wordpress`.');
    if (name !== 'disqus') throw new ImportFailed(`line 1: this is not a Disqus export: it starts with <${name}>, not <disqus>.`);
  }

  /** Takes one child of `<disqus>`. */
  async record(node: XmlNode): Promise<void> {
    // The keys of posts written go to the database in batches.
    if (++this.recordsSinceFlush >= KEY_FLUSH_EVERY) {
      this.recordsSinceFlush = 0;
      await this.keys.flush();
    }
    if (node.name === 'thread') return this.thread(node);
    if (node.name !== 'post') return;
    const post = readPost(node);
    const example = `post ${post.id || '(no id)'} (line ${post.line})`;
    if (!post.id) return this.tally.skip('has no dsq:id', example);
    if (this.seenPosts.has(post.id)) return this.tally.skip('repeats a post id seen earlier in the file', example);
    this.seenPosts.add(post.id);
    const articleId = this.threads.get(post.threadId);
    if (articleId === undefined) return this.leaveOut(post.id, 'belongs to a thread that is not in the file before it', example);
    if (articleId === null) return this.leaveOut(post.id, 'belongs to a thread whose page matches no imported article', example);
    await this.replies.add({ legacyId: post.id, parentLegacyId: post.parentId, item: post });
  }

  async finish(): Promise<void> {
    await this.replies.finish();
    await this.keys.flush();
  }

  private leaveOut(id: string, reason: string, example: string): void {
    this.leftOut.add(id);
    this.tally.skip(reason, example);
  }

  private async thread(node: XmlNode): Promise<void> {
    const id = dsqId(node);
    const link = textOf(node, 'link');
    if (!id) return this.tally.skip('is a thread without a dsq:id', `thread (line ${node.line})`);
    const articleId = (link ? await articleForOldUrl(this.trx, link) : undefined) ?? (await this.byIdentifier(textOf(node, 'id')));
    this.threads.set(id, articleId ?? null);
    if (articleId === undefined) {
      this.tally.adjust('is a thread whose page matches no imported article: its posts are left out', link || `thread ${id}`);
      return;
    }
    this.keys.save('disqus-thread', id, articleId);
  }

  /** WordPress's Disqus plugin names a thread "POST_ID GUID": the post id finds the article. */
  private async byIdentifier(identifier: string): Promise<number | undefined> {
    const postId = /^(\d{1,19})\s/.exec(`${identifier} `)?.[1];
    return postId ? (await findLegacyKey(this.trx, 'wp-post', postId))?.target_id : undefined;
  }

  private async writePost(pending: PendingReply<DisqusPost>, parentId: number | null): Promise<number | undefined> {
    const post = pending.item;
    const articleId = this.threads.get(post.threadId)!;
    const id = await writeImportedReply(this.deps, this.trx, this.tally, this.keys, {
      kind: 'disqus-post',
      legacyId: post.id,
      example: `post ${post.id} (line ${post.line})`,
      input: {
        articleId,
        parentId,
        comment: commentHtmlToText(post.message),
        author: post.author,
        email: post.email,
        url: '',
        status: post.status,
        createdAt: post.createdAt,
        ip: post.ip,
        legacyAnchor: `comment-${post.id}`,
      },
    });
    if (id === undefined) this.leftOut.add(post.id);
    return id;
  }
}

/** The Disqus export format: records are the children of `<disqus>`. */
export const disqusFormat: ExportFormat = {
  source: 'disqus',
  checkRoot: (name) => DisqusImport.checkRoot(name),
  isRecord: (_name, depth) => depth === 1,
  session: (deps, trx, tally) => new DisqusImport(deps, trx, tally),
};
