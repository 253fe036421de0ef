import { InvalidFields } from '../../lib/errors.js';
import { unstorableTextProblem } from '../../lib/reader-text.js';
import { slugify } from '../../lib/slug.js';
import type { ArticleStatus } from './articles.js';
import { isKeepableSlug } from './article-slug.js';
import { cleanTags } from './article-tags.js';
import { ARTICLE_BODY_LIMIT } from './markdown.js';

const limits = { headline: 300, dek: 600, body: ARTICLE_BODY_LIMIT, section: 60, alt: 300 };

/** The text of an article as any writer hands it over, before it is checked. */
export interface ArticleFields {
  headline: string;
  dek: string;
  /** Empty: made from the headline. */
  slug: string;
  bodyMarkdown: string;
  section: string;
  tags: readonly string[];
  status: ArticleStatus;
  /** For a scheduled article: when it goes live (an import may also give it for other statuses). */
  publishAt: Date | null;
  featuredAlt: string;
}

/** The checked, cleaned text: what the writer stores. `slug` is the address asked for, '' to choose one. */
export interface CheckedFields {
  headline: string;
  dek: string;
  section: string;
  slug: string;
  tags: string[];
  featuredAlt: string;
}

/**
 * Checks an article before anything is written, reporting every problem at once so the author
 * fixes them in one go. The same rules in both modes, but for what only a person choosing now
 * gets wrong: the editor refuses a schedule in the past and turns any slug into a clean one; an
 * import keeps its original times and its address exactly, or refuses an address that is not one.
 */
export function checkArticle(fields: ArticleFields, mode: 'editor' | 'import', now: Date): CheckedFields {
  const problems: { field: string; message: string }[] = [];
  // A NUL would fail PostgreSQL's insert (a 500); the editor's multipart form skips the web layer's check.
  const texts = {
    headline: fields.headline,
    dek: fields.dek,
    slug: fields.slug,
    body: fields.bodyMarkdown,
    section: fields.section,
    tags: fields.tags.join(','),
    featuredAlt: fields.featuredAlt,
  };
  for (const [field, text] of Object.entries(texts)) {
    const problem = unstorableTextProblem(text);
    if (problem) problems.push({ field, message: `This field ${problem}` });
  }
  const headline = fields.headline.replace(/\s+/g, ' ').trim();
  const dek = fields.dek.replace(/\s+/g, ' ').trim();
  const section = fields.section.replace(/\s+/g, ' ').trim() || 'News';
  const featuredAlt = fields.featuredAlt.trim();
  const goesLive = fields.status === 'published' || fields.status === 'scheduled';
  if (!headline) problems.push({ field: 'headline', message: 'Give the article a headline.' });
  else if (headline.length > limits.headline)
    problems.push({ field: 'headline', message: `The headline is too long: at most ${limits.headline} characters.` });
  if (dek.length > limits.dek) problems.push({ field: 'dek', message: `The dek is too long: at most ${limits.dek} characters.` });
  if (goesLive && !fields.bodyMarkdown.trim()) problems.push({ field: 'body', message: 'Write the article before publishing it.' });
  if (fields.bodyMarkdown.length > limits.body) {
    problems.push({
      field: 'body',
      message: `The article is too long: ${fields.bodyMarkdown.length.toLocaleString('en-US')} characters, the limit is ${limits.body.toLocaleString('en-US')}.`,
    });
  }
  if (section.length > limits.section)
    problems.push({ field: 'section', message: `The section name is too long: at most ${limits.section} characters.` });
  if (fields.featuredAlt.length > limits.alt)
    problems.push({ field: 'featuredAlt', message: `The image description is too long: at most ${limits.alt} characters.` });
  if (fields.status === 'scheduled') {
    if (!fields.publishAt || Number.isNaN(fields.publishAt.getTime()))
      problems.push({ field: 'publishAt', message: 'Choose when the article goes live.' });
    else if (mode === 'editor' && fields.publishAt.getTime() <= now.getTime())
      problems.push({ field: 'publishAt', message: 'That time has passed. Choose a time in the future, or publish now.' });
  } else if (mode === 'import' && fields.publishAt && Number.isNaN(fields.publishAt.getTime())) {
    problems.push({ field: 'publishAt', message: 'The publication time is not a valid date.' });
  }
  let slug = fields.slug.trim();
  if (mode === 'editor') slug = slug ? slugify(slug) : '';
  else if (slug && !isKeepableSlug(slug))
    problems.push({
      field: 'slug',
      message: `“${slug}” cannot be kept as an address: lower-case letters, digits and single hyphens only.`,
    });
  if (problems.length > 0) throw new InvalidFields(problems);
  return { headline, dek, section, slug, tags: cleanTags(fields.tags), featuredAlt };
}
