import { hash } from 'node:crypto';
import { decodeHTML } from 'entities';
import type { ArticleInput, ArticleStatus } from '../articles/index.js';
import type { ReplyStatus } from '../replies/index.js';
import { commentHtmlToText } from './comment-text.js';
import type { ImportTally } from './import-report.js';
import { slugKeyOf } from './legacy-keys.js';
import type { WordpressContent } from './wordpress-content.js';
import type { WxrComment, WxrItem } from './wxr-records.js';

/**
 * How a WordPress post or page becomes a Gazette article, and a comment a reply. Every fallback
 * is counted in the tally, so the summary says what was not kept exactly as it was.
 */

/** Longest dek Gazette keeps; a longer excerpt is cut at a word. */
const DEK_LIMIT = 600;
const HEADLINE_LIMIT = 300;

/** What WordPress's post statuses become. */
function articleStatusOf(item: WxrItem, tally: ImportTally): ArticleStatus {
  const example = `${item.type} ${item.id} “${item.title}”`;
  if (item.password) {
    tally.adjust('was password-protected: kept as a draft (Gazette has no per-article passwords)', example);
    return 'draft';
  }
  switch (item.status) {
    case 'publish':
      return 'published';
    case 'future':
      return 'scheduled';
    case 'trash':
      return 'trash';
    case 'private':
      tally.adjust('was private: kept as a draft, not public', example);
      return 'draft';
    case 'pending':
      tally.adjust('was pending review: kept as a draft', example);
      return 'draft';
    case 'draft':
      return 'draft';
    default:
      tally.adjust(`had the status “${item.status}”: kept as a draft`, example);
      return 'draft';
  }
}

/** HTML-bearing one-line text (titles, excerpts) as plain text: tags out, entities decoded, spaces folded. */
export function plainLine(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts text to `limit` characters at a word, with an ellipsis. */
function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What the writer needs about an item's byline. */
export type BylineChoice = ArticleInput['author'];

/** A WordPress post or page as the article writer's import input, its body converted already (`content`). */
export function articleInputOf(
  item: WxrItem,
  context: { byline: BylineChoice; content: WordpressContent; now: Date; tally: ImportTally },
): ArticleInput {
  const { tally } = context;
  const example = `${item.type} ${item.id} “${item.title}”`;
  let headline = plainLine(item.title);
  if (!headline) {
    headline = `Untitled (${item.type} ${item.id})`;
    tally.adjust('had no title: given “Untitled (post N)”', example);
  } else if (headline.length > HEADLINE_LIMIT) {
    headline = cutAtWord(headline, HEADLINE_LIMIT);
    tally.adjust(`had a title over ${HEADLINE_LIMIT} characters: cut`, example);
  }
  let dek = plainLine(item.excerpt);
  if (dek.length > DEK_LIMIT) {
    dek = cutAtWord(dek, DEK_LIMIT);
    tally.adjust(`had an excerpt over ${DEK_LIMIT} characters: cut for the dek`, example);
  }
  const converted = context.content;
  for (const name of converted.unknownShortcodes) tally.adjust(`uses the shortcode [${name}], which Gazette shows as text`, example);
  const status = articleStatusOf(item, tally);
  // A draft has no publication time yet; anything that was (or will be) public keeps its own.
  let publishedAt = status === 'draft' ? null : (item.date ?? null);
  if ((status === 'published' || status === 'scheduled') && !item.date) {
    publishedAt = context.now;
    tally.adjust('had no readable date: dated the day of the import', example);
  }
  const [section, ...otherCategories] = item.categories.filter((c) => c.name);
  const tags = [...otherCategories, ...item.tags].map((t) => plainLine(t.name)).filter(Boolean);
  return {
    headline,
    dek,
    bodyMarkdown: converted.markdown,
    slug: keepableSlugOf(item.slug),
    author: context.byline,
    section: section ? plainLine(section.name) : item.type === 'page' ? 'Pages' : 'News',
    tags: [...new Set(tags)],
    status,
    publishedAt,
    createdAt: item.date ?? context.now,
    updatedAt: item.modified ?? item.date ?? context.now,
    repliesOpen: item.commentStatus !== 'closed',
    kind: item.type === 'page' ? 'page' : 'article',
    sticky: item.sticky,
    featuredImageUrl: '',
  };
}

/** WordPress's slug decoded (non-Latin slugs are stored percent-encoded), or '' to make one from the headline. */
function keepableSlugOf(raw: string): string {
  const slug = slugKeyOf(raw);
  // Trashed posts carry `__trashed`; WordPress appends it to free the address.
  return slug.replace(/__trashed(?:-\d+)?$/, '');
}

/** A stable digest of what an item says, so a second run knows whether it changed. */
export function digestOf(value: unknown): string {
  // One-shot `hash`: the same digest as a Hash object's, without making one per comment.
  return hash('sha256', JSON.stringify(value), 'base64url').slice(0, 22);
}

/** What WordPress's comment approval values become. */
export function replyStatusOf(comment: WxrComment, tally: ImportTally): ReplyStatus {
  switch (comment.approved) {
    case '1':
      return 'approved';
    case '0':
      return 'held';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'trash';
    default:
      tally.adjust(`had the approval “${comment.approved}”: held for moderation`, `comment ${comment.id}`);
      return 'held';
  }
}

/** A comment's text as a reply's: its HTML made plain. */
export function replyTextOf(comment: Pick<WxrComment, 'content'>): string {
  return commentHtmlToText(comment.content);
}
