// `npm run bench:render-cost`: what an uncached page costs as a site grows (issue 12, "cost that
// grows gently"). The app runs in this process, listening on 127.0.0.1, and each page is asked for
// over a keep-alive socket with the page cache emptied first, so each answer is a full render: the
// routes' queries, the presenters, the views and the bytes on the socket, as a reader gets them.
// BENCH_SQLITE_CACHE_MB sizes SQLite's page cache (the server's SQLITE_CACHE_MB; 16 MB unset).
// BENCH_INJECT=1 asks through `app.inject()` instead (as before 2026-12-08): it turns every answer
// back into a string, which for a page of 1,000 replies costs more than the socket does.
//
// 1. An article with 1,000 threaded replies (BENCH_REPLIES), each render timed; p50 and p99.
// 2. The front page, a section and a tag page, the feeds, the sitemap files and the API's article
//    list at each site size in BENCH_SIZES (default 100 and 10,000 articles), each timed.
//
// SQLite (a file, WAL, as served) always; PostgreSQL too when BENCH_DATABASE_URL names a server
// (a schema of its own, dropped afterwards; the tables analysed after the fill, as autovacuum would).
// Rows are written straight into the tables (the article writer's Markdown pool would take minutes
// at 100,000 articles); the replies carry what the reply writer stores (keyed hash, text as HTML).
import { randomBytes } from 'node:crypto';
import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { ManualClock } from '../src/lib/clock.js';
import { renderReplyText } from '../src/modules/replies/index.js';
import { createStorage, migrateToLatest, type Storage } from '../src/storage/db.js';
import { Random, commentText, commenterFirst, commenterLast, sentence } from './wxr-text.js';
import { withFreshPostgresSchema } from './bench-site.js';

const replyCount = Number(process.env.BENCH_REPLIES ?? 1000);
const renders = Number(process.env.BENCH_RENDERS ?? 200);
const listingRounds = Number(process.env.BENCH_LISTING_ROUNDS ?? 40);
const sizes = (process.env.BENCH_SIZES ?? '100,10000').split(',').map(Number);
/** `replies` alone, or `listings` alone; both by default. */
const only = process.env.BENCH_ONLY;
const throughInject = process.env.BENCH_INJECT === '1';
const siteUrl = 'https://courier.example';
const now = new Date('2026-06-01T12:00:00Z');
const sections = ['World', 'City', 'Business', 'Culture', 'Science', 'Sport'];
const tagCount = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET over a socket to the listening app: its status and body bytes (kept as buffers, never decoded). */
function getOverSocket(app: FastifyInstance, url: string): Promise<{ status: number; body: Buffer }> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: url, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function fetchPage(app: FastifyInstance, url: string): Promise<{ status: number; body: Buffer }> {
  if (!throughInject) return getOverSocket(app, url);
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.rawPayload };
}

/**
 * Wall time (what a reader waits, to the last byte) and this process's CPU time (user + system,
 * all its threads, the client's few reads included) per render: on shared cores the wall time
 * includes waiting for a core, the CPU time does not.
 */
