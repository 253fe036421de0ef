// The comments of the benchmark's WordPress export: how many each post gets, and their XML, threaded
// (some replies come before the comment they answer), with held, spam, trashed comments and pingbacks.
import { Random, cdata, commentText, commenterFirst, commenterLast, local, siteUrl, wpDate } from './wxr-text.js';

/** WordPress's post statuses, as the benchmark's posts carry them. */
export type PostStatus = 'publish' | 'draft' | 'future' | 'private' | 'trash' | 'pending';

/** A post status: mostly published. */
export function statusOf(r: Random): PostStatus {
  const u = r.next();
  return u < 0.9 ? 'publish' : u < 0.94 ? 'draft' : u < 0.96 ? 'future' : u < 0.975 ? 'private' : u < 0.99 ? 'trash' : 'pending';
}

/** How many comments each post gets: none for drafts and scheduled posts, a long tail elsewhere, `total` in all. */
export function commentPlan(statuses: PostStatus[], total: number, r: Random): Uint32Array {
  const weights = new Float64Array(statuses.length);
  let sum = 0;
  statuses.forEach((status, i) => {
    const open = status === 'publish' || status === 'private' || status === 'trash';
    const w = open && r.chance(0.85) ? (-Math.log(1 - r.next())) ** 2 : 0;
    weights[i] = w;
    sum += w;
  });
  const counts = new Uint32Array(statuses.length);
  let given = 0;
  for (let i = 0; i < counts.length; i++) given += counts[i] = sum > 0 ? Math.floor((total * weights[i]!) / sum) : 0;
  for (let i = 0; given < total && counts.length > 0; i = (i + 7919) % counts.length) {
    if (weights[i]! > 0 || sum === 0) {
      counts[i]! += 1;
      given += 1;
    }
  }
  return counts;
}

interface GenComment {
  id: number;
  parent: number;
  xml: string;
}

/** The `<wp:comment>` elements of one item. */
export function commentsXml(r: Random, count: number, firstId: number, postDate: Date, postStatus: PostStatus): string {
  const list: GenComment[] = [];
  const answerable: number[] = [];
  let at = postDate.getTime();
  for (let k = 0; k < count; k++) {
    const id = firstId + k;
    at += r.int(60, 7200) * 1000;
    const when = new Date(at);
    const roll = r.next();
    const ping = roll > 0.985;
    const approved =
      postStatus === 'trash'
        ? 'post-trashed'
        : roll < 0.87
          ? '1'
          : roll < 0.93
            ? '0'
            : roll < 0.965
              ? 'spam'
              : roll < 0.975
                ? 'trash'
                : '1';
    const parent = !ping && answerable.length > 0 && r.chance(0.35) ? r.pick(answerable) : 0;
    const reader = r.int(0, 49_999);
    const name = ping ? `${r.pick(commenterLast)}'s blog` : `${commenterFirst[reader % 20]} ${commenterLast[reader % 15]}`;
    const email = ping || reader % 23 === 0 ? '' : `reader${reader}@mail.example`;
    const url = ping ? `https://blog${reader}.example/${reader}/` : reader % 5 === 0 ? `https://reader${reader}.example` : '';
    const content = ping ? `[&#8230;] ${commentText(r, siteUrl)} [&#8230;]` : commentText(r, siteUrl);
    const meta =
      approved === 'spam'
        ? `\n      <wp:commentmeta><wp:meta_key>${cdata('akismet_result')}</wp:meta_key><wp:meta_value>${cdata('true')}</wp:meta_value></wp:commentmeta>`
        : '';
    const xml = `
    <wp:comment>
      <wp:comment_id>${id}</wp:comment_id>
      <wp:comment_author>${cdata(name)}</wp:comment_author>
      <wp:comment_author_email>${cdata(email)}</wp:comment_author_email>
      <wp:comment_author_url>${url}</wp:comment_author_url>
      <wp:comment_author_IP>${cdata(`203.0.${reader % 250}.${(reader * 7) % 250}`)}</wp:comment_author_IP>
      <wp:comment_date>${cdata(wpDate(local(when)))}</wp:comment_date>
      <wp:comment_date_gmt>${cdata(wpDate(when))}</wp:comment_date_gmt>
      <wp:comment_content>${cdata(content)}</wp:comment_content>
      <wp:comment_approved>${cdata(approved)}</wp:comment_approved>
      <wp:comment_type>${cdata(ping ? (r.chance(0.8) ? 'pingback' : 'trackback') : 'comment')}</wp:comment_type>
      <wp:comment_parent>${parent}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>${meta}
    </wp:comment>`;
    list.push({ id, parent, xml });
    if (!ping) answerable.push(id);
  }
  // Some replies come in the file BEFORE the comment they answer (exports are not always in thread order).
  for (let k = 1; k < list.length; k++) {
    const reply = list[k]!;
    if (reply.parent === 0 || !r.chance(0.06)) continue;
    const parentAt = list.findIndex((c) => c.id === reply.parent);
    if (parentAt < 0 || parentAt >= k) continue;
    list.splice(k, 1);
    list.splice(parentAt, 0, reply);
  }
  return list.map((c) => c.xml).join('');
}
