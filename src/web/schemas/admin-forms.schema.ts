import { Type, type TProperties } from '@sinclair/typebox';

/**
 * An admin form's body: its fields, all optional as a browser may leave any out (the services
 * say what is missing, with a message next to the field), plus the anti-forgery token.
 */
export function Form<T extends TProperties>(fields: T) {
  return Type.Partial(Type.Object({ _csrf: Type.String({ maxLength: 200 }), ...fields }));
}

/** `:id` in admin paths. */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) });
