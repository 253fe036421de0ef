import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Form } from '../../schemas/admin-forms.schema.js';
import { DomainError } from '../../../lib/errors.js';
import { adminUrls, safeNext } from '../../admin-urls.js';
import { toPublicError } from '../../plugins/error-mapping.js';
import { clearSessionCookie, rememberDevice, sessionToken, setSessionCookie } from '../../plugins/admin-session.js';
import type { RouteDeps } from '../../route-deps.js';
import { renderDocument } from '../../views/render.js';
import { errorsFrom, noErrors } from '../../views/admin/admin-fields.js';
import { AccountPage } from '../../views/admin/account-page.js';
import { ForgotPage, ResetPage, SetupPage, SignInPage } from '../../views/admin/auth-pages.js';
import { adminChrome, html, originOf, staffOf } from './admin-context.js';


// `next` may be long or odd: safeNext() falls back to /admin rather than the form failing with a 400.
const SignInBody = Form({ email: Type.String({ maxLength: 300 }), password: Type.String({ maxLength: 1024 }), next: Type.String({ maxLength: 8192 }) });
const SetupBody = Form({ token: Type.String({ maxLength: 200 }), email: Type.String({ maxLength: 300 }), name: Type.String({ maxLength: 300 }), password: Type.String({ maxLength: 1024 }) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 8192 })), notice: Type.Optional(Type.String({ maxLength: 40 })) });
const EmailBody = Form({ email: Type.String({ maxLength: 300 }) });
const ResetBody = Form({ token: Type.String({ maxLength: 200 }), password: Type.String({ maxLength: 1024 }) });

/** Messages for the `?notice=` keys redirects carry (fixed texts: nothing from the URL is shown). */
const notices: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'Every session of your account has ended. Sign in again to continue.',
  'password-reset': 'Your new password is saved, and your old sessions have ended. Sign in with the new password.',
};

/** Runs `work`; a domain error becomes the form's messages (status kept), anything else is thrown. */
async function formAttempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; status: number; error: ReturnType<typeof toPublicError> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const e = toPublicError(error);
    return { ok: false, status: e.status, error: e };
  }
}

