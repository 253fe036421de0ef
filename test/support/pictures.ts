import sharp from 'sharp';
import type { Container } from '../../src/container.js';

/** The palettes test pictures are drawn in: a sky, a ground, and a sun or moon. */
const palettes = [
  { sky: ['#1d3557', '#e76f51'], ground: '#264653', sun: '#f4a261' },
  { sky: ['#8ecae6', '#f1faee'], ground: '#2a9d8f', sun: '#ffb703' },
  { sky: ['#3d405b', '#81b29a'], ground: '#22223b', sun: '#f2cc8f' },
  { sky: ['#023047', '#219ebc'], ground: '#1b263b', sun: '#e0e1dd' },
  { sky: ['#6d597a', '#eaac8b'], ground: '#355070', sun: '#ffd166' },
  { sky: ['#606c38', '#fefae0'], ground: '#283618', sun: '#dda15e' },
];

/**
 * A JPEG landscape drawn from fixed inputs (the same bytes every run), so screenshots of pages
 * showing it do not change between runs: a gradient sky, a skyline of blocks, a sun.
 */
export async function drawPicture(variant: number, width = 1600, height = 1067): Promise<Buffer> {
  const p = palettes[variant % palettes.length]!;
  const blocks = Array.from({ length: 14 }, (_, i) => {
    const w = width / 14;
    const h = height * (0.18 + (((i * 7 + variant * 3) % 11) / 11) * 0.3);
    return `<rect x="${i * w}" y="${height - h}" width="${w - 6}" height="${h}" fill="${p.ground}" opacity="${0.75 + (i % 3) * 0.1}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#s)"/>
    <circle cx="${width * (0.2 + (variant % 5) * 0.15)}" cy="${height * 0.35}" r="${height * 0.12}" fill="${p.sun}"/>
    ${blocks}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Gives a published article a featured image the way the newsroom does: the upload through the
 * media service (sharp makes the sizes), then a save through the article writer naming it.
 */
export async function giveFeaturedImage(
  container: Pick<Container, 'media' | 'editorial' | 'articleWriter'>,
  articleId: number,
  picture: Buffer,
  alt: string,
): Promise<void> {
  const media = await container.media.upload(picture, 'picture.jpg', null);
  const e = await container.editorial.get(articleId);
  await container.articleWriter.update(
    articleId,
    {
      headline: e.headline,
      dek: e.dek,
      slug: e.slug,
      bodyMarkdown: e.bodyMarkdown,
      section: e.section,
      tags: e.tags,
      status: 'published',
      publishAt: e.publishedAt,
      repliesOpen: e.repliesOpen,
      featuredMediaId: media.id,
      featuredAlt: alt,
    },
    { id: null, name: 'Test factory' },
  );
}
