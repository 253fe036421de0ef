import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

// Found by the property runs (issue 7): the router's own refusals skipped the error handler and
// answered Fastify's bare JSON (no message for people, no page) to a broken %-escape or a long slug.
describe.each(testDatabases)('addresses the router refuses ($name)', (database) => {
  const t = useTestApp(database);

  it('answers a broken %-escape in the path with a page that says so', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/tag/%zz', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('This address is not valid: it holds a broken %-escape. Check the link and try again.');
  });

  it('answers the API with the JSON error shape', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/articles/%zz/replies',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'bad_url', message: 'This address is not valid: it holds a broken %-escape. Check the link and try again.' },
    });
  });

  it('answers an over-long path segment with 414 and a message', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/articles/${'a'.repeat(300)}`, headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(414);
    expect(response.body).toContain('Part of this address is too long to be a page of this site.');
  });
});
