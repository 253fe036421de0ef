import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Container } from '../../src/container.js';
import { InvalidFields } from '../../src/lib/errors.js';
import { slugify } from '../../src/lib/slug.js';
import { unstorableTextProblem } from '../../src/lib/reader-text.js';
import type { User } from '../../src/modules/accounts/index.js';
import type { ReplyInput } from '../../src/modules/replies/index.js';
import { adminPost, articleFields, makeUser, postEditor, signedInAs } from '../support/admin.js';
import { sender } from '../support/factories.js';
import type { CookieJar } from '../support/http.js';
import { codeOf, instantiate, xssFields, xssVectors, type XssField, type XssVector } from './vectors.js';

/** Top-level replies per page while the corpus is planted, so the article's reply pages are exercised. */
export const corpusRepliesPerPage = 50;
/** Articles per plain "batch" tag: a tag page lists 50, so each batch page shows all of its articles. */
const batchSize = 50;

/** Where the corpus landed: what a test loads, and how many vectors each field took. */
export interface PlantedCorpus {
  admin: User;
  /** The administrator's session cookie value (for a browser) and form token. */
  adminSession: { jar: CookieJar; token: string; csrf: string };
  /** One article per vector, every article field carrying it. */
  articles: { id: number; slug: string; vector: XssVector }[];
  /** The article whose body is the whole corpus and whose replies carry it in text, name and website. */
  repliesArticle: { id: number; slug: string; replyIds: number[] };
  /** The article whose replies a moderator edited (with a reason) and answered, all with the corpus. */
  moderatedArticle: { id: number; slug: string; replyIds: number[] };
  /** Section and tag pages that list the corpus articles. */
  sectionSlugs: string[];
  tagSlugs: string[];
  batchTagSlugs: string[];
  /** The desk's search box, once per vector. */
  deskSearches: string[];
  /** Pages of top-level replies on each of the two reply articles. */
  replyPages: { replies: number; moderated: number };
  /** Vectors stored as typed, per field; the rest were refused by validation (and replaced). */
  stored: Record<XssField, number>;
}

function valueFor(field: XssField, vector: XssVector): string {
  return instantiate(vector, codeOf(field, vector));
}

/**
 * A vector as the newsroom's forms can store it: a NUL or a lone surrogate is refused with 422 on
 * the whole form (unstorableTextProblem), so it stands as U+FFFD and the rest of the vector is kept.
 */
export function storable(text: string): string {
  if (unstorableTextProblem(text) === undefined) return text;
  return text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A small real picture for the featured image (so its alt text is rendered). */
async function picture(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#777777' } })
    .png()
    .toBuffer();
}

/**
 * Posts a reply, replacing any field validation refuses (a NUL, an address that is not a web
 * address) with a plain value and trying again: the other fields still carry the corpus.
 */
async function postWithFallbacks(
  container: Container,
  input: ReplyInput,
  fallbacks: Partial<ReplyInput>[],
): Promise<{ id: number; refused: Set<string>; url: string }> {
  const refused = new Set<string>();
  let current = { ...input };
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = await container.replies.post(current, sender());
      return { id: reply.id, refused, url: current.url ?? '' };
    } catch (error) {
      if (!(error instanceof InvalidFields) || attempt >= fallbacks.length + 2) throw error;
      const fields = error.problems.map((p) => p.field as keyof ReplyInput);
      for (const f of fields) refused.add(f);
      const next = fallbacks[attempt] ?? {};
      // Only the refused fields change; a fallback for a field that was accepted is ignored.
      current = { ...current, ...Object.fromEntries(fields.map((f) => [f, f in next ? next[f] : plainReplyValue(f)])) };
    }
  }
}

function plainReplyValue(field: keyof ReplyInput): string {
  return field === 'url' ? '' : field === 'email' ? `fallback.${Math.random().toString(36).slice(2)}@example.org` : `Plain ${field}`;
}

/**
 * Puts the corpus into every field a reader or a member can fill, through the real write paths:
 * the newsroom's forms through `app.inject` (settings, editor), and the services a reader's post
 * and the desk's actions call. Approves every reply.
 */
