import { Type } from '@sinclair/typebox';
import { Form } from '../admin-forms.schema.js';

/** The article list's filter. */
export const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(['draft', 'scheduled', 'published', 'trash', ''].map((s) => Type.Literal(s)))),
});
/** Which save the editor confirms after its redirect. */
export const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) });
/** An article's revision. */
export const RevisionParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,12}$' }),
  rev: Type.String({ pattern: '^[0-9]{1,12}$' }),
});
// The body's own limit (500,000 characters) is the editorial service's, with its message; this bounds what is parsed.
/** The live preview's fields. */
export const PreviewBodySchema = Form({
  headline: Type.String({ maxLength: 2000 }),
  dek: Type.String({ maxLength: 5000 }),
  body: Type.String({ maxLength: 600_000 }),
});
