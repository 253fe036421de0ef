import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { ImportFailed } from './import-report.js';

/**
 * An export file's records, read as a stream. WordPress and Disqus exports are one root element
 * holding many small records (an `<item>`, a `<post>`); each record is handed over as a small tree
 * once its closing tag is read, and then forgotten, so memory follows the largest record, never
 * the file.
 *
 * Hostile files: any DTD is refused outright (no entity expansion, no external entities: the
 * parser is never asked to fetch or expand anything, and exports never carry one), text beyond
 * {@link TEXT_LIMIT} in one element is cut and the record marked, and malformed XML stops the
 * read with the line it was found on.
 */

/** One element of a record: its name as written (`wp:post_id`), attributes, text (CDATA included) and children. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  /** The line its start tag ended on, for messages. */
  line: number;
  /** Its text (or a descendant's) was longer than {@link TEXT_LIMIT} and was cut. */
  truncated: boolean;
}

/** Characters kept of one element's text: more than any article body Gazette stores (500,000). */
export const TEXT_LIMIT = 2_000_000;

/** Where records sit and who takes them. */
export interface RecordReader {
  /**
   * Called with the root element's name and attributes before anything else: throw an
   * ImportFailed to refuse a file of the wrong kind.
   */
  root(name: string, attrs: Record<string, string>): void;
  /** Whether an element at this depth (the root is 0) under this parent starts a record. */
  isRecord(name: string, depth: number, parentName: string): boolean;
  /** A whole record, once closed; awaited before the file is read further. */
  record(node: XmlNode): Promise<void>;
  /** Bytes of the file read so far (for progress). */
  progress?(bytesRead: number): void;
}

/** Reads `path` and hands every record to `reader`, in file order. */
export async function readXmlRecords(path: string, reader: RecordReader): Promise<void> {
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const stack: XmlNode[] = [];
  let recordDepth = -1;
  let sawRoot = false;
  const ready: XmlNode[] = [];
  const failAt = (line: number, reason: string): never => {
    throw new ImportFailed(`line ${line}: ${reason}`);
  };

  parser.on('error', (error) => failAt(parser.line, `the XML is malformed: ${error.message.replace(/^\d+:\d+: /, '')}`));
  parser.on('doctype', () =>
    failAt(parser.line, 'the file declares a DTD (<!DOCTYPE>). Exports never carry one, and entity definitions are refused.'),
  );
  parser.on('opentag', (tag) => {
    const depth = stack.length;
    if (depth === 0) {
      if (sawRoot) failAt(parser.line, 'the file has a second root element.');
      sawRoot = true;
      reader.root(tag.name, tag.attributes);
    }
    const node: XmlNode = { name: tag.name, attrs: tag.attributes, text: '', children: [], line: parser.line, truncated: false };
    if (recordDepth >= 0) stack[stack.length - 1]!.children.push(node);
    else if (depth > 0 && reader.isRecord(tag.name, depth, stack[depth - 1]!.name)) recordDepth = depth;
    stack.push(node);
  });
  const onText = (text: string) => {
    const node = stack[stack.length - 1];
    if (!node || recordDepth < 0) return;
    if (node.text.length + text.length > TEXT_LIMIT) {
      node.text += text.slice(0, Math.max(0, TEXT_LIMIT - node.text.length));
      node.truncated = true;
    } else node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const node = stack.pop()!;
    if (node.truncated && stack.length > 0) stack[stack.length - 1]!.truncated = true;
    if (stack.length === recordDepth) {
      recordDepth = -1;
      ready.push(node);
    }
  });

  let bytesRead = 0;
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = new TextDecoder('utf-8', { fatal: false });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      // Records finished in this chunk are written before the next chunk is read: back-pressure.
      while (ready.length > 0) await reader.record(ready.shift()!);
      reader.progress?.(bytesRead);
    }
    parser.write(decoder.decode());
    if (!sawRoot) failAt(parser.line, 'the file is empty or is not XML.');
    if (stack.length > 0) failAt(parser.line, `the file ends inside <${stack[stack.length - 1]!.name}>: it was cut short.`);
    parser.close();
    while (ready.length > 0) await reader.record(ready.shift()!);
  } finally {
    stream.destroy();
  }
}

/** The first child named `name` (as written, prefix included). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The text of the first child named `name`, trimmed; '' when absent. */
export function textOf(node: XmlNode, name: string): string {
  return child(node, name)?.text.trim() ?? '';
}

/** The text of the first child named `name` exactly as written (bodies keep their whitespace). */
export function rawTextOf(node: XmlNode, name: string): string {
  return child(node, name)?.text ?? '';
}

/** Every child named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}
