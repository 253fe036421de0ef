import type { Readable, Writable } from 'node:stream';
import type { ExportCounts } from './gazette-format.js';
import type { GazetteImportDeps, GazetteImportProgress, GazetteImportResult } from './gazette-import.js';
import type { ImportSummary } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import type { ImportOptions } from './run-import.js';
import type { ExportProgress, SiteExportDeps } from './site-export.js';

/*
 * The importers and the export, loaded with their first run. A serving process needs only the old
 * links (old-links.ts) from this module; the XML and HTML parsers, the conversion thread and the
 * record schemas behind these functions would otherwise load in every process (issue 12,
 * "Footprint"). Each function has the signature of the one it loads.
 */

/** The export files `runImport` reads. */
export type ImportSource = 'wordpress' | 'disqus';
/** A WordPress export (WXR 1.1/1.2). */
export const wordpressFormat: ImportSource = 'wordpress';
/** A Disqus export. */
export const disqusFormat: ImportSource = 'disqus';

async function formatOf(source: ImportSource) {
  return source === 'wordpress'
    ? (await import('./wordpress-import.js')).wordpressFormat
    : (await import('./disqus-import.js')).disqusFormat;
}

/** Imports an export file in one transaction (run-import.ts). */
export async function runImport(deps: ImporterDeps, source: ImportSource, file: string, options?: ImportOptions): Promise<ImportSummary> {
  const [{ runImport: run }, format] = await Promise.all([import('./run-import.js'), formatOf(source)]);
  return run(deps, format, file, options);
}

/** Writes the whole site as Gazette's export format to `out` (site-export.ts). */
export async function exportSite(deps: SiteExportDeps, out: Writable, onProgress?: ExportProgress): Promise<ExportCounts> {
  return (await import('./site-export.js')).exportSite(deps, out, onProgress);
}

/** Writes the whole site to a new file (site-export.ts). */
export async function exportSiteToFile(deps: SiteExportDeps, path: string, onProgress?: ExportProgress): Promise<ExportCounts> {
  return (await import('./site-export.js')).exportSiteToFile(deps, path, onProgress);
}

/** Reads Gazette's export format from `input` in one transaction (gazette-import.ts). */
export async function importGazette(
  deps: GazetteImportDeps,
  input: Readable,
  onProgress?: GazetteImportProgress,
): Promise<GazetteImportResult> {
  return (await import('./gazette-import.js')).importGazette(deps, input, onProgress);
}

/** Reads a Gazette export file (gazette-import.ts). */
export async function importGazetteFile(
  deps: GazetteImportDeps,
  path: string,
  onProgress?: GazetteImportProgress,
): Promise<GazetteImportResult> {
  return (await import('./gazette-import.js')).importGazetteFile(deps, path, onProgress);
}
