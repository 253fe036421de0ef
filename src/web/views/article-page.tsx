import type { ArticleView } from '../../modules/articles/index.js';
import type { ThreadPage } from '../../modules/replies/index.js';
import { urls } from '../urls.js';
import { FeaturedPicture, KeptPicture } from './featured-picture.js';
import { Layout, type SiteChrome } from './layout.js';
import { ReplyForm, type ReplyFormModel } from './reply-form.js';
import { ReplyThreads } from './reply-thread.js';
import { jsonLdImage, openGraphImage, socialImage, twitterCard } from './social-meta.js';

/** Everything the article page shows. */
export interface ArticlePageModel {
  chrome: SiteChrome;
  article: ArticleView;
  replies: ThreadPage;
  form: ReplyFormModel;
}

function newsArticleJsonLd(chrome: SiteChrome, a: ArticleView) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.headline,
    description: a.dek || undefined,
    datePublished: a.publishedIso,
    dateModified: a.updatedIso,
    articleSection: a.section.name,
    keywords: a.tags.map((t) => t.name).join(', ') || undefined,
    author: [{ '@type': 'Person', name: a.bylineName }],
    publisher: { '@type': 'Organization', name: chrome.siteTitle },
    mainEntityOfPage: chrome.siteUrl + urls.article(a.slug),
    image: jsonLdImage(socialImage(chrome.siteUrl, a)),
    commentCount: a.replyCount,
  };
}

/** "Older replies" / "Newer replies" when the site pages its replies. */
function ReplyPager(props: { slug: string; page: ThreadPage }) {
  const { page, pageCount } = props.page;
  if (pageCount <= 1) return null;
  const href = (n: number) => `${urls.article(props.slug)}?cpage=${n}#replies`;
  return (
    <nav class="reply-pager" aria-label="Pages of replies">
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          ← Older replies
        </a>
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount && (
        <a href={href(page + 1)} rel="next">
          Newer replies →
        </a>
      )}
    </nav>
  );
}

/** The article page: headline, byline, body, tags, replies and the reply form. */
export function ArticlePage(props: ArticlePageModel) {
  const { chrome, article: a } = props;
  const picture = socialImage(chrome.siteUrl, a);
  return (
    <Layout
      chrome={chrome}
      currentSection={a.section.slug}
      head={{
        title: a.headline,
        description: a.dek,
        canonicalPath: urls.article(a.slug),
        feeds: [{ title: `Replies to “${a.headline}”`, href: urls.articleRepliesFeed(a.slug), type: 'application/rss+xml' }],
        openGraph: {
          'og:type': 'article',
          'og:title': a.headline,
          'og:description': a.dek,
          'og:url': chrome.siteUrl + urls.article(a.slug),
          'og:site_name': chrome.siteTitle,
          'article:published_time': a.publishedIso,
          'article:section': a.section.name,
          ...openGraphImage(picture),
        },
        namedMeta: twitterCard(picture, a.headline, a.dek),
        jsonLd: newsArticleJsonLd(chrome, a),
        withReplyScript: props.form.open,
      }}
    >
      <article class="story" aria-labelledby="headline">
        <header class="story-header">
          <p class="kicker">
            <a href={urls.section(a.section.slug)}>{a.section.name}</a>
          </p>
          <h1 id="headline">{a.headline}</h1>
          {a.dek && <p class="dek">{a.dek}</p>}
          <p class="meta">
            By <span class="byline">{a.bylineName}</span> · <time dateTime={a.publishedIso}>{a.publishedLabel}</time> ·{' '}
            <a href="#replies">{a.replyCountLabel}</a>
          </p>
        </header>
        {a.featuredImage && <FeaturedPicture image={a.featuredImage} />}
        {a.keptImage && <KeptPicture image={a.keptImage} />}
        <div class="story-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        {a.tags.length > 0 && (
          <footer class="story-footer">
            <h2 class="visually-hidden">Tags</h2>
            <ul class="tags">
              {a.tags.map((t) => (
                <li>
                  <a href={urls.tag(t.slug)} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </footer>
        )}
      </article>
      <section id="replies" class="replies" aria-labelledby="replies-heading">
        <h2 id="replies-heading" class="rule-heading">
          {a.replyCount === 0 ? 'Replies' : a.replyCountLabel}
        </h2>
        {props.replies.threads.length > 0 ? (
          <>
            <ReplyThreads threads={props.replies.threads} articleSlug={a.slug} />
            <ReplyPager slug={a.slug} page={props.replies} />
          </>
        ) : (
          <>
            <p class="empty" id="no-replies">
              No replies yet. Be the first to say something.
            </p>
            <ol class="reply-list" id="reply-list"></ol>
          </>
        )}
        <ReplyForm model={props.form} />
      </section>
    </Layout>
  );
}
