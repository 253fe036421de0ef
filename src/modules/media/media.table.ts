import type { Generated } from 'kysely';

/** An uploaded image and its resized variants (as JSON); composed into storage/schema.ts. */
export interface MediaTable {
  id: Generated<number>;
  key: string;
  original_name: string;
  width: number;
  height: number;
  variants_json: string;
  uploaded_by: number | null;
  created_at: string;
}
