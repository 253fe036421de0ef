import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OldLinks, OldLinkTarget } from '../modules/importers/index.js';
import { urls } from './urls.js';

/** The Gazette address of what an old link names. */
export function urlOfOldLinkTarget(target: OldLinkTarget): string {
  switch (target.kind) {
    case 'article':
      return urls.article(target.slug);
    case 'article-replies-feed':
      return urls.articleRepliesFeed(target.slug);
    case 'section':
      return urls.section(target.slug);
    case 'tag':
      return urls.tag(target.slug);
    case 'author':
      return urls.author(target.slug);
    case 'site-feed':
      return target.format === 'atom' ? urls.atomFeed() : urls.feed();
    case 'site-replies-feed':
      return urls.siteRepliesFeed();
  }
}

/**
 * Answers a GET or HEAD of an old address with a 301 to where it lives now; false when it names
 * nothing public (the caller answers as it would have). Resolved on every request, so a later
 * rename is followed; browsers may keep the answer a day only, not forever as they would a bare
 * 301, so a rename after that reaches them too. A failure to look up (the database away) is
 * logged and counts as "nothing here": the reader gets the page they would have got anyway.
 */
export async function redirectOldLink(oldLinks: OldLinks, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  let target: OldLinkTarget | undefined;
  try {
    target = await oldLinks.resolve(request.url);
  } catch (error) {
    request.log.warn({ err: error }, 'old link lookup failed');
    return false;
  }
  if (!target) return false;
  const location = urlOfOldLinkTarget(target);
  // Never to itself (`/tag/x` whose old slug is its own): that would loop.
  if (location === request.url) return false;
  // Sent here; the caller returns `reply` (Fastify's way to say an async handler has answered).
  reply.header('cache-control', 'public, max-age=86400').redirect(location, 301);
  return true;
}
