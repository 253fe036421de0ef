export { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
export { createOldLinks, type OldLinks, type OldLinkTarget } from './old-links.js';
export { ImportFailed, type ImportProgress, type ImportSummary, type SkipReason } from './import-report.js';
export type { ImporterDeps } from './importer-deps.js';
export { runImport, type ExportFormat, type ImportOptions } from './run-import.js';
export { wordpressFormat } from './wordpress-import.js';
export { disqusFormat } from './disqus-import.js';
