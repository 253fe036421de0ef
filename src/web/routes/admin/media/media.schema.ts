import { Type } from '@sinclair/typebox';

/** The media library's query: a page of older images, or an image picked with its description. */
export const MediaQuery = Type.Object({
  before: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  pick: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  alt: Type.Optional(Type.String({ maxLength: 1000 })),
});
