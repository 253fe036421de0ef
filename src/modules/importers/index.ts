export { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
export { createOldLinks, type OldLinks, type OldLinkTarget } from './old-links.js';
export { ImportFailed, type ImportProgress, type ImportSummary, type SkipReason } from './import-report.js';
export type { ImporterDeps } from './importer-deps.js';
export type { ImportOptions } from './run-import.js';
export { GAZETTE_FORMAT_VERSION, NOT_EXPORTED, type ExportCounts } from './gazette-format.js';
export type { ExportProgress, SiteExportDeps } from './site-export.js';
export type { GazetteImportDeps, GazetteImportResult, GazetteImportProgress } from './gazette-import.js';
// Loaded with their first run (entry-points.ts): a serving process uses only the old links above.
export {
  disqusFormat,
  exportSite,
  exportSiteToFile,
  importGazette,
  importGazetteFile,
  runImport,
  wordpressFormat,
  type ImportSource,
} from './entry-points.js';
