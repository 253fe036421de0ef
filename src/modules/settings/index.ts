export { createSettingsService, type SettingsService } from './settings.service.js';
export { readSetting, writeSetting } from './settings.queries.js';
export { SiteSecretMismatch, type SiteSecretSources } from './site-secret.js';
