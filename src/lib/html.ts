const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch]!);
}

/** The characters `escapeMarkup` replaces. */
const markupSpecial = /["&<]/;
const markupSpecials = /["&<]/g;
const markupEntities: Record<string, string> = { '"': '&quot;', '&': '&amp;', '<': '&lt;' };

/**
 * Escapes text for HTML content or a double-quoted attribute: `&`, `<` and `"`, which is all either
 * needs and what Preact's renderer replaces, so markup written as strings (reply threads) reads
 * byte for byte like the components beside it. Text with none of them is returned as it is.
 */
export function escapeMarkup(text: string): string {
  return markupSpecial.test(text) ? text.replace(markupSpecials, (ch) => markupEntities[ch]!) : text;
}
