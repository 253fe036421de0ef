import { Conflict, Invalid, InvalidFields } from '../../lib/errors.js';
import { slugify } from '../../lib/slug.js';
import { withFields } from '../../lib/with-fields.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { ArticleInput, FormattedBodies } from '../articles/index.js';
import { cliActor } from '../audit/index.js';
import { ImportFailed, type ImportTally } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import * as iq from './importers.queries.js';
import { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
import { LegacyKeyBook } from './legacy-key-book.js';
import { writeReplySet, type ThreadedReply } from './reply-batches.js';
import { WordpressBylines } from './wordpress-bylines.js';
import { createWordpressConverter, type WordpressConverter } from './wordpress-conversion.js';
import { articleInputOf, digestOf, type BylineChoice, plainLine, replyStatusOf, replyTextOf } from './wordpress-items.js';
import { SiteClock } from './wxr-dates.js';
import { readAuthor, readCategory, readItem, readTag, type WxrComment, type WxrItem } from './wxr-records.js';
import type { XmlNode } from './xml-records.js';
import type { ForeignReply } from './imported-replies.js';
import type { ExportFormat } from './run-import.js';

/** Who the audit trail names for everything a WordPress import writes. */
export const WORDPRESS_ACTOR = cliActor('gazette import wordpress');

/** Post types that become articles; attachments are read for featured images; everything else is counted and left out. */
const articleTypes = new Set(['post', 'page']);
/** Statuses that are WordPress's bookkeeping, not content. */
const bookkeepingStatuses = new Set(['auto-draft', 'inherit']);
/**
 * Posts whose bodies are converted to Markdown in one task of the importer's thread, then
 * formatted in one task of the article writer's pool. Both happen while this thread writes the
 * batches before (with their comments).
 */
const ARTICLES_PER_BATCH = 50;
/**
 * Batches being converted and formatted while this thread writes: two, so a thread that was
 * late to a core (the machine busy, a collection) does not leave this one waiting for the very
 * next batch. This thread, which writes every row, is the import's critical path. A batch is
 * about a megabyte at most.
 */
const BATCHES_AHEAD = 2;

/** A post read, waiting for its body to be converted. */
interface ReadItem {
  item: WxrItem;
  byline: BylineChoice;
  example: string;
}

/** A post converted, waiting for its batch to be written. */
interface ConvertedItem {
  item: WxrItem;
  input: ArticleInput;
  example: string;
}

/** A batch converted, its bodies being formatted. */
interface ReadyBatch {
  items: ConvertedItem[];
  formatted: FormattedBodies;
}

/**
 * One run of a WordPress import inside its transaction: takes the export's records in file order
 * (channel fields, authors, terms, then items) and writes them through the writers' import modes.
 */
export class WordpressImport {
  private siteUrl = '';
  private sawWxrVersion = false;
  private readonly clock = new SiteClock();
  private readonly bylines: WordpressBylines;
  private readonly attachments = new Map<string, string>();
  /** Articles waiting for a featured image whose attachment comes later in the file. */
  private readonly wantImage = new Map<number, string>();
  /** Post ids read so far: numbers when they are (WordPress's are), a fraction of a string's memory over 100,000 posts. */
  private readonly seenItems = new Set<number | string>();
  private readonly keyedTerms = new Set<string>();
  private readonly keys: LegacyKeyBook;
  /** Posts read, their bodies not yet sent to be converted. */
  private batch: ReadItem[] = [];
  /** Batches being converted and formatted, in file order; the oldest is written once more than BATCHES_AHEAD wait (or at the end). */
  private preparing: Promise<ReadyBatch>[] = [];
  /** Started with the first post, closed by `close()`. */
  private converter: WordpressConverter | undefined;

  constructor(
    private readonly deps: ImporterDeps,
    private readonly trx: Transaction<Database>,
    private readonly tally: ImportTally,
  ) {
    this.keys = new LegacyKeyBook(trx);
    this.bylines = new WordpressBylines(deps, trx, tally, WORDPRESS_ACTOR);
  }

  /** Refuses a file that is not a WordPress export before anything is read from it. */
  static checkRoot(name: string, attrs: Record<string, string>): void {
    if (name === 'disqus') throw new ImportFailed('line 1: this is a Disqus export; import it with `gazette import disqus`.');
    if (name !== 'rss') throw new ImportFailed(`line 1: this is not a WordPress export (WXR): it starts with <${name}>, not <rss>.`);
    if (!Object.keys(attrs).some((a) => a === 'xmlns:wp'))
      throw new ImportFailed('line 1: this is an RSS feed, not a WordPress export (WXR): it has no WordPress namespace.');
  }

  /** Takes one child of `<channel>`. */
  async record(node: XmlNode): Promise<void> {
    switch (node.name) {
      case 'wp:wxr_version':
        this.sawWxrVersion = true;
        return;
      case 'wp:base_site_url':
      case 'wp:base_blog_url':
        this.siteUrl ||= node.text.trim();
        return;
      case 'link':
        this.siteUrl ||= node.text.trim();
        return;
      case 'wp:author': {
        const author = readAuthor(node);
        this.bylines.add(author);
        return;
      }
      case 'wp:category': {
        const category = readCategory(node);
        return this.keyTerm('wp-category', category.slug, 'section', category.name);
      }
      case 'wp:tag': {
        const tag = readTag(node);
        return this.keyTerm('wp-tag', tag.slug, 'tag', tag.name);
      }
      case 'item':
        if (!this.sawWxrVersion)
          throw new ImportFailed(`line ${node.line}: this RSS file has no <wp:wxr_version>: it is not a WordPress export.`);
        return this.item(readItem(node, this.clock));
      default:
        return;
    }
  }

  /** After the last record: featured images named by attachments that came after their article. */
  async finish(): Promise<void> {
    await this.nextBatch();
    for (let next = this.preparing.shift(); next; next = this.preparing.shift()) await this.writeBatch(await next);
    await this.keys.flush();
    if (!this.sawWxrVersion) throw new ImportFailed('this file has no <wp:wxr_version>: it is not a WordPress export (WXR).');
    for (const [articleId, attachmentId] of this.wantImage) {
      const url = this.attachments.get(attachmentId);
      if (url) await this.deps.articles.importFeaturedImage(articleId, this.localised(url), { within: this.trx });
      else this.tally.adjust('names a featured image that is not in the file: shown without one', `article ${articleId}`);
    }
  }

  /** An old site's own address as a root-relative path (its files can be served from here); others as they are. */
  private localised(url: string): string {
    const base = this.siteUrl.replace(/\/+$/, '');
    return base && url.startsWith(`${base}/`) ? url.slice(base.length) : url;
  }

  /** Maps a term's old slug to the section or tag of that name, once it exists. */
  private async keyTerm(kind: LegacyKind, rawSlug: string, target: 'section' | 'tag', name: string): Promise<void> {
    const key = slugKeyOf(rawSlug);
    if (!key || this.keyedTerms.has(`${kind}:${key}`)) return;
    const slug = slugify(plainLine(name) || key);
    const id = target === 'section' ? await iq.sectionIdBySlug(this.trx, slug) : await iq.tagIdBySlug(this.trx, slug);
    if (id === undefined) return; // Not made yet: keyed when an article uses it.
    this.keyedTerms.add(`${kind}:${key}`);
    this.keys.save(kind, key, id);
  }

  private async item(item: WxrItem): Promise<void> {
    const example = `${item.type} ${item.id} “${item.title}” (line ${item.line})`;
    if (item.type === 'attachment') {
      // A copy: the parsed text is a slice of the file's 256 KB read chunk, and one kept slice keeps
      // its whole chunk alive (V8 sliced strings), so keeping them made memory grow with the file.
      if (item.attachmentUrl) this.attachments.set(item.id, Buffer.from(item.attachmentUrl).toString());
      return;
    }
    if (!articleTypes.has(item.type)) return this.tally.skip(`is a “${item.type}” item, which Gazette does not import`, example);
    if (bookkeepingStatuses.has(item.status)) return this.tally.skip(`is WordPress's “${item.status}” bookkeeping`, example);
    if (!item.id) return this.tally.skip('has no wp:post_id', example);
    const seenId = compactId(item.id);
    if (this.seenItems.has(seenId)) return this.tally.skip('repeats a post id seen earlier in the file', example);
    this.seenItems.add(seenId);
    if (item.truncated) return this.tally.skip('holds a text too long to import (over 2,000,000 characters)', example);

    // Bylines are resolved here, in file order: a new author is a member written in this transaction.
    this.batch.push({ item, byline: await this.bylines.for(item), example });
    if (this.batch.length >= ARTICLES_PER_BATCH) await this.nextBatch();
  }

  /** Sends the batch to be converted and formatted, and writes the oldest one prepared meanwhile once more than BATCHES_AHEAD wait. */
  private async nextBatch(): Promise<void> {
    const items = this.batch;
    this.batch = [];
    if (items.length > 0) {
      const preparing = this.prepare(items);
      // Awaited when its turn comes; until then a failure (the thread died) must not count as unhandled.
      preparing.catch(() => {});
      this.preparing.push(preparing);
    }
    if (this.preparing.length > BATCHES_AHEAD) await this.writeBatch(await this.preparing.shift()!);
  }

  /** Converts a batch's bodies in the importer's thread, then has the writer start formatting them. */
  private async prepare(items: ReadItem[]): Promise<ReadyBatch> {
    this.converter ??= createWordpressConverter();
    const contents = this.converter.convertMany(
      items.map((r) => r.item.content),
      this.siteUrl,
    );
    // The post HTML is no longer needed (the thread has its copy); the comments are, until the batch is written.
    for (const r of items) r.item = withFields(r.item, { content: '' });
    const converted: ConvertedItem[] = [];
    (await contents).forEach((content, i) => {
      const { item, byline, example } = items[i]!;
      // Content the converter cannot take (HTML nested thousands deep) leaves out this item, not the import.
      if (content instanceof Invalid) return this.tally.skip(`was refused: ${content.message}`, example);
      const input = articleInputOf(item, { byline, content, now: this.deps.clock.now(), tally: this.tally });
      converted.push({ item, input, example });
    });
    return { items: converted, formatted: this.deps.articles.formatForImport(converted.map((c) => c.input.bodyMarkdown)) };
  }

  /** Ends the conversion thread, whether the import finished or failed. */
  async close(): Promise<void> {
    await this.converter?.close();
    this.converter = undefined;
  }

  /**
   * Writes a batch's articles, each followed by its comments, in file order. The old-link keys of
   * the whole batch are looked up first and saved after it: a few statements per batch of posts,
   * not a few per post (a post's keys are found in memory until then).
   */
  private async writeBatch(batch: ReadyBatch): Promise<void> {
    await this.keys.prefetch(
      'wp-post',
      batch.items.map((b) => b.item.id),
    );
    await this.keys.prefetch(
      'wp-comment',
      batch.items.flatMap((b) => b.item.comments.map((c) => c.id)),
    );
    for (const { item, input, example } of batch.items) {
      const articleId = await this.writeArticle(item, input, example, batch.formatted);
      if (articleId === undefined) continue;
      await this.keyArticle(item, articleId);
      if (item.thumbnailId) this.wantImage.set(articleId, item.thumbnailId);
      await this.writeComments(item, articleId);
    }
    await this.keys.flush();
  }

  /** Writes (or, on a second run, updates or leaves alone) the article; undefined when it was left out. */
  private async writeArticle(item: WxrItem, input: ArticleInput, example: string, formatted: FormattedBodies): Promise<number | undefined> {
    const kind = input.kind === 'page' ? 'pages' : 'articles';
    const digest = digestOf(withFields(input, { featuredImageUrl: undefined }));
    const earlier = await this.keys.find('wp-post', item.id);
    const replaces = earlier && (await iq.articleStillExists(this.trx, earlier.target_id)) ? earlier.target_id : undefined;
    if (replaces !== undefined && earlier?.digest === digest) {
      this.tally.count('unchanged', kind);
      return replaces;
    }
    const id = await this.importArticle(withFields(input, { replaces }), example, formatted);
    if (id === undefined) return undefined;
    this.keys.save('wp-post', item.id, id, digest);
    this.tally.count(replaces === undefined ? 'imported' : 'updated', kind);
    return id;
  }

  /** The writer's import, with the fallbacks an old site needs: an address that cannot be kept or is taken gets a new one. */
  private async importArticle(input: ArticleInput, example: string, formatted: FormattedBodies): Promise<number | undefined> {
    const write = (attempt: ArticleInput) => this.deps.articles.importArticle(attempt, WORDPRESS_ACTOR, { within: this.trx, formatted });
    try {
      return await write(input);
    } catch (error) {
      const slugProblem =
        (error instanceof Conflict && error.field === 'slug') ||
        (error instanceof InvalidFields && error.problems.length === 1 && error.problems[0]!.field === 'slug');
      if (slugProblem && input.slug) {
        this.tally.adjust(
          'had an address Gazette could not keep (taken, or not a clean slug): given a new one; the old link still leads to it',
          example,
        );
        return this.importArticle({ ...input, slug: '' }, example, formatted);
      }
      if (error instanceof InvalidFields) {
        this.tally.skip(`was refused: ${error.problems.map((p) => p.message).join(' ')}`, example);
        return undefined;
      }
      throw error;
    }
  }

  /** Records every old way of naming the article, so its old links lead to it. */
  private async keyArticle(item: WxrItem, articleId: number): Promise<void> {
    const slug = slugKeyOf(item.slug).replace(/__trashed(?:-\d+)?$/, '');
    if (slug) this.keys.save('wp-slug', slug, articleId);
    if (item.link) {
      let path = '';
      try {
        path = normaliseOldPath(new URL(item.link).pathname);
      } catch {
        path = '';
      }
      if (path && path !== '/') this.keys.save('wp-path', path, articleId);
    }
    const [section] = item.categories.filter((c) => c.name);
    if (section) await this.keyTerm('wp-category', section.slug, 'section', section.name);
    for (const tag of [...item.categories.slice(1), ...item.tags]) await this.keyTerm('wp-tag', tag.slug, 'tag', tag.name);
    const byline = this.bylines.known(item.creator);
    if (byline && 'authorId' in byline) this.keys.save('wp-author', item.creator.toLowerCase(), byline.authorId);
  }

  /** Writes an item's comments into their threads; pingbacks and trackbacks are left out and counted. */
  private async writeComments(item: WxrItem, articleId: number): Promise<void> {
    const leftOut = new Set<string>();
    const seen = new Set<string>();
    const set: ThreadedReply[] = [];
    await this.keys.prefetch(
      'wp-comment',
      item.comments.map((c) => c.id),
    );
    for (const comment of item.comments) {
      const example = `comment ${comment.id} on ${item.type} ${item.id} (line ${comment.line})`;
      if (comment.type && comment.type !== 'comment') {
        leftOut.add(comment.id);
        this.tally.skip(`is a ${comment.type} (pingbacks and trackbacks are counted, not imported)`, example);
      } else if (!comment.id) this.tally.skip('has no wp:comment_id', example);
      else if (seen.has(comment.id) || leftOut.has(comment.id)) this.tally.skip('repeats a comment id seen earlier in the file', example);
      else {
        seen.add(comment.id);
        set.push({ parentLegacyId: comment.parentId, reply: this.foreignReply(comment, articleId) });
      }
    }
    await writeReplySet(this.deps, this.trx, this.tally, this.keys, set, leftOut);
  }

  private foreignReply(comment: WxrComment, articleId: number): ForeignReply {
    return {
      kind: 'wp-comment',
      legacyId: comment.id,
      example: `comment ${comment.id} (line ${comment.line})`,
      input: {
        articleId,
        comment: replyTextOf(comment),
        author: comment.author,
        email: comment.email,
        url: comment.url,
        status: replyStatusOf(comment, this.tally),
        createdAt: comment.date,
        ip: comment.ip,
        userAgent: comment.userAgent,
        legacyAnchor: `comment-${comment.id}`,
      },
    };
  }
}

/** An id as a small integer when it is one written plainly ("42", not "042"), else as written. */
function compactId(id: string): number | string {
  const n = Number(id);
  return Number.isSafeInteger(n) && String(n) === id ? n : id;
}

/** The WordPress eXtended RSS format: records are the children of `<rss><channel>`. */
export const wordpressFormat: ExportFormat = {
  source: 'wordpress',
  checkRoot: (name, attrs) => WordpressImport.checkRoot(name, attrs),
  isRecord: (_name, depth, parent) => depth === 2 && parent === 'channel',
  session: (deps, trx, tally) => new WordpressImport(deps, trx, tally),
};
