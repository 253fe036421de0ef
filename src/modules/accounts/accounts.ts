/** The four newsroom roles, with WordPress's meanings. */
export type Role = 'administrator' | 'editor' | 'author' | 'contributor';

/** Sessions last two weeks from sign-in: the database row and the browser's cookie alike. */
export const SESSION_LIFETIME_MS = 14 * 24 * 3600 * 1000;

/** The roles, most powerful first (the order the users page lists them in). */
export const roles: readonly Role[] = ['administrator', 'editor', 'author', 'contributor'];

/** What each role means, in the words the users page shows (WordPress's meanings). */
export const roleDescriptions: Readonly<Record<Role, string>> = Object.freeze({
  administrator: 'Everything: articles, moderation, settings and people.',
  editor: 'Every article and the moderation desk.',
  author: 'Writes and publishes their own articles.',
  contributor: 'Writes drafts; an editor publishes them.',
});

/** A member of the newsroom, as the rest of Gazette sees them. No password hash here. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The byline they write under (authors.id). */
  authorId: number;
  createdAt: Date;
  /** Since when an administrator has disabled them (no sign-in, no session); null while active. */
  disabledAt: Date | null;
}

/** A signed-in person and their session's anti-forgery token. */
export interface SignedIn {
  user: User;
  csrfToken: string;
}

/** Whether a value names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Normalises an email address for matching: trimmed, lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Shortest password accepted; NIST SP 800-63B asks for at least 8, a newsroom's keys deserve more. */
export const minPasswordLength = 12;
