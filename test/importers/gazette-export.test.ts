import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/lib/events.js';
import { publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { gazetteImportDeps } from '../../src/cli/import-gazette.command.js';
import { exportSiteToFile, importGazetteFile, type GazetteImportDeps } from '../../src/modules/importers/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { buildVariedSite, variedSitePassword } from '../support/varied-site.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function exportOf(ctx: TestContext): Promise<string> {
  const file = join(dir, `export-${process.pid}-${++fileNo}.jsonl`);
  const { container } = ctx;
  const site = { title: container.config.siteTitle, url: container.config.siteUrl };
  return container.replies
    .commenterEmails()
    .then((emails) => exportSiteToFile({ db: container.storage.db, clock: container.clock, site, emails }, file))
    .then(() => file);
}

const importDeps = (ctx: TestContext): GazetteImportDeps => gazetteImportDeps(ctx.container);

type Line = Record<string, unknown> & { type: string };
const lines = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

/** Which kind of record an id field (or an old link's target) points into. */
const references: Record<string, string> = {
  bylineId: 'byline',
  sectionId: 'section',
  memberId: 'member',
  staffMemberId: 'member',
  articleId: 'article',
  parentId: 'reply',
};
const legacyTarget = (kind: string) =>
  ({ 'wp-post': 'article', 'wp-path': 'article', 'wp-comment': 'reply', 'wp-author': 'byline' })[kind] ?? kind;

/**
 * The file with every id replaced by the record's place among its kind (the n-th member, the n-th
 * article...): ids differ between two sites, what they point to must not. exportedAt is dropped.
 */
function comparable(records: Line[]): unknown[] {
  const place = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const r of records) {
    if (typeof r.id !== 'number') continue;
    const n = seen.get(r.type) ?? 0;
    place.set(`${r.type}:${r.id}`, n);
    seen.set(r.type, n + 1);
  }
  const mapIds = (value: unknown, type?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => mapIds(v));
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'id' && type) copy[key] = place.get(`${type}:${String(v)}`);
      else if (key in references && typeof v === 'number') copy[key] = place.get(`${references[key]}:${v}`) ?? `missing ${v}`;
      else copy[key] = mapIds(v);
    }
    return copy;
  };
  return records.map((r) => {
    if (r.type === 'gazette-export') return { ...r, exportedAt: 'ignored' };
    if (r.type === 'legacy-key') return { ...r, targetId: place.get(`${legacyTarget(String(r.kind))}:${String(r.targetId)}`) };
    return mapIds(r, r.type);
  });
}

