import { escapeHtml } from '../../lib/html.js';
import { MATCH_END, MATCH_START } from '../../storage/full-text.js';

const marked = new RegExp(`${MATCH_START}([^${MATCH_START}${MATCH_END}]*)${MATCH_END}`, 'g');
const strayMarker = new RegExp(`[${MATCH_START}${MATCH_END}]`, 'g');

/**
 * Highlighted text from an engine as safe HTML: escaped first, and only then are the engine's
 * match markers turned into `<mark>` elements, so nothing in the article's text becomes markup.
 */
export function markedHtml(text: string): string {
  return escapeHtml(text).replace(marked, '<mark>$1</mark>').replace(strayMarker, '');
}
