/**
 * What an administrator sets about the site itself (issue 11, item 5): its name, description,
 * pictures, navigation menu, time zone and language. Pure rules; the writer is site-settings.service.ts.
 */

/** One link of the navigation menu: a section, a static page, or any web address. */
export interface NavigationLink {
  label: string;
  /** A path on this site (`/articles/about`) or an `http(s)://` address. */
  href: string;
}

/** The site's identity and frame, as stored. */
export interface SiteSettings {
  title: string;
  /** One or two sentences for search engines and the front page's `<meta name="description">`; may be empty. */
  description: string;
  /** An uploaded image (media id) shown in the masthead instead of the title's text; null: the text. */
  logoMediaId: number | null;
  /** An uploaded image (media id) served as `/favicon.ico`; null: Gazette's own icon. */
  faviconMediaId: number | null;
  /** Links after the sections in the masthead's navigation, in this order. */
  navigation: NavigationLink[];
  /** An IANA time zone (`Europe/Paris`): dates on the site are shown in it. */
  timeZone: string;
  /** A BCP 47 language tag (`en`, `fr-CA`): `<html lang>` and the feeds' language. */
  language: string;
}

/** The limits each field is checked against; the settings page states them too. */
export const siteLimits = Object.freeze({
  title: 120,
  description: 300,
  navigationLinks: 20,
  navigationLabel: 60,
  navigationHref: 500,
  language: 35,
});

/** The settings before an administrator saves any: the environment's values where there are some. */
export function defaultSiteSettings(fromEnvironment: { siteTitle: string }): SiteSettings {
  return {
    title: fromEnvironment.siteTitle,
    description: '',
    logoMediaId: null,
    faviconMediaId: null,
    navigation: [],
    timeZone: 'UTC',
    language: 'en',
  };
}

/** Stored (possibly older, partial) settings over the defaults. */
export function normaliseSiteSettings(stored: Partial<SiteSettings> | undefined, defaults: SiteSettings): SiteSettings {
  const merged = { ...defaults, ...(stored ?? {}) };
  return { ...merged, navigation: merged.navigation.map((l) => ({ label: l.label, href: l.href })) };
}

// Control characters would break a header, a feed or an attribute; nobody types them on purpose.
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** The canonical form of a time zone name, or undefined when Node's ICU does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The canonical form of a BCP 47 language tag (`en-us` → `en-US`), or undefined when it is not one. */
export function canonicalLanguage(tag: string): string | undefined {
  if (tag.length === 0 || tag.length > siteLimits.language) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * Whether a menu link is safe to put in every page: a path on this site (not `//host`, which a
 * browser reads as another host) or an `http:`/`https:` address. `javascript:`, `data:` and the
 * like would run in the reader's browser, so they are refused, not escaped.
 */
export function isNavigableHref(href: string): boolean {
  if (href.length === 0 || href.length > siteLimits.navigationHref || controlCharacters.test(href) || /\s/.test(href)) return false;
  if (href.startsWith('/')) return !/^\/[/\\]/.test(href);
  try {
    const url = new URL(href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** One problem with one field, as the form shows it. */
export interface SiteSettingsProblem {
  field: keyof SiteSettings;
  message: string;
}

/**
 * Checks changes to the settings and puts them in canonical form. Returns every problem at once,
 * each naming its field, so the form shows them all in one round trip.
 */
export function checkSiteSettings(changes: Partial<SiteSettings>): { value: Partial<SiteSettings>; problems: SiteSettingsProblem[] } {
  const problems: SiteSettingsProblem[] = [];
  const value: Partial<SiteSettings> = {};
  if (changes.title !== undefined) {
    const title = changes.title.trim();
    if (title.length === 0) problems.push({ field: 'title', message: 'Give the site a title.' });
    else if (title.length > siteLimits.title)
      problems.push({ field: 'title', message: `The title may have at most ${siteLimits.title} characters; it has ${title.length}.` });
    else if (controlCharacters.test(title)) problems.push({ field: 'title', message: 'The title may not contain control characters.' });
    else value.title = title;
  }
  if (changes.description !== undefined) {
    const description = changes.description.trim().replace(/\s*\r?\n\s*/g, ' ');
    if (description.length > siteLimits.description)
      problems.push({
        field: 'description',
        message: `The description may have at most ${siteLimits.description} characters; it has ${description.length}.`,
      });
    else if (controlCharacters.test(description))
      problems.push({ field: 'description', message: 'The description may not contain control characters.' });
    else value.description = description;
  }
  if (changes.timeZone !== undefined) {
    const zone = canonicalTimeZone(changes.timeZone.trim());
    if (zone === undefined) problems.push({ field: 'timeZone', message: 'Choose a time zone from the list (for example Europe/Paris).' });
    else value.timeZone = zone;
  }
  if (changes.language !== undefined) {
    const language = canonicalLanguage(changes.language.trim());
    if (language === undefined)
      problems.push({ field: 'language', message: 'Enter a language tag such as en, en-GB, fr or pt-BR (BCP 47).' });
    else value.language = language;
  }
  if (changes.navigation !== undefined) {
    const problem = navigationProblem(changes.navigation);
    if (problem) problems.push({ field: 'navigation', message: problem });
    else value.navigation = changes.navigation.map((l) => ({ label: l.label.trim(), href: l.href.trim() }));
  }
  for (const field of ['logoMediaId', 'faviconMediaId'] as const) {
    const id = changes[field];
    if (id === undefined) continue;
    if (id !== null && !(Number.isSafeInteger(id) && id > 0)) problems.push({ field, message: 'Choose an uploaded image.' });
    else value[field] = id;
  }
  return { value, problems };
}

function navigationProblem(links: NavigationLink[]): string | undefined {
  if (links.length > siteLimits.navigationLinks)
    return `The menu may have at most ${siteLimits.navigationLinks} links; it has ${links.length}.`;
  for (const [i, link] of links.entries()) {
    const line = `Menu line ${i + 1}`;
    const label = link.label.trim();
    const href = link.href.trim();
    if (label.length === 0) return `${line}: give the link a label before the “|”.`;
    if (label.length > siteLimits.navigationLabel) return `${line}: a label may have at most ${siteLimits.navigationLabel} characters.`;
    if (controlCharacters.test(label)) return `${line}: the label may not contain control characters.`;
    if (!isNavigableHref(href))
      return `${line}: “${href.slice(0, 80)}” is not a link a menu may hold; use a path on this site (/articles/about) or an http:// or https:// address.`;
  }
  return undefined;
}
