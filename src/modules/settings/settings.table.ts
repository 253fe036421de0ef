/** Site-wide key/value settings; values are JSON text. Composed into storage/schema.ts. */
export interface SettingsTable {
  key: string;
  value: string;
}
