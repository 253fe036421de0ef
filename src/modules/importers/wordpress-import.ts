import { Conflict, Invalid, InvalidFields } from '../../lib/errors.js';
import { slugify } from '../../lib/slug.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { ArticleInput } from '../articles/index.js';
import { cliActor } from '../audit/index.js';
import { ImportFailed, type ImportTally } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import * as iq from './importers.queries.js';
import { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
import { LegacyKeyBook } from './legacy-key-book.js';
import { ThreadWriter, type PendingReply } from './thread-writer.js';
import { articleInputOf, digestOf, plainLine, replyStatusOf, replyTextOf, type BylineChoice } from './wordpress-items.js';
import { SiteClock } from './wxr-dates.js';
import { readAuthor, readCategory, readItem, readTag, type WxrAuthor, type WxrComment, type WxrItem } from './wxr-records.js';
import type { XmlNode } from './xml-records.js';
import { writeImportedReply } from './imported-replies.js';
import type { ExportFormat } from './run-import.js';

/** Who the audit trail names for everything a WordPress import writes. */
export const WORDPRESS_ACTOR = cliActor('gazette import wordpress');

/** Post types that become articles; attachments are read for featured images; everything else is counted and left out. */
const articleTypes = new Set(['post', 'page']);
/** Statuses that are WordPress's bookkeeping, not content. */
const bookkeepingStatuses = new Set(['auto-draft', 'inherit']);

/**
 * One run of a WordPress import inside its transaction: takes the export's records in file order
 * (channel fields, authors, terms, then items) and writes them through the writers' import modes.
 */
export class WordpressImport {
  private siteUrl = '';
  private sawWxrVersion = false;
  private readonly clock = new SiteClock();
  private readonly authors = new Map<string, WxrAuthor>();
  /** Logins already turned into members (or bylines), with what the writer needs. */
  private readonly bylines = new Map<string, BylineChoice>();
  private readonly attachments = new Map<string, string>();
  /** Articles waiting for a featured image whose attachment comes later in the file. */
  private readonly wantImage = new Map<number, string>();
  private readonly seenItems = new Set<string>();
  private readonly keyedTerms = new Set<string>();
  private readonly keys: LegacyKeyBook;

  constructor(
    private readonly deps: ImporterDeps,
    private readonly trx: Transaction<Database>,
    private readonly tally: ImportTally,
  ) {
    this.keys = new LegacyKeyBook(trx);
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
        if (author.login) this.authors.set(author.login, author);
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
    if (this.seenItems.has(item.id)) return this.tally.skip('repeats a post id seen earlier in the file', example);
    this.seenItems.add(item.id);
    if (item.truncated) return this.tally.skip('holds a text too long to import (over 2,000,000 characters)', example);

    const articleId = await this.writeArticle(item, example);
    if (articleId === undefined) return;
    await this.keyArticle(item, articleId);
    if (item.thumbnailId) this.wantImage.set(articleId, item.thumbnailId);
    await this.writeComments(item, articleId);
    await this.keys.flush();
  }

  /** Writes (or, on a second run, updates or leaves alone) the article; undefined when it was left out. */
  private async writeArticle(item: WxrItem, example: string): Promise<number | undefined> {
    const byline = await this.bylineFor(item);
    let input: ArticleInput;
    try {
      input = articleInputOf(item, { byline, siteUrl: this.siteUrl, now: this.deps.clock.now(), tally: this.tally });
    } catch (error) {
      // Content the converter cannot take (HTML nested thousands deep) leaves out this item, not the import.
      if (!(error instanceof Invalid)) throw error;
      this.tally.skip(`was refused: ${error.message}`, example);
      return undefined;
    }
    const kind = input.kind === 'page' ? 'pages' : 'articles';
    const digest = digestOf({ ...input, featuredImageUrl: undefined });
    const earlier = await this.keys.find('wp-post', item.id);
    const replaces = earlier && (await iq.articleStillExists(this.trx, earlier.target_id)) ? earlier.target_id : undefined;
    if (replaces !== undefined && earlier?.digest === digest) {
      this.tally.count('unchanged', kind);
      return replaces;
    }
    const id = await this.importArticle({ ...input, replaces }, example);
    if (id === undefined) return undefined;
    this.keys.save('wp-post', item.id, id, digest);
    this.tally.count(replaces === undefined ? 'imported' : 'updated', kind);
    return id;
  }

  /** The writer's import, with the fallbacks an old site needs: an address that cannot be kept or is taken gets a new one. */
  private async importArticle(input: ArticleInput, example: string): Promise<number | undefined> {
    const write = (attempt: ArticleInput) => this.deps.articles.importArticle(attempt, WORDPRESS_ACTOR, { within: this.trx });
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
        return this.importArticle({ ...input, slug: '' }, example);
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
    const byline = this.bylines.get(item.creator);
    if (byline && 'authorId' in byline) this.keys.save('wp-author', item.creator.toLowerCase(), byline.authorId);
  }

  /** The byline for an item's author: a member made from the export's author list, or a byline by name. */
  private async bylineFor(item: WxrItem): Promise<BylineChoice> {
    const login = item.creator;
    const known = this.bylines.get(login);
    if (known) return known;
    const author = this.authors.get(login);
    let choice: BylineChoice;
    if (author?.email) {
      try {
        const member = await this.deps.accounts.importMember(
          { email: author.email, name: author.displayName || login, role: 'author' },
          WORDPRESS_ACTOR,
          this.trx,
        );
        this.tally.count(member.created ? 'imported' : 'unchanged', 'members');
        choice = { authorId: member.authorId };
      } catch (error) {
        if (!(error instanceof InvalidFields)) throw error;
        this.tally.adjust(
          'is an author the newsroom could not take as a member (see the message): credited by name only',
          `${login}: ${error.message}`,
        );
        choice = { name: author.displayName || login };
      }
    } else {
      const name = author?.displayName || login || 'Staff';
      this.tally.adjust(
        author
          ? 'is an author without an email: credited by name, without a newsroom account'
          : 'names an author missing from the export: credited by name',
        login || '(no author)',
      );
      choice = { name };
    }
    this.bylines.set(login, choice);
    return choice;
  }

  /** Writes an item's comments into their threads; pingbacks and trackbacks are left out and counted. */
  private async writeComments(item: WxrItem, articleId: number): Promise<void> {
    const leftOut = new Set<string>();
    const written = new Map<string, number>();
    const threads = new ThreadWriter<WxrComment>(
      {
        written: async (legacyId) => written.get(legacyId),
        leftOut: (legacyId) => leftOut.has(legacyId),
        write: async (pending, parentId) => {
          const id = await this.writeComment(pending, articleId, parentId);
          if (id === undefined) leftOut.add(pending.legacyId);
          else written.set(pending.legacyId, id);
          return id;
        },
      },
      this.tally,
    );
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
      else if (written.has(comment.id) || leftOut.has(comment.id))
        this.tally.skip('repeats a comment id seen earlier in the file', example);
      else await threads.add({ legacyId: comment.id, parentLegacyId: comment.parentId, item: comment });
    }
    await threads.finish();
  }

  private async writeComment(pending: PendingReply<WxrComment>, articleId: number, parentId: number | null): Promise<number | undefined> {
    const comment = pending.item;
    return writeImportedReply(this.deps, this.trx, this.tally, this.keys, {
      kind: 'wp-comment',
      legacyId: comment.id,
      example: `comment ${comment.id} (line ${comment.line})`,
      input: {
        articleId,
        parentId,
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
    });
  }
}

/** The WordPress eXtended RSS format: records are the children of `<rss><channel>`. */
export const wordpressFormat: ExportFormat = {
  source: 'wordpress',
  checkRoot: (name, attrs) => WordpressImport.checkRoot(name, attrs),
  isRecord: (_name, depth, parent) => depth === 2 && parent === 'channel',
  session: (deps, trx, tally) => new WordpressImport(deps, trx, tally),
};
