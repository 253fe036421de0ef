export { createSettingsService, type SettingsService } from './settings.service.js';
export { WORD_LIST_LIMIT, defaultDiscussionSettings, normaliseDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
export { createDiscussionEditor, discussionRanges, type DiscussionEditor } from './discussion-editor.js';
export { SiteSecretMismatch, type SiteSecretSources } from './site-secret.js';
