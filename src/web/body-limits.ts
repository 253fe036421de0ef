import { ARTICLE_BODY_LIMIT } from '../modules/articles/index.js';
import { replyLimits } from '../modules/replies/index.js';
import { WORD_LIST_LIMIT } from '../modules/moderation/index.js';

/**
 * Bytes a urlencoded form needs, at worst, for `characters` characters: three UTF-8 bytes each
 * (Korean, say), each written as `%XX`. JSON's worst (`\uXXXX`) is smaller, so this covers both.
 */
export function formBytesFor(characters: number): number {
  return characters * 9;
}

/** Room for the small fields every form carries (token, ids, check boxes). */
const SMALL_FIELDS = 8 * 1024;

/**
 * The largest body each kind of request may send, sized for what it carries (issue 7: 1 MiB for
 * everything). Larger bodies are refused with 413 before they are parsed.
 */
export const bodyLimits = Object.freeze({
  /** Every route that does not say otherwise: sign-in, user and status forms, bulk moderation. */
  default: 64 * 1024,
  /** The reply form and the replies API: a longest reply with its name, email and website (about 600 KB). */
  reply: formBytesFor(replyLimits.comment + replyLimits.author + replyLimits.email + replyLimits.url) + SMALL_FIELDS,
  /** Discussion settings: two longest word lists. */
  settings: formBytesFor(2 * WORD_LIST_LIMIT) + SMALL_FIELDS,
  /** A moderator's edit of or answer to a reply (200,000 characters and a reason). */
  deskText: formBytesFor(200_000 + 2_000) + SMALL_FIELDS,
  /** The editor's live preview: a longest article with its headline and dek. */
  preview: formBytesFor(ARTICLE_BODY_LIMIT + 2_000 + 5_000) + SMALL_FIELDS,
});
