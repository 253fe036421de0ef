/** What a link card says about an address, or null when it is not an http(s) link. */
export function linkCardFor(href: string): { kind: string; title: string; host: string } | null;
/** The link card's HTML for an address, or null when it is not an http(s) link. */
export function linkCardHtml(href: string): string | null;
/** The marked extension that draws a paragraph made of one bare link as a card. */
export const linkCardExtension: object;
