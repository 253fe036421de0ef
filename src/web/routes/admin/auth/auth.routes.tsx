import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Form } from '../admin-forms.schema.js';
import { adminUrls, safeNext } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import { clearSessionCookie, rememberDevice, sessionToken, setSessionCookie } from '../../../plugins/admin-session.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { AccountPage } from '../../../views/admin/account-page.js';
import { ForgotPage, ResetPage, SetupPage, SignInPage } from '../../../views/admin/auth-pages.js';
import { adminChrome, html, originOf, staffOf } from '../admin-context.js';

// `next` may be long or odd: safeNext() falls back to /admin rather than the form failing with a 400.
const SignInBody = Form({
  email: Type.String({ maxLength: 300 }),
  password: Type.String({ maxLength: 1024 }),
  next: Type.String({ maxLength: 8192 }),
});
const SetupBody = Form({
  token: Type.String({ maxLength: 200 }),
  email: Type.String({ maxLength: 300 }),
  name: Type.String({ maxLength: 300 }),
  password: Type.String({ maxLength: 1024 }),
});
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
const NextQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 8192 })),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
});
const EmailBody = Form({ email: Type.String({ maxLength: 300 }) });
const ResetBody = Form({ token: Type.String({ maxLength: 200 }), password: Type.String({ maxLength: 1024 }) });

/** Messages for the `?notice=` keys redirects carry (fixed texts: nothing from the URL is shown). */
const notices: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'Every session of your account has ended. Sign in again to continue.',
  'password-reset': 'Your new password is saved, and your old sessions have ended. Sign in with the new password.',
};

/** The services sign-in, setup and password reset uses (desk: for the held count in the menu). */
export const authNeeds = ['accounts', 'desk'] as const;

/** Sign-in, sign-out (here and everywhere), first-administrator setup, and password reset by email. */
export async function authRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof authNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/sign-in',
    { config: { publicPage: true, unstoredFields: ['next'] }, schema: { querystring: NextQuery } },
    async (request, reply) => {
      if (request.staff) return reply.redirect(safeNext(request.query.next), 303);
      const chrome = await adminChrome(deps, request, reply);
      const notice = request.query.notice ? notices[request.query.notice] : undefined;
      return reply
        .type(html)
        .send(
          renderDocument(<SignInPage chrome={chrome} email="" next={safeNext(request.query.next)} errors={noErrors} notice={notice} />),
        );
    },
  );

  r.post('/sign-in', { config: { publicPage: true, unstoredFields: ['next'] }, schema: { body: SignInBody } }, async (request, reply) => {
    const { email = '', password = '', next } = request.body;
    return submitForm(() => container.accounts.signIn(email, password, originOf(request)), {
      done: async (session) => {
        // A stale session cookie from before is ended: the new id replaces it (rotation at sign-in).
        const old = sessionToken(request);
        if (old) await container.accounts.signOut(old);
        setSessionCookie(request, reply, session.token);
        rememberDevice(request, reply, session.signedIn.user.id);
        return reply.redirect(safeNext(next), 303);
      },
      // Never which of the two was wrong: the message is the whole form's, not a field's.
      refused: async ({ status, message }) => {
        const chrome = await adminChrome(deps, request, reply);
        return reply
          .code(status)
          .type(html)
          .send(renderDocument(<SignInPage chrome={chrome} email={email} next={safeNext(next)} errors={{ fields: {}, form: message }} />));
      },
    });
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
    return submitForm(
      async () => {
        const user = await container.accounts.completeSetup(token, { email, name, password });
        return container.accounts.startSession(user, originOf(request));
      },
      {
        done: (session) => {
          setSessionCookie(request, reply, session.token);
          rememberDevice(request, reply, session.signedIn.user.id);
          return reply.redirect(adminUrls.home(), 303);
        },
        refused: async ({ status, errors }) => {
          const chrome = await adminChrome(deps, request, reply);
          const live = await container.accounts.setupTokenIsLive(token);
          return reply
            .code(status)
            .type(html)
            .send(renderDocument(<SetupPage chrome={chrome} token={token} live={live} values={{ email, name }} errors={errors} />));
        },
      },
    );
  });

  r.get('/forgot', { config: { publicPage: true } }, async (request, reply) => {
    const chrome = await adminChrome(deps, request, reply);
    return reply.type(html).send(renderDocument(<ForgotPage chrome={chrome} email="" errors={noErrors} sent={false} />));
  });

  r.post('/forgot', { config: { publicPage: true }, schema: { body: EmailBody } }, async (request, reply) => {
    const email = request.body.email ?? '';
    const page = async (status: number, errors: FormErrors) => {
      const chrome = await adminChrome(deps, request, reply);
      return reply
        .code(status)
        .type(html)
        .send(renderDocument(<ForgotPage chrome={chrome} email={email} errors={errors} sent={status === 200} />));
    };
    return submitForm(() => container.accounts.requestPasswordReset(email), {
      done: () => page(200, noErrors),
      refused: ({ status, errors }) => page(status, errors),
    });
  });

  r.get('/reset', { config: { publicPage: true }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token ?? '';
    const live = token !== '' && (await container.accounts.resetTokenIsLive(token));
    const chrome = await adminChrome(deps, request, reply);
    return reply
      .code(live ? 200 : 410)
      .type(html)
      .send(renderDocument(<ResetPage chrome={chrome} token={token} live={live} errors={noErrors} />));
  });

  r.post('/reset', { config: { publicPage: true }, schema: { body: ResetBody } }, async (request, reply) => {
    const { token = '', password = '' } = request.body;
    return submitForm(() => container.accounts.resetPassword(token, password), {
      done: (user) => {
        clearSessionCookie(reply);
        // The link proved the mailbox: this browser may sign in even while strangers' guesses have
        // closed the account to unfamiliar browsers.
        rememberDevice(request, reply, user.id);
        return reply.redirect(`${adminUrls.signIn()}?notice=password-reset`, 303);
      },
      refused: async ({ status, errors }) => {
        const chrome = await adminChrome(deps, request, reply);
        const live = await container.accounts.resetTokenIsLive(token);
        return reply
          .code(status)
          .type(html)
          .send(renderDocument(<ResetPage chrome={chrome} token={token} live={live} errors={errors} />));
      },
    });
  });
}
