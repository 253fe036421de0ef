export { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
export { createOldLinks, type OldLinks, type OldLinkTarget } from './old-links.js';
