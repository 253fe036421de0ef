import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { Database } from '../../storage/schema.js';
import { normaliseDiscussionSettings, type DiscussionSettings } from '../moderation/index.js';
import { readSetting } from '../settings/index.js';
import { emptyCounts, GAZETTE_FORMAT_VERSION, NOT_EXPORTED, type ExportCounts, type Header, type RecordLine } from './gazette-format.js';
import * as q from './site-export.queries.js';

/** What an export reads from. */
export interface SiteExportDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Named in the header, so a reader can tell whose file it is. */
  site: { title: string; url: string };
  /** Opens the sealed commenter emails: the file carries them in plain text, so another site (another key) can import it. */
  emails: { open(stored: string): string };
}

/** Told after each page of records, for a progress line. */
export type ExportProgress = (counts: Readonly<ExportCounts>) => void;

const bool = (n: number) => n === 1;

/**
 * Writes the whole site to `out` as Gazette JSON Lines (gazette-format.ts), a page of rows at a
 * time, waiting whenever `out` asks to (backpressure), so memory stays flat however large the site.
 * Everything is read in one transaction, so the file is one consistent moment of the site even
 * while it keeps serving (PostgreSQL: repeatable read; SQLite in WAL mode: a read transaction).
 */
export async function exportSite(deps: SiteExportDeps, out: Writable, onProgress?: ExportProgress): Promise<ExportCounts> {
  const counts = emptyCounts();
  async function emit(record: Header | RecordLine): Promise<void> {
    if (out.errored) throw out.errored;
    // `once` rejects when the stream fails while we wait (a full disk, a closed pipe).
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  /** Pages through one table in id order; `each` writes a row's lines. */
  async function pages<R extends { id: number }>(
    read: (afterId: number) => Promise<R[]>,
    each: (rows: R[]) => Promise<void>,
  ): Promise<void> {
    for (let after = 0; ;) {
      const rows = await read(after);
      if (rows.length === 0) return;
      await each(rows);
      onProgress?.(counts);
      after = rows[rows.length - 1]!.id;
    }
  }

  await emit({
    type: 'gazette-export',
    version: GAZETTE_FORMAT_VERSION,
    exportedAt: deps.clock.now().toISOString(),
    site: deps.site,
    notExported: [...NOT_EXPORTED],
  });
  await deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx: Transaction<Database>) => {
      const discussion: DiscussionSettings = normaliseDiscussionSettings(await readSetting(trx, 'discussion'));
      await emit({ type: 'setting', key: 'discussion', value: { ...discussion } });
      counts.settings += 1;
      await pages(
        (after) => q.bylinesPage(trx, after),
        async (rows) => {
          for (const r of rows) {
            await emit({ type: 'byline', id: r.id, slug: r.slug, name: r.display_name, bio: r.bio, createdAt: r.created_at });
            counts.bylines += 1;
          }
        },
      );
      await pages(
        (after) => q.sectionsPage(trx, after),
        async (rows) => {
          for (const r of rows) {
            await emit({ type: 'section', id: r.id, slug: r.slug, name: r.name, position: r.position });
            counts.sections += 1;
          }
        },
      );
      await pages(
        (after) => q.tagsPage(trx, after),
        async (rows) => {
          for (const r of rows) {
            await emit({ type: 'tag', id: r.id, slug: r.slug, name: r.name });
            counts.tags += 1;
          }
        },
      );
      await pages(
        (after) => q.membersPage(trx, after),
        async (rows) => {
          for (const r of rows) {
            await emit({
              type: 'member',
              id: r.id,
              email: r.email,
              name: r.display_name,
              role: r.role,
              bylineId: r.author_id,
              createdAt: r.created_at,
              disabledAt: r.disabled_at,
            });
            counts.members += 1;
          }
        },
      );
      await pages(
        (after) => q.articlesPage(trx, after),
        (rows) => emitArticles(trx, rows),
      );
      await pages(
        (after) => q.repliesPage(trx, after),
        async (rows) => {
          for (const r of rows) {
            await emit({
              type: 'reply',
              id: r.id,
              articleId: r.article_id,
              parentId: r.parent_id,
              authorName: r.author_name,
              authorEmail: deps.emails.open(r.author_email),
              authorUrl: r.author_url,
              body: r.body,
              status: r.status,
              createdAt: r.created_at,
              editedAt: r.edited_at,
              ip: r.ip,
              userAgent: r.user_agent,
              moderationReason: r.moderation_reason,
              staffMemberId: r.staff_user_id,
              decision:
                r.decision_status === null
                  ? null
                  : {
                      status: r.decision_status,
                      reason: r.decision_reason,
                      score: r.decision_score === null ? null : Number(r.decision_score),
                    },
              legacyAnchor: r.legacy_anchor,
            });
            counts.replies += 1;
          }
        },
      );
      for (let after: { kind: string; legacyId: string } | null = null; ;) {
        const rows = await q.legacyKeysPage(trx, after);
        if (rows.length === 0) break;
        for (const r of rows) {
          await emit({ type: 'legacy-key', kind: r.kind, legacyId: r.legacy_id, targetId: r.target_id, digest: r.digest });
          counts.legacyKeys += 1;
        }
        onProgress?.(counts);
        const last = rows[rows.length - 1]!;
        after = { kind: last.kind, legacyId: last.legacy_id };
      }
    });
  await emit({ type: 'gazette-export-end', counts: { ...counts } });
  return counts;

  /** One page of articles, each with its tags and revisions (read for the whole page at once). */
  async function emitArticles(trx: Transaction<Database>, rows: Awaited<ReturnType<typeof q.articlesPage>>): Promise<void> {
    const ids = rows.map((r) => r.id);
    const tags = groupBy(await q.tagsOfArticles(trx, ids));
    const revisions = groupBy(await q.revisionsOfArticles(trx, ids));
    const external = rows.filter((r) => r.kind === 'external').map((r) => r.id);
    const embedPages = new Map(external.length ? (await q.embedPagesOfArticles(trx, external)).map((p) => [p.article_id, p]) : []);
    for (const r of rows) {
      const kept = revisions.get(r.id) ?? [];
      await emit({
        type: 'article',
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        dek: r.dek,
        bodyMarkdown: r.body_markdown,
        status: r.status,
        kind: r.kind,
        sticky: bool(r.sticky),
        featuredImageUrl: r.featured_image_url,
        featuredAlt: r.featured_alt,
        repliesOpen: bool(r.replies_open),
        publishedAt: r.published_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        bylineId: r.author_id,
        sectionId: r.section_id,
        tags: (tags.get(r.id) ?? []).map((t) => ({ slug: t.slug, name: t.name })),
        revisions: kept.map((v) => ({
          headline: v.headline,
          dek: v.dek,
          slug: v.slug,
          bodyMarkdown: v.body_markdown,
          status: v.status,
          memberId: v.user_id,
          userName: v.user_name,
          createdAt: v.created_at,
        })),
        ...embedPageOf(embedPages.get(r.id)),
      });
      counts.articles += 1;
      counts.revisions += kept.length;
    }
  }
}

