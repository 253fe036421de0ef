import { createHash, randomBytes } from 'node:crypto';
import type { Options as ArgonOptions } from '@node-rs/argon2';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { emailPattern } from '../../lib/email-address.js';
import { Conflict, Forbidden, Invalid, InvalidFields, NotFound } from '../../lib/errors.js';
import { cleanReaderLine, unstorableTextProblem } from '../../lib/reader-text.js';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';
import { conflictOnUniqueViolation } from '../../storage/unique-conflict.js';
import type { Role } from './accounts.js';
import { ensureByline } from '../articles/index.js';
import { recordAudit } from '../audit/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { Mailer } from '../mail/index.js';
import { isRole, normaliseEmail, SESSION_LIFETIME_MS, type SignedIn, type User } from './accounts.js';
import { passwordWeakness } from './password-strength.js';
import * as q from './accounts.queries.js';
import { createMemberAccess, type AuditActor } from './member-access.js';

export type { AuditActor };
import { createSignInThrottle } from './sign-in-throttle.js';

/** Where one-time links point; the web layer owns the URL scheme, the container passes it in. */
export interface AccountLinks {
  setup(token: string): string;
  passwordReset(token: string): string;
}

/** Dependencies of the accounts service. */
export interface AccountsDeps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer;
  links: AccountLinks;
  siteTitle: string;
  /** Where reset mails are queued, to be sent after the answer (the accounts service registers its handler). */
  jobs: Pick<JobQueue, 'enqueue' | 'handle'>;
  /** Tells a unique violation (two creations raced for one email) from other errors. */
  caps: Pick<Capabilities, 'violatedUniqueKey'>;
}

const EMAIL_TAKEN = 'There is already an account with this email address.';
/** The one unique key a new account can collide on: the check below cannot see an uncommitted twin. */
const emailKey = { table: 'users', column: 'email', field: 'email', message: EMAIL_TAKEN };

/**
 * A browser a member signed in on before, as its (signed) device cookie says: which account it was
 * and the browser's random id. The web layer checks the signature; here it only buys that browser
 * its own sign-in budget, never a session.
 */
export interface KnownDevice {
  userId: number;
  id: string;
}

/** Where a request came from, for throttling and the session list. */
export interface Origin {
  ip: string;
  userAgent: string;
  device?: KnownDevice | undefined;
}

/** What it takes to add someone to the newsroom. */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** A member brought in by an import. */
export interface ImportedMember {
  email: string;
  name: string;
  role: Role;
  createdAt?: Date;
  /** When an administrator disabled them there: they stay disabled here. */
  disabledAt?: Date | null;
}

/** Accounts, sessions, throttled sign-in, first-administrator setup and password reset. */
export interface AccountsService {
  count(): Promise<number>;
  /** Adds a member; refuses a weak password with the reason, and a taken email. `by` goes into the audit trail. */
  create(input: NewUser, by?: AuditActor): Promise<User>;
  /**
   * Import mode: a member as they stood on another system, without a password (they sign in after
   * a password reset). A member with that email already here is kept as they are (a second run of
   * the import); returns the member's id and byline either way. Joins the caller's transaction.
   */
  importMember(
    input: ImportedMember,
    by: AuditActor,
    within: Transaction<Database>,
  ): Promise<{ userId: number; authorId: number; created: boolean }>;
  find(id: number): Promise<User | undefined>;
  list(): Promise<User[]>;
  changeRole(id: number, role: Role, by: AuditActor): Promise<{ before: User; after: User }>;
  /**
   * Disables a member (they cannot sign in; every session and reset link of theirs ends at once)
   * or enables them again. Never yourself, never the last active administrator. Audited.
   */
  setDisabled(id: number, disabled: boolean, by: AuditActor): Promise<User>;
  /**
   * Removes a member. Their articles keep their byline: it is the authors row, which stays (a
   * newsroom does not rewrite who wrote what). Never yourself, never the last active administrator.
   */
  remove(id: number, by: AuditActor): Promise<void>;
  /** Ends every session of another member (a lost laptop); returns how many. Audited. */
  endSessionsOf(id: number, by: AuditActor): Promise<number>;
  /** Checks the password (throttled per account and per address) and opens a new session. */
  signIn(email: string, password: string, origin: Origin): Promise<{ token: string; signedIn: SignedIn }>;
  /** Opens a new session for someone already proven (after setup or a password reset). */
  startSession(user: User, origin: Origin): Promise<{ token: string; signedIn: SignedIn }>;
  /** The signed-in person behind a session cookie's value, if the session is alive. */
  session(token: string): Promise<SignedIn | undefined>;
  signOut(token: string): Promise<void>;
  /** Ends every session of the user, on every device. */
  signOutEverywhere(userId: number): Promise<number>;
  /**
   * Forgets sign-in failures and throttle locks past the window, and expired sessions (hourly, by
   * the scheduler): an attack that never meets a successful sign-in must not grow them forever.
   */
  purgeStale(): Promise<void>;
  /** A one-time first-administrator link, when the site has no accounts yet; undefined otherwise. */
  issueSetupLink(): Promise<string | undefined>;
  /** Whether a setup token can still be used (for showing the form). */
  setupTokenIsLive(token: string): Promise<boolean>;
  /** Creates the first administrator with a setup token; the token works once. */
  completeSetup(token: string, input: Omit<NewUser, 'role'>): Promise<User>;
  /** Queues a reset mail for the address (sent after the answer, only if it has an account); the same work and answer either way. */
  requestPasswordReset(email: string): Promise<void>;
  resetTokenIsLive(token: string): Promise<boolean>;
  /** Sets a new password with a reset token, ends every old session, and returns the user. */
  resetPassword(token: string, password: string): Promise<User>;
}

