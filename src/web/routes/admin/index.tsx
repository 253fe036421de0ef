import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { memberEditorLimits } from '../../editor-form.js';
import { adminSession } from '../../plugins/admin-session.js';
import { routeDeps, type NeedsOf, type RouteDeps } from '../../route-deps.js';
import { articlesNeeds, articlesRoutes } from './articles/articles.routes.js';
import { authNeeds, authRoutes } from './auth/auth.routes.js';
import { adminErrorChrome } from './admin-context.js';
import { renderDocument } from '../../views/render.js';
import { AdminErrorPage } from '../../views/admin/admin-error-page.js';
import { dashboardNeeds, dashboardRoutes } from './dashboard/dashboard.routes.js';
import { deskNeeds, deskRoutes } from './desk/desk.routes.js';
import { privacyDeskNeeds, privacyDeskRoutes } from './desk/privacy.routes.js';
import { mediaNeeds, mediaRoutes } from './media/media.routes.js';
import { notificationSettingsNeeds, notificationSettingsRoutes } from './account/notifications.routes.js';
import { settingsNeeds, settingsRoutes } from './settings/settings.routes.js';
import { siteSettingsNeeds, siteSettingsRoutes } from './settings/site-settings.routes.js';
import { usersNeeds, usersRoutes } from './users/users.routes.js';
import { apiTokensNeeds, apiTokensRoutes } from './account/api-tokens.routes.js';
import { webhooksNeeds, webhooksRoutes } from './webhooks/webhooks.routes.js';

/** The services the newsroom uses: its pages' and its own (the session's accounts, the upload ceiling's config). */
export const adminNeeds = [
  ...new Set([
    ...authNeeds,
    ...dashboardNeeds,
    ...articlesNeeds,
    ...deskNeeds,
    ...privacyDeskNeeds,
    ...mediaNeeds,
    ...settingsNeeds,
    ...siteSettingsNeeds,
    ...usersNeeds,
    ...notificationSettingsNeeds,
    ...apiTokensNeeds,
    ...webhooksNeeds,
    'accounts',
    'config',
  ] as const),
];

/**
 * The newsroom under /admin: one encapsulated scope whose hooks find the session, send anonymous
 * visitors to sign in and check every form's anti-forgery token; the public site never sees them.
 */
export async function adminRoutes(app: FastifyInstance, options: RouteDeps<NeedsOf<typeof adminNeeds>>): Promise<void> {
  // Only the dependencies go on: the options also carry this scope's prefix, which must not repeat.
  const deps = { container: options.container, chrome: options.chrome };
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
  const { container, chrome } = deps;
  await app.register(authRoutes, routeDeps(container, chrome, authNeeds));
  await app.register(dashboardRoutes, routeDeps(container, chrome, dashboardNeeds));
  await app.register(articlesRoutes, routeDeps(container, chrome, articlesNeeds));
  await app.register(deskRoutes, routeDeps(container, chrome, deskNeeds));
  await app.register(privacyDeskRoutes, routeDeps(container, chrome, privacyDeskNeeds));
  await app.register(mediaRoutes, routeDeps(container, chrome, mediaNeeds));
  await app.register(settingsRoutes, routeDeps(container, chrome, settingsNeeds));
  await app.register(siteSettingsRoutes, routeDeps(container, chrome, siteSettingsNeeds));
  await app.register(usersRoutes, routeDeps(container, chrome, usersNeeds));
  await app.register(notificationSettingsRoutes, routeDeps(container, chrome, notificationSettingsNeeds));
  await app.register(apiTokensRoutes, routeDeps(container, chrome, apiTokensNeeds));
  await app.register(webhooksRoutes, routeDeps(container, chrome, webhooksNeeds));
}
