import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../../../lib/errors.js';
import { sendPersonalData } from '../../personal-data-download.js';
import { toPublicError } from '../../plugins/error-mapping.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { renderDocument } from '../../views/render.js';
import {
  PrivacyEraseConfirmPage,
  PrivacyErasedPage,
  PrivacyPage,
  PrivacyVerifiedPage,
  type PrivacyFormState,
} from '../../views/privacy-pages.js';

/** The services the privacy pages use. */
export const privacyNeeds = ['privacy', 'config'] as const;

// Shapes only: what a token means (forged, expired, spent) is the privacy module's to say, in words.
const Token = Type.String({ maxLength: 200 });
const TokenQuery = Type.Object({ token: Token });
const TokenBody = Type.Object({ token: Token });
// Generous, so that an over-long address gets the form's own message with the text kept, not a bare 400.
const EmailBody = Type.Object({ email: Type.Optional(Type.String({ maxLength: 4000 })) });

/** The pages a link leads to are one person's: never stored by any cache, never indexed. */
function personal(reply: FastifyReply): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
}

/**
 * Personal data, self-service (issue 13): the privacy page and its form, and the pages its mailed
 * link leads to (what is stored, "Download my data", "Erase my data" with its confirm step).
 * A GET never changes anything (mail scanners open links); the erasure is a POST.
 */
export async function privacyRoutes(app: FastifyInstance, { container, chrome }: RouteDeps<NeedsOf<typeof privacyNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const retention = container.config.ipRetentionDays;

  const page = async (form: PrivacyFormState) =>
    renderDocument(<PrivacyPage chrome={await chrome.load()} form={form} ipRetentionDays={retention} />);

  r.get('/privacy', async (_request, reply) => reply.type('text/html; charset=utf-8').send(await page({ email: '' })));

  r.post('/privacy', { schema: { body: EmailBody } }, async (request, reply) => {
    const email = request.body.email ?? '';
    try {
      await container.privacy.requestLink(email, request.ip);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Refused (no address, too many requests): the same page with the message and what was typed.
      const e = toPublicError(error);
      return personal(reply.code(e.status)).send(await page({ email, error: e.message }));
    }
    // The one answer, whether or not anything is stored for the address.
    return personal(reply).send(await page({ email: '', sent: true }));
  });

  r.get('/privacy/verify', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const view = await container.privacy.openLink(request.query.token);
    return personal(reply).send(
      renderDocument(<PrivacyVerifiedPage chrome={await chrome.load()} token={request.query.token} view={view} />),
    );
  });

  r.post('/privacy/download', { schema: { body: TokenBody } }, async (request, reply) => {
    const data = await container.privacy.exportByLink(request.body.token);
    return sendPersonalData(reply, data);
  });

  r.get('/privacy/erase', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const view = await container.privacy.openLink(request.query.token);
    return personal(reply).send(
      renderDocument(<PrivacyEraseConfirmPage chrome={await chrome.load()} token={request.query.token} view={view} />),
    );
  });

  r.post('/privacy/erase', { schema: { body: TokenBody } }, async (request, reply) => {
    const result = await container.privacy.eraseByLink(request.body.token);
    return personal(reply).send(renderDocument(<PrivacyErasedPage chrome={await chrome.load()} result={result} />));
  });
}
