import type { ArticleStatus } from '../articles/index.js';
import type { Role, User } from './accounts.js';

/** Who is asking: a signed-in member of the newsroom, or nobody. */
export type Actor = Pick<User, 'id' | 'role' | 'authorId'> | null;

/** An article as the policy sees it: whose it is and where it stands. */
export interface ArticleSubject {
  authorId: number;
  status: ArticleStatus;
}

/** Everything the newsroom can be allowed to do. */
export type Action =
  | 'admin.enter'
  | 'article.create'
  | 'article.edit'
  | 'article.publish'
  | 'article.unpublish'
  | 'article.trash'
  | 'media.upload'
  | 'replies.moderate'
  | 'audit.view'
  | 'settings.manage'
  | 'users.manage'
  /** Any member makes and revokes API tokens of their own; this is seeing and revoking everyone's. */
  | 'api-tokens.oversee'
  | 'webhooks.manage';

const rank: Record<Role, number> = { contributor: 1, author: 2, editor: 3, administrator: 4 };

/** Whether the actor holds at least `role`. */
export function atLeast(actor: Actor, role: Role): boolean {
  return actor !== null && rank[actor.role] >= rank[role];
}

/**
 * Whether `actor` may do `action` (to `subject`, for article actions). Pure: the roles mean what
 * WordPress's mean. Contributors write drafts of their own and cannot publish or upload; authors
 * publish and manage their own articles; editors handle every article and moderate replies;
 * administrators also run settings, people, webhooks and everyone's API tokens.
 */
export function can(actor: Actor, action: Action, subject?: ArticleSubject): boolean {
  if (actor === null) return false;
  const own = subject !== undefined && subject.authorId === actor.authorId;
  switch (action) {
    case 'admin.enter':
    case 'article.create':
      return true;
    case 'article.edit':
    case 'article.trash':
      if (atLeast(actor, 'editor')) return true;
      if (!own) return false;
      if (actor.role === 'author') return true;
      // A contributor's say ends once an editor has scheduled or published the piece; a draft they
      // put in the trash they may take back out (restoring is authorized as trashing; it returns a draft).
      return subject!.status === 'draft' || (action === 'article.trash' && subject!.status === 'trash');
    case 'article.publish':
    case 'article.unpublish':
      if (atLeast(actor, 'editor')) return true;
      return actor.role === 'author' && (subject === undefined || own);
    case 'media.upload':
      return atLeast(actor, 'author');
    case 'replies.moderate':
    case 'audit.view':
      return atLeast(actor, 'editor');
    case 'settings.manage':
    case 'users.manage':
    case 'api-tokens.oversee':
    case 'webhooks.manage':
      return atLeast(actor, 'administrator');
  }
}
