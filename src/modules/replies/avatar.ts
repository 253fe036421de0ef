import { minidenticon } from 'minidenticons';

/**
 * A local avatar for a commenter: an identicon drawn from the keyed hash of their email, as inline
 * SVG, so no page ever asks a third party (Gravatar) for a picture. The SVG is built from
 * numbers only, so it is safe to embed.
 */
export function avatarSvg(fingerprint: string): string {
  return minidenticon(fingerprint, 60, 45);
}
