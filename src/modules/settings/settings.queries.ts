import type { Executor } from '../../storage/db.js';

/** The JSON-decoded value stored under `key`, or undefined. */
export async function readSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Stores `value` as JSON under `key`, replacing what was there. */
export async function writeSetting(db: Executor, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

/** Stores `value` under `key` only when nothing is there yet; returns what is stored afterwards. */
export async function writeSettingOnce<T>(db: Executor, key: string, value: T): Promise<T> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readSetting<T>(db, key)) as T;
}
