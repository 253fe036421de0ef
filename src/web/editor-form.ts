import type { FastifyRequest } from 'fastify';
import { ARTICLE_BODY_LIMIT, parseTags, type ArticleDraft, type EditableArticle, type EditorStatus } from '../modules/articles/index.js';
import { isRowIdText } from './routes/admin/admin-forms.schema.js';
import type { EditorValues } from './views/admin/editor-page.js';

/** A multipart body that cannot be read as a form. */
class MalformedForm extends Error {
  readonly statusCode = 400;
  constructor() {
    super('This form could not be read: its body is malformed or incomplete. Reload the page and send it again.');
  }
}

/** A file sent with the form. */
export interface SentFile {
  bytes: Buffer;
  filename: string;
}

/** The file inputs of the editor: the featured image and an image to place in the text. */
export const editorFileFields = ['image', 'inlineImage'] as const;
/** One of the editor's file inputs. */
export type EditorFileField = (typeof editorFileFields)[number];

/** The editor's multipart body: its text fields, the images chosen, and which one (if any) was too large. */
export interface EditorSubmission {
  fields: Record<string, string>;
  /** The featured image. */
  image?: SentFile;
  /** An image to place in the text (the form without JavaScript; with it, the media route takes it). */
  inlineImage?: SentFile;
  tooLarge: boolean;
  /** The file input whose file was over the limit. */
  tooLargeField?: EditorFileField;
}

/** How much of the editor's form is read, sized for what each part carries (issue 7: it was 40 fields of 4 MiB). */
export interface EditorReadLimits {
  /** The largest text field: the article body, at up to 3 UTF-8 bytes a character. */
  fieldBytes: number;
  /** All text fields together. */
  textBytes: number;
  /** Each image's size limit; 0 reads no file at all (reading stops where the first file begins). */
  fileBytes: number;
}

/** The form has 16 fields; a few spare for what browsers add. */
const MAX_FIELDS = 20;

/** What a signed-in member's editor form may carry. */
export function memberEditorLimits(maxUploadBytes: number): EditorReadLimits {
  const fieldBytes = 3 * ARTICLE_BODY_LIMIT + 1024;
  return { fieldBytes, textBytes: fieldBytes + 64 * 1024, fileBytes: maxUploadBytes };
}

/**
 * What a save without a session may carry: the text only, to hand it back (never formatted, never a
 * file). A browser that signed in here before (see `admin-session.ts`) gets room for a whole
 * article, so an author whose session ended keeps even a long text; anyone else gets 64 KB.
 */
export function signedOutEditorLimits(knownBrowser: boolean, maxUploadBytes: number): EditorReadLimits {
  if (knownBrowser) return { ...memberEditorLimits(maxUploadBytes), fileBytes: 0 };
  return { fieldBytes: SIGNED_OUT_STRANGER_BYTES, textBytes: SIGNED_OUT_STRANGER_BYTES, fileBytes: 0 };
}

/** The most a browser that never signed in here may send as an editor form. */
export const SIGNED_OUT_STRANGER_BYTES = 64 * 1024;

/** A form larger than its limits; answered 413 with the message. */
export class FormTooLarge extends Error {
  readonly statusCode = 413;
}

/**
 * Reads the editor's multipart form within `limits`. The file inputs come after every text field
 * but their descriptions, so the text has arrived before a file; when a file is over the limit,
 * the text is still all here and goes back into the form with the message. Text over its limits is refused whole
 * (FormTooLarge), never cut: a cut text put back in the form could be saved by mistake.
 */
