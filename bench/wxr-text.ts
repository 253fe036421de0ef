// The words of the benchmark's made-up WordPress site: headlines, post bodies (block editor and
// classic), excerpts and comments, drawn from a seeded generator so every run writes the same file.

/** A seeded generator (mulberry32): the same seed gives the same file, so runs are comparable. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const words = (
  'minister council budget city harbour election vote school teacher river bridge market price energy grid ' +
  'hospital nurse court judge appeal report season team coach league festival museum archive library street ' +
  'railway station tram airport flight weather storm flood drought farmer harvest wheat coffee port ship ' +
  'factory union strike wage contract housing rent tenant mayor district police inquiry witness evidence ' +
  'company shares investor bank loan rate inflation export import tariff treaty summit border migrant ' +
  'student university research science climate carbon forest wildlife park beach tourism hotel restaurant ' +
  'chef recipe novel author poet theatre concert orchestra film director actor gallery painter photograph'
).split(' ');
const fillers = 'the a of in on for with after before during under over about against between from to and but while'.split(' ');
const verbs = 'said announced warned promised denied confirmed rejected approved opened closed raised cut delayed'.split(' ');

/** Sentences in other scripts, as a newsroom quoting sources would carry them. */
const otherScripts = [
  '서울시는 다음 달부터 새 버스 노선을 운영한다고 밝혔다.',
  '東京の株式市場は朝から大きく値上がりした。',
  'Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ενέργεια.',
  'Мэр города пообещал отремонтировать мост до зимы.',
  'قال الوزير إن المحادثات ستستمر الأسبوع المقبل.',
  '市政府表示，新图书馆将于明年春天开放。',
  'Der Bürgermeister eröffnete die Brücke über die Spree.',
  'La huelga de transporte terminó después de tres días.',
];

/** Headlines written in other scripts, for the posts whose slugs WordPress stored percent-encoded. */
export const otherScriptHeadlines = [
  '서울 시장 선거 결과 발표',
  'Новый мост через реку открыт',
  'Η νέα βιβλιοθήκη της πόλης',
  '東京 新しい駅が開業',
  'افتتاح المتحف الجديد',
];

export const commenterFirst =
  'Ana Ben Chloé Dmitri Eun-ji Farah Gus Hana Ivo Jun Kemal Lena Marek Nia Omar Priya Quinn Rosa Sven Tomás'.split(' ');
export const commenterLast = 'Park Silva Novak Okafor Kowalski Tanaka Haddad Müller Rossi Kim Dubois Ivanova Costa Nguyen Larsen'.split(
  ' ',
);

/** The old site's address. */
export const siteUrl = 'https://courier.example';

/** Text as a CDATA section (the generated text never holds `]]>`). */
export const cdata = (text: string) => `<![CDATA[${text}]]>`;
/** A WordPress-like slug of Latin text. */
export const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const pad = (n: number) => String(n).padStart(2, '0');
/** A date as WordPress writes it (`2024-10-28 18:00:00`). */
export const wpDate = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
/** The site's clock is one hour ahead of UTC (WordPress writes both local and GMT times). */
export const local = (d: Date) => new Date(d.getTime() + 3_600_000);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One English sentence of news prose, sometimes with inline markup or an entity. */
export function sentence(r: Random, siteUrl: string): string {
  const parts: string[] = [];
  const n = r.int(8, 18);
  for (let i = 0; i < n; i++) parts.push(i % 3 === 1 ? r.pick(fillers) : i === 4 ? r.pick(verbs) : r.pick(words));
  let text = cap(parts.join(' '));
  const roll = r.next();
  if (roll < 0.08)
    text += ` (<a href="${siteUrl}/${r.int(2012, 2024)}/0${r.int(1, 9)}/${r.pick(words)}-${r.pick(words)}/">earlier report</a>)`;
  else if (roll < 0.13) text += `, according to <a href="https://news.example.org/${r.pick(words)}">a ${r.pick(words)} report</a>`;
  else if (roll < 0.18) text = `<strong>${text}</strong>`;
  else if (roll < 0.22) text += ` &amp; ${r.pick(words)}`;
  else if (roll < 0.26) text += ` &#8220;${r.pick(words)} ${r.pick(words)}&#8221;`;
  return `${text}.`;
}

function paragraph(r: Random, siteUrl: string): string {
  const out: string[] = [];
  const n = r.int(2, 5);
  for (let i = 0; i < n; i++) out.push(r.chance(0.06) ? r.pick(otherScripts) : sentence(r, siteUrl));
  return out.join(' ');
}

/** A headline of a few words. */
export function headline(r: Random): string {
  return cap(`${r.pick(words)} ${r.pick(words)} ${r.pick(verbs)} ${r.pick(fillers)} ${r.pick(words)} ${r.pick(words)}`);
}

