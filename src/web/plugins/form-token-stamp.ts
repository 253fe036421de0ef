import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { FORM_TOKEN_MARKER, type FormTokens } from '../form-tokens.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The reply form's signed tokens (form-tokens.ts). */
    readonly formTokens: FormTokens;
  }
}

/** What the stamp needs. */
export interface FormTokenStampOptions {
  tokens: FormTokens;
}

const marker = Buffer.from(FORM_TOKEN_MARKER);

/**
 * Puts a fresh form token where a page rendered `FORM_TOKEN_MARKER`, in every HTML answer: a page
 * rendered now, an error page showing the form again. A page served from the cache was stamped by
 * the cache itself, from the page stored split at the marker (no search per hit).
 */
const formTokenStampPlugin: FastifyPluginAsync<FormTokenStampOptions> = async (app, { tokens }) => {
  app.decorate('formTokens', tokens);
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.getHeader('x-cache') === 'hit') return payload;
    if (!/^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    if (typeof payload === 'string') {
      const at = payload.lastIndexOf(FORM_TOKEN_MARKER);
      return at === -1 ? payload : payload.slice(0, at) + tokens.field() + payload.slice(at + FORM_TOKEN_MARKER.length);
    }
    if (Buffer.isBuffer(payload)) {
      const at = payload.lastIndexOf(marker);
      return at === -1
        ? payload
        : Buffer.concat([payload.subarray(0, at), Buffer.from(tokens.field()), payload.subarray(at + marker.length)]);
    }
    return payload;
  });
};

/** The form token stamp, for the whole app; registered after the page cache, so the cache stores the page unstamped. */
export const formTokenStamp = fp(formTokenStampPlugin, { fastify: '5.x', name: 'gazette-form-token-stamp' });
