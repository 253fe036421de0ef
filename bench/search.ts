// `npm run bench:search`: full-text search over generated articles (default 100,000), p50 and p99
// of the search service's answer (ranked page of 20 with highlighted snippets), on SQLite and, when
// BENCH_DATABASE_URL names a PostgreSQL database, on PostgreSQL too (in a schema of its own,
// dropped afterwards). Articles are written straight into the tables with their search documents
// (the article writer's Markdown formatting would take most of an hour at this size); the words
// come from the import benchmark's seeded generator, so every run searches the same site.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ManualClock } from '../src/lib/clock.js';
import { searchDocumentOf } from '../src/lib/search-document.js';
import { createSearchService } from '../src/modules/search/index.js';
import { createStorage, migrateToLatest, type Storage } from '../src/storage/db.js';
import { Random, sentence } from './wxr-text.js';
import { withFreshPostgresSchema } from './bench-site.js';

const articleCount = Number(process.env.BENCH_SEARCH_ARTICLES ?? 100_000);
const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 40);
const siteUrl = 'https://courier.example';
const now = new Date('2026-06-01T12:00:00Z');

/** Queries of every shape a reader types: a common word, two words, a phrase, a rare word, no match, junk. */
const queries = ['harbour', 'election budget', '"city council"', 'orchestra theatre festival', 'zyzzyva', 'flood* "storm', 'mayor'];

async function fill(storage: Storage): Promise<void> {
  const r = new Random(14);
  const db = storage.db;
  const author = await db
    .insertInto('authors')
    .values({ slug: 'desk', display_name: 'The Desk', bio: '', created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sections = ['World', 'City', 'Business', 'Culture', 'Science', 'Sport'];
  const sectionIds: number[] = [];
  for (const [i, name] of sections.entries())
    sectionIds.push(
      (await db.insertInto('sections').values({ slug: name.toLowerCase(), name, position: i }).returning('id').executeTakeFirstOrThrow())
        .id,
    );
  const batch = 1_000;
  for (let start = 0; start < articleCount; start += batch) {
    const rows = Array.from({ length: Math.min(batch, articleCount - start) }, (_, k) => {
      const i = start + k;
      const headline = sentence(r, siteUrl)
        .replace(/<[^>]+>/g, '')
        .slice(0, 90);
      const dek = sentence(r, siteUrl).replace(/<[^>]+>/g, '');
      const bodyHtml = Array.from(
        { length: r.int(4, 12) },
        () => `<p>${sentence(r, siteUrl)} ${sentence(r, siteUrl)} ${sentence(r, siteUrl)}</p>`,
      ).join('\n');
      const section = r.int(0, sections.length - 1);
      const published = new Date(now.getTime() - (articleCount - i) * 600_000).toISOString();
      return { i, headline, dek, bodyHtml, section, published };
    });
    await db.transaction().execute(async (trx) => {
      const ids = await trx
        .insertInto('articles')
        .values(
          rows.map((a) => ({
            slug: `story-${a.i}`,
            headline: a.headline,
            dek: a.dek,
            body_markdown: '',
            body_html: a.bodyHtml,
            author_id: author.id,
            section_id: sectionIds[a.section]!,
            status: 'published' as const,
            published_at: a.published,
            created_at: a.published,
            updated_at: a.published,
            replies_open: 1,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('article_search_documents')
        .values(
          rows.map((a, k) => ({
            article_id: ids[k]!.id,
            ...searchDocumentOf({ headline: a.headline, dek: a.dek, bodyHtml: a.bodyHtml, tags: [], section: sections[a.section]! }),
          })),
        )
        .execute();
    });
  }
  // Statistics, as a live site has them (PostgreSQL's autovacuum, SQLite's `gazette` runs none):
  // without them PostgreSQL's planner guesses the GIN index is not worth using.
  await sql`analyze`.execute(db);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, storage: Storage): Promise<void> {
  const filled = performance.now();
  await fill(storage);
  const fillSeconds = (performance.now() - filled) / 1000;
  const search = createSearchService({ db: storage.db, caps: storage.caps, clock: new ManualClock(now) });
  for (const q of queries) await search.articles(q); // warm the caches once
  const times: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++)
    for (const q of queries) {
      const t = performance.now();
      await search.articles(q, { page: 1 + (round % 3) });
      const ms = performance.now() - t;
      times.push(ms);
      perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
    }
  times.sort((a, b) => a - b);
  console.log(
    `${name}: ${articleCount.toLocaleString('en-US')} articles (written in ${fillSeconds.toFixed(0)} s), ${times.length} searches: ` +
      `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
  );
  for (const [q, list] of perQuery) {
    list.sort((a, b) => a - b);
    console.log(`  ${q.padEnd(28)} p50 ${percentile(list, 50).toFixed(1)} ms  p99 ${percentile(list, 99).toFixed(1)} ms`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'gazette-search-bench-'));
try {
  const sqlite = createStorage({ dialect: 'sqlite', file: join(dir, 'bench.db') });
  await migrateToLatest(sqlite);
  await measure('SQLite FTS5', sqlite);
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  await withFreshPostgresSchema(pgUrl, async (schema) => {
    const storage = createStorage({ dialect: 'postgres', url: pgUrl, schema }, { poolSize: 2 });
    await migrateToLatest(storage);
    await measure('PostgreSQL tsvector + GIN', storage);
    await storage.close();
  });
}