async function time(
  app: FastifyInstance,
  url: string,
  rounds: number,
): Promise<{ p50: number; p99: number; cpuP50: number; bytes: number }> {
  const once = async () => {
    app.pageCache.clear();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const res = await fetchPage(app, url);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.toString('utf8', 0, 300)}`);
    return { ms, cpuMs: (used.user + used.system) / 1000, bytes: res.body.length };
  };
  for (let i = 0; i < Math.min(10, rounds); i++) await once(); // warm the JIT and the database's caches
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const r = await once();
    times.push(r.ms);
    cpuTimes.push(r.cpuMs);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpuP50: percentile(cpuTimes, 50), bytes };
}

/** The fixed rows: a byline and the six sections. */
async function base(storage: Storage): Promise<{ authorId: number; sectionIds: number[] }> {
  const db = storage.db;
  const author = await db
    .insertInto('authors')
    .values({ slug: 'desk', display_name: 'The Desk', bio: '', created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sectionIds: number[] = [];
  for (const [i, name] of sections.entries())
    sectionIds.push(
      (await db.insertInto('sections').values({ slug: name.toLowerCase(), name, position: i }).returning('id').executeTakeFirstOrThrow())
        .id,
    );
  for (let start = 0; start < tagCount; start += 100)
    await db
      .insertInto('tags')
      .values(Array.from({ length: 100 }, (_, k) => ({ slug: `tag-${start + k}`, name: `Tag ${start + k}` })))
      .execute();
  return { authorId: author.id, sectionIds };
}

/** Articles `from`..`to`-1, one every ten minutes up to `now`, newest last; 3 tags each (a long tail). */
async function addArticles(storage: Storage, ids: { authorId: number; sectionIds: number[] }, from: number, to: number, total: number) {
  const r = new Random(12 + from);
  const db = storage.db;
  const tagIds = (await db.selectFrom('tags').select('id').orderBy('id').execute()).map((t) => t.id);
  for (let start = from; start < to; start += 500) {
    const rows = Array.from({ length: Math.min(500, to - start) }, (_, k) => {
      const i = start + k;
      const published = new Date(now.getTime() - (total - i) * 600_000).toISOString();
      return {
        slug: `story-${i}`,
        headline: sentence(r, siteUrl)
          .replace(/<[^>]+>/g, '')
          .slice(0, 90),
        dek: sentence(r, siteUrl).replace(/<[^>]+>/g, ''),
        body_markdown: '',
        body_html: Array.from({ length: r.int(4, 10) }, () => `<p>${sentence(r, siteUrl)} ${sentence(r, siteUrl)}</p>`).join('\n'),
        author_id: ids.authorId,
        section_id: ids.sectionIds[i % ids.sectionIds.length]!,
        status: 'published' as const,
        published_at: published,
        created_at: published,
        updated_at: published,
        replies_open: 1,
      };
    });
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('articles').values(rows).returning('id').execute();
      const links = inserted.flatMap(({ id }, k) => {
        // Tag 0 on every article; the others on a long tail (tag n on about 1 in n+1).
        const picks = new Set([tagIds[0]!, tagIds[Math.floor(r.next() ** 3 * tagIds.length)]!, tagIds[r.int(0, tagIds.length - 1)]!]);
        return [...picks].map((tag_id, position) => ({ article_id: id, tag_id, position: position + k * 0 }));
      });
      await trx.insertInto('article_tags').values(links).execute();
    });
  }
}

/** One article with `count` threaded replies: a third start a thread, the rest answer an earlier reply (mostly a recent one). */
async function addDiscussion(storage: Storage, ids: { authorId: number; sectionIds: number[] }, count: number): Promise<string> {
  const r = new Random(77);
  const db = storage.db;
  const start = new Date(now.getTime() - 3 * 86_400_000);
  const { id: articleId } = await db
    .insertInto('articles')
    .values({
      slug: 'the-big-discussion',
      headline: 'The council votes on the harbour bridge tonight',
      dek: 'A thousand readers have something to say.',
      body_markdown: '',
      body_html: Array.from({ length: 12 }, () => `<p>${sentence(r, siteUrl)} ${sentence(r, siteUrl)}</p>`).join('\n'),
      author_id: ids.authorId,
      section_id: ids.sectionIds[1]!,
      status: 'published',
      published_at: start.toISOString(),
      created_at: start.toISOString(),
      updated_at: start.toISOString(),
      replies_open: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const made: { id: number; depth: number }[] = [];
  for (let i = 0; i < count; i++) {
    const parent = made.length === 0 || r.chance(0.33) ? undefined : made[Math.max(0, made.length - 1 - Math.floor(r.next() ** 2 * 40))]!;
    const first = r.pick(commenterFirst);
    const last = r.pick(commenterLast);
    const author = `${first} ${last}`;
    const createdAt = new Date(start.getTime() + (i + 1) * 150_000).toISOString();
    const body = commentText(r, siteUrl);
    const { id } = await db
      .insertInto('replies')
      .values({
        article_id: articleId,
        parent_id: parent?.id ?? null,
        author_name: author,
        // Sealed in a real site; the page never reads it.
        author_email: `gz1:bench:${i}`,
        author_email_hash: randomBytes(16).toString('hex'),
        author_url: r.chance(0.2) ? `https://${first.toLowerCase()}.example/` : '',
        body,
        // What the reply writer stores beside the text (migration 061).
        body_html: renderReplyText(body),
        status: i % 50 === 49 ? 'held' : 'approved',
        created_at: createdAt,
        ip: '',
        user_agent: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    made.push({ id, depth: (parent?.depth ?? 0) + 1 });
  }
  const depths = made.map((m) => m.depth);
  console.log(
    `  discussion: ${count} replies (${made.filter((m) => m.depth === 1).length} threads, deepest ${Math.max(...depths)}; every 50th held)`,
  );
  return 'the-big-discussion';
}

