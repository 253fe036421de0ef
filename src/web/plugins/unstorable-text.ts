import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidFields } from '../../lib/errors.js';
import { unstorableTextProblem } from '../../lib/reader-text.js';

/** How deep into a JSON body to look; Gazette's bodies are flat, anything deeper is refused by its schema anyway. */
const maxDepth = 8;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Top-level body or query fields this route never stores, which its handler reduces to something
     * safe itself (the sign-in's `next`, through `safeNext`): a hostile value there must not cost a
     * member the sign-in they just typed.
     */
    unstoredFields?: readonly string[];
  }
}

const none: readonly string[] = [];

/** The guard takes no options; a route's `config.unstoredFields` is its only setting. */
export type UnstorableTextOptions = Record<never, never>;

/** The first string in `value` (a parsed body, query or params) that cannot be stored, with its path. */
function findUnstorable(
  value: unknown,
  path: string,
  depth: number,
  skip: readonly string[] = none,
): { field: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = unstorableTextProblem(value);
    return problem ? { field: path, problem } : undefined;
  }
  if (depth >= maxDepth || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (skip.includes(key)) continue;
    const keyProblem = unstorableTextProblem(key);
    if (keyProblem) return { field: path || 'body', problem: `has a field name that ${keyProblem}` };
    const found = findUnstorable(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, with a 422 naming the field, any request whose parsed body, query or path parameters
 * hold a NUL or a lone surrogate: PostgreSQL cannot store a NUL in text (the insert failed with a
 * 500), and a lone surrogate would be silently turned into U+FFFD on the way to either database.
 * One check before any route runs covers every form and the JSON API; the modules check again
 * for their own callers (the CLI, importers). Multipart bodies are read by their handlers and
 * checked by the module they reach.
 */
const unstorableTextPlugin: FastifyPluginAsync<UnstorableTextOptions> = async (app) => {
  app.addHook('preValidation', async (request) => {
    const skip = request.routeOptions.config.unstoredFields;
    const found =
      findUnstorable(request.params, '', 0) ?? findUnstorable(request.query, '', 0, skip) ?? findUnstorable(request.body, '', 0, skip);
    if (found) throw new InvalidFields([{ field: found.field, message: `The field "${found.field}" ${found.problem}` }]);
  });
};

/** The guard against unstorable text, for every route (routes opt fields out with `unstoredFields`). */
export const unstorableTextGuard = fp(unstorableTextPlugin, { fastify: '5.x', name: 'gazette-unstorable-text' });
