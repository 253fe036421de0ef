import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { terminalSafeJson, visibleControls } from '../lib/reader-text.js';
import { disqusFormat, runImport, wordpressFormat, type ImportSource, type ImporterDeps } from '../modules/importers/index.js';
import type { Container } from '../container.js';
import { createMarkdownRenderer, type MarkdownRendererOptions } from '../modules/articles/index.js';
import { withContainer } from './cli-context.js';
import { importGazetteCommand } from './import-gazette.command.js';
import { progressLine, summaryText } from './import-progress.js';

/** The Markdown pool of an import's process: one thread with a small young generation. */
const IMPORT_MARKDOWN: MarkdownRendererOptions = { maxThreads: 1, youngGenerationMb: 8 };

/**
 * Keeps the import's main-thread heap near what it holds alive (about 35 MB at any size of file).
 * An import allocates without pause (each comment's row, each statement), and V8's defaults let
 * the main heap reach 140-165 MB before a full collection: a young generation growing to 16 MB a
 * half, and an old generation allowed to grow to about four times its live size. The sizes V8 is
 * started with cannot be given (the CLI runs as `node bin/gazette.js`), but these two factors are
 * read each time the heap grows, so setting them here takes effect: the young generation stays
 * as start-up left it (1-2 MB a half), and the old one may grow by half its live size before the
 * next full collection. Measured at a tenth of the bench's file (docs/benchmarks.md, issue 9).
 */
function keepHeapSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** How far the old generation may grow past its live size before a full collection, in %. */
const HEAP_GROWING_PERCENT = 50;

/** What the importers need, from the container (the CLI, the import benchmark and the tests build it here). */
export function importerDeps(container: Container): ImporterDeps {
  return {
    db: container.storage.db,
    caps: container.storage.caps,
    clock: container.clock,
    events: container.events,
    articles: container.articleWriter,
    replies: container.replies,
    accounts: container.accounts,
  };
}

/** One `gazette import <format> FILE` subcommand. */
function formatCommand(name: string, format: ImportSource, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('<file>', 'the export file (XML)')
    .option('--json', 'print the summary as one JSON object (for programs)')
    .action(async (file: string, options: { json?: boolean }) => {
      keepHeapSmall();
      // Progress only where a person watches: a terminal on stderr, and not when a program reads JSON.
      const live = process.stderr.isTTY === true && !options.json;
      // One formatting thread, not the server's two: the import hands it one batch at a time, and
      // each thread is a V8 heap of its own (issue 9: the import's memory).
      const markdown = createMarkdownRenderer(IMPORT_MARKDOWN);
      let summary;
      try {
        summary = await withContainer(
          (container) =>
            runImport(importerDeps(container), format, file, {
              onProgress: live ? (p) => process.stderr.write(`\r\x1b[2K${progressLine(p)}`) : undefined,
            }),
          { markdown },
        );
      } finally {
        await markdown.close();
      }
      if (live) process.stderr.write('\n');
      // The summary quotes titles and names from the file: shown with control characters made visible.
      process.stdout.write(
        options.json ? `${terminalSafeJson(summary)}\n` : `${summaryText(summary).split('\n').map(visibleControls).join('\n')}\n`,
      );
    });
}

/** `gazette import wordpress|disqus|gazette FILE`: move a site in. */
export function importCommand(): Command {
  return new Command('import')
    .description('Move a site in: one transaction per file, re-runnable (a second run updates what changed and duplicates nothing).')
    .addCommand(
      formatCommand(
        'wordpress',
        wordpressFormat,
        'Import a WordPress export (Tools → Export, WXR 1.1/1.2): authors, posts, pages, categories, tags, comments, old links.',
      ),
    )
    .addCommand(
      formatCommand(
        'disqus',
        disqusFormat,
        'Import a Disqus export: its threads attach to the imported articles they were under, by old link.',
      ),
    )
    .addCommand(importGazetteCommand());
}
