export { normaliseOldPath, slugKeyOf, type LegacyKind } from './legacy-keys.js';
export { GAZETTE_FORMAT_VERSION, NOT_EXPORTED, type ExportCounts } from './gazette-format.js';
export { exportSite, exportSiteToFile, type ExportProgress, type SiteExportDeps } from './site-export.js';
export {
  importGazette,
  importGazetteFile,
  ImportLineError,
  type GazetteImportDeps,
  type GazetteImportResult,
  type ImportProgress,
} from './gazette-import.js';
