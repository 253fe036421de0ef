import type { FastifyRequest } from 'fastify';
import type { SentFile } from './editor-form.js';

/** A request the media upload cannot read: answered with its status and the message. */
class UnreadableUpload extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The media upload's fields: the token, the description and the image. */
export interface MediaUpload {
  fields: { _csrf?: string; alt?: string };
  file?: SentFile;
  /** The file was over the limit; the text fields before it are all here. */
  tooLarge: boolean;
}

/** The fields a media upload sends; anything else is not read. */
const FIELD_NAMES = new Set(['_csrf', 'alt', 'intent']);

/**
 * Reads a media upload (the media library's form, or the editor's script pasting or dropping an
 * image): a few short fields, then one image of at most `maxBytes`. The description is sent before
 * the file, so an oversized file still leaves the description to put back in the form.
 */
export async function readMediaUpload(request: FastifyRequest, maxBytes: number): Promise<MediaUpload> {
  if (!request.isMultipart()) {
    throw new UnreadableUpload(415, 'Send the image as a form upload (multipart/form-data) with its description in the field "alt".');
  }
  const fields: MediaUpload['fields'] = {};
  let file: SentFile | undefined;
  try {
    const parts = request.parts({ limits: { fields: 5, fieldSize: 4096, files: 1, fileSize: maxBytes, parts: 6, headerPairs: 10 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && FIELD_NAMES.has(part.fieldname) && part.fieldname !== 'intent') {
          fields[part.fieldname as '_csrf' | 'alt'] ??= part.value;
        }
        continue;
      }
      if (part.fieldname !== 'image') {
        part.file.resume();
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.filename && bytes.length > 0) file = { bytes, filename: part.filename };
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return { fields, tooLarge: true };
    const code = (error as { code?: string }).code;
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
      throw new UnreadableUpload(413, 'This upload has more fields or files than the media form sends: one image and its description.');
    }
    if (status !== undefined && status >= 400 && status < 500) throw error;
    throw new UnreadableUpload(
      400,
      'This upload could not be read: its body is malformed or incomplete. Choose the file again and send it.',
    );
  }
  return { fields, ...(file ? { file } : {}), tooLarge: false };
}