function imageUrl(siteUrl: string, id: number, year: number): string {
  return `${siteUrl}/wp-content/uploads/${year}/0${(id % 9) + 1}/photo-${id}-1024x683.jpg`;
}

function caption(r: Random, siteUrl: string, id: number, year: number): string {
  return (
    `[caption id="attachment_${id}" align="aligncenter" width="1024"]<img class="size-large wp-image-${id}" ` +
    `src="${imageUrl(siteUrl, id, year)}" alt="${r.pick(words)} ${r.pick(words)}" width="1024" height="683" /> ` +
    `${cap(r.pick(words))} ${r.pick(fillers)} ${r.pick(words)}. Photo: ${r.pick(commenterFirst)} ${r.pick(commenterLast)}[/caption]`
  );
}

/** A block-editor body (`<!-- wp:... -->` delimiters) of about `target` characters. */
export function blockBody(r: Random, siteUrl: string, imageId: number, year: number, target: number): string {
  const blocks: string[] = [];
  let length = 0;
  while (length < target) {
    const roll = r.next();
    let block: string;
    if (blocks.length > 1 && roll < 0.1)
      block = `<!-- wp:heading -->\n<h2 class="wp-block-heading">${headline(r)}</h2>\n<!-- /wp:heading -->`;
    else if (blocks.length > 0 && roll < 0.17)
      block =
        `<!-- wp:image {"id":${imageId},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${imageUrl(siteUrl, imageId, year)}" ` +
        `alt="" class="wp-image-${imageId}"/><figcaption class="wp-element-caption">${sentence(r, siteUrl)}</figcaption></figure>\n<!-- /wp:image -->`;
    else if (roll < 0.22)
      block = `<!-- wp:list -->\n<ul class="wp-block-list"><li>${sentence(r, siteUrl)}</li><li>${sentence(r, siteUrl)}</li><li>${sentence(r, siteUrl)}</li></ul>\n<!-- /wp:list -->`;
    else if (roll < 0.26)
      block = `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${sentence(r, siteUrl)}</p><cite>${r.pick(commenterFirst)} ${r.pick(commenterLast)}</cite></blockquote>\n<!-- /wp:quote -->`;
    else if (roll < 0.29) block = `<!-- wp:shortcode -->\n${caption(r, siteUrl, imageId, year)}\n<!-- /wp:shortcode -->`;
    else block = `<!-- wp:paragraph -->\n<p>${paragraph(r, siteUrl)}</p>\n<!-- /wp:paragraph -->`;
    blocks.push(block);
    length += block.length;
  }
  return blocks.join('\n\n');
}

/** A classic-editor body: paragraphs separated by blank lines (WordPress adds the <p> on display), a caption, a bare link. */
export function classicBody(r: Random, siteUrl: string, imageId: number, year: number, target: number): string {
  const paras: string[] = [];
  let length = 0;
  while (length < target) {
    const roll = r.next();
    let para: string;
    if (paras.length === 1 && roll < 0.7) para = caption(r, siteUrl, imageId, year);
    else if (roll < 0.05) para = `More at https://news.example.org/${r.pick(words)}/${r.int(100, 999)}`;
    else if (roll < 0.1) para = `<h3>${headline(r)}</h3>`;
    else if (roll < 0.13) para = `<!--more-->\n${paragraph(r, siteUrl)}`;
    else para = paragraph(r, siteUrl).replace(/\. (?=[A-Z])/, r.chance(0.3) ? '.\n' : '. ');
    paras.push(para);
    length += para.length;
  }
  return paras.join('\n\n');
}

/** An excerpt: one or two sentences, plain. */
export function excerpt(r: Random): string {
  return `${cap(r.pick(words))} ${r.pick(fillers)} ${r.pick(words)} ${r.pick(verbs)} ${r.pick(fillers)} ${r.pick(words)} ${r.pick(words)}.`;
}

/** A reader's comment: a line or a few paragraphs, sometimes a link, emphasis or another script. */
export function commentText(r: Random, siteUrl: string): string {
  const roll = r.next();
  if (roll < 0.15) return `${cap(r.pick(words))} ${r.pick(fillers)} ${r.pick(words)}!`;
  const paras: string[] = [];
  const n = roll < 0.85 ? 1 : r.int(2, 4);
  for (let i = 0; i < n; i++) {
    let text = r.chance(0.05) ? r.pick(otherScripts) : sentence(r, siteUrl);
    if (r.chance(0.3)) text += ` ${sentence(r, siteUrl)}`;
    if (r.chance(0.05)) text = `<em>${text}</em>`;
    paras.push(text);
  }
  return paras.join('\n\n');
}
