export { createSettingsService, type SettingsService } from './settings.service.js';
export { readSetting, writeSetting } from './settings.queries.js';
export { SiteSecretMismatch, type SiteSecretSources } from './site-secret.js';
export { createSiteSettingsService, SITE_SETTINGS_KEY, type SiteSettingsService, type SiteImageUpload } from './site-settings.service.js';
export {
  canonicalLanguage,
  canonicalTimeZone,
  checkSiteSettings,
  defaultSiteSettings,
  isNavigableHref,
  siteLimits,
  type NavigationLink,
  type SiteSettings,
} from './site-settings.js';
export { EmailKeyProblem, noteEmailKey, type EmailKeySources } from './email-key.js';
export { createKeyFile, readKeyFile } from './site-secret.js';
