/*
 * A name for each statement text compiled once (compiled-statements.ts), for a driver that can keep
 * a statement prepared by name: PostgreSQL parses and plans an unnamed statement on every call, a
 * named one once per connection (dialects/postgres.ts). The same text always has the same name; a
 * text never compiled has none. Its own module: the dialects read it, and the compiler of
 * statements reads the database's types, so neither imports the other.
 */
const textNames = new Map<string, string>();

/** Gives `sql` a name, if it has none yet. */
export function nameStatementText(sql: string): void {
  if (!textNames.has(sql)) textNames.set(sql, `gazette_${textNames.size + 1}`);
}

/** The name of a text compiled once, or undefined for any other text. */
export function compiledStatementName(sql: string): string | undefined {
  return textNames.get(sql);
}
