/** One address the crawler fetched. */
export interface CrawledPage {
  url: string;
  status: number;
  contentType: string;
  /** Response headers as `name: value` lines, then the body. */
  text: string;
}

/** Finds addresses in HTML, XML and JSON: attributes, `<link>` text, and absolute URLs anywhere. */
function addressesIn(body: string): string[] {
  const found: string[] = [];
  for (const m of body.matchAll(/\b(?:href|src|action)\s*=\s*["']([^"']+)["']/gi)) found.push(m[1]!);
  for (const m of body.matchAll(/https?:\/\/[^\s"'<>\\)]+/gi)) found.push(m[0]);
  return found.map((a) => a.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/'));
}

/**
 * Fetches every same-origin address reachable from `seeds`, as an anonymous visitor (no cookies),
 * following links in pages, feeds and JSON. Absolute links to `siteUrl` (the site's configured
 * public address) are read as links to `baseUrl`, where the test server really listens.
 */
export async function crawl(baseUrl: string, siteUrl: string, seeds: string[], limit = 300): Promise<CrawledPage[]> {
  const origin = new URL(baseUrl).origin;
  const publicOrigin = new URL(siteUrl).origin;
  const queue: string[] = [];
  const seen = new Set<string>();
  const enqueue = (address: string, from: string) => {
    let url: URL;
    try {
      url = new URL(address, from);
    } catch {
      return;
    }
    if (url.origin === publicOrigin) url = new URL(url.pathname + url.search, origin);
    if (url.origin !== origin) return;
    url.hash = '';
    if (!seen.has(url.href)) {
      seen.add(url.href);
      queue.push(url.href);
    }
  };
  for (const seed of seeds) enqueue(seed, origin);

  const pages: CrawledPage[] = [];
  while (queue.length > 0 && pages.length < limit) {
    const url = queue.shift()!;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { accept: 'text/html,application/xhtml+xml,application/xml,application/json,*/*' },
    });
    const body = await response.text();
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    pages.push({ url, status: response.status, contentType: response.headers.get('content-type') ?? '', text: `${headers}\n\n${body}` });
    const location = response.headers.get('location');
    if (location) enqueue(location, url);
    for (const address of addressesIn(body)) enqueue(address, url);
  }
  return pages;
}
