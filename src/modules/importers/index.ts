export { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
