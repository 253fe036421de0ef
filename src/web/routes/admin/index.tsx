import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { memberEditorLimits } from '../../editor-form.js';
import { adminSession } from '../../plugins/admin-session.js';
import type { RouteDeps } from '../../route-deps.js';
import { articlesRoutes } from './articles.routes.js';
import { authRoutes } from './auth.routes.js';
import { adminErrorChrome } from './admin-context.js';
import { renderDocument } from '../../views/render.js';
import { AdminErrorPage } from '../../views/admin/admin-error-page.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { deskRoutes } from './desk.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { usersRoutes } from './users.routes.js';

/**
 * The newsroom under /admin: one encapsulated scope whose hooks find the session, send anonymous
 * visitors to sign in and check every form's anti-forgery token; the public site never sees them.
 */
export async function adminRoutes(app: FastifyInstance, options: RouteDeps): Promise<void> {
  // Only the dependencies go on: the options also carry this scope's prefix, which must not repeat.
  const deps: RouteDeps = { container: options.container, chrome: options.chrome };
  await app.register(adminSession, { accounts: deps.container.accounts });
  // Errors inside the newsroom (403, 404, an expired form) are shown in the newsroom's own frame.
  app.addHook('onRoute', (route) => {
    route.config = {
      ...(route.config ?? {}),
      htmlErrorPage: async (request, error) =>
        renderDocument(<AdminErrorPage chrome={await adminErrorChrome(deps, request)} status={error.status} message={error.message} />),
    };
  });
  // Only the editor posts multipart (its featured image); it reads with limits sized to its fields
  // and to the session (editor-form.ts). These are the ceiling for anything else.
  const ceiling = memberEditorLimits(deps.container.config.maxUploadBytes);
  await app.register(multipart, {
    limits: { fileSize: ceiling.fileBytes, files: 1, fields: 20, parts: 21, fieldSize: ceiling.fieldBytes },
  });
  await app.register(authRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(articlesRoutes, deps);
  await app.register(deskRoutes, deps);
  await app.register(settingsRoutes, deps);
  await app.register(usersRoutes, deps);
}
