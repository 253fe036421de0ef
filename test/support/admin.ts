import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Container } from '../../src/container.js';
import type { Role, User } from '../../src/modules/accounts/index.js';
import { CookieJar } from './http.js';

/** A password every test account uses; strong enough for the policy. */
export const testPassword = 'correct horse battery staple';

let counter = 0;

/** Adds an account with `role`. */
export async function makeUser(
  container: Container,
  role: Role,
  name = `${role[0]!.toUpperCase()}${role.slice(1)} ${++counter}`,
): Promise<User> {
  return container.accounts.create({ email: `${role}.${++counter}@newsroom.example`, name, role, password: testPassword });
}

/** A browser signed in as `user`: a fresh database session (no password round trip) and its form token. */
export async function signedInAs(container: Container, user: User): Promise<{ jar: CookieJar; csrf: string }> {
  const { token, signedIn } = await container.accounts.startSession(user, { ip: '127.0.0.1', userAgent: 'vitest' });
  const jar = new CookieJar();
  jar.set('gazette_session', token);
  return { jar, csrf: signedIn.csrfToken };
}

/** Sends an admin form as a same-site browser would. */
export async function adminPost(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | string[]>,
  jar = new CookieJar(),
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const response = await app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      'sec-fetch-site': 'same-origin',
      ...jar.header(),
      ...headers,
    },
    payload: body.toString(),
  });
  jar.take(response);
  return response;
}

/** The `_csrf` value of the first form on a page. */
export function formToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1]!;
}

/** A multipart/form-data body as a browser sends the editor form: text fields first, then the file. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; filename: string; type: string; bytes: Buffer }) {
  const boundary = `----gazette${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts the editor form (multipart) as a same-site browser. */
export async function postEditor(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  jar: CookieJar,
  file?: { name: string; filename: string; type: string; bytes: Buffer },
): Promise<LightMyRequestResponse> {
  const body = multipartBody(fields, file);
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': body.contentType, accept: 'text/html', 'sec-fetch-site': 'same-origin', ...jar.header() },
    payload: body.payload,
  });
  jar.take(response);
  return response;
}

/** The editor's fields for a complete article; `overrides` change what the test is about. */
export function articleFields(csrf: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    _csrf: csrf,
    headline: 'Ministers agree on a joint statement',
    dek: 'The statement names the troops in Russia.',
    body: 'The ministers met for **three hours**.\n\n> We stand together.\n',
    status: 'published',
    publishAt: '',
    repliesOpen: 'on',
    slug: '',
    section: 'World',
    tags: 'Diplomacy, North Korea',
    featuredMediaId: '',
    featuredAlt: '',
    intent: 'save',
    ...overrides,
  };
}

/** One member of each role, as a newsroom of four. */
export async function makeStaff(container: Container): Promise<Record<Role, User>> {
  return {
    administrator: await makeUser(container, 'administrator'),
    editor: await makeUser(container, 'editor'),
    author: await makeUser(container, 'author'),
    contributor: await makeUser(container, 'contributor'),
  };
}
