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

const commonPasswords = new Set([
  'password',
  'password1',
  'password123',
  '123456789012',
  'qwertyuiop',
  'letmein123',
  'iloveyou123',
  'welcome123',
  'administrator',
  'changeme123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'passw0rd123',
  'trustno1234',
  'gazettegazette',
]);

/** Shortest password accepted; NIST SP 800-63B asks for at least 8, a newsroom's keys deserve more. */
export const minPasswordLength = 12;

/**
 * Why a password is too weak, or undefined when it is acceptable. Following NIST SP 800-63B:
 * length and a check against known and guessable values, no composition rules.
 */
export function passwordWeakness(password: string, context: { email?: string; name?: string } = {}): string | undefined {
  if (password.length < minPasswordLength) {
    return `The password is too short: ${password.length} characters, at least ${minPasswordLength} are needed. A few unrelated words make a good one.`;
  }
  if (password.length > 256) return 'The password is too long: at most 256 characters.';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return 'That password is one of the most common ones; attackers try it first.';
  if (new Set(lower).size < 5) return 'The password repeats too few different characters to be hard to guess.';
  if (/^(?:0123456789|1234567890|abcdefghij|qwertyuiop)/.test(lower))
    return 'The password starts with a keyboard or number sequence; attackers try those first.';
  const local = context.email ? normaliseEmail(context.email).split('@')[0] : '';
  if (local && local.length >= 4 && lower.includes(local))
    return 'The password contains your email address; choose something unrelated to you.';
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name.replace(/\s+/g, '')))
    return 'The password contains your name; choose something unrelated to you.';
  return undefined;
}
