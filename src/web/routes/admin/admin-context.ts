import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden } from '../../../lib/errors.js';
import { can, type Action, type Actor, type ArticleSubject, type Origin, type SignedIn } from '../../../modules/accounts/index.js';
import { csrfTokenFor, knownDevice } from '../../plugins/admin-session.js';
import type { RouteDeps } from '../../route-deps.js';
import type { AdminChrome } from '../../views/admin/admin-layout.js';

/** The policy's view of the signed-in member (or null). */
export function actorOf(request: FastifyRequest): Actor {
  const u = request.staff?.user;
  return u ? { id: u.id, role: u.role, authorId: u.authorId } : null;
}

/** The signed-in member; the admin scope has already sent anonymous visitors to sign in. */
export function staffOf(request: FastifyRequest): SignedIn {
  if (!request.staff) throw new Forbidden('Sign in first.');
  return request.staff;
}

/** Refuses the request (403) unless the policy allows the action. */
export function authorize(request: FastifyRequest, action: Action, subject?: ArticleSubject): void {
  if (!can(actorOf(request), action, subject)) {
    throw new Forbidden('Your role does not allow this. Ask an editor or an administrator.');
  }
}

/** Who did something, for the audit trail. */
export function auditActor(request: FastifyRequest): { id: number | null; name: string } {
  const u = request.staff?.user;
  return u ? { id: u.id, name: u.name } : { id: null, name: 'anonymous' };
}

/** Where a request came from: address, browser, and the known-device cookie if any. */
export function originOf(request: FastifyRequest): Origin {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', device: knownDevice(request) };
}

/** Which menu entries a member may use. */
function menuOf(actor: Actor): NonNullable<AdminChrome['menu']> {
  return {
    moderate: can(actor, 'replies.moderate'),
    settings: can(actor, 'settings.manage'),
    users: can(actor, 'users.manage'),
    webhooks: can(actor, 'webhooks.manage'),
  };
}

/** The admin frame for this request: the member, their menu, the held count, the form token. */
export async function adminChrome(deps: RouteDeps<'desk'>, request: FastifyRequest, reply: FastifyReply): Promise<AdminChrome> {
  const { container, chrome } = deps;
  const [site, heldCount] = await Promise.all([
    chrome.loadSafely(),
    can(actorOf(request), 'replies.moderate') ? container.desk.counts().then((c) => c.held) : Promise.resolve(undefined),
  ]);
  const actor = actorOf(request);
  const user = request.staff?.user;
  return {
    siteTitle: site.siteTitle,
    assetVersion: site.assetVersion,
    csrfToken: csrfTokenFor(request, reply),
    ...(user
      ? {
          user: { name: user.name, role: user.role },
          menu: menuOf(actor),
        }
      : {}),
    ...(heldCount !== undefined ? { heldCount } : {}),
  };
}

/**
 * The admin frame for an error page: like `adminChrome`, but it never sets a cookie (the answer
 * is already an error) and survives a database that is away.
 */
export async function adminErrorChrome(deps: Pick<RouteDeps<never>, 'chrome'>, request: FastifyRequest): Promise<AdminChrome> {
  const site = await deps.chrome.loadSafely();
  const actor = actorOf(request);
  const user = request.staff?.user;
  return {
    siteTitle: site.siteTitle,
    assetVersion: site.assetVersion,
    csrfToken: request.staff?.csrfToken ?? '',
    ...(user
      ? {
          user: { name: user.name, role: user.role },
          menu: menuOf(actor),
        }
      : {}),
  };
}

/** HTML content type for admin pages. */
export const html = 'text/html; charset=utf-8';