const SETUP_TOKEN_MS = 24 * 3600 * 1000;
const RESET_TOKEN_MS = 3600 * 1000;
/** At most one reset mail per address in each such period (three an hour): no inbox flooding. */
const RESET_MAIL_PERIOD_MS = 20 * 60 * 1000;
const RESET_JOB = 'accounts.password-reset';
// OWASP's argon2id baseline: 19 MiB, two passes, one lane.
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Argon2's native module loads with the first password hashed or checked: a server that only serves pages never needs it. */
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));
async function hash(password: string, options: ArgonOptions): Promise<string> {
  return (await loadArgon2()).hash(password, options);
}
async function verify(hashed: string, password: string): Promise<boolean> {
  return (await loadArgon2()).verify(hashed, password);
}

/** SHA-256 of a random secret: what the database keeps instead of the secret itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function toUser(row: q.UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role,
    authorId: row.author_id,
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
  };
}

/** The accounts service over the database. */
export function createAccountsService(deps: AccountsDeps): AccountsService {
  const { db, clock, mailer, links, jobs } = deps;
  let dummyHash: Promise<string> | undefined;
  const throttle = createSignInThrottle(db, clock);
  const members = createMemberAccess(db, clock);

  /** Checks a new member; `password` absent: an imported member, who has none yet. */
  async function validateNewUser(input: Omit<NewUser, 'password'> & { password?: string }): Promise<{ email: string; name: string }> {
    const email = normaliseEmail(input.email);
    // The same rules as a reader's name: NUL and broken characters refused (PostgreSQL cannot store
    // a NUL), NFC, no bidi controls to reorder the byline around it, blank-only counts as empty.
    const nameProblem = unstorableTextProblem(input.name);
    const name = nameProblem ? '' : cleanReaderLine(input.name);
    const problems: { field: string; message: string }[] = [];
    if (!emailPattern.test(email) || email.length > 200)
      problems.push({ field: 'email', message: 'Enter a valid email address, such as name@example.org.' });
    if (nameProblem) problems.push({ field: 'name', message: `The name ${nameProblem}` });
    else if (!name) problems.push({ field: 'name', message: 'Enter the name this person writes under.' });
    else if (name.length > 120) problems.push({ field: 'name', message: 'The name is too long: at most 120 characters.' });
    if (!isRole(input.role)) problems.push({ field: 'role', message: 'Choose a role.' });
    const weak = input.password === undefined ? undefined : await passwordWeakness(input.password, { email, name });
    if (weak) problems.push({ field: 'password', message: weak });
    if (problems.length > 0) throw new InvalidFields(problems);
    return { email, name };
  }

  async function insertNewUser(input: NewUser, by: AuditActor, guard?: (trx: Transaction<Database>) => Promise<void>): Promise<User> {
    const { email, name } = await validateNewUser(input);
    const passwordHash = await hash(input.password, argonOptions);
    const nowIso = clock.now().toISOString();
    const id = await conflictOnUniqueViolation(deps.caps, [emailKey], () =>
      db.transaction().execute(async (trx) => {
        if (guard) await guard(trx);
        if (await q.findUserWithHash(trx, email)) throw new Conflict(EMAIL_TAKEN, 'email');
        const authorId = await ensureByline(trx, name, nowIso);
        const userId = await q.insertUser(trx, {
          email,
          display_name: name,
          role: input.role,
          password_hash: passwordHash,
          author_id: authorId,
          created_at: nowIso,
        });
        await recordAudit(trx, {
          actor: by,
          action: 'user.create',
          subject: { type: 'user', id: userId },
          before: null,
          after: { name, email, role: input.role },
          at: new Date(nowIso),
        });
        return userId;
      }),
    );
    return toUser((await q.findUser(db, id))!);
  }

  async function openSession(user: User, origin: Origin) {
    const token = newToken();
    const csrfToken = newToken();
    const now = clock.now();
    await q.insertSession(db, {
      id_hash: tokenHash(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
      ip: origin.ip.slice(0, 64),
      user_agent: origin.userAgent.slice(0, 512),
    });
    return { token, signedIn: { user, csrfToken } };
  }

  /** Mints a reset link and mails it, for an address that has an account; nothing otherwise. */
  async function sendResetMail(payload: { email: string }): Promise<void> {
    const row = await q.findUserWithHash(db, payload.email);
    if (!row || row.disabled_at !== null) return;
    const token = newToken();
    const now = clock.now();
    await q.insertToken(db, {
      token_hash: tokenHash(token),
      purpose: 'reset',
      user_id: row.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_TOKEN_MS).toISOString(),
    });
    try {
      await mailer.send({
        to: row.email,
        subject: `Reset your ${deps.siteTitle} password`,
        text: [
          `Hello ${row.display_name},`,
          '',
          `Someone (we hope you) asked to reset the password of your account on ${deps.siteTitle}.`,
          'Open this link within an hour to choose a new one:',
          '',
          links.passwordReset(token),
          '',
          'If you did not ask for this, ignore this message: your password stays as it is.',
        ].join('\n'),
      });
    } catch (error) {
      // A link nobody received must not stay usable; the job's retry mints a fresh one.
      await q.useToken(db, tokenHash(token), clock.now().toISOString());
      throw error;
    }
  }
  jobs.handle<{ email: string }>(RESET_JOB, sendResetMail);

  return {
    async importMember(input, by, trx) {
      const { email, name } = await validateNewUser(input);
      const existing = await q.findUserWithHash(trx, email);
      if (existing) return { userId: existing.id, authorId: existing.author_id, created: false };
      const at = input.createdAt && !Number.isNaN(input.createdAt.getTime()) ? input.createdAt : clock.now();
      const authorId = await ensureByline(trx, name, at.toISOString());
      // No password: sign-in refuses an empty hash until a reset sets one.
      const userId = await q.insertUser(trx, {
        email,
        display_name: name,
        role: input.role,
        password_hash: '',
        author_id: authorId,
        created_at: at.toISOString(),
        disabled_at: input.disabledAt && !Number.isNaN(input.disabledAt.getTime()) ? input.disabledAt.toISOString() : null,
      });
      await recordAudit(trx, {
        actor: by,
        action: 'user.import',
        subject: { type: 'user', id: userId },
        before: null,
        after: { name, email, role: input.role },
        at: clock.now(),
      });
      return { userId, authorId, created: true };
    },
    async count() {
      return q.countUsers(db);
    },
    create: (input, by = { id: null, name: 'system' }) => insertNewUser(input, by),
    async find(id) {
      const row = await q.findUser(db, id);
      return row ? toUser(row) : undefined;
    },
    async list() {
      return (await q.listUsers(db)).map(toUser);
    },
    async changeRole(id, role, by) {
      if (!isRole(role)) throw new Invalid('Choose a role.', 'role');
      return db.transaction().execute(async (trx) => {
        const row = await q.findUser(trx, id);
        if (!row) throw new NotFound('There is no such account.');
        await q.lockAdministrators(trx);
        if (
          row.role === 'administrator' &&
          row.disabled_at === null &&
          role !== 'administrator' &&
          (await q.countActiveAdministrators(trx)) <= 1
        ) {
          throw new Forbidden('This is the only administrator; make someone else an administrator first.', 'role');
        }
        await q.updateRole(trx, id, role, clock.now().toISOString());
        if (row.role !== role) {
          await recordAudit(trx, {
            actor: by,
            action: 'user.role',
            subject: { type: 'user', id },
            before: { role: row.role },
            after: { role },
            at: clock.now(),
          });
        }
        return { before: toUser(row), after: toUser({ ...row, role }) };
      });
    },
    async setDisabled(id, disabled, by) {
      return toUser(await members.setDisabled(id, disabled, by));
    },
    remove: (id, by) => members.remove(id, by),
    endSessionsOf: (id, by) => members.endSessionsOf(id, by),
    async signIn(rawEmail, password, origin) {
      const email = normaliseEmail(rawEmail);
      const ip = origin.ip.slice(0, 64);
      const row = await q.findUserWithHash(db, email);
      // A device cookie counts only for the account it was given to.
      const device = row && origin.device?.userId === row.id ? tokenHash(`device:${origin.device.id}`) : '';
      const attempt = await throttle.reserve(email, ip, device);
      // Without an account, still spend the time of a real check, so timing does not reveal who has one.
      dummyHash ??= hash(newToken(), argonOptions);
      // An imported member has no password until a reset sets one: the same work, and a refusal.
      const ok = row?.password_hash ? await verify(row.password_hash, password) : (await verify(await dummyHash, password), false);
      // A failed attempt stays recorded as it was reserved.
      if (!row || !ok) throw new Invalid('The email address or the password is not right.', 'password');
      const now = clock.now();
      await throttle.succeeded(attempt, { email, ip, device });
      // Said only to someone who knows the password; no session is opened.
      if (row.disabled_at !== null) throw new Forbidden('This account is disabled. Ask an administrator of the newsroom to enable it.');
      await q.deleteExpiredSessions(db, now.toISOString());
      return openSession(toUser(row), origin);
    },
    startSession: openSession,
    async session(token) {
      if (!token) return undefined;
      const row = await q.findSession(db, tokenHash(token), clock.now().toISOString());
      return row ? { user: toUser(row), csrfToken: row.csrf_token } : undefined;
    },
    async signOut(token) {
      await q.deleteSession(db, tokenHash(token));
    },
    async signOutEverywhere(userId) {
      return q.deleteSessionsOf(db, userId);
    },
    async purgeStale() {
      const now = clock.now();
      await throttle.purge();
      await q.deleteExpiredSessions(db, now.toISOString());
    },
    async issueSetupLink() {
      if ((await q.countUsers(db)) > 0) return undefined;
      const token = newToken();
      const now = clock.now();
      await q.insertToken(db, {
        token_hash: tokenHash(token),
        purpose: 'setup',
        user_id: null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SETUP_TOKEN_MS).toISOString(),
      });
      return links.setup(token);
    },
    async setupTokenIsLive(token) {
      if ((await q.countUsers(db)) > 0) return false;
      return (await q.findLiveToken(db, tokenHash(token), 'setup', clock.now().toISOString())) !== undefined;
    },
    async completeSetup(token, input) {
      const nowIso = clock.now().toISOString();
      const used = 'This setup link has been used or has expired. Restart Gazette for a new one, or run `gazette user add`.';
      if (!(await q.findLiveToken(db, tokenHash(token), 'setup', nowIso))) throw new Forbidden(used);
      // Check the fields before spending the token, so a weak password can be corrected on the same link.
      await validateNewUser({ ...input, role: 'administrator' });
      return insertNewUser({ ...input, role: 'administrator' }, { id: null, name: 'setup link' }, async (trx) => {
        if ((await q.countUsers(trx)) > 0) throw new Forbidden(used);
        if (!(await q.useToken(trx, tokenHash(token), nowIso))) throw new Forbidden(used);
      });
    },
    async requestPasswordReset(rawEmail) {
      const email = normaliseEmail(rawEmail);
      if (!emailPattern.test(email) || email.length > 200) throw new Invalid('Enter the email address of your account.', 'email');
      if (!mailer.configured) {
        throw new Invalid(
          'This site cannot send email yet (no SMTP server is set up). Ask an administrator to reset your password.',
          'email',
        );
      }
      // The same single INSERT whether or not the address has an account, and the answer goes out
      // before any lookup or SMTP conversation: its timing says nothing about who has an account.
      // One job per address per period, so asking again and again adds nothing.
      const period = Math.floor(clock.now().getTime() / RESET_MAIL_PERIOD_MS);
      await jobs.enqueue(RESET_JOB, { email }, { uniqueKey: `${RESET_JOB}:${email}:${period}`, maxAttempts: 3 });
    },
    async resetTokenIsLive(token) {
      return (await q.findLiveToken(db, tokenHash(token), 'reset', clock.now().toISOString())) !== undefined;
    },
    async resetPassword(token, password) {
      const nowIso = clock.now().toISOString();
      const expired = 'This reset link has been used or has expired. Ask for a new one.';
      const live = await q.findLiveToken(db, tokenHash(token), 'reset', nowIso);
      if (!live || live.user_id === null) throw new Forbidden(expired);
      const user = await q.findUser(db, live.user_id);
      if (!user) throw new Forbidden(expired);
      const weak = await passwordWeakness(password, { email: user.email, name: user.display_name });
      if (weak) throw new Invalid(weak, 'password');
      const passwordHash = await hash(password, argonOptions);
      await db.transaction().execute(async (trx) => {
        if (!(await q.useToken(trx, tokenHash(token), nowIso))) throw new Forbidden(expired);
        // Any other link mailed earlier dies with this one: one reset, one new password.
        await q.useTokensOf(trx, user.id, 'reset', nowIso);
        await q.updatePasswordHash(trx, user.id, passwordHash, nowIso);
        await q.deleteSessionsOf(trx, user.id);
      });
      return toUser(user);
    },
  };
}