export async function plantCorpus(app: FastifyInstance, container: Container): Promise<PlantedCorpus> {
  const stored = Object.fromEntries(xssFields.map((f) => [f, 0])) as Record<XssField, number>;
  const admin = await makeUser(container, 'administrator', 'Corpus Administrator');
  const { jar, csrf } = await signedInAs(container, admin);
  const token = jar.get('gazette_session')!;

  // Settings first: no flood interval or duplicate check between the corpus's replies, replies
  // paged, and the corpus as hold and block words (shown back on the settings page).
  const settingsResponse = await adminPost(
    app,
    '/admin/settings/discussion',
    {
      _csrf: csrf,
      requireNameEmail: 'on',
      autoApproveKnownAuthors: 'on',
      holdLinkCount: '0',
      closeAfterDays: '0',
      threadDepth: '5',
      repliesPerPage: String(corpusRepliesPerPage),
      floodIntervalSeconds: '0',
      order: 'oldest',
      holdWords: xssVectors.map((v) => storable(valueFor('hold-words', v))).join('\n'),
      blockWords: xssVectors.map((v) => storable(valueFor('block-words', v))).join('\n'),
    },
    jar,
  );
  if (settingsResponse.statusCode !== 303)
    throw new Error(
      `settings refused (${settingsResponse.statusCode}): ${settingsResponse.body
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 1400)}`,
    );
  const rules = await container.discussion.current();
  stored['hold-words'] = xssVectors.filter((v) => rules.holdWords.includes(storable(valueFor('hold-words', v)).trim())).length;
  stored['block-words'] = xssVectors.filter((v) => rules.blockWords.includes(storable(valueFor('block-words', v)).trim())).length;

  // Members named with the corpus; each writes the article that carries its vector (the byline).
  const members: User[] = [];
  for (let i = 0; i < xssVectors.length; i += 4) {
    const batch = xssVectors.slice(i, i + 4);
    members.push(
      ...(await Promise.all(
        batch.map(async (v) => {
          try {
            const user = await makeUser(container, 'author', valueFor('member-name', v));
            stored['member-name'] += 1;
            return user;
          } catch (error) {
            if (!(error instanceof InvalidFields)) throw error;
            return makeUser(container, 'author', `Member ${v.index}`);
          }
        }),
      )),
    );
  }

  const media = await container.media.upload(await picture(), 'corpus.png', admin.id);
  const usedSlugs = new Set<string>();
  const articles: PlantedCorpus['articles'] = [];
  for (const [i, vector] of xssVectors.entries()) {
    const member = members[i]!;
    const session = await signedInAs(container, member);
    const section = storable(valueFor('section', vector)).replace(/\s+/g, ' ').trim();
    const sectionFits = section.length > 0 && section.length <= 60;
    const slugWanted = slugify(valueFor('slug', vector));
    const slugFree = !usedSlugs.has(slugWanted);
    usedSlugs.add(slugWanted);
    const fields = articleFields(session.csrf, {
      headline: storable(valueFor('headline', vector)),
      dek: storable(valueFor('dek', vector)),
      body: storable(valueFor('article-body', vector)),
      section: sectionFits ? section : 'World',
      tags: `${storable(valueFor('tag', vector))}, xss-batch-${Math.floor(i / batchSize)}`,
      slug: slugFree ? storable(valueFor('slug', vector)) : '',
      featuredMediaId: String(media.id),
      featuredAlt: storable(valueFor('image-alt', vector)),
    });
    const response = await postEditor(app, '/admin/articles', fields, session.jar);
    if (response.statusCode !== 303)
      throw new Error(`article for vector ${vector.index} refused (${response.statusCode}): ${response.body.slice(0, 800)}`);
    const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(response.headers.location))![1]);
    const article = (await container.editorial.get(id))!;
    articles.push({ id, slug: article.slug, vector });
    for (const f of ['headline', 'dek', 'article-body', 'image-alt'] as const) stored[f] += 1;
    if (sectionFits) stored.section += 1;
    if (slugFree) stored.slug += 1;
    stored.tag += 1;
  }

  // The article whose body is the whole corpus, and whose replies carry it.
  const editorFor = { id: admin.id, name: admin.name, authorId: admin.authorId };
  /** A published article in the World section, written by the administrator. */
  const publish = (fields: { headline: string; dek: string; slug: string; bodyMarkdown: string; tags: string[] }) =>
    container.editorial.create(
      { ...fields, section: 'World', status: 'published', publishAt: null, repliesOpen: true, featuredMediaId: null, featuredAlt: '' },
      editorFor,
    );
  const replyArticleId = await publish({
    headline: 'Replies from the corpus',
    dek: 'Every vector in a reply.',
    slug: 'xss-replies',
    bodyMarkdown: xssVectors.map((v) => storable(valueFor('article-body', v))).join('\n\n'),
    tags: ['xss-replies'],
  });
  const actor = { id: admin.id, name: admin.name };
  const replyIds: number[] = [];
  for (const [i, vector] of xssVectors.entries()) {
    const { id, refused, url } = await postWithFallbacks(
      container,
      {
        articleId: replyArticleId,
        // Every third reply answers the one before it, so answers nest too.
        parentId: i % 3 === 2 ? replyIds[i - 1]! : null,
        comment: valueFor('reply-text', vector),
        author: valueFor('reply-name', vector),
        email: `reader.${i}@example.org`,
        url: valueFor('reply-website', vector),
      },
      // A website that is not a web address is refused; the same text after a real address is not.
      [{ url: `https://example.com/?q=${valueFor('reply-website', vector)}` }, { url: '' }],
    );
    replyIds.push(id);
    // Approved at once (as a moderator would), so the next reply may answer it.
    await container.desk.moderate([id], 'approve', '', actor);
    if (!refused.has('comment')) stored['reply-text'] += 1;
    if (!refused.has('author')) stored['reply-name'] += 1;
    // As typed, or after a real address: either way the vector's text is in the link.
    if (url !== '') stored['reply-website'] += 1;
  }

  // Replies a moderator edits and answers with the corpus, giving a reason each time.
  const moderatedArticleId = await publish({
    headline: 'Replies the desk edited',
    dek: '',
    slug: 'xss-moderated',
    bodyMarkdown: 'The desk edited every reply below.',
    tags: [],
  });
  const moderatedIds: number[] = [];
  for (const [i, vector] of xssVectors.entries()) {
    const reply = await container.replies.post(
      {
        articleId: moderatedArticleId,
        comment: `Reply ${i}, before the desk edited it.`,
        author: `Reader ${i}`,
        email: `edited.${i}@example.org`,
      },
      sender(),
    );
    moderatedIds.push(reply.id);
    await container.desk.edit(
      reply.id,
      storable(valueFor('moderator-edit', vector)),
      storable(valueFor('moderator-reason', vector)),
      actor,
    );
    await container.desk.moderate([reply.id], 'approve', storable(valueFor('moderator-reason', vector)), actor);
    moderatedIds.push(await container.desk.answer(reply.id, storable(valueFor('staff-answer', vector)), { ...actor, email: admin.email }));
    stored['moderator-edit'] += 1;
    stored['moderator-reason'] += 1;
    stored['staff-answer'] += 1;
  }

  const sections = await container.articles.sections();
  const corpusSections = sections.filter((s) => s.slug !== 'world').map((s) => s.slug);
  const tagSlugs = new Set<string>();
  for (const a of articles) for (const t of (await container.articles.getPublished(a.slug)).tags) tagSlugs.add(t.slug);
  const batchTagSlugs = [...tagSlugs].filter((s) => s.startsWith('xss-batch-'));
  const deskSearches = xssVectors.map((v) => storable(valueFor('desk-search', v)).slice(0, 200));
  stored['desk-search'] = deskSearches.length;

  return {
    admin,
    adminSession: { jar, token, csrf },
    articles,
    repliesArticle: { id: replyArticleId, slug: 'xss-replies', replyIds },
    moderatedArticle: { id: moderatedArticleId, slug: 'xss-moderated', replyIds: moderatedIds },
    sectionSlugs: corpusSections,
    tagSlugs: [...tagSlugs].filter((s) => !s.startsWith('xss-batch-')),
    batchTagSlugs,
    deskSearches,
    replyPages: {
      replies: Math.ceil(xssVectors.filter((_, i) => i % 3 !== 2).length / corpusRepliesPerPage),
      moderated: Math.ceil(xssVectors.length / corpusRepliesPerPage),
    },
    stored,
  };
}
