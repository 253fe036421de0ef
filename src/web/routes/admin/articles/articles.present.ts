import { escapeHtml } from '../../../../lib/html.js';

/** The parts of an article a revision keeps and the page compares. */
interface ComparedText {
  headline: string;
  dek: string;
  bodyMarkdown: string;
}

/**
 * What changed from a revision to the current text: headline and dek word by word, the body line
 * by line. Myers' diff costs the texts' length times the number of edits: two unrelated
 * 500,000-character versions took minutes on the event loop. Past 500 edits the page shows the
 * revision's body struck through and the current one added, whole. The diff library loads with the
 * first comparison asked for: no reader's page needs it (issue 12, "Footprint").
 */
export async function revisionDiffs(before: ComparedText, after: ComparedText) {
  const { diffLines, diffWordsWithSpace } = await import('diff');
  return {
    headline: diffWordsWithSpace(before.headline, after.headline),
    dek: diffWordsWithSpace(before.dek, after.dek),
    body: diffLines(before.bodyMarkdown, after.bodyMarkdown, { maxEditLength: 500 }) ?? [
      { value: before.bodyMarkdown, removed: true, added: false, count: 1 },
      { value: after.bodyMarkdown, removed: false, added: true, count: 1 },
    ],
  };
}

/** A line in the preview panel where the formatted article would be. */
export function previewNotice(text: string): string {
  return `<p class="empty preview-notice">${escapeHtml(text)}</p>`;
}

/** What the editor says after each kind of save (`?saved=` keys; fixed texts, nothing from the URL is shown). */
export const savedNotices: Record<string, string> = {
  draft: 'Draft saved.',
  published: 'Published. It is on the site now.',
  scheduled: 'Scheduled. It goes live by itself at the time set.',
  updated: 'Saved.',
  unpublish: 'Unpublished: it is a draft again and no longer on the site.',
  trash: 'Moved to the trash.',
  restore: 'Restored from the trash as a draft.',
  revision: 'That revision is now the current text.',
};
