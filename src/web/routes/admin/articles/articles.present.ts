import { diffLines } from 'diff';
import { escapeHtml } from '../../../../lib/html.js';

/**
 * The article's changes line by line. Myers' diff costs the texts' length times the number of edits:
 * two unrelated 500,000-character versions took minutes on the event loop. Past 500 edits the page
 * shows the revision struck through and the current text added, whole.
 */
export function bodyDiff(before: string, after: string) {
  return (
    diffLines(before, after, { maxEditLength: 500 }) ?? [
      { value: before, removed: true, added: false, count: 1 },
      { value: after, removed: false, added: true, count: 1 },
    ]
  );
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
