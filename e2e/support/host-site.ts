import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A static site on its own port of 127.0.0.1 (another origin than Gazette's), serving pages given as HTML. */
export interface HostSite {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts a plain static "blog" on 127.0.0.1: each path answers its page, anything else a 404. It
 * stands in for a Hugo or Jekyll site embedding Gazette's replies (issue 15).
 */
export async function startHostSite(pages: (origin: string) => Record<string, string>): Promise<HostSite> {
  let table: Record<string, string> = {};
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const html = table[path];
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  table = pages(origin);
  return {
    origin,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A blog post with the embed snippet, as docs/embedding.md gives it. */
export function blogPost(options: { gazette: string; title: string; canonical?: string; style?: string; attributes?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${options.title}</title>
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
<style>body { font-family: Georgia, serif; color: #222; background: #fff; max-width: 40rem; margin: 2rem auto; } ${options.style ?? ''}</style>
</head>
<body>
<main>
<h1>${options.title}</h1>
<p>A post on a static blog, with Gazette's replies below.</p>
<div id="gazette-replies" ${options.attributes ?? ''}></div>
</main>
<script src="${options.gazette}/embed.js" async></script>
</body>
</html>`;
}
