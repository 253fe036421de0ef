import type { Generated, Selectable } from 'kysely';

/** A page on another site that embeds a reply thread; its thread is the article row `article_id` (kind `external`). */
export interface EmbedPagesTable {
  id: Generated<number>;
  article_id: number;
  /** The site it lives on, as an origin (`https://blog.example`). */
  origin: string;
  /** Its canonical address: http(s), no fragment; unique. */
  url: string;
  /** Its title as the embedding page gave it (shown in the desk and its feed). */
  title: string;
  created_at: string;
}

/** An embedded page row as read. */
export type EmbedPageRow = Selectable<EmbedPagesTable>;
