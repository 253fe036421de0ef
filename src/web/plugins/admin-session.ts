import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_LIFETIME_MS, type AccountsService, type KnownDevice, type SignedIn } from '../../modules/accounts/index.js';
import { Forbidden } from '../../lib/errors.js';
import { adminUrls } from '../admin-urls.js';
import { unsafeMethods } from '../http-methods.js';
import { FormTooLarge, SIGNED_OUT_STRANGER_BYTES } from '../editor-form.js';
import { secureCookies } from './security-headers.js';

/** What the session check needs from the accounts module. */
export interface AdminSessionOptions {
  accounts: Pick<AccountsService, 'session'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in newsroom member, on /admin routes; null for everyone else. */
    staff: SignedIn | null;
  }
  interface FastifyContextConfig {
    /** An /admin page anyone may open (sign-in, setup, password reset). */
    publicPage?: boolean;
    /** A multipart form: the body is read by the handler, which checks the token itself. */
    multipart?: boolean;
  }
}

/** The session cookie: an opaque random id; the database keeps only its hash. */
export const SESSION_COOKIE = 'gazette_session';
/** The token for forms shown before signing in (double-submit, signed), against login CSRF. */
const FORM_COOKIE = 'gazette_form';
/**
 * The known-device cookie (signed): which account last signed in on this browser, and the
 * browser's random id. It proves nothing for a session; it gives the browser its own sign-in
 * budget, so strangers' guesses at the account cannot lock its owner out (accounts.service.ts),
 * and it lets an editor form saved after its session ended carry a whole article back, while a
 * stranger's is cut off at 64 KB before it is read.
 */
const DEVICE_COOKIE = 'gazette_device';
const DEVICE_MAX_AGE = 365 * 24 * 3600;

function cookieOptions(request: FastifyRequest) {
  return { path: '/admin', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(request) };
}

/** Sets the session cookie after a sign-in; a fresh id each time (no session fixation). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), maxAge: SESSION_LIFETIME_MS / 1000 });
}

/** Whether a member signed in from this browser before (its known-device cookie, set at sign-in). */
export function isMemberBrowser(request: FastifyRequest): boolean {
  return knownDevice(request) !== undefined;
}

/** The known device this browser's signed cookie names, if its signature holds. */
export function knownDevice(request: FastifyRequest): KnownDevice | undefined {
  const raw = request.cookies[DEVICE_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  const match = unsigned?.valid && unsigned.value ? /^(\d{1,15})\.([\w-]{20,64})$/.exec(unsigned.value) : null;
  return match ? { userId: Number(match[1]), id: match[2]! } : undefined;
}

/** Marks this browser as one `userId` has proven to be theirs (sign-in, setup, password reset). */
export function rememberDevice(request: FastifyRequest, reply: FastifyReply, userId: number): void {
  const id = knownDevice(request)?.id ?? randomBytes(24).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, `${userId}.${id}`, { ...cookieOptions(request), signed: true, maxAge: DEVICE_MAX_AGE });
}

/** Drops the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/admin' });
}

/** The session cookie's value, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE] || undefined;
}

/**
 * The anti-forgery token the page's forms carry: the session's own (synchronizer token) when
 * signed in, else a random one kept in a signed cookie (double submit) for the sign-in forms.
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.staff) return request.staff.csrfToken;
  const raw = request.cookies[FORM_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (unsigned?.valid && unsigned.value) return unsigned.value;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(FORM_COOKIE, token, { ...cookieOptions(request), signed: true });
  // Later reads in this request (the rendered form) see the same value.
  request.cookies[FORM_COOKIE] = reply.signCookie(token);
  return token;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refuses a state-changing request whose `_csrf` token is missing or not this browser's. */
export function assertCsrf(request: FastifyRequest, sent: unknown): void {
  let expected: string | undefined;
  if (request.staff) expected = request.staff.csrfToken;
  else {
    const raw = request.cookies[FORM_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    expected = unsigned?.valid && unsigned.value ? unsigned.value : undefined;
  }
  if (!expected || typeof sent !== 'string' || !sameToken(expected, sent)) {
    throw new Forbidden(
      'This form has expired or did not come from this site, so it was refused. Go back, reload the page and send it again.',
    );
  }
}

/**
 * For the /admin scope: finds the signed-in member from the session cookie, sends anonymous
 * visitors of private pages to the sign-in page, and checks the anti-forgery token of every
 * state-changing request (on top of the same-origin check every POST passes).
 */
const adminSessionPlugin: FastifyPluginAsync<AdminSessionOptions> = async (app, { accounts }) => {
  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = sessionToken(request);
    request.staff = token ? ((await accounts.session(token)) ?? null) : null;
    // Admin pages are personal: never stored by a shared cache, never framed.
    reply.header('cache-control', 'no-store');
    // Decided here, before any of the body is read (issue 7): a request without a session never
    // gets its body parsed, except the editor's save, which hands a lost session's text back.
    const keepsWork = request.method === 'POST' && request.routeOptions.config.multipart;
    if (!request.staff && keepsWork && !isMemberBrowser(request)) {
      const length = Number(request.headers['content-length']);
      if (length > SIGNED_OUT_STRANGER_BYTES) {
        // Not read at all; closing the connection spares reading the rest just to discard it.
        reply.header('connection', 'close');
        throw new FormTooLarge(
          'You are signed out, and this form is too large to bring back here, so nothing was read or saved. Go back (your browser keeps your text), sign in again in a new tab, then save again.',
        );
      }
    }
    if (!request.staff && !request.routeOptions.config.publicPage && !keepsWork) {
      const next = request.method === 'GET' ? request.url : '/admin';
      if (unsafeMethods.has(request.method)) reply.header('connection', 'close');
      return reply.redirect(adminUrls.signIn(next), 303);
    }
  });
  app.addHook('preHandler', async (request) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.multipart) return;
    const body = request.body as Record<string, unknown> | undefined;
    assertCsrf(request, body?._csrf ?? request.headers['x-csrf-token']);
  });
};

/** The session and form-token checks, for the scope that registers it (the newsroom's). */
export const adminSession = fp(adminSessionPlugin, { fastify: '5.x', name: 'gazette-admin-session', dependencies: ['@fastify/cookie'] });
