export { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
export { createOldLinks, type OldLinks, type OldLinkTarget } from './old-links.js';
export { ImportFailed, type ImportProgress, type ImportSummary, type SkipReason } from './import-report.js';
export type { ImporterDeps } from './importer-deps.js';
export { runImport, type ExportFormat, type ImportOptions } from './run-import.js';
export { wordpressFormat } from './wordpress-import.js';
export { disqusFormat } from './disqus-import.js';
export { GAZETTE_FORMAT_VERSION, NOT_EXPORTED, type ExportCounts } from './gazette-format.js';
export { exportSite, exportSiteToFile, type ExportProgress, type SiteExportDeps } from './site-export.js';
export {
  importGazette,
  importGazetteFile,
  ImportLineError,
  type GazetteImportDeps,
  type GazetteImportResult,
  type GazetteImportProgress,
} from './gazette-import.js';
