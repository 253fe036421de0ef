import { minidenticon } from 'minidenticons';

/** One square of minidenticons' drawing. */
const square = /<rect x="(\d)" y="(\d)" width="1" height="1"\/>/g;

/**
 * A local avatar for a commenter: an identicon drawn from the keyed hash of their email, as inline
 * SVG, so no page ever asks a third party (Gravatar) for a picture. The SVG is built from
 * numbers only, so it is safe to embed.
 *
 * minidenticons draws each square as its own `<rect>` (about 770 bytes an avatar, half of what a
 * reply adds to a page); the same squares as one path draw the same picture in under 300 bytes.
 * Inline in HTML, `<svg>` needs no `xmlns` (the HTML parser puts it in the SVG namespace).
 */
export function avatarSvg(fingerprint: string): string {
  const known = drawnAvatars.get(fingerprint);
  if (known !== undefined) return known;
  const svg = draw(fingerprint);
  // A page's commenters come back on the next render of it (after every approved reply): kept,
  // up to 10,000 of them (about 5 MB, each one flat string: see `draw`), then the oldest half forgotten.
  if (drawnAvatars.size >= 10_000) for (const key of [...drawnAvatars.keys()].slice(0, 5_000)) drawnAvatars.delete(key);
  drawnAvatars.set(fingerprint, svg);
  return svg;
}

/** Avatars already drawn, by fingerprint (a pure function of it). */
const drawnAvatars = new Map<string, string>();

/**
 * Written as parts joined once, not grown with `+=`: V8 keeps a string grown piece by piece as a
 * tree of its pieces (about forty small strings an avatar), and a full cache of those held some
 * 7 MB more than the flat strings do (a heap snapshot under the bench's reply posts).
 */
function draw(fingerprint: string): string {
  const drawn = minidenticon(fingerprint, 60, 45);
  const fill = /fill="([^"]+)"/.exec(drawn)?.[1] ?? 'currentColor';
  const parts = [`<svg viewBox="-1.5 -1.5 8 8" fill="${fill}"><path d="`];
  for (const m of drawn.matchAll(square)) parts.push(`M${m[1]} ${m[2]}h1v1h-1z`);
  parts.push('"/></svg>');
  return parts.join('');
}