/** Sign-in, sign-out (here and everywhere), first-administrator setup, and password reset by email. */
export async function authRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/sign-in', { config: { publicPage: true, unstoredFields: ['next'] }, schema: { querystring: NextQuery } }, async (request, reply) => {
    if (request.staff) return reply.redirect(safeNext(request.query.next), 303);
    const chrome = await adminChrome(deps, request, reply);
    const notice = request.query.notice ? notices[request.query.notice] : undefined;
    return reply.type(html).send(renderDocument(<SignInPage chrome={chrome} email="" next={safeNext(request.query.next)} errors={noErrors} notice={notice} />));
  });

  r.post('/sign-in', { config: { publicPage: true, unstoredFields: ['next'] }, schema: { body: SignInBody } }, async (request, reply) => {
    const { email = '', password = '', next } = request.body;
    const result = await formAttempt(() => container.accounts.signIn(email, password, originOf(request)));
    if (!result.ok) {
      const chrome = await adminChrome(deps, request, reply);
      return reply
        .code(result.status)
        .type(html)
        .send(renderDocument(<SignInPage chrome={chrome} email={email} next={safeNext(next)} errors={errorsFrom({ message: result.error.message })} />));
    }
    // A stale session cookie from before is ended: the new id replaces it (rotation at sign-in).
    const old = sessionToken(request);
    if (old) await container.accounts.signOut(old);
    setSessionCookie(request, reply, result.value.token);
    rememberDevice(request, reply, result.value.signedIn.user.id);
    return reply.redirect(safeNext(next), 303);
  });

  r.post('/sign-out', async (request, reply) => {
    const token = sessionToken(request);
    if (token) await container.accounts.signOut(token);
    clearSessionCookie(reply);
    return reply.redirect(`${adminUrls.signIn()}?notice=signed-out`, 303);
  });

  r.post('/sign-out-everywhere', async (request, reply) => {
    await container.accounts.signOutEverywhere(staffOf(request).user.id);
    clearSessionCookie(reply);
    return reply.redirect(`${adminUrls.signIn()}?notice=signed-out-everywhere`, 303);
  });

  r.get('/account', async (request, reply) => {
    const { user } = staffOf(request);
    const chrome = await adminChrome(deps, request, reply);
    return reply.type(html).send(renderDocument(<AccountPage chrome={chrome} email={user.email} role={user.role} />));
  });

  r.get('/setup', { config: { publicPage: true }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token ?? '';
    const live = token !== '' && (await container.accounts.setupTokenIsLive(token));
    const chrome = await adminChrome(deps, request, reply);
    return reply
      .code(live ? 200 : 410)
      .type(html)
      .send(renderDocument(<SetupPage chrome={chrome} token={token} live={live} values={{ email: '', name: '' }} errors={noErrors} />));
  });

  r.post('/setup', { config: { publicPage: true }, schema: { body: SetupBody } }, async (request, reply) => {
    const { token = '', email = '', name = '', password = '' } = request.body;
    const result = await formAttempt(async () => {
      const user = await container.accounts.completeSetup(token, { email, name, password });
      return container.accounts.startSession(user, originOf(request));
    });
    if (!result.ok) {
      const chrome = await adminChrome(deps, request, reply);
      const live = await container.accounts.setupTokenIsLive(token);
      return reply
        .code(result.status)
        .type(html)
        .send(renderDocument(<SetupPage chrome={chrome} token={token} live={live} values={{ email, name }} errors={errorsFrom(result.error)} />));
    }
    setSessionCookie(request, reply, result.value.token);
    rememberDevice(request, reply, result.value.signedIn.user.id);
    return reply.redirect(adminUrls.home(), 303);
  });

  r.get('/forgot', { config: { publicPage: true } }, async (request, reply) => {
    const chrome = await adminChrome(deps, request, reply);
    return reply.type(html).send(renderDocument(<ForgotPage chrome={chrome} email="" errors={noErrors} sent={false} />));
  });

  r.post('/forgot', { config: { publicPage: true }, schema: { body: EmailBody } }, async (request, reply) => {
    const email = request.body.email ?? '';
    const result = await formAttempt(() => container.accounts.requestPasswordReset(email));
    const chrome = await adminChrome(deps, request, reply);
    if (!result.ok) {
      return reply.code(result.status).type(html).send(renderDocument(<ForgotPage chrome={chrome} email={email} errors={errorsFrom(result.error)} sent={false} />));
    }
    return reply.type(html).send(renderDocument(<ForgotPage chrome={chrome} email={email} errors={noErrors} sent />));
  });

  r.get('/reset', { config: { publicPage: true }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token ?? '';
    const live = token !== '' && (await container.accounts.resetTokenIsLive(token));
    const chrome = await adminChrome(deps, request, reply);
    return reply.code(live ? 200 : 410).type(html).send(renderDocument(<ResetPage chrome={chrome} token={token} live={live} errors={noErrors} />));
  });

  r.post('/reset', { config: { publicPage: true }, schema: { body: ResetBody } }, async (request, reply) => {
    const { token = '', password = '' } = request.body;
    const result = await formAttempt(() => container.accounts.resetPassword(token, password));
    if (!result.ok) {
      const chrome = await adminChrome(deps, request, reply);
      const live = await container.accounts.resetTokenIsLive(token);
      return reply.code(result.status).type(html).send(renderDocument(<ResetPage chrome={chrome} token={token} live={live} errors={errorsFrom(result.error)} />));
    }
    clearSessionCookie(reply);
    // The link proved the mailbox: this browser may sign in even while strangers' guesses have
    // closed the account to unfamiliar browsers.
    rememberDevice(request, reply, result.value.id);
    return reply.redirect(`${adminUrls.signIn()}?notice=password-reset`, 303);
  });
}
