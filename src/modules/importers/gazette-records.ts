import type { Kysely, Transaction } from 'kysely';
import type { DomainEvents } from '../../lib/events.js';
import type { AccountsService } from '../accounts/index.js';
import type { ArticleWriter } from '../articles/index.js';
import type { AuditActor } from '../audit/index.js';
import type { EmbedPagesService } from '../embeds/index.js';
import type { DiscussionSettingsService } from '../moderation/index.js';
import type { ReplyWriter } from '../replies/index.js';
import type { Database } from '../../storage/schema.js';
import { importByline, importSection, importTag } from '../articles/index.js';
import type { ExportCounts, RecordLine } from './gazette-format.js';
import type { LegacyKind } from './legacy-keys.js';
import { saveLegacyKey } from './legacy-keys.queries.js';
import type { Capabilities } from '../../storage/capabilities.js';

/** What reading a Gazette export writes through: the writers' import modes, never raw inserts. */
export interface GazetteImportDeps {
  db: Kysely<Database>;
  /** The dialect's journal for one long load (a SQLite file the import has to itself: a rollback journal). */
  caps: Pick<Capabilities, 'journalForBulkLoad'>;
  events: DomainEvents;
  articleWriter: Pick<ArticleWriter, 'importArticle'>;
  replies: Pick<ReplyWriter, 'importReply'>;
  accounts: Pick<AccountsService, 'importMember'>;
  discussion: Pick<DiscussionSettingsService, 'update'>;
  /** Records the other sites' pages whose threads external articles hold. */
  embeds: Pick<EmbedPagesService, 'importPage'>;
  /** Who the audit trail names. */
  actor: AuditActor;
}

/** Which of the file's ids each old-link kind points to (see legacy-keys.ts). */
const legacyTargets: Record<LegacyKind, 'articles' | 'sections' | 'tags' | 'bylines' | 'replies'> = {
  'wp-post': 'articles',
  'wp-slug': 'articles',
  'wp-path': 'articles',
  'disqus-thread': 'articles',
  'wp-category': 'sections',
  'wp-tag': 'tags',
  'wp-author': 'bylines',
  'wp-comment': 'replies',
  'disqus-post': 'replies',
};

/** A timestamp from the file (its shape is checked by the schema; its value here). */
function date(iso: string, field: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`${field}: ${iso} is not a real date`);
  return d;
}

const optionalDate = (iso: string | null, field: string) => (iso === null ? null : date(iso, field));

/**
 * Writes each record of a Gazette export through its writer's import mode, inside the import's
 * transaction, and keeps the map from the file's ids to this site's, so later records (an
 * article's byline, a reply's parent, an old link's target) find what they point to.
 */
