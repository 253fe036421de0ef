import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../route-deps.js';
import { renderDocument } from '../../views/render.js';
import { DashboardPage } from '../../views/admin/dashboard-page.js';
import { actorOf, adminChrome, html } from './admin-context.js';
import { can } from '../../../modules/accounts/index.js';

/** The newsroom's overview page. */
export async function dashboardRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get('/', async (request, reply) => {
    const chrome = await adminChrome(deps, request, reply);
    const moderate = can(actorOf(request), 'replies.moderate');
    const counts = moderate ? await deps.container.desk.counts() : undefined;
    return reply.type(html).send(renderDocument(<DashboardPage chrome={chrome} replyCounts={counts} />));
  });
}