/** An external article's page as its record carries it (nothing for any other article). */
function embedPageOf(page: { origin: string; url: string; title: string; created_at: string } | undefined) {
  return page ? { embedPage: { origin: page.origin, url: page.url, title: page.title, createdAt: page.created_at } } : {};
}

function groupBy<R extends { article_id: number }>(rows: R[]): Map<number, R[]> {
  const map = new Map<number, R[]>();
  for (const r of rows) {
    const list = map.get(r.article_id);
    if (list) list.push(r);
    else map.set(r.article_id, [r]);
  }
  return map;
}

/**
 * Exports to a new file at `path`: written aside and renamed into place once complete, so a
 * failed export never leaves a file that looks whole. Refuses to overwrite (flag `wx` on the aside
 * file; the caller checks `path` itself).
 */
export async function exportSiteToFile(deps: SiteExportDeps, path: string, onProgress?: ExportProgress): Promise<ExportCounts> {
  const aside = `${path}.partial`;
  const out = createWriteStream(aside, { flags: 'wx' });
  // A failure between writes is seen by the next write (`errored`); this keeps it from being unhandled.
  out.on('error', () => {});
  // Another export's aside file is never ours to remove.
  await once(out, 'open');
  try {
    const counts = await exportSite(deps, out, onProgress);
    out.end();
    await once(out, 'finish');
    await rename(aside, path);
    return counts;
  } catch (error) {
    out.destroy();
    await rm(aside, { force: true });
    throw error;
  }
}
