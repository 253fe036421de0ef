/**
 * What an identifier from another system names, and so which table its `target_id` points into:
 *
 * | kind              | legacy_id                                   | target      |
 * |-------------------|---------------------------------------------|-------------|
 * | `wp-post`         | a WordPress post or page id (`?p=`, `?page_id=`) | articles |
 * | `wp-slug`         | a post's or page's slug, decoded, lower case | articles   |
 * | `wp-path`         | the path of the item's old link (see {@link normaliseOldPath}) | articles |
 * | `wp-category`     | a category's slug, decoded, lower case       | sections    |
 * | `wp-tag`          | a tag's slug, decoded, lower case            | tags        |
 * | `wp-author`       | an author's login, lower case                | authors     |
 * | `wp-comment`      | a WordPress comment id                       | replies     |
 * | `disqus-thread`   | a Disqus thread's `dsq:id`                   | articles    |
 * | `disqus-post`     | a Disqus post's `dsq:id`                     | replies     |
 */
export type LegacyKind =
  'wp-post' | 'wp-slug' | 'wp-path' | 'wp-category' | 'wp-tag' | 'wp-author' | 'wp-comment' | 'disqus-thread' | 'disqus-post';

/** Percent-decodes what decodes, keeping any broken escape as it was (old links are often hand-made). */
function decodeLeniently(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * An old link's path in the one form it is stored and looked up in: decoded (WordPress writes
 * non-Latin slugs percent-encoded, links may carry them either way), NFC, lower case, no empty
 * segments, no trailing slash, without a leading `index.php` (WordPress's "almost pretty"
 * permalinks). The root is `/`. Query and fragment are not part of it.
 */
export function normaliseOldPath(rawPath: string): string {
  const path = rawPath.split(/[?#]/, 1)[0] ?? '';
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeLeniently(s).normalize('NFC').toLowerCase());
  if (segments[0] === 'index.php') segments.shift();
  return `/${segments.join('/')}`;
}

/** A slug as WordPress stores it (percent-encoded when not Latin), in its key form: decoded, NFC, lower case. */
export function slugKeyOf(rawSlug: string): string {
  return decodeLeniently(rawSlug.trim()).normalize('NFC').toLowerCase();
}
