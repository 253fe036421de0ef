import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { formTokenKeys, mintFormTokens } from '../../src/lib/form-token.js';

/** Cookies a browser would keep between requests, for `app.inject()`. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  /** Stores the cookies a response sets (and drops cleared ones). */
  take(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  /** Sets a cookie by hand (a session made without a sign-in round trip). */
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
  /** A cookie's value. */
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** Seconds a person is taken to have spent on the reply form in tests: well over the minimum. */
export const PERSON_SECONDS_TO_FILL = 60;

/**
 * The reply form's token as a person's browser sends it: a token of its own, from a form served a
 * minute ago by the site's clock. Every post needs a fresh one (a used token is a replay).
 */
export function personFormToken(app: FastifyInstance): { form_token: string } {
  return { form_token: app.formTokens.issue(PERSON_SECONDS_TO_FILL) };
}

/**
 * A person's form token for a site running in another process (its own wall clock), signed with
 * the secret the test gave it (`SITE_SECRET`): a form served a minute ago.
 */
export function personFormTokenSignedWith(siteSecret: string): { form_token: string } {
  return { form_token: mintFormTokens(formTokenKeys(siteSecret).block, new Date(Date.now() - PERSON_SECONDS_TO_FILL * 1000), 1)[0]! };
}

/** Whether a URL is where the reply form posts (the HTML form or the API). */
const replyPost = /\/articles\/[^/?#]+\/replies(?:[?#]|$)/;

/**
 * POSTs a urlencoded form as a browser on the same site would, keeping cookies in `jar`. A reply
 * post gets a person's form token (`personFormToken`) unless `fields` names `form_token` itself.
 */
export async function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  jar = new CookieJar(),
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...jar.header(), ...headers },
    payload: new URLSearchParams(
      replyPost.test(url) && !('form_token' in fields) ? { ...personFormToken(app), ...fields } : fields,
    ).toString(),
  });
  jar.take(response);
  return response;
}

/** GETs a page with the jar's cookies. */
export async function getPage(app: FastifyInstance, url: string, jar = new CookieJar()): Promise<LightMyRequestResponse> {
  const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...jar.header() } });
  jar.take(response);
  return response;
}
