import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from 'kysely';
import { importerDeps } from '../../src/cli/import.command.js';
import type { Container } from '../../src/container.js';
import type { ImporterDeps } from '../../src/modules/importers/index.js';
import type { Database } from '../../src/storage/schema.js';

/*
 * Hand-written WordPress (WXR) and Disqus export files for the importer tests: small builders, so
 * each test states only what it is about and the rest is a plausible export.
 */

const scratch = mkdtempSync(join(tmpdir(), 'gazette-import-'));
let fileCounter = 0;

/** Writes `text` to a fresh file and returns its path. */
export function exportFile(text: string, extension = 'xml'): string {
  const path = join(scratch, `export-${process.pid}-${++fileCounter}.${extension}`);
  writeFileSync(path, text);
  return path;
}

/** What the importers need, from a test container (the CLI builds it the same way). */
export { importerDeps };

/**
 * The importer's deps from a test container, calling `note` with the import's transaction as the
 * load starts (when the replies' indexes are set aside), to look at what the import set up for it.
 */
export function watchingLoadStart(container: Container, note: (trx: Transaction<Database>) => Promise<void>): ImporterDeps {
  const deps = importerDeps(container);
  return {
    ...deps,
    replies: {
      ...deps.replies,
      deferIndexesForImport: async (options) => {
        await note(options.within);
        return deps.replies.deferIndexesForImport(options);
      },
    },
  };
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** A comment of a WXR item. */
export interface WxrCommentSpec {
  id: number;
  parent?: number;
  author?: string;
  email?: string;
  url?: string;
  ip?: string;
  date?: string;
  dateGmt?: string;
  content?: string;
  approved?: string;
  type?: string;
}

/** A WXR item (post, page, attachment). */
export interface WxrItemSpec {
  id: number;
  title?: string;
  slug?: string;
  link?: string;
  type?: string;
  status?: string;
  creator?: string;
  content?: string;
  excerpt?: string;
  date?: string;
  dateGmt?: string;
  pubDate?: string;
  categories?: [slug: string, name: string][];
  tags?: [slug: string, name: string][];
  sticky?: boolean;
  commentStatus?: string;
  password?: string;
  thumbnailId?: number;
  attachmentUrl?: string;
  comments?: WxrCommentSpec[];
}

function commentXml(c: WxrCommentSpec): string {
  return `    <wp:comment>
      <wp:comment_id>${c.id}</wp:comment_id>
      <wp:comment_author>${cdata(c.author ?? `Reader ${c.id}`)}</wp:comment_author>
      <wp:comment_author_email>${cdata(c.email ?? `reader${c.id}@mail.example`)}</wp:comment_author_email>
      <wp:comment_author_url>${cdata(c.url ?? '')}</wp:comment_author_url>
      <wp:comment_author_IP>${cdata(c.ip ?? '192.0.2.7')}</wp:comment_author_IP>
      <wp:comment_date>${cdata(c.date ?? '2024-10-28 12:00:00')}</wp:comment_date>
      <wp:comment_date_gmt>${cdata(c.dateGmt ?? c.date ?? '2024-10-28 12:00:00')}</wp:comment_date_gmt>
      <wp:comment_content>${cdata(c.content ?? `Comment number ${c.id}.`)}</wp:comment_content>
      <wp:comment_approved>${cdata(c.approved ?? '1')}</wp:comment_approved>
      <wp:comment_type>${cdata(c.type ?? 'comment')}</wp:comment_type>
      <wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>`;
}

/** One `<item>`. */
export function wxrItem(i: WxrItemSpec): string {
  const slug = i.slug ?? `post-${i.id}`;
  const terms = [
    ...(i.categories ?? [['news', 'News']]).map(([s, n]) => `    <category domain="category" nicename="${s}">${cdata(n)}</category>`),
    ...(i.tags ?? []).map(([s, n]) => `    <category domain="post_tag" nicename="${s}">${cdata(n)}</category>`),
  ];
  const meta = i.thumbnailId
    ? `    <wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(String(i.thumbnailId))}</wp:meta_value></wp:postmeta>`
    : '';
  return `  <item>
    <title>${cdata(i.title ?? `Story ${i.id}`)}</title>
    <link>${i.link ?? `https://courier.example/2024/10/28/${slug}/`}</link>
    <pubDate>${i.pubDate ?? 'Mon, 28 Oct 2024 09:00:00 +0000'}</pubDate>
    <dc:creator>${cdata(i.creator ?? 'mina')}</dc:creator>
    <guid isPermaLink="false">https://courier.example/?p=${i.id}</guid>
    <description></description>
    <content:encoded>${cdata(i.content ?? `<p>The body of story ${i.id}.</p>`)}</content:encoded>
    <excerpt:encoded>${cdata(i.excerpt ?? '')}</excerpt:encoded>
    <wp:post_id>${i.id}</wp:post_id>
    <wp:post_date>${cdata(i.date ?? '2024-10-28 18:00:00')}</wp:post_date>
    <wp:post_date_gmt>${cdata(i.dateGmt ?? '2024-10-28 09:00:00')}</wp:post_date_gmt>
    <wp:comment_status>${cdata(i.commentStatus ?? 'open')}</wp:comment_status>
    <wp:post_name>${cdata(slug)}</wp:post_name>
    <wp:status>${cdata(i.status ?? 'publish')}</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type>${cdata(i.type ?? 'post')}</wp:post_type>
    <wp:post_password>${cdata(i.password ?? '')}</wp:post_password>
    <wp:is_sticky>${i.sticky ? 1 : 0}</wp:is_sticky>
${i.attachmentUrl ? `    <wp:attachment_url>${cdata(i.attachmentUrl)}</wp:attachment_url>\n` : ''}${terms.join('\n')}
${meta}
${(i.comments ?? []).map(commentXml).join('\n')}
  </item>`;
}

/** A whole WXR 1.2 export: the channel, its authors and categories, then the items. */
export function wxr(
  items: WxrItemSpec[],
  options: { authors?: { login: string; email: string; name: string }[]; head?: string } = {},
): string {
  const authors = options.authors ?? [{ login: 'mina', email: 'mina@courier.example', name: 'Mina Park' }];
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>The Old Courier</title>
  <link>https://courier.example</link>
  <description>News from the old site</description>
  <language>en-US</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://courier.example</wp:base_site_url>
  <wp:base_blog_url>https://courier.example</wp:base_blog_url>
${authors
  .map(
    (a, n) =>
      `  <wp:author><wp:author_id>${n + 1}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`,
  )
  .join('\n')}
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>${cdata('world')}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('World')}</wp:cat_name></wp:category>
${options.head ?? ''}
${items.map(wxrItem).join('\n')}
</channel>
</rss>
`;
}

/** A Disqus post. */
export interface DisqusPostSpec {
  id: string;
  thread: string;
  parent?: string;
  message?: string;
  createdAt?: string;
  name?: string;
  email?: string;
  anonymous?: boolean;
  spam?: boolean;
  deleted?: boolean;
}

/** A whole Disqus export: threads (id, link, title) and posts, in the order given. */
export function disqus(threads: { id: string; link: string; title?: string; identifier?: string }[], posts: DisqusPostSpec[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <category dsq:id="1"><forum>courier</forum><title>General</title><isDefault>true</isDefault></category>
${threads
  .map(
    (t) => `  <thread dsq:id="${t.id}">
    <id>${t.identifier ?? ''}</id>
    <forum>courier</forum>
    <category dsq:id="1"/>
    <link>${t.link}</link>
    <title>${cdata(t.title ?? 'A thread')}</title>
    <message/>
    <createdAt>2024-10-28T09:00:00Z</createdAt>
    <author><name>Courier</name><isAnonymous>false</isAnonymous><username>courier</username></author>
    <isClosed>false</isClosed>
    <isDeleted>false</isDeleted>
  </thread>`,
  )
  .join('\n')}
${posts
  .map(
    (p) => `  <post dsq:id="${p.id}">
    <id/>
    <message>${cdata(p.message ?? `<p>Disqus post ${p.id}</p>`)}</message>
    <createdAt>${p.createdAt ?? '2024-10-29T10:00:00Z'}</createdAt>
    <isDeleted>${p.deleted ? 'true' : 'false'}</isDeleted>
    <isSpam>${p.spam ? 'true' : 'false'}</isSpam>
    <author>${p.email === undefined ? '' : `<email>${p.email}</email>`}<name>${cdata(p.name ?? `Disqus reader ${p.id}`)}</name><isAnonymous>${p.anonymous ? 'true' : 'false'}</isAnonymous></author>
    <ipAddress>198.51.100.4</ipAddress>
    <thread dsq:id="${p.thread}"/>
${p.parent ? `    <parent dsq:id="${p.parent}"/>\n` : ''}  </post>`,
  )
  .join('\n')}
</disqus>
`;
}