export async function readEditorSubmission(request: FastifyRequest, limits: EditorReadLimits): Promise<EditorSubmission> {
  const fields: Record<string, string> = {};
  const files: Partial<Record<EditorFileField, SentFile>> = {};
  let reading: EditorFileField | undefined;
  let textBytes = 0;
  const tooLong = `The text is too long to save: an article may have at most ${ARTICLE_BODY_LIMIT.toLocaleString('en-US')} characters. Go back (your browser keeps what you typed), shorten it, and save again.`;
  try {
    const parts = request.parts({
      limits: {
        fields: MAX_FIELDS,
        fieldSize: limits.fieldBytes,
        files: limits.fileBytes > 0 ? editorFileFields.length : 0,
        fileSize: Math.max(1, limits.fileBytes),
        parts: MAX_FIELDS + editorFileFields.length,
        headerPairs: 10,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        textBytes += Buffer.byteLength(part.value);
        if (part.valueTruncated || textBytes > limits.textBytes) throw new FormTooLarge(tooLong);
        if (!(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      const name = editorFileFields.find((f) => f === part.fieldname);
      if (!name || files[name]) {
        // Only the two images are files; anything else is read past, not kept.
        part.file.resume();
        continue;
      }
      reading = name;
      const bytes = await part.toBuffer();
      reading = undefined;
      if (part.filename && bytes.length > 0) files[name] = { bytes, filename: part.filename };
    }
  } catch (error) {
    if (error instanceof FormTooLarge) throw error;
    const code = (error as { code?: string }).code;
    // No file expected: the text (sent before the file) is all here; the rest is not read.
    if (code === 'FST_FILES_LIMIT' && limits.fileBytes === 0) return { fields, tooLarge: false };
    if (code === 'FST_FILES_LIMIT') throw new FormTooLarge('This form has more files than the editor sends, so it was not read.');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new FormTooLarge('This form has more fields than the editor sends, so it was not read.');
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return { fields, ...files, tooLarge: true, tooLargeField: reading ?? 'image' };
    if (status !== undefined && status >= 400 && status < 500) throw error;
    // Busboy's parse errors (no boundary, a malformed part, a body cut short) carry no status: the
    // client's bytes are at fault, so a 400 with a message, not a 500.
    throw new MalformedForm();
  }
  return { fields, ...files, tooLarge: false };
}

/** What a save button asks: publish (or schedule), keep as a draft, or save with the status chosen in the form. */
export type SaveIntent = 'publish' | 'draft' | 'save';

/**
 * The status a save gives the article. "Publish" is one click: with a go-live time in the future
 * it schedules, otherwise it publishes now. "Save draft" keeps (or makes) it a draft. A form
 * that names its status (`save`, from scripts and older pages) gets that status.
 */
export function statusForIntent(intent: SaveIntent, values: Pick<EditorValues, 'status' | 'publishAt'>, now: Date): EditorValues['status'] {
  if (intent === 'draft') return 'draft';
  if (intent === 'save') return values.status;
  const when = publishAtOf(values.publishAt);
  return when && when.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** The go-live time typed in the form (`YYYY-MM-DDTHH:mm`, UTC), or null. */
function publishAtOf(text: string): Date | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? new Date(`${text}:00Z`) : null;
}

/** `YYYY-MM-DDTHH:mm` (UTC, as the form shows it) for a date. */
export function toLocalInput(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : '';
}

/** The form's values from what was sent: the author's text exactly as typed. */
export function valuesFromFields(f: Record<string, string>): EditorValues {
  return {
    headline: f.headline ?? '',
    dek: f.dek ?? '',
    slug: f.slug ?? '',
    body: f.body ?? '',
    section: f.section ?? '',
    tags: f.tags ?? '',
    status: f.status === 'published' || f.status === 'scheduled' ? f.status : 'draft',
    publishAt: f.publishAt ?? '',
    repliesOpen: f.repliesOpen === 'on',
    featuredMediaId: f.removeImage === 'on' ? '' : isRowIdText(f.featuredMediaId ?? '') ? f.featuredMediaId! : '',
    featuredAlt: f.featuredAlt ?? '',
    alt: f.alt ?? '',
  };
}

/** The form's values for a stored article. */
export function valuesFromArticle(a: EditableArticle): EditorValues {
  return {
    headline: a.headline,
    dek: a.dek,
    slug: a.slug,
    body: a.bodyMarkdown,
    section: a.section,
    tags: a.tags.join(', '),
    status: a.status === 'trash' ? 'draft' : a.status,
    publishAt: a.status === 'scheduled' ? toLocalInput(a.publishedAt) : '',
    repliesOpen: a.repliesOpen,
    featuredMediaId: a.featuredMediaId === null ? '' : String(a.featuredMediaId),
    featuredAlt: a.featuredAlt,
    alt: '',
  };
}

/** The values of a new, empty article. */
export function emptyValues(): EditorValues {
  return {
    headline: '',
    dek: '',
    slug: '',
    body: '',
    section: 'World',
    tags: '',
    status: 'draft',
    publishAt: '',
    repliesOpen: true,
    featuredMediaId: '',
    featuredAlt: '',
    alt: '',
  };
}

/** The draft the editorial service saves, from the form's values. */
export function draftFromValues(v: EditorValues): ArticleDraft {
  const when = publishAtOf(v.publishAt);
  return {
    headline: v.headline,
    dek: v.dek,
    slug: v.slug,
    bodyMarkdown: v.body.replace(/\r\n?/g, '\n'),
    section: v.section,
    tags: parseTags(v.tags),
    status: v.status as EditorStatus,
    publishAt: when,
    repliesOpen: v.repliesOpen,
    featuredMediaId: v.featuredMediaId ? Number(v.featuredMediaId) : null,
    featuredAlt: v.featuredAlt,
  };
}
