import { childrenNamed, rawTextOf, textOf, type XmlNode } from './xml-records.js';
import type { SiteClock } from './wxr-dates.js';

/**
 * The records of a WordPress eXtended RSS export (WXR 1.0–1.2), as plain data. The export is an
 * RSS `<channel>` whose children are the site's fields, its authors (`wp:author`), terms
 * (`wp:category`, `wp:tag`, `wp:term`) and one `<item>` per post, page, attachment or other post
 * type, each item carrying its comments (`wp:comment`).
 */

/** An author of the old site. */
export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
}

/** A category of the old site (its slug as WordPress stored it, possibly percent-encoded). */
export interface WxrTerm {
  slug: string;
  name: string;
}

/** A comment as WordPress exported it. */
export interface WxrComment {
  id: string;
  parentId: string;
  author: string;
  email: string;
  url: string;
  ip: string;
  userAgent: string;
  date: Date | undefined;
  content: string;
  /** `1`, `0`, `spam`, `trash`, `post-trashed`. */
  approved: string;
  /** '' or `comment` for a comment; `pingback`, `trackback` or a plugin's type otherwise. */
  type: string;
  line: number;
}

/** An `<item>`: a post, a page, an attachment or another post type. */
export interface WxrItem {
  id: string;
  type: string;
  title: string;
  link: string;
  slug: string;
  status: string;
  creator: string;
  content: string;
  excerpt: string;
  date: Date | undefined;
  modified: Date | undefined;
  commentStatus: string;
  password: string;
  sticky: boolean;
  /** Categories in the order written: the first is the section, the others become tags. */
  categories: WxrTerm[];
  tags: WxrTerm[];
  /** The attachment id of the featured image (`_thumbnail_id`), when set. */
  thumbnailId: string;
  /** For an attachment: the file's address. */
  attachmentUrl: string;
  comments: WxrComment[];
  line: number;
  /** Some text in it was longer than the reader keeps. */
  truncated: boolean;
}

/** An author record (`wp:author`). */
export function readAuthor(node: XmlNode): WxrAuthor {
  return {
    login: textOf(node, 'wp:author_login'),
    email: textOf(node, 'wp:author_email'),
    displayName: textOf(node, 'wp:author_display_name'),
  };
}

/** A category record (`wp:category`). */
export function readCategory(node: XmlNode): WxrTerm {
  return { slug: textOf(node, 'wp:category_nicename'), name: textOf(node, 'wp:cat_name') };
}

/** A tag record (`wp:tag`). */
export function readTag(node: XmlNode): WxrTerm {
  return { slug: textOf(node, 'wp:tag_slug'), name: textOf(node, 'wp:tag_name') };
}

function readComment(node: XmlNode, clock: SiteClock): WxrComment {
  const agent = childrenNamed(node, 'wp:commentmeta').find((m) => textOf(m, 'wp:meta_key') === '_wp_comment_user_agent');
  return {
    id: textOf(node, 'wp:comment_id'),
    parentId: textOf(node, 'wp:comment_parent'),
    author: textOf(node, 'wp:comment_author'),
    email: textOf(node, 'wp:comment_author_email'),
    url: textOf(node, 'wp:comment_author_url'),
    ip: textOf(node, 'wp:comment_author_IP'),
    userAgent: textOf(node, 'wp:comment_agent') || (agent ? textOf(agent, 'wp:meta_value') : ''),
    date: clock.resolve(textOf(node, 'wp:comment_date'), textOf(node, 'wp:comment_date_gmt')),
    content: rawTextOf(node, 'wp:comment_content'),
    approved: textOf(node, 'wp:comment_approved'),
    type: textOf(node, 'wp:comment_type'),
    line: node.line,
  };
}

/** An `<item>` record. */
export function readItem(node: XmlNode, clock: SiteClock): WxrItem {
  const terms = childrenNamed(node, 'category');
  const termsOf = (domain: string) =>
    terms.filter((t) => t.attrs['domain'] === domain).map((t) => ({ slug: t.attrs['nicename'] ?? '', name: t.text.trim() }));
  const meta = (key: string) => {
    const entry = childrenNamed(node, 'wp:postmeta').find((m) => textOf(m, 'wp:meta_key') === key);
    return entry ? textOf(entry, 'wp:meta_value') : '';
  };
  return {
    id: textOf(node, 'wp:post_id'),
    type: textOf(node, 'wp:post_type') || 'post',
    title: textOf(node, 'title'),
    link: textOf(node, 'link'),
    slug: textOf(node, 'wp:post_name'),
    status: textOf(node, 'wp:status'),
    creator: textOf(node, 'dc:creator'),
    content: rawTextOf(node, 'content:encoded'),
    excerpt: rawTextOf(node, 'excerpt:encoded'),
    date: clock.resolve(textOf(node, 'wp:post_date'), textOf(node, 'wp:post_date_gmt'), textOf(node, 'pubDate')),
    modified: clock.resolve(textOf(node, 'wp:post_modified'), textOf(node, 'wp:post_modified_gmt')),
    commentStatus: textOf(node, 'wp:comment_status'),
    password: textOf(node, 'wp:post_password'),
    sticky: textOf(node, 'wp:is_sticky') === '1',
    categories: termsOf('category'),
    tags: termsOf('post_tag'),
    thumbnailId: meta('_thumbnail_id'),
    attachmentUrl: textOf(node, 'wp:attachment_url'),
    comments: childrenNamed(node, 'wp:comment').map((c) => readComment(c, clock)),
    line: node.line,
    truncated: node.truncated,
  };
}
