import type { FastifyInstance } from 'fastify';
import { atLeast, can } from '../../../../modules/accounts/index.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { renderDocument } from '../../../views/render.js';
import { DashboardPage } from '../../../views/admin/dashboard-page.js';
import { actorOf, adminChrome, html } from '../admin-context.js';

/** The services the overview page uses. */
export const dashboardNeeds = ['desk', 'editorial'] as const;

/** The newsroom's overview page: what needs doing first. */
export async function dashboardRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof dashboardNeeds>>): Promise<void> {
  const { container } = deps;
  app.get('/', async (request, reply) => {
    const actor = actorOf(request)!;
    const moderate = can(actor, 'replies.moderate');
    // Authors and contributors see their own articles; editors the whole newsroom's.
    const authorId = atLeast(actor, 'editor') ? undefined : actor.authorId;
    const [chrome, replyCounts, held, articleCounts, recent] = await Promise.all([
      adminChrome(deps, request, reply),
      moderate ? container.desk.counts() : Promise.resolve(undefined),
      moderate ? container.desk.list({ status: 'held', limit: 3 }) : Promise.resolve([]),
      container.editorial.counts(authorId),
      container.editorial.list({ authorId, limit: 5 }),
    ]);
    return reply
      .type(html)
      .send(
        renderDocument(
          <DashboardPage
            chrome={chrome}
            replyCounts={replyCounts}
            held={held}
            articleCounts={articleCounts}
            recent={recent}
            mine={authorId !== undefined}
          />,
        ),
      );
  });
}
