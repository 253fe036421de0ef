import type { FastifyRequest } from 'fastify';
import { parseTags, type ArticleDraft, type EditableArticle, type EditorStatus } from '../modules/articles/index.js';
import { isRowId } from './schemas/admin-forms.schema.js';
import type { EditorValues } from './views/admin/editor-page.js';

/** A multipart body that cannot be read as a form. */
class MalformedForm extends Error {
  readonly statusCode = 400;
  constructor() {
    super('This form could not be read: its body is malformed or incomplete. Reload the page and send it again.');
  }
}

/** The editor's multipart body: its text fields, the image if one was chosen, and whether it was too large. */
export interface EditorSubmission {
  fields: Record<string, string>;
  image?: { bytes: Buffer; filename: string };
  tooLarge: boolean;
}

/**
 * Reads the editor's multipart form. The file input is the form's last field, so every text field
 * has arrived before the file; when the file is over the limit, the text is still all here and
 * goes back into the form with the message.
 */
export async function readEditorSubmission(request: FastifyRequest): Promise<EditorSubmission> {
  const fields: Record<string, string> = {};
  let image: EditorSubmission['image'];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.fieldname === 'image' && part.filename && bytes.length > 0) image = { bytes, filename: part.filename };
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return { fields, tooLarge: true };
    if (status !== undefined && status >= 400 && status < 500) throw error;
    // Busboy's parse errors (no boundary, a malformed part, a body cut short) carry no status: the
    // client's bytes are at fault, so a 400 with a message, not a 500.
    throw new MalformedForm();
  }
  return { fields, ...(image ? { image } : {}), tooLarge: false };
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
    featuredMediaId: f.removeImage === 'on' ? '' : isRowId(f.featuredMediaId ?? '') ? f.featuredMediaId! : '',
    featuredAlt: f.featuredAlt ?? '',
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
  };
}

/** The values of a new, empty article. */
export function emptyValues(): EditorValues {
  return { headline: '', dek: '', slug: '', body: '', section: 'World', tags: '', status: 'draft', publishAt: '', repliesOpen: true, featuredMediaId: '', featuredAlt: '' };
}

/** The draft the editorial service saves, from the form's values. */
export function draftFromValues(v: EditorValues): ArticleDraft {
  const when = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v.publishAt) ? new Date(`${v.publishAt}:00Z`) : null;
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
