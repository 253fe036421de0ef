import { adminUrls } from '../../admin-urls.js';
import { urls } from '../../urls.js';
import { TextField } from '../text-field.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';

/** The text form's values: as stored, or as the administrator typed them when a save failed. */
export interface SiteSettingsValues {
  title: string;
  description: string;
  /** One link a line: `Label | address`. */
  navigation: string;
  language: string;
  timeZone: string;
}

/** What the page shows besides the form: the pictures in force, the addresses a menu may use, the standing pages. */
export interface SiteSettingsContext {
  limits: { title: number; description: number; navigationLinks: number };
  timeZones: string[];
  logo?: { src: string; width: number; height: number };
  /** The favicon's current address (versioned). */
  faviconSrc: string;
  customFavicon: boolean;
  sections: { name: string; slug: string }[];
  pages: { id: number; headline: string; slug: string; status: string }[];
}

function FieldMessage(props: { name: string; errors: FormErrors }) {
  const message = props.errors.fields[props.name];
  return message ? (
    <p class="field-error" id={`error-${props.name}`}>
      {message}
    </p>
  ) : null;
}

function TextArea(props: { name: string; label: string; value: string; hint: string; rows: number; errors: FormErrors }) {
  const error = props.errors.fields[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`field-${props.name}`}>{props.label}</label>
      <p class="hint" id={`hint-${props.name}`}>
        {props.hint}
      </p>
      <FieldMessage name={props.name} errors={props.errors} />
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows}
        aria-describedby={error ? `hint-${props.name} error-${props.name}` : `hint-${props.name}`}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

