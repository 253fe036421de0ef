import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { fallbackSrc } from '../../../../modules/media/index.js';
import { siteLimits, type NavigationLink, type SiteImageUpload, type SiteSettings } from '../../../../modules/settings/index.js';
import { adminUrls } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { urls } from '../../../urls.js';
import { assertCsrf } from '../../../plugins/admin-session.js';
import { Form } from '../admin-forms.schema.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { SiteSettingsPage, type SiteSettingsContext, type SiteSettingsValues } from '../../../views/admin/site-settings-page.js';
import { adminChrome, auditActor, authorize, html, staffOf } from '../admin-context.js';
import { bodyLimits } from '../../../body-limits.js';

// Generous shape limits: anything up to them reaches the service, which names the field and keeps
// the text; only a body no browser would send is refused by the schema.
const SiteBody = Form({
  title: Type.String({ maxLength: 20_000 }),
  description: Type.String({ maxLength: 20_000 }),
  navigation: Type.String({ maxLength: 100_000 }),
  language: Type.String({ maxLength: 1000 }),
  timeZone: Type.String({ maxLength: 1000 }),
});
type SiteBody = Static<typeof SiteBody>;
const PageBody = Form({ pageTitle: Type.String({ maxLength: 20_000 }) });
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 10 })) });

const notices: Record<string, string> = {
  settings: 'Settings saved. Every page shows them now.',
  pictures: 'Pictures saved. Every page shows them now.',
};

/** The menu as typed, one link a line: `Label | address` (the last “|” splits, as addresses rarely hold one). */
export function parseNavigation(text: string): NavigationLink[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.lastIndexOf('|');
      return bar === -1 ? { label: '', href: line } : { label: line.slice(0, bar).trim(), href: line.slice(bar + 1).trim() };
    });
}

function valuesOf(s: SiteSettings): SiteSettingsValues {
  return {
    title: s.title,
    description: s.description,
    navigation: s.navigation.map((l) => `${l.label} | ${l.href}`).join('\n'),
    language: s.language,
    timeZone: s.timeZone,
  };
}

/** Every zone Node's ICU knows, UTC first (`supportedValuesOf` leaves the alias out). */
const timeZones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

/** The services the site settings page uses (desk: the held count in the menu). */
export const siteSettingsNeeds = ['site', 'media', 'articles', 'editorial', 'config', 'desk'] as const;