export function createRecordWriter(
  deps: GazetteImportDeps,
  trx: Transaction<Database>,
  counts: ExportCounts,
  demo: { id: number; slug: string } | undefined,
) {
  const ids = {
    bylines: new Map<number, number>(),
    sections: new Map<number, { id: number; slug: string; name: string }>(),
    tags: new Map<number, number>(),
    members: new Map<number, number>(),
    articles: new Map<number, number>(),
    replies: new Map<number, number>(),
  };
  const writer = { id: null, name: deps.actor.name };
  let legacyKeysSkipped = 0;

  function known<T>(map: Map<number, T>, id: number, what: string): T {
    const found = map.get(id);
    if (found === undefined) throw new Error(`${what} ${id} is not in the file before this line`);
    return found;
  }
  const member = (id: number | null) => (id === null ? null : (ids.members.get(id) ?? null));

  async function write(record: Exclude<RecordLine, { type: 'gazette-export-end' }>): Promise<void> {
    switch (record.type) {
      case 'setting':
        await deps.discussion.update(record.value, deps.actor, { within: trx });
        counts.settings += 1;
        return;
      case 'byline':
        ids.bylines.set(
          record.id,
          await importByline(trx, {
            slug: record.slug,
            name: record.name,
            bio: record.bio,
            createdAt: date(record.createdAt, 'createdAt'),
          }),
        );
        counts.bylines += 1;
        return;
      case 'section': {
        const id = await importSection(trx, { slug: record.slug, name: record.name, position: record.position });
        ids.sections.set(record.id, { id, slug: record.slug, name: record.name });
        counts.sections += 1;
        return;
      }
      case 'tag':
        ids.tags.set(record.id, await importTag(trx, { slug: record.slug, name: record.name }));
        counts.tags += 1;
        return;
      case 'member': {
        known(ids.bylines, record.bylineId, 'byline');
        const { userId } = await deps.accounts.importMember(
          {
            email: record.email,
            name: record.name,
            role: record.role,
            createdAt: date(record.createdAt, 'createdAt'),
            disabledAt: optionalDate(record.disabledAt, 'disabledAt'),
          },
          deps.actor,
          trx,
        );
        ids.members.set(record.id, userId);
        counts.members += 1;
        return;
      }
      case 'article': {
        const section = known(ids.sections, record.sectionId, 'section');
        const id = await deps.articleWriter.importArticle(
          {
            headline: record.headline,
            dek: record.dek,
            bodyMarkdown: record.bodyMarkdown,
            slug: record.slug,
            author: { authorId: known(ids.bylines, record.bylineId, 'byline') },
            section: section.name,
            sectionSlug: section.slug,
            tags: record.tags,
            status: record.status,
            publishedAt: optionalDate(record.publishedAt, 'publishedAt'),
            createdAt: date(record.createdAt, 'createdAt'),
            updatedAt: date(record.updatedAt, 'updatedAt'),
            repliesOpen: record.repliesOpen,
            kind: record.kind,
            sticky: record.sticky,
            featuredImageUrl: record.featuredImageUrl,
            featuredAlt: record.featuredAlt,
            revisions: record.revisions.map((r) => ({
              headline: r.headline,
              dek: r.dek,
              slug: r.slug,
              bodyMarkdown: r.bodyMarkdown,
              status: r.status,
              userId: member(r.memberId),
              userName: r.userName,
              createdAt: date(r.createdAt, 'revisions/createdAt'),
            })),
            // The untouched demo article gives way to the file's article at its address.
            replaces: demo && demo.slug === record.slug ? demo.id : undefined,
          },
          writer,
          { within: trx },
        );
        if (record.embedPage) {
          if (record.kind !== 'external') throw new Error('embedPage: only an external article has a page on another site');
          const page = record.embedPage;
          await deps.embeds.importPage(
            {
              articleId: id,
              origin: page.origin,
              url: page.url,
              title: page.title,
              createdAt: date(page.createdAt, 'embedPage/createdAt'),
            },
            { within: trx },
          );
        }
        ids.articles.set(record.id, id);
        counts.articles += 1;
        counts.revisions += record.revisions.length;
        return;
      }
      case 'reply': {
        const id = await deps.replies.importReply(
          {
            articleId: known(ids.articles, record.articleId, 'article'),
            parentId: record.parentId === null ? null : known(ids.replies, record.parentId, 'parent reply'),
            comment: record.body,
            author: record.authorName,
            email: record.authorEmail,
            url: record.authorUrl,
            status: record.status,
            createdAt: date(record.createdAt, 'createdAt'),
            editedAt: optionalDate(record.editedAt, 'editedAt'),
            ip: record.ip,
            userAgent: record.userAgent,
            moderationReason: record.moderationReason,
            staffUserId: member(record.staffMemberId),
            decision: record.decision,
            legacyAnchor: record.legacyAnchor,
          },
          { within: trx },
        );
        ids.replies.set(record.id, id);
        counts.replies += 1;
        return;
      }
      case 'legacy-key': {
        if (!Object.hasOwn(legacyTargets, record.kind)) throw new Error(`kind: unknown old-link kind ${JSON.stringify(record.kind)}`);
        const kind = record.kind as LegacyKind;
        const target = ids[legacyTargets[kind]].get(record.targetId);
        // An old link to a row the site no longer had (a deleted reply): nothing to point it at.
        if (target === undefined) legacyKeysSkipped += 1;
        else await saveLegacyKey(trx, kind, record.legacyId, typeof target === 'number' ? target : target.id, record.digest);
        counts.legacyKeys += 1;
      }
    }
  }

  return { write, legacyKeysSkipped: () => legacyKeysSkipped };
}
