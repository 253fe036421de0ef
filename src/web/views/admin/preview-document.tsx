import { urls } from '../../urls.js';
import { renderDocument } from '../render.js';

/** What the preview shows: the article's head and its formatted body. */
export interface PreviewProps {
  headline: string;
  dek: string;
  html: string;
}

/** The preview's article, in the site's own markup (article-page.tsx), so site.css styles it as readers see it. */
export function PreviewBody(props: PreviewProps) {
  return (
    <article class="story" aria-labelledby="headline">
      <header class="story-header">
        <h1 id="headline">{props.headline || 'Untitled'}</h1>
        {props.dek && <p class="dek">{props.dek}</p>}
      </header>
      <div class="story-body" dangerouslySetInnerHTML={{ __html: props.html }} />
    </article>
  );
}

/**
 * The whole document inside the editor's preview frame: the site's stylesheet and nothing of the
 * newsroom's, so a quote, a link card or a picture looks in the preview as it will on the page.
 */
export function previewDocument(props: PreviewProps & { assetVersion: string }): string {
  return renderDocument(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>Preview</title>
        <link rel="stylesheet" href={urls.asset('site.css', props.assetVersion)} />
      </head>
      <body>
        <main id="preview-main">
          <PreviewBody headline={props.headline} dek={props.dek} html={props.html} />
        </main>
      </body>
    </html>,
  );
}