/** The addresses a menu line may point at, so nobody has to guess them. */
function KnownAddresses(props: { context: SiteSettingsContext }) {
  const { sections, pages } = props.context;
  return (
    <details class="known-addresses">
      <summary>Addresses on this site</summary>
      <ul>
        <li>
          <code>{urls.home()}</code> the front page
        </li>
        {sections.map((s) => (
          <li>
            <code>{urls.section(s.slug)}</code> section {s.name}
          </li>
        ))}
        {pages.map((p) => (
          <li>
            <code>{urls.article(p.slug)}</code> page {p.headline}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The site settings: identity, menu, language and time; the pictures; the standing pages. */
export function SiteSettingsPage(props: {
  chrome: AdminChrome;
  values: SiteSettingsValues;
  context: SiteSettingsContext;
  errors: FormErrors;
  notice?: string;
}) {
  const { values: v, context: c, errors } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Site settings" section="site">
      <PageHeader
        title="Site settings"
        lead="The site's name, menu, language, time zone, pictures and standing pages. Saved changes show on every page at once."
      />
      <Notice message={props.notice} />
      <ErrorSummary errors={errors} />
      <form method="post" action={adminUrls.siteSettings()} class="settings-form" novalidate>
        <CsrfField token={props.chrome.csrfToken} />
        <fieldset>
          <legend>Identity</legend>
          <TextField
            name="title"
            label="Site title"
            value={v.title}
            required
            hint={`Shown in the masthead, the browser tab and the feeds; at most ${c.limits.title} characters.`}
            error={errors.fields.title}
          />
          <TextArea
            name="description"
            label="Description"
            value={v.description}
            rows={2}
            hint={`One or two sentences for search engines and feed readers; at most ${c.limits.description} characters.`}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>Navigation menu</legend>
          <TextArea
            name="navigation"
            label="Menu links, after the sections"
            value={v.navigation}
            rows={5}
            hint={`One link a line, in order: a label, a “|”, then a path on this site or an https:// address. For example: About | /articles/about. At most ${c.limits.navigationLinks} links.`}
            errors={errors}
          />
          <KnownAddresses context={c} />
        </fieldset>
        <fieldset>
          <legend>Language and time</legend>
          <TextField
            name="language"
            label="Language"
            value={v.language}
            hint="A language tag: en, en-GB, fr, pt-BR… Browsers, screen readers and search engines read it."
            error={errors.fields.language}
            extra={{ autocapitalize: 'off', spellcheck: 'false' }}
          />
          <div class={errors.fields.timeZone ? 'field has-error' : 'field'}>
            <label for="field-timeZone">Time zone</label>
            <p class="hint" id="hint-timeZone">
              Dates of articles and replies are shown in it.
            </p>
            <FieldMessage name="timeZone" errors={errors} />
            <select id="field-timeZone" name="timeZone" aria-describedby="hint-timeZone">
              {c.timeZones.map((zone) => (
                <option value={zone} selected={zone === v.timeZone}>
                  {zone}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <p class="form-actions">
          <button type="submit" class="button button-primary">
            Save settings
          </button>
        </p>
      </form>

      <form method="post" action={adminUrls.siteImages()} enctype="multipart/form-data" class="settings-form" novalidate>
        <CsrfField token={props.chrome.csrfToken} />
        <fieldset>
          <legend>Logo and icon</legend>
          <div class={errors.fields.logoMediaId ? 'field has-error' : 'field'}>
            <label for="field-logoMediaId">Logo</label>
            <p class="hint" id="hint-logoMediaId">
              Shown in the masthead instead of the title (which stays its text for screen readers). A wide PNG or WebP with a transparent
              background reads best in light and dark.
            </p>
            <FieldMessage name="logoMediaId" errors={errors} />
            {c.logo && <img class="settings-logo" src={c.logo.src} width={c.logo.width} height={c.logo.height} alt="The current logo" />}
            <input type="file" id="field-logoMediaId" name="logo" accept="image/*" aria-describedby="hint-logoMediaId" />
          </div>
          {c.logo && (
            <div class="field field-check">
              <input type="checkbox" id="field-removeLogo" name="removeLogo" value="on" />
              <label for="field-removeLogo">Remove the logo (show the title as text)</label>
            </div>
          )}
          <div class={errors.fields.faviconMediaId ? 'field has-error' : 'field'}>
            <label for="field-faviconMediaId">Icon (favicon)</label>
            <p class="hint" id="hint-faviconMediaId">
              The small picture in browser tabs and bookmarks; a square image of at least 64 × 64 pixels.
            </p>
            <FieldMessage name="faviconMediaId" errors={errors} />
            <img class="settings-favicon" src={c.faviconSrc} width={32} height={32} alt="The current icon" />
            <input type="file" id="field-faviconMediaId" name="favicon" accept="image/*" aria-describedby="hint-faviconMediaId" />
          </div>
          {c.customFavicon && (
            <div class="field field-check">
              <input type="checkbox" id="field-removeFavicon" name="removeFavicon" value="on" />
              <label for="field-removeFavicon">Use Gazette's own icon again</label>
            </div>
          )}
        </fieldset>
        <p class="form-actions">
          <button type="submit" class="button">
            Save pictures
          </button>
        </p>
      </form>

      <section class="settings-form" aria-labelledby="pages-heading">
        <h2 id="pages-heading">Standing pages</h2>
        <p class="hint">
          About, Contact, a corrections policy: pages with their own address, in the sitemap, never on the front page or in the feeds. Add
          one to the menu with its address.
        </p>
        {c.pages.length > 0 && (
          <ul class="page-list">
            {c.pages.map((p) => (
              <li>
                <a href={adminUrls.editArticle(p.id)}>{p.headline}</a> <code>{urls.article(p.slug)}</code>
                {p.status !== 'published' && <span class="status-note"> ({p.status})</span>}
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={adminUrls.newStaticPage()} class="inline-form" novalidate>
          <CsrfField token={props.chrome.csrfToken} />
          <TextField
            name="pageTitle"
            label="New page's title"
            value=""
            hint="Opens the editor on a draft page."
            error={errors.fields.headline}
          />
          <p class="form-actions">
            <button type="submit" class="button">
              Add a page
            </button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}
