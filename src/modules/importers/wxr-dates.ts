/**
 * WordPress writes each time twice: local (`wp:post_date`, the site's time zone, no offset given)
 * and UTC (`wp:post_date_gmt`), as `YYYY-MM-DD HH:MM:SS`. Drafts have `0000-00-00 00:00:00` for
 * UTC, and `<pubDate>` is RFC 2822 (`-0001` years for drafts). The UTC field is the truth when it
 * is a real date; otherwise the local time is turned into UTC with the site's offset, learned from
 * items that have both (WXR does not state the time zone); failing that it is read as UTC.
 */

const wordpressDateTime = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** A `YYYY-MM-DD HH:MM:SS` wall-clock time as if it were UTC; undefined for the zero date or anything else. */
export function parseWordpressTime(text: string): Date | undefined {
  const m = wordpressDateTime.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  if (year! < 1000 || month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return undefined;
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Learns the site's UTC offset from items that carry both times, and applies it to those that do not. */
export class SiteClock {
  /** Local minus UTC, in minutes, as last seen. */
  private offsetMinutes: number | undefined;

  /**
   * The moment a pair of WordPress fields names: the UTC field when real, else the local one
   * shifted by the learned offset, else `fallback` (an RFC 2822 `pubDate`, say). Undefined when
   * nothing in the pair is a date.
   */
  resolve(local: string, gmt: string, fallback?: string): Date | undefined {
    const utc = parseWordpressTime(gmt);
    const wall = parseWordpressTime(local);
    if (utc) {
      // Offsets are whole quarter hours: anything else is a typo in one of the fields.
      if (wall) {
        const minutes = Math.round((wall.getTime() - utc.getTime()) / 60_000);
        if (minutes % 15 === 0 && Math.abs(minutes) <= 14 * 60) this.offsetMinutes = minutes;
      }
      return utc;
    }
    if (wall) return new Date(wall.getTime() - (this.offsetMinutes ?? 0) * 60_000);
    if (fallback) {
      const parsed = new Date(fallback);
      if (!Number.isNaN(parsed.getTime()) && parsed.getUTCFullYear() >= 1000) return parsed;
    }
    return undefined;
  }
}