async function measure(name: string, storage: Storage, analyse: () => Promise<void>): Promise<void> {
  await migrateToLatest(storage);
  const clock = new ManualClock(now);
  const config = loadConfig({
    SITE_URL: siteUrl,
    LOG_LEVEL: 'silent',
    SITE_SECRET: 'render-cost-bench-secret-0123456789abcdef',
    SECRET_KEY: 'render-cost-bench-email-key-0123456789abc',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    UPLOADS_DIR: join(tmpdir(), `gazette-render-bench-${process.pid}`),
  });
  const container = createContainer(config, { storage, clock });
  const app = await buildApp(container, { logger: false });
  if (!throughInject) await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const ids = await base(storage);
    console.log(
      `\n${name} (load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
    );
    if (only !== 'listings') {
      const slug = await addDiscussion(storage, ids, replyCount);
      await analyse();
      const t = await time(app, `/articles/${slug}`, renders);
      // The site's defaults page the threads (repliesPerPage); all of them on one page is the worst case.
      await container.discussion.update({ repliesPerPage: 0 }, { kind: 'system', id: null, name: 'bench' });
      const all = await time(app, `/articles/${slug}`, renders);
      await container.discussion.update({ repliesPerPage: 50 }, { kind: 'system', id: null, name: 'bench' });
      const paged = await time(app, `/articles/${slug}`, renders);
      console.log(`| page | site | renders | p50 ms | p99 ms | CPU p50 ms | KB |\n|---|---|---:|---:|---:|---:|---:|`);
      console.log(
        `| article, ${replyCount} replies, site defaults | ${name} | ${renders} | ${t.p50.toFixed(2)} | ${t.p99.toFixed(2)} | ${t.cpuP50.toFixed(2)} | ${(t.bytes / 1024).toFixed(0)} |`,
      );
      console.log(
        `| article, ${replyCount} replies, all on one page | ${name} | ${renders} | ${all.p50.toFixed(2)} | ${all.p99.toFixed(2)} | ${all.cpuP50.toFixed(2)} | ${(all.bytes / 1024).toFixed(0)} |`,
      );
      console.log(
        `| article, ${replyCount} replies, 50 threads a page | ${name} | ${renders} | ${paged.p50.toFixed(2)} | ${paged.p99.toFixed(2)} | ${paged.cpuP50.toFixed(2)} | ${(paged.bytes / 1024).toFixed(0)} |`,
      );
    }
    if (only !== 'replies') {
      const pages = [
        '/',
        '/section/world',
        '/tag/tag-0',
        '/tag/tag-150',
        '/feed.xml',
        '/atom.xml',
        '/feed.json',
        '/section/world/feed.xml',
        '/tag/tag-0/feed.json',
        '/sitemap.xml',
        '/sitemaps/articles-1.xml',
        '/sitemaps/tags-1.xml',
        '/sitemaps/news.xml',
        '/api/v1/articles?limit=20',
        '/api/v1/articles?limit=20&section=city',
      ];
      const results = new Map<string, string[]>();
      let have = 0;
      for (const size of sizes) {
        await addArticles(storage, ids, have, size, Math.max(...sizes));
        have = size;
        await analyse();
        for (const url of pages) {
          const t = await time(app, url, listingRounds);
          results.set(url, [...(results.get(url) ?? []), `${t.p50.toFixed(2)} / ${t.p99.toFixed(2)} / ${t.cpuP50.toFixed(2)}`]);
        }
      }
      console.log(`\n| page (${name}) | ${sizes.map((s) => `${s.toLocaleString('en-US')} articles p50 / p99 / CPU p50 ms`).join(' | ')} |`);
      console.log(`|---|${sizes.map(() => '---:').join('|')}|`);
      for (const [url, cells] of results) console.log(`| \`${url}\` | ${cells.join(' | ')} |`);
    }
  } finally {
    await app.close();
    await container.close();
  }
}

console.log(
  `render-cost bench — ${new Date().toISOString()} — Node ${process.version} — ${throughInject ? 'through app.inject()' : 'over a socket'}`,
);
const dir = mkdtempSync(join(tmpdir(), 'gazette-render-bench-'));
try {
  // BENCH_SQLITE_CACHE_MB: SQLite's serving page cache, read and checked as the server reads SQLITE_CACHE_MB.
  const target = loadConfig({ DATABASE_URL: join(dir, 'bench.db'), SQLITE_CACHE_MB: process.env.BENCH_SQLITE_CACHE_MB ?? '' }).database;
  const sqlite = createStorage(target);
  await measure('SQLite', sqlite, async () => {
    await sql`analyze`.execute(sqlite.db);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  await withFreshPostgresSchema(pgUrl, async (schema) => {
    const storage = createStorage({ dialect: 'postgres', url: pgUrl, schema }, { poolSize: 4 });
    await measure('PostgreSQL', storage, async () => {
      await sql`analyze`.execute(storage.db);
    });
  });
} else console.log('\nPostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to measure it too.');
keepAlive.destroy();
