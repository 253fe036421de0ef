import type { FastifyReply } from 'fastify';

/**
 * Answers with everything stored about one address as a JSON file to save (the reader's page and
 * the desk give the same file); never cached, since it is one person's data.
 */
export function sendPersonalData(reply: FastifyReply, data: unknown): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', 'attachment; filename="personal-data.json"')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(data, null, 2));
}
