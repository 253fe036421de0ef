import type { MarkdownRenderer } from './markdown.js';

/**
 * Article bodies an import has the writer format ahead of writing them: a batch in one worker task,
 * begun at once, so the thread formats the next batch while the importer writes this one. Only the
 * article writer makes one (`formatForImport`) and reads it (`importArticle`'s `formatted` option);
 * a body that was not in the batch is simply formatted as usual.
 */
export class FormattedBodies {
  private readonly byText = new Map<string, Promise<string | Error>>();

  /** Starts formatting `markdowns` now. */
  constructor(markdowns: readonly string[], renderer: Pick<MarkdownRenderer, 'renderMany'>) {
    const all = renderer.renderMany(markdowns);
    markdowns.forEach((markdown, i) =>
      this.byText.set(
        markdown,
        all.then((answers) => answers[i]!),
      ),
    );
  }

  /** The HTML of `markdown` (or the refusal `render` gives it) when it was in the batch; undefined when it was not. */
  html(markdown: string): Promise<string> | undefined {
    const answer = this.byText.get(markdown);
    return answer?.then((html) => {
      if (html instanceof Error) throw html;
      return html;
    });
  }
}