/** The site settings page (administrators): identity, menu, language, time zone, pictures, standing pages. */
export async function siteSettingsRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof siteSettingsNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function contextOf(site: SiteSettings): Promise<SiteSettingsContext> {
    const [logo, sections, pages] = await Promise.all([
      site.logoMediaId === null ? undefined : container.media.find(site.logoMediaId),
      container.articles.sections(),
      container.articles.pages({ includeDrafts: true }),
    ]);
    return {
      limits: { title: siteLimits.title, description: siteLimits.description, navigationLinks: siteLimits.navigationLinks },
      timeZones,
      ...(logo ? { logo: { src: fallbackSrc(logo), width: logo.width, height: logo.height } } : {}),
      faviconSrc: urls.favicon(site.faviconMediaId === null ? 'gazette' : String(site.faviconMediaId)),
      customFavicon: site.faviconMediaId !== null,
      sections,
      pages,
    };
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { values?: SiteSettingsValues; errors?: FormErrors; status?: number; notice?: string },
  ) {
    const site = await container.site.current();
    const [chrome, context] = await Promise.all([adminChrome(deps, request, reply), contextOf(site)]);
    return reply
      .code(page.status ?? 200)
      .type(html)
      .send(
        renderDocument(
          <SiteSettingsPage
            chrome={chrome}
            values={page.values ?? valuesOf(site)}
            context={context}
            errors={page.errors ?? noErrors}
            notice={page.notice}
          />,
        ),
      );
  }

  r.get('/settings/site', { schema: { querystring: SavedQuery } }, async (request, reply) => {
    authorize(request, 'settings.manage');
    return render(request, reply, { notice: notices[request.query.saved ?? ''] });
  });

  r.post('/settings/site', { schema: { body: SiteBody }, bodyLimit: bodyLimits.settings }, async (request, reply) => {
    authorize(request, 'settings.manage');
    const b: SiteBody = request.body;
    const changes: Partial<SiteSettings> = {
      title: b.title ?? '',
      description: b.description ?? '',
      navigation: parseNavigation(b.navigation ?? ''),
      language: b.language ?? '',
      timeZone: b.timeZone ?? '',
    };
    return submitForm(() => container.site.update(changes, auditActor(request)), {
      done: () => reply.redirect(`${adminUrls.siteSettings()}?saved=settings`, 303),
      // The administrator's own text goes back into the form, wrong lines included.
      refused: ({ status, errors }) =>
        render(request, reply, {
          status,
          errors,
          values: {
            title: b.title ?? '',
            description: b.description ?? '',
            navigation: b.navigation ?? '',
            language: b.language ?? '',
            timeZone: b.timeZone ?? '',
          },
        }),
    });
  });

  /** The pictures form (multipart): read here, within limits, after the role is checked; the session's token is in its first field. */
  r.post('/settings/site/images', { config: { multipart: true } }, async (request, reply) => {
    authorize(request, 'settings.manage');
    const { fields, images, tooLarge } = await readPictures(request, container.config.maxUploadBytes);
    assertCsrf(request, fields._csrf);
    if (tooLarge) {
      // The rest of the upload is not read just to be discarded.
      reply.header('connection', 'close');
      const mb = Math.floor(container.config.maxUploadBytes / 1024 / 1024);
      return render(request, reply, {
        status: 413,
        errors: { fields: { [tooLarge === 'logo' ? 'logoMediaId' : 'faviconMediaId']: `The image is too large: the limit is ${mb} MB.` } },
      });
    }
    const changes: Partial<SiteSettings> = {
      ...(fields.removeLogo === 'on' && !images.logo ? { logoMediaId: null } : {}),
      ...(fields.removeFavicon === 'on' && !images.favicon ? { faviconMediaId: null } : {}),
    };
    return submitForm(() => container.site.update(changes, auditActor(request), images), {
      done: () => reply.redirect(`${adminUrls.siteSettings()}?saved=pictures`, 303),
      refused: ({ status, errors }) => render(request, reply, { status, errors }),
    });
  });

  /** A new standing page: a draft of kind `page` through the one article writer, then its editor. */
  r.post('/settings/site/pages', { schema: { body: PageBody } }, async (request, reply) => {
    authorize(request, 'settings.manage');
    authorize(request, 'article.create');
    const { user } = staffOf(request);
    const sections = await container.articles.sections();
    const draft = {
      headline: request.body.pageTitle ?? '',
      dek: '',
      slug: '',
      bodyMarkdown: '',
      // A page lists under no section; it takes an existing one so that none is made for it.
      section: sections[0]?.name ?? 'News',
      tags: [],
      status: 'draft' as const,
      publishAt: null,
      repliesOpen: false,
      featuredMediaId: null,
      featuredAlt: '',
      kind: 'page' as const,
    };
    return submitForm(() => container.editorial.create(draft, { id: user.id, name: user.name, authorId: user.authorId }), {
      done: (id) => reply.redirect(adminUrls.editArticle(id), 303),
      refused: ({ status, errors }) =>
        render(request, reply, {
          status,
          errors: {
            ...errors,
            fields: Object.fromEntries(Object.entries(errors.fields).map(([k, m]) => [k === 'headline' ? 'pageTitle' : k, m])),
          },
        }),
    });
  });
}

/** The pictures form's parts: its few text fields, the logo and the icon if chosen, and which was too large. */
async function readPictures(
  request: FastifyRequest,
  maxUploadBytes: number,
): Promise<{
  fields: Record<string, string>;
  images: { logo?: SiteImageUpload; favicon?: SiteImageUpload };
  tooLarge?: 'logo' | 'favicon';
}> {
  const fields: Record<string, string> = {};
  const images: { logo?: SiteImageUpload; favicon?: SiteImageUpload } = {};
  const parts = request.parts({ limits: { fields: 5, fieldSize: 1024, files: 2, fileSize: maxUploadBytes, parts: 7, headerPairs: 10 } });
  let current: 'logo' | 'favicon' | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'logo' && part.fieldname !== 'favicon') {
        part.file.resume();
        continue;
      }
      current = part.fieldname;
      const bytes = await part.toBuffer();
      if (part.filename && bytes.length > 0) images[part.fieldname] = { bytes, filename: part.filename };
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413 && current) {
      return { fields, images: {}, tooLarge: current };
    }
    if (status !== undefined && status >= 400 && status < 500) throw error;
    // Busboy's parse errors carry no status: the client's bytes are at fault.
    throw Object.assign(new Error('This form could not be read: its body is malformed or incomplete. Reload the page and send it again.'), {
      statusCode: 400,
    });
  }
  return { fields, images };
}