/** Rows per table: what "unchanged" is checked against. */
async function tableCounts(ctx: TestContext): Promise<Record<string, number>> {
  const tables = [
    'settings',
    'authors',
    'sections',
    'tags',
    'article_tags',
    'articles',
    'article_revisions',
    'replies',
    'users',
    'legacy_keys',
    'audit_log',
  ] as const;
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = Number(
      (
        await ctx.storage.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return counts;
}

describe.each(testDatabases)('gazette export and import on $name', (database) => {
  let source: TestContext;
  let target: TestContext;
  beforeEach(async () => {
    source = await createTestContext(database);
    target = await createTestContext(database);
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('reads an export into an empty site so that its own export is the same, record by record', async () => {
    await buildVariedSite(source.container);
    const first = await exportOf(source);
    const events: DomainEvent[] = [];
    target.container.events.subscribe((e) => events.push(e));
    const { counts } = await importGazetteFile(importDeps(target), first);
    expect(counts).toMatchObject({ members: 3, articles: 5, replies: 7, legacyKeys: 4, settings: 1 });
    expect(counts.revisions).toBeGreaterThanOrEqual(6);
    // One event after the commit, so every node drops its cached pages; none from inside the transaction.
    expect(events).toEqual([{ type: 'site.imported' }]);
    const again = lines(await exportOf(target));
    const original = lines(first);
    expect(again.map((r) => r.type)).toEqual(original.map((r) => r.type));
    expect(comparable(again)).toEqual(comparable(original));
  });

  it('keeps what only moderators see and what old links need: verdicts, reasons, anchors, addresses', async () => {
    await buildVariedSite(source.container);
    await importGazetteFile(importDeps(target), await exportOf(source));
    const replies = await target.storage.db.selectFrom('replies').selectAll().orderBy('id').execute();
    expect(replies.map((r) => r.status)).toEqual(['approved', 'approved', 'held', 'spam', 'trash', 'approved', expect.any(String)]);
    // The file carries the address in plain text; the importing site seals it with its own key.
    expect(replies[0]!.author_email).not.toContain('rita');
    expect(await target.container.replies.authorEmail(replies[0]!.id)).toBe('rita@example.org');
    expect(replies[0]).toMatchObject({
      ip: '192.0.2.7',
      user_agent: 'Old Browser/1.0',
      legacy_anchor: 'comment-12',
    });
    expect(replies[1]!.parent_id).toBe(replies[0]!.id);
    expect(replies[2]).toMatchObject({ parent_id: replies[1]!.id, moderation_reason: 'Checking a claim.' });
    expect(replies[5]!.staff_user_id).not.toBeNull();
    expect(replies[6]!.decision_status).toBe(replies[6]!.status);
    const members = await target.storage.db.selectFrom('users').select(['email', 'password_hash', 'disabled_at']).orderBy('id').execute();
    // Members come without passwords (a reset sets one) and a disabled one stays disabled.
    expect(members.map((m) => m.password_hash)).toEqual(['', '', '']);
    expect(members.filter((m) => m.disabled_at !== null)).toHaveLength(1);
    expect((await target.container.discussion.current()).holdWords).toEqual(['casino']);
    const tags = await target.storage.db.selectFrom('tags').select(['slug', 'name']).where('name', '=', 'Works').execute();
    expect(tags).toEqual([{ slug: 'harbour-works-2019', name: 'Works' }]);
  });

  it('carries the pages of other sites that embed threads, so their replies stay at their page after the move', async () => {
    const page = await source.container.embeds.pageFor('https://blog.example', 'https://blog.example/posts/harbour/', 'The harbour plan');
    const file = await exportOf(source);
    const record = lines(file).find((r) => r.type === 'article' && r.kind === 'external');
    expect(record?.embedPage).toEqual({
      origin: 'https://blog.example',
      url: 'https://blog.example/posts/harbour/',
      title: 'The harbour plan',
      createdAt: page.createdAt.toISOString(),
    });
    await importGazetteFile(importDeps(target), file);
    const moved = await target.container.embeds.findPage('https://blog.example', 'https://blog.example/posts/harbour/');
    expect(moved).toMatchObject({ origin: 'https://blog.example', title: 'The harbour plan' });
    expect(
      (await target.storage.db.selectFrom('articles').select('kind').where('id', '=', moved!.articleId).executeTakeFirst())?.kind,
    ).toBe('external');
    expect(comparable(lines(await exportOf(target)))).toEqual(comparable(lines(file)));
  });

  it('refuses an embedded page whose address is on another site than its origin, naming the line, and keeps nothing', async () => {
    await source.container.embeds.pageFor('https://blog.example', 'https://blog.example/posts/harbour/', 'The harbour plan');
    const text = readFileSync(await exportOf(source), 'utf8').replace(
      '"url":"https://blog.example/posts/harbour/"',
      '"url":"https://evil.example/x"',
    );
    const file = join(dir, `forged-embed-${++fileNo}.jsonl`);
    writeFileSync(file, text);
    const before = await tableCounts(target);
    await expect(importGazetteFile(importDeps(target), file)).rejects.toThrow(/^line \d+: page_url: The page address is on another site/);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('writes no password, password hash, session or site secret into the file', async () => {
    await buildVariedSite(source.container);
    await source.container.accounts.startSession((await source.container.accounts.list())[0]!, { ip: '127.0.0.1', userAgent: 'vitest' });
    const file = await exportOf(source);
    const text = readFileSync(file, 'utf8');
    const hashes = await source.storage.db.selectFrom('users').select('password_hash').execute();
    expect(hashes.length).toBeGreaterThan(0);
    for (const { password_hash } of hashes) expect(text).not.toContain(password_hash);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(variedSitePassword);
    expect(text).not.toContain(await source.container.settings.siteSecret());
    // No field of any record is about credentials (the header's note on what is left out may name them).
    expect(text).not.toMatch(/"\w*(?:password|secret|csrf|token|session|hash)\w*":/i);
    expect(Object.keys(lines(file).find((r) => r.type === 'member')!).sort()).toEqual([
      'bylineId',
      'createdAt',
      'disabledAt',
      'email',
      'id',
      'name',
      'role',
      'type',
    ]);
  });

  it('stops at a garbled line, naming it, and leaves the site as it was', async () => {
    await buildVariedSite(source.container);
    const text = readFileSync(await exportOf(source), 'utf8').split('\n');
    const n = text.findIndex((l) => l.startsWith('{"type":"reply"')) + 3;
    const garbled = join(dir, `garbled-${++fileNo}.jsonl`);
    writeFileSync(garbled, [...text.slice(0, n - 1), '{"type":"reply","id":', ...text.slice(n)].join('\n'));
    const before = await tableCounts(target);
    await expect(importGazetteFile(importDeps(target), garbled)).rejects.toThrow(new RegExp(`^line ${n}: not a JSON object`));
    expect(await tableCounts(target)).toEqual(before);
  });

  it('refuses a reply whose parent is not in the file, naming the line, and keeps nothing', async () => {
    await buildVariedSite(source.container);
    const text = readFileSync(await exportOf(source), 'utf8').split('\n');
    const n = text.findIndex((l) => l.includes('"parentId":') && !l.includes('"parentId":null')) + 1;
    const record = JSON.parse(text[n - 1]!) as { parentId: number };
    text[n - 1] = JSON.stringify({ ...record, parentId: 9999 });
    const broken = join(dir, `broken-${++fileNo}.jsonl`);
    writeFileSync(broken, text.join('\n'));
    const before = await tableCounts(target);
    await expect(importGazetteFile(importDeps(target), broken)).rejects.toThrow(
      `line ${n}: parent reply 9999 is not in the file before this line`,
    );
    expect(await tableCounts(target)).toEqual(before);
  });

  it('refuses a file cut short at a line boundary, and keeps nothing', async () => {
    await buildVariedSite(source.container);
    const text = readFileSync(await exportOf(source), 'utf8')
      .trimEnd()
      .split('\n');
    const cut = join(dir, `cut-${++fileNo}.jsonl`);
    writeFileSync(cut, `${text.slice(0, -3).join('\n')}\n`);
    const before = await tableCounts(target);
    await expect(importGazetteFile(importDeps(target), cut)).rejects.toThrow(`line ${text.length - 2}: the file ends before its end line`);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('refuses a site that already has articles, saying so, and changes nothing', async () => {
    await buildVariedSite(source.container);
    const file = await exportOf(source);
    await makeArticle(target.container, { slug: 'already-here' });
    const before = await tableCounts(target);
    await expect(importGazetteFile(importDeps(target), file)).rejects.toThrow(/already has content \(1 articles, 0 replies/);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('counts a site with only its untouched demo article as empty, the file replacing the demo at its address', async () => {
    await publishDemoArticleIfEmpty(source.container);
    await buildVariedSite(source.container);
    await publishDemoArticleIfEmpty(target.container);
    const { counts } = await importGazetteFile(importDeps(target), await exportOf(source));
    expect(counts.articles).toBe(6);
    expect(await target.container.articles.count()).toBe(6);
  });
});
