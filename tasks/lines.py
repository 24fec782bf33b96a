"""Line patterns and line-shape features for telling an article's prose from page furniture.

Word boundaries are ASCII (`(?-u:\b)`): Rust's fast regex engines cannot run a Unicode `\b`,
and falling back to the slow ones cost ten times more on every line.

Everything here is a polars expression over a column of lines (one row per non-empty line of
every article in a batch): regexes run in Rust over the whole column, and the expensive ones
only over the short lines that can be furniture at all. No Python loop ever sees a line.
"""

from __future__ import annotations

import polars as pl

from tasks.embeds import ENGLISH_DATE, LOCAL_MONTH_NAMES, MONTHS, URL_RE, WEEKDAYS

# Lines longer than this are never furniture, bylines, captions or time lines.
SHORT_LINE_CHARS = 300
CAPTION_MAX_CHARS = 400
TIMESTAMP_MAX_CHARS = 120
# Titles, menus and widgets are no longer than this.
TITLE_MAX_CHARS = 200
# A headline is shorter than that: the longest of 145 annotated ones (97 real pages from ~90 sites, and
# our own cases) has 20 words and 115 characters. A longer title-shaped line at the top is the
# article's first sentence or a standfirst.
HEADLINE_MAX_WORDS = 24
HEADLINE_MAX_CHARS = 140
FURNITURE_MAX_CHARS = 150
# Glued datelines and time lines are looked for in this many leading characters of a line.
PREFIX_CHARS = 100

# Function words of the languages met in the dumps. Prose has many of them per word (jusText
# calls a paragraph "good" above ~30% in English); menus, tag lists and tickers have few.
STOPWORDS = (
    # en
    "the|a|an|and|or|but|of|to|in|on|at|for|with|from|by|as|is|are|was|were|be|been|has|have|had|it|its|this"
    "|that|these|those|he|she|they|we|you|i|his|her|their|our|not|no|will|would|can|could|said|says|after|before"
    "|about|into|than|then|there|which|who|what|when|where|while|if|so|also|more|all|one|over|up|out"
    # es / pt / fr / de / it / id
    "|el|la|los|las|de|del|y|en|que|por|con|para|es|un|una|se|al|lo|como|o|da|do|dos|das|e|em|um|uma|não|com"
    "|le|les|des|du|et|est|une|dans|pour|qui|sur|au|pas|der|die|das|und|ist|nicht|ein|eine|mit|den|dem|zu|von"
    "|il|di|che|per|non|yang|dan|di|ke|dari|ini|itu|dengan|untuk"
)
STOPWORD_RE = rf"(?i)(?-u:\b)(?:{STOPWORDS})(?-u:\b)"

# A line that ends a sentence: final punctuation, possibly inside closing quotes or brackets.
SENTENCE_END_RE = r"[.!?…。！？][\"'”’»)\]」』]*$"
ENDS_WITH_PERIOD_RE = r"[.…。][\"'”’»)\]」』]*$"
# ... but not an initialism's (`Floods hit the Midwest U.S.` is a headline, not a sentence), above the
# article's first line with a full stop (below it, `The firm will move to the U.S.` is a sentence).
ENDS_WITH_INITIALISM_RE = r"(?:^|[\s(])(?:[A-Z]\.){2,3}$"

# --- lines recognised by their wording -------------------------------------------------------

# Related-story links: `READ: Title`, `Read also:Title`, `READ | Title`, `Read more <url>`, ...
RELATED_RE = (
    # (the label may stand in brackets or behind an arrow or bullet: `(See also: Title)`, `► ALSO READ: Title`)
    # (or a list dash: `- Read more` under every photo of a gallery)
    r"(?i)^(?:[(\[«]\s*|[►▶▷▸→➤➔➜■●◆•»]+\s*|[-–]\s+)?(?:"
    r"read(?:\s+(?:more|also|next|full\s+story|the\s+full\s+story))?\s*(?:[:|>»\-–—]|$)"
    # (`Read it at Other Outlet`, `In case you missed it: Title`)
    r"|read\s+it\s+at\s+\S|in\s+case\s+you\s+missed\s+it\s*[,:]"
    r"|read\s+(?:more|also|full\s+story|next)(?-u:\b)"
    r"|also\s+read(?-u:\b)|see\s+also(?-u:\b)|don'?t\s+miss\s*:|more\s+(?:news|stories|on\s+this)\s*:|related\s*:"
    r"|recommended\s*:|suggested\s*:|trending(?:\s+(?:topics|now|news|stories))?\s*:"
    r"|le[ae]\s+tambi[ée]n|tambi[ée]n\s+(?:puedes|te\s+puede\s+interesar)\s*(?:leer)?|leia\s+(?:tamb[ée]m|mais)|veja\s+tamb[ée]m|lire\s+aussi|[àa]\s+lire\s+aussi|voir\s+aussi"
    r"|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant"
    r"|(?:bekijk|lees)\s+ook\s*:|lees\s+meer\s*:"
    # `WATCH: Title`, `VIDEO | Title`, `Watch video: Title` (a bare `Watch:` introducing a post is a label)
    r"|(?:watch(?:\s+(?:the\s+)?(?:video|now|more|live|full\s+video))?|videos?|listen)\s*[:|]\s*\S"
    r"|leggi\s+anche|leggi\s+tutt[ao]\s+(?:la\s+notizia|l['’]articolo)|baca\s+(?:juga|selengkapnya)|читайте\s+также|ayr[ıi]ca\s+(?:okuyun|bak[ıi]n)|اقرأ\s+أيضا"
    # labels that read as the start of a sentence too: only with a colon or bar after them
    r"|(?:vea\s+tambi[ée]n|mir[ae]\s+tambi[ée]n|(?:te|le)\s+puede\s+interesar|puede\s+interesarte|te\s+recomendamos"
    r"|le[ae]\s+m[áa]s|saiba\s+mais|confira\s+tamb[ée]m|veja\s+mais|voc[êe]\s+(?:pode|vai)\s+gostar"
    r"|[àa]\s+(?:lire|voir)\s+(?:aussi|[ée]galement)|vous\s+aimerez\s+aussi|sur\s+le\s+m[êe]me\s+sujet"
    r"|(?:ti\s+)?potrebbe\s+(?:interessarti|interessare)|guarda\s+anche|das\s+k[öo]nnte\s+sie\s+(?:auch\s+)?interessieren"
    r"|siehe\s+auch|simak\s+juga|lihat\s+juga|artikel\s+terkait|berita\s+terkait"
    r"|you\s+(?:may|might)\s+also\s+like|related\s+(?:story|article|news|coverage))\s*[:|]"
    r")"
)
# Lines that open a list of related links; the title-like lines after them belong to it.
RELATED_HEADER_RE = (
    r"(?i)^(?:related(?:\s+(?:articles?|stories|news|posts?|content|coverage|topics|reading))?"
    r"|more\s+(?:from|on|in)\s+.{1,40}|more\s+(?:\w+\s+)?(?:news|stories|articles)|recommended(?:\s+for\s+you)?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested(?:\s+in)?)|also\s+read|read\s+more|read\s+next"
    r"|most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|latest(?:\s+(?:news|stories))?|top\s+stories"
    r"|see\s+also|editor'?s\s+picks?|popular\s+(?:now|stories)|what\s+to\s+read\s+next|quick\s+links)\s*:?$"
)
# Page furniture by wording: ads, player buttons, prompts, share widgets, captchas, tag lists,
# breadcrumbs, CMS meta lines, legal lines. Only short lines qualify.
FURNITURE_RE = (
    r"(?i)^(?:"
    r"advertisement|advertising|ad|ads|sponsored(?:\s+content)?|promoted|paid\s+content"
    # `Text continues below the Instagram post.` in the page's language, where an embed was cut out
    r"|(?:the\s+)?(?:text|article|story)\s+continues\s+below.{0,40}|tekst\s+gaat\s+(?:verder|door)\s+onder.{0,40}"
    r"|(?:der\s+)?(?:text|artikel)\s+(?:geht|l[äa]uft)\s+(?:unter|nach).{0,40}weiter\.?"
    r"|(?:el\s+)?(?:texto|art[íi]culo)\s+(?:contin[úu]a|sigue)\s+(?:abajo|debajo|despu[ée]s).{0,40}"
    r"|(?:la\s+suite|l['’]article)\s+(?:continue\s+)?(?:ci-dessous|apr[èe]s).{0,40}"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|continue\s+reading(?:\s+below)?"
    r"|watch\s+live|live\s+tv|listen\s+live|watch\s+now|listen\s+now|play\s+video|video\s+player|now\s+playing|live"
    r"|skip\s+to\s+(?:main\s+)?content|skip\s+navigation|menu|main\s+menu|search|home|sign\s+in|log\s*in|log\s*out|register|my\s+account"
    r"|(?:please\s+)?(?:subscribe|sign\s+up)(?-u:\b).*|become\s+a\s+(?:member|subscriber)(?-u:\b).*|support\s+(?:(?:our|independent|local|quality|trusted|public|free|community|non-?profit|investigative)\s+){1,2}(?:journalism|news|reporting)(?-u:\b).*"
    r"|apoy[ae]\s+(?:el|al|nuestro)\s+periodismo.*|apoie\s+o\s+jornalismo.*|soutenez\s+(?:le|notre)\s+journalisme.*"
    r"|unterst[üu]tzen\s+sie\s+(?:unseren|den|lokalen)\s+journalismus.*|sostieni\s+il\s+(?:nostro\s+)?giornalismo.*|dukung\s+jurnalisme.*"
    r"|follow\s+(?:us(?-u:\b)|@?\w+\s+on\s+(?:twitter|x|facebook|instagram|telegram|tiktok|youtube|google\s+news)(?-u:\b)).*"
    r"|(?:like|join|find)\s+us\s+on(?-u:\b).*|join\s+our\s+(?:\w+\s+){0,2}(?:channel|group|community)(?-u:\b).{0,60}"
    r"|scroll\s+(?:down\s+)?to\s+(?:see|view)\s+(?:more|all)(?:\s+(?:images|photos|pictures|pics))?|click\s+here(?-u:\b).*|(?:download|get)\s+(?:our|the)\s+(?:\w+\s+)?app(?-u:\b).*"
    r"|share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page))?(?:\s+(?:on|via)\s+\w+)?\s*:?|shares?"
    r"|(?:share\s+(?:on|via)\s+\w+[\s|,/·•]*)+"
    r"|tweet|email|e-mail|print|whatsapp|facebook|twitter|linkedin|pinterest|telegram|reddit|messenger|flipboard|copy(?:\s+link)?|link\s+copied|copied"
    r"|(?:facebook|twitter|x|whatsapp|email|linkedin|telegram|pinterest|reddit|print|copy\s+link)(?:\s*[|,/·•]?\s*(?:facebook|twitter|x|whatsapp|email|linkedin|telegram|pinterest|reddit|print|copy\s+link))+"
    r"|tags?\s*:.*|topics?\s*:.*|keywords?\s*:.*|filed\s+under\s*:?.*|categor(?:y|ies)\s*:.*|posted\s+in\s*:.*|section\s*:.*"
    r"|(?:editor|editing|editado\s+por|penyunting|redaktur|sub-?editor)\s*:.*"
    r"|.*(?-u:\b)hits\s*:\s*\d+.*|views?\s*:?\s*\d[\d,.]*k?|\d[\d,.]*k?\s+views|reading\s+time\s*:?.*|\d+\s*min(?:ute)?s?\s+read"
    r"|listen\s+to\s+(?:this\s+)?(?:article|story)(?-u:\b).*|font\s+size.*|text\s+size.*|a\s*a\s*a"
    r"|tamanho\s+d[oa]\s+(?:texto|letra|fonte)|tama[ñn]o\s+de(?:l)?\s+(?:texto|letra|fuente)|taille\s+du\s+texte"
    r"|schriftgr(?:ö|oe)(?:ß|ss)e|ukuran\s+(?:teks|huruf|font)|размер\s+шрифта|dimensione\s+(?:testo|carattere)"
    r"|captcha.*|.*(?-u:\b)(?:i'?m|are)\s+not\s+a\s+robot(?-u:\b).*|(?:please\s+)?(?:verify|confirm)\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:a\s+)?human.*"
    r"|(?:please\s+)?enable\s+javascript.*|javascript\s+is\s+(?:disabled|required).*|this\s+site\s+uses\s+cookies.*|.*(?-u:\b)accept\s+(?:all\s+)?cookies(?-u:\b).*"
    r"|.*(?:supported\s+by\s+(?:our\s+)?readers|when\s+you\s+(?:purchase|buy)\s+(?:something\s+)?through|we\s+may\s+earn\s+(?:a\s+)?commission).*"
    r"|.*الحجم\s+الطبيعي.*|\S\s*\+\s*\S\s*-.*"
    r"|follow\s+.{1,40}?(?:live\s+feed|live\s+blog).*|posted\s+on|/[A-Z]{2,6}"
    r"|all\s+rights\s+reserved.*|©.*|\(c\)\s*\d{4}.*|copyright(?-u:\b).*|privacy\s+policy|terms\s+(?:of\s+(?:use|service)|and\s+conditions)|cookie\s+policy"
    r"|contact\s+us|about\s+us|newsletters?|report\s+(?:an\s+)?(?:error|typo|correction)|back\s+to\s+top|next\s+(?:article|story|post)|previous\s+(?:article|story|post)"
    r"|loading(?:\.*|…)|\d+\s*(?:of|/|de|von|di|из)\s*\d+|close|×|next|previous|prev|more|see\s+more|show\s+more|load\s+more|view\s+(?:all|more)|gallery|photos?|videos?|images?"
    r"|breaking(?:\s+news)?|exclusive|opinion|analysis|editorial|explainer|live\s+updates|developing\s+story"
    # poll and quiz widgets
    r"|polls?|vote(?:\s+now)?|quiz|survey|take\s+(?:our|the)\s+(?:poll|quiz|survey)"
    # (shapes met on held-out real sets E and F, issue 8, session 6) a bare domain left by a removed
    # embed, a donation button in pt/es
    r"|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|co|io|tv|news)(?:\.[a-z]{2})?/?"
    r"|(?:apoie|apoia)\s+o\s+\d+|apóyanos"
    # (held-out real set I, session 7) WordPress share buttons, a text-size widget after a share label
    # (a button's text ends in no sentence: `Click to print your pass at home.` is prose)
    r"|click\s+to\s+(?:share|email|print)(?-u:\b)(?:.*[^.!?…])?"
    # (held-out real set J) a skip link, `Advertisement` and `Recommended:` in other languages, a bare
    # URL left by a removed embed, an Instagram stub whose name and date were lost
    r"|jump\s+(?:directly\s+)?to\s+(?:the\s+)?(?:main\s+)?content"
    r"|an[úu]ncio|publicidade|publicidad|werbung|anzeige|publicit[ée]|pubblicit[àa]|iklan|reklama"
    r"|(?:recommended|recomendad[oa]s?|recommand[ée]s?|empfohlen|consigliat[oi])\s*:?"
    r"|https?://\S+"
    # (held-out real set T) `Watch more of our videos on <site>`
    r"|(?:watch|see)\s+more\s+(?:of\s+)?(?:our\s+)?videos?\s+(?:on|at)\s+\S+"
    r"|an?\s+(?:photo|video|post)\s+(?:posted|shared)\s+by(?:\s+on)?"
    # (held-out real set L, session 8) an empty comment box's prompt, a lazy-loading notice
    r"|<\s*(?:a|one|1)\s+min(?:ute)?\s+read|we\s+want\s+to\s+hear\s+what\s+you\s+think\s+(?:about|of)\s+this\s+(?:article|story)(?-u:\b).*"
    # (held-out real set P) `Continua após a publicidade`, `.Publicidad.`, `**Información en desarrollo.`
    r"|continua\s+(?:ap[óo]s\s+|depois\s+d)a\s+publicidade|contin[úu]a\s+(?:despu[ée]s|tras)\s+(?:de\s+)?la\s+publicidad"
    r"|\.(?:publicidad|publicidade|anuncio|an[úu]ncio)\.?|\**\s*(?:informaci[óo]n|noticia)\s+en\s+desarrollo\.?"
    r"|readers\s+like\s+you\s+(?:help\s+)?(?:keep|make)\s+(?:\S+\s+){0,4}(?:free|possible|independent|going|alive)(?-u:\b).{0,40}"
    r"|be\s+the\s+first(?:\s+one)?\s+to\s+(?:comment|reply|review)(?-u:\b).{0,20}|fetching\s+(?:more\s+)?(?:content|stories|articles)(?:\.*|…)"
    r"|(?:(?:share|bagikan|compartir|compartilhar|partager|teilen|condividi)\s+)?a\s*-\s*a\s*\+"
    # (real sets K and N, session 9) a push-notification prompt, a share button's slogan
    r"|for\s+(?:quick|instant|daily|breaking)\s+(?:news\s+)?(?:alerts|updates)|share\s+the\s+(?:truth|news|love)"
    # (held-out real sets Q, R and S) disclaimers, a membership appeal, a link to the full story
    r"|disclaimer(?:\s*:.*)?|.*(?-u:\b)(?:do|does)\s+not\s+(?:necessarily\s+)?(?:reflect|represent)\s+the\s+"
    r"(?:views?|opinions?)\s+of(?-u:\b).*"
    r"|if\s+you\s+(?:find|value|enjoy|like)\s+our\s+(?:journalism|reporting|work)(?-u:\b).*"
    r"|.*(?-u:\b)read\s+the\s+full\s+(?:story|article)\s+here[.!]?"
    # (real set M) a sign-in box's message
    r"|please\s+refresh\s+(?:the|this|your)\s+(?:page|browser)(?-u:\b).*"
    r")$"
)
# A site's name as a masthead: a few capitalised words ending like a newspaper or station name.
MASTHEAD_RE = (
    r"^(?:The\s+)?(?:\p{Lu}[\p{L}&.'’-]*\s+){0,2}(?:News|FM|Times|Post|Herald|Courier|Ledger|Daily|Gazette|Tribune|Journal"
    r"|Telegraph|Express|Chronicle|Observer|Standard|Mirror|Record|Review|TV|Radio|Online|Weekly|Press|Monitor|Guardian"
    r"|Bulletin|Dispatch|Echo|Mail|Register|Sentinel|Inquirer|Examiner|Noticias|Diário|Diario|Zeitung|Nachrichten|Actualités)$"
)
# News tickers above the headline: `LATEST: ...`, `BREAKING: ...`.
# (a radio station's now-playing ticker, `On Air: <show>`, is one too)
TICKER_RE = (
    r"^(?:LATEST|BREAKING(?:\s+NEWS)?|JUST\s+IN|DEVELOPING|FLASH|NEWSFLASH|On\s+[Aa]ir|ON\s+AIR|Now\s+[Pp]laying"
    r"|NOW\s+PLAYING)\s*[:|–—-]"
)
# Breadcrumbs and menus: `Home > News > World`, `Home / Politics`, `NEWS | SPORT | BUSINESS`.
BREADCRUMB_RE = (
    r"^(?:(?i:home)\s*[>»›/|]\s*.+|(?:[>»›]\s*)?[^.!?>»›|]+(?:\s*[>»›]\s*[^.!?>»›]+)+"
    r"|\p{Lu}[\p{L}\p{N}&' -]*(?:\s*[|•·]\s*\p{Lu}[\p{L}\p{N}&' -]*){2,})$"
)
# A section trail with dashes (`Foot - Mercato - PSG`): two to four sections of one or two words each;
# group 1 is the trail after its first section.
DASH_TRAIL_RE = (
    r"^\p{Lu}[\p{L}\p{N}'’.]*(?:\s\p{L}[\p{L}\p{N}'’.]*)?\s+-\s+"
    r"(\p{Lu}[\p{L}\p{N}'’.]*(?:\s\p{L}[\p{L}\p{N}'’.]*)?(?:\s+-\s+\p{Lu}[\p{L}\p{N}'’.]*(?:\s\p{L}[\p{L}\p{N}'’.]*)?){0,2})$"
)
# A Spanish line's opening clause, exclaimed or asked (`¿Quién ganó? `, `¡Gol! `).
OPENING_CLAUSE_RE = r"^[¡¿][^.!?…]*[!?]+\s+"
# Menu items run together: `HomeNewsSportBusinessOpinion`.
RUN_TOGETHER_MENU_RE = r"^(?:\p{Lu}\p{Ll}+){4,}$|(?:\p{Lu}{2,}\p{Lu}\p{Ll}+){2,}"
# Menu items run together where their spaces were lost, each glued to the next at a lower-to-upper
# case step after a word's third lower-case letter (`Deals @ HarbourShop MoneyDaily TidesProperty`):
# three steps or more, and at least one per two words. (Names such as `McCarthy`, `DeSantis`,
# `YouTube` or `iPhone` step earlier in the word and do not count.)
GLUED_STEP_RE = r"\p{Ll}{3}\p{Lu}"
# A reader-comment section begins here; what follows it in the article is comments.
COMMENTS_START_RE = (
    r"(?i)^(?:(?:\d+\s+)?(?:comments?|responses?|replies|reactions?|reader\s+comments|comentarios|commentaires|kommentare|комментарии)"
    r"(?:\s*\(\d+\))?\s*:?"
    r"|\d+\s+thoughts?\s+on(?-u:\b).*|(?:leave|post|add|write)\s+(?:a|your)\s+(?:comment|reply)(?-u:\b).*|leave\s+a\s+reply(?-u:\b).*"
    r"|join\s+the\s+(?:conversation|discussion|debate)(?-u:\b).*|comments\s+are\s+(?:closed|moderated)(?-u:\b).*"
    r"|(?:show|view|load|read|see)\s+(?:all\s+)?(?:\d+\s+)?comments(?-u:\b).*|you\s+must\s+be\s+logged\s+in\s+to\s+(?:post\s+a\s+)?comment.*"
    r"|what\s+do\s+you\s+think\?.*|have\s+your\s+say(?-u:\b).*"
    # `(0) comments` over a CMS's comment rules (`Welcome to the discussion.`)
    r"|\(\d+\)\s+comments?|welcome\s+to\s+the\s+discussion\.?|comments?\s*:\s*our\s+rules"
    r"|comments?\s+guidelines)$"
)
# `Community guidelines` heads the comment rules only over a line that speaks to the reader (`Please keep
# the debate civil.`): over the article's own prose it is a subheading (`Under the new community
# guidelines, videos of stunts are removed.`).
COMMUNITY_RULES_RE = r"^(?i:community\s+guidelines)$"
READER_ADDRESS_RE = r"(?i)(?-u:\b)(?:please|you|your|we|our|us)(?-u:\b)"
# An author box after the article: `Jane Roe (Sports Editor) Jane Roe is a sports editor at ...`.
AUTHOR_BIO_RE = (
    r"^(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s+\([^()]{0,40}(?i:editor|writer|reporter|journalist"
    r"|correspondent|author|contributor|columnist)[^()]{0,20}\)\s+(?P<again>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})"
    r"\s+(?:is|was|has)\s"
)
# A newsletter sign-up prompt at a line's start, however long the widget text run on after it
# (`Sign up to our weekly harbour newsletter Subscribe Thanks, you're in! Readers with ...`).
# (`the` newsletter only with the widget's own words after it: `Sign up for the library newsletter to
# hear about events first, the librarian said.` is prose)
NEWSLETTER_PROMPT_START_RE = (
    r"^(?i:sign\s+up\s+(?:to|for)\s+(?:our\s+(?:[\w-]+\s+){0,3}newsletters?(?-u:\b)"
    r"|the\s+(?:[\w-]+\s+){0,3}newsletters?(?:\s*$|[\s:.!-]+(?:subscribe|sign\s+up|e-?mail|enter|thanks?)(?-u:\b))))"
)
# A poll squeezed onto one line ends in its answer buttons: `Question of the day <question>? Yes No`.
POLL_ANSWERS_END_RE = (
    r"(?i)\?\s*(?:yes\s+no|s[íi]\s+no|sim\s+n[ãa]o|oui\s+non|ja\s+nein|da\s+nu|tak\s+nie|ya\s+tidak|evet\s+hay[ıi]r)$"
)
# Captions and picture credits: lines that open like one, or end in a picture credit.
CAPTION_RE = (
    r"^(?:"
    r"\(?(?i:photo|photos|picture|pic|image|images|foto|fotos|imagen|bild|photograph|illustration|file\s+photo|credits?"
    r"|photo\s+credits?|image\s+credits?|photo\s+by|photos\s+by|courtesy|source|crédit\s+photo|fuente|fonte|sumber"
    r"|image\s+source|photo\s+source|picture\s+source)"
    r"\s*(?:[:/|–—]|\s-\s)"
    r"|FILE\s*[-–—]\s|FILE\s+PHOTO\s*[-–—:]"
    # (a short description of the picture: `Image of the harbour crane.`)
    r"|(?i:image|photo|picture)\s+of\s+[^.!?:]{2,80}\.?$"
    # (a fashion gallery's caption: `Wearing Studio Name at the 2022 Harbour Gala.`)
    r"|(?i:wearing)\s+\p{Lu}[^.!?\n]{0,80}?\s(?:at|to|for|on)\s+[^.!?\n]{2,120}\.?$"
    # `Photo courtesy of Name via Instagram.`, `Courtesy of Name (handle) via Instagram`
    r"|(?i:(?:photo|image|picture|video)\s+)?(?i:courtesy)\s+of\s+\p{Lu}[^.]{0,80}(?i:via\s+\p{Lu}\p{L}+|\))\.?$"
    r"|\[[^\[\]]{2,120}/(?:AP|AFP|Reuters|Getty|EPA|Al Jazeera|AP Photo|Anadolu)[^\[\]]*\]"
    r")"
)
# A photographer's name (two to four capitalised words) and the agencies that credit pictures.
CREDIT_NAME = r"\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}"
CREDIT_AGENCIES = (
    r"AFP|AP|EPA|EPA-EFE|EFE|REUTERS|Reuters|Getty Images|Associated Press|Shutterstock|Bloomberg|ANSA|dpa|Xinhua"
    r"|Anadolu(?: Agency)?|Alamy|PA|PTI|ANI|IANS|UPI"
)
# A credit on a line of its own: `Name, AGENCY`, `Name for Outlet`, `Name/Agency`, also in brackets.
# (`By Name for Outlet` is a byline: the caller leaves byline-worded lines alone.)
CREDIT_LINE_RE = (
    # (or only an agency in brackets: `(PA Wire)`, `[AFP]`)
    rf"^[(\[](?:{CREDIT_AGENCIES}|PA Wire|PA Media|AP Photo)[)\]]$|"
    rf"^[(\[]?{CREDIT_NAME}(?:\s*,\s*(?:\p{{Lu}}{{2,}}(?:[ /-]\p{{Lu}}{{2,}})*|{CREDIT_AGENCIES})"
    r"|\s+for\s+(?:the\s+|The\s+)?\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*){0,3}"
    r"|\s*/\s*\p{Lu}[\p{L}&.'’ -]*)[)\]]?$"
)
# A credit closing a caption: `... on Friday. (Name / Outlet)`, `... [Name for Outlet]`, `... at dawn Name, AFP`.
CAPTION_CREDIT_TAIL_RE = (
    rf"(?:\s[(\[]{CREDIT_NAME}\s*(?:/\s*|,\s*|\s+for\s+)\p{{Lu}}[^()\[\]\n]{{1,60}}[)\]]"
    rf"|\s{CREDIT_NAME}\s*,\s*(?:{CREDIT_AGENCIES}))$"
)
# Lines that end in a picture credit (tested on lines with no final stop).
CAPTION_CREDIT_END_RE = (
    r"(?:\((?:AP|AFP|Reuters|EPA|Getty|PA|ANI|IANS|PTI|Xinhua|Anadolu|UPI|Bloomberg)?\s*"
    r"(?:Photo|Photos|Pic|Images?|Picture)(?-u:\b)[^()]*\)"
    r"|/\s*(?:Getty Images|Shutterstock|AFP|Reuters|REUTERS|AP|EPA|Anadolu(?: Agency)?|Bloomberg)\)?"
    r"|via\s+(?:Getty Images|REUTERS|Reuters|AP|AFP|EPA|Anadolu(?: Agency)?|Bloomberg|ZUMA Press|Associated Press)\)?"
    r"|\| Photo(?-u:\b)[^|]*"
    # `..., Photo by Jane Roe / AGENCY.COM` and `Name - Foto Club`: a credit word after a separator.
    r"|[,;.]\s*(?i:photo|photos|picture|image|foto)\s+(?i:by|de|von|di)\s+\p{Lu}[^()]*"
    r"|\s[-–—|]\s*(?i:foto|fotos|photo|photos|picture|pic|imagen|image|bild)\s+\p{Lu}[\p{L}\p{N}.'’&/ -]*"
    # `Caption - -`: the separator of a credit that was stripped.
    r"|\s[-–—]\s+[-–—]"
    r"|(?i:foto|photo|picture|pic|image|imagen|bild|sumber\s+foto|credits?|fotograf[íi]a\s+(?:por|de)|cr[ée]ditos?)\s*:\s*[^.:]+"
    r"|(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|ANSA|EFE|dpa)/\p{Lu}[\p{L}.'’ -]+"
    # (`... at dawn – Reuters`, `... return? | AFP`; a dash after a full stop, `... wounding dozens. –
    # Reuters`, credits a paragraph quoted from the agency, as live pages do: prose)
    r"|(?:[^.\s]\s+[-–—]|\s[|/])\s*(?:AFP|AP|Reuters|EPA|EFE|ANSA|Divulgação|Reprodução|Reproducción|Arquivo|Archivo)"
    r"|(?:Divulgação|Reprodução|Reproducción"
    r"|(?i:captura\s+de\s+(?:pantalla|tela)|screenshot|screengrab|screen shot|screen grab)[^.]*)"
    r"|(?:^|\s)(?:Getty Images|Shutterstock|Alamy|iStock|EPA-EFE|Unsplash|AP Photo))\s*$"
    # `... Photography by Jane Roe`, `... (Harbour Fire Rescue via Facebook)`: a credit closing a caption
    # (unbounded repeats: a bounded one over a Unicode class multiplies this pattern's cost by eight)
    r"|(?:^|\s)(?i:photography|photos?|pictures?|images?|video)\s+by\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+)*$"
    r"|\((?:[^()]*\s)?via\s+(?:Facebook|Twitter|Instagram|X|TikTok|YouTube|Reddit)\)$"
    # `Sam Reid / EBT`: a photographer and an agency or paper.
    r"|^\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*/\s*\p{Lu}[\p{L}&.'’ -]*$"
    # `... on Friday. (Name / Outlet)`, `... at dawn Name, AFP`: a credit after the caption.
    r"|" + CAPTION_CREDIT_TAIL_RE
)

# More credits closing a caption (held-out real sets S, J and T): `...@handle | Instagram`,
# `... Fuente: Instagram @handle`, `... Quelle: Name`, `... ©Studio`, `... (JANE ROE. OUTLET)`.
# (A pattern of their own: added to CAPTION_CREDIT_END_RE they made it twice as slow.)
CAPTION_SOURCE_END_RE = (
    r"(?:@[\w.]+\s*\|\s*(?:Instagram|Twitter|TikTok|Facebook|X)"
    # (the label capitalised, the name short: `Police find leak source: Council worker suspended` is a headline)
    r"|\s(?:(?i:image)\s+(?i:source)|Source|Fuente|Fonte|Quelle)\s*:\s*\p{Lu}[^.:\s]*(?:\s+[^.:\s]+){0,3}"
    r"|\s?©\s*\p{Lu}[\p{L}\p{N}&.'’ -]*"
    r"|\(\p{Lu}{2,}(?:\s+\p{Lu}{2,})*\.\s+\p{Lu}{2,}(?:\s+\p{Lu}{2,})*\)"
    # (held-out real set M) `... Photograph:( Outlet Web Team )`, `Floods in the valley | Twitter`
    r"|\s(?:Photograph|PHOTOGRAPH)\s*:\s*\(?\s*\p{Lu}[^.:()]{0,40}\)?|\s\|\s*(?:Twitter|Instagram|Facebook|TikTok))$"
)
# A caption whose last sentence is its credit (`... in Sheffield. Jane Roe/PA Wire.`, `... todo terreno.
# Foto: Juan Roe, Archivo EL DIARIO.`): tested on lines with a final stop. One list of credit words and
# one of agencies make both the pattern and the literal marks that let a line pay for it.
STOPPED_CREDIT_WORDS = ("Foto", "Fotos", "Photo", "Photos", "Fuente", "Fonte", "Crédito", "Credit", "Bild")
STOPPED_CREDIT_AGENCIES = ("PA Wire", "PA", "AP", "AFP", "Reuters", "REUTERS", "EPA", "Getty Images")
STOPPED_CREDIT_END_RE = (
    # (the credit's words capitalised but for short ones, `de`, `via`: `Credit: Only at the main till.` is prose)
    rf"[.!?]\s+(?:(?:{'|'.join(STOPPED_CREDIT_WORDS)})\s*:\s*[\p{{Lu}}@][^:\s]*"
    r"(?:\s+(?:[\p{Lu}\p{N}@(][^:\s]*|\p{Ll}{1,3}[,.]?))*"
    rf"|\p{{Lu}}[\p{{L}}'’-]+\s+\p{{Lu}}[\p{{L}}'’-]+\s*/\s*(?:{'|'.join(STOPPED_CREDIT_AGENCIES)}))\.$"
)
# (literal marks, one of which such a credit holds: only lines with one pay for the pattern)
_CREDIT_AGENCY_HEADS = dict.fromkeys(agency.split()[0] for agency in STOPPED_CREDIT_AGENCIES)
STOPPED_CREDIT_MARKS = [
    *(f"{word}:" for word in STOPPED_CREDIT_WORDS),
    *(f"/{agency}" for agency in _CREDIT_AGENCY_HEADS),
    *(f"/ {agency}" for agency in _CREDIT_AGENCY_HEADS),
]
# An image caption the site cut off: one sentence broken off mid-phrase with an ellipsis.
TRUNCATED_CAPTION_RE = r"^[^.!?…\"“”]*\p{Ll}(?:\.\.\.|…)$"
# A promo line glued to the outlet's name: `Valley PostSubscribe to our newsletter ...`.
GLUED_PROMO_RE = (
    r"^(?:\p{Lu}[\p{L}&.'’-]*\s+){0,3}\p{Lu}[\p{L}&.'’-]*\p{Ll}"
    r"(?:Subscribe|Sign\s+up|Follow\s+us|Download\s+(?:our|the)|Get\s+(?:our|the)|Join\s+(?:our|us|the)|Click\s+here"
    r"|Register|Support\s+(?:our|independent)|Become\s+a)(?-u:\b)"
)
# A source line: `Outlet Saturday, 13 May 2023 ()` (outlet, weekday, date, empty parentheses).
SOURCE_LINE_RE = rf"(?:{WEEKDAYS}),?\s+.{{0,30}}\d{{4}}\s*\(\s*\)$"
# A link line led by an emoji (`👉 https://...`, `🔗 Read more: https://...`): a promo or related link.
EMOJI_LINK_RE = r"^\p{Extended_Pictographic}.*(?:https?://|www\.)\S"
# A section or topic label (`Politics`, `World Cup 2022`): up to three capitalised words ending in a
# year, or naming a section. Never a headline when it stands alone at the top.
# A site's menu printed as one line of section names (`News Weather Sport Opinion Travel Money`):
# counted per word; most of the line's words must be section names.
SECTION_WORDS = (  # noqa: SIM905 (a list of words reads best as words)
    "News Sport Sports Business Views Opinion Life Lifestyle Property Motors Cars Tech Technology Farming"
    " Politics World Culture Entertainment Health Science Economy Travel Football Soccer Cricket Local"
    " National International Weather Crime Education Environment Climate Money Food Style Arts Music"
    " Movies TV Video Videos Podcast Podcasts Jobs Obituaries Home Homes Games Puzzles Shopping Deals"
    " Books Fashion Beauty Royals Celebrity"
).split()
SECTION_WORD_RE = rf"(?-u:\b)(?:{'|'.join(SECTION_WORDS)})(?-u:\b)"
SECTION_LABEL_RE = (
    r"^(?:(?:\p{Lu}[\p{L}&'’.-]*|\d+)\s+){0,2}(?:(?:19|20)\d\d"
    r"|(?i:politics|world|sports?|business|news|opinion|culture|entertainment|health|science|tech(?:nology)?"
    r"|economy|lifestyle|travel|football|soccer|cricket|local|national|international|weather|crime|education"
    r"|environment|climate|elections?|world\s+news|us\s+news|uk\s+news))$"
)
# Words that say a lead-in line introduces a quote or a post (`The minister later added on social media:`),
# or a round-up of posts (`Here are some of the reactions:`, `See the footage below:`): on real pages the
# round-up lead-ins were the commonest prose line lost.
LEAD_IN_RE = (
    r"(?i)(?:(?-u:\b)(?:said|says|say|wrote|writes|added|adds|posted|posts|tweeted|tweets|shared|shares|told|tells"
    r"|below|here\s+(?:are|is)|here['’]s|reactions?|reacted|take\s+a\s+look|check\s+out|the\s+following"
    r"|stated|states|announced|announces|explained|explains|commented|replied|replies|responded|responds|reads"
    r"|continued|noted|warned|insisted|according\s+to|dijo|schrieb|sagte"
    r"|confirmed|confirms|revealed|reveals|admitted|admits|joked|jokes|claimed|claims|asked|asks"
    r"|disse|escreveu|afirmou|kata|menulis"
    # (a round-up or post announced in the page's language: `Veja a publicação ...:`, `Mira el video:`)
    r"|veja|confira|vea|mira|mire|voici|regardez|ecco|guarda|lihat|simak|berikut|publicação|publicación|publicou"
    r"|postou|beitrag|unggahan|cuitan)(?-u:\b)"
    # (words opening or ending in a letter outside ASCII, which an ASCII word boundary cannot see)
    r"|(?:^|[\s\"“«(])(?:escribió|afirmó|publicó|tuiteó|écrit|déclaré|publié|написал|заявил)(?:$|[\s:,.;!?\"”»)]))"
)
# The shape of a lead-in line: a capital, four words or more, a colon at the end (with a word of
# LEAD_IN_RE it introduces a quote or a post: `You can see the full tweet below:`).
LEAD_IN_SHAPE_RE = r"^\p{Lu}\S*(?:\s+\S+){3,}[:：]\s*$"
# A sentence that cites a handle with a verb of saying (`Stylist Jo Roe, aka @jroe, said that ...`): the
# article reporting what someone posted, not the text of a post.
CITED_HANDLE_RE = (
    r"(?i)(?:^|[^(\w])@\w[^.!?]*(?-u:\b)(?:said|says|wrote|writes|tweeted|posted|shared|told|added|explained"
    r"|noted|claimed|argued|dijo|escribió|disse|escreveu|a\s+écrit|schrieb|sagte)(?-u:\b)"
)

# The article quoting a post in its own words before the post itself: a reporting clause and a colon
# (`Another user wrote: "..."`), or a whole sentence of its own (`The company acknowledged the outage on
# Twitter. "We're aware ..."`), before the opening quotation mark.
REPORTED_QUOTE_RE = (
    r"^(?:[^“”\"]{3,80}?\s(?:wrote|writes|said|says|tweeted|posted|added|commented|replied|responded|explained)"
    r"\s*[:,]\s*[“\"]"
    r"|\p{Lu}[^“”\"]{20,200}?\p{Ll}[.!?]\s+[“\"])"
)

# Time lines: `Published 17m ago`, `UPDATED: 10:42 AM —`, `3 DAYS AGO`, `Last Updated: May 9, 2023`, a bare date.
# A date as pages print it: `May 9, 2023`, `9 May 2023`, `1 de marzo de 2022`, `agosto 14, 2025`,
# `Jueves, 14 de agosto de 2025`, `2023-05-09`, `09/05/2023`, `2022-11-22T14:40+0000`.
DATE_TOKEN = (
    rf"(?:(?:(?:{WEEKDAYS}|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+|\p{{L}}+,\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?i:{LOCAL_MONTH_NAMES})\.?,?\s+(?:de\s+)?\d{{4}}"
    rf"|(?i:{LOCAL_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
)
TIME_TOKEN = (
    r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|GMT|UTC|Uhr|hrs|h|ist)(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\)?)?"
)
# A date and its time anywhere in a line (`J. Roe Portvale Monday, 4 March 2024, 09:40 Share`): a meta
# line, never a headline.
DATE_TIME_RE = rf"(?:{DATE_TOKEN}),?\s+(?:(?i:at|à|às|a\s+las|um|alle)\s+)?{TIME_TOKEN}"
TIMESTAMP_RE = (
    r"^[•·|\s]*(?:"
    r"(?i:(?:last\s+)?(?:updated|published|posted|modified|first\s+published|created|publicado|actualizado|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|diperbarui|dipublikasikan))"
    r"(?i:\s+(?:on|at|en|le|am|el))?\s*:?.*"
    # (real set V, session 10) the same words in more languages, a number close after them: `Ultimo
    # aggiornamento: 10:49`, `Atualizado em 24/04/2021`, `Opublikowano: 12.05.2023`
    r"|(?i:ultimo\s+aggiornamento|aggiornat[oa]|pubblicat[oa]|[úu]ltima\s+actualizaci[óo]n|atualizad[oa]|publicad[oa]"
    r"|bijgewerkt|gepubliceerd|zaktualizowano|opublikowano|aktualizacja|обновлено|опубликовано|güncellendi|güncelleme"
    r"|yayınlanma|actualizat|publicat)(?:\s+\p{L}+){0,2}\s*:?\s*\d.*"
    r"|(?:\d{1,2}:\d{2}(?::\d{2})?,?\s*)?(?i:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|years?)\s+ago)"
    rf"|(?:(?i:on|at)\s*:\s*|(?i:on|at|la|le|am|el|em|il|op)\s+)?{DATE_TOKEN}(?:\s*(?:at|,|\||/|-|–|•|·)?\s*{TIME_TOKEN})?(?:\s*[|•·/]\s*.{{0,30}})?"
    rf"|{TIME_TOKEN}(?:\s*(?:,|\||/|-|–|•|·|on)?\s*{DATE_TOKEN})?"
    r"|(?i:(?:yesterday|today|just\s+now)(?:\s+at\s+.{1,20})?)"
    r")\s*[—–-]?\s*$"
)
# A page's meta description with its date and outlet run on: `<sentence>. 21.11.2022, Outlet`.
META_LINE_RE = rf"[.!?…][\"'”’»)]*\s+(?:{DATE_TOKEN})\s*,\s*\p{{Lu}}[\p{{L}}&.'’ -]{{1,40}}$"
# `By: || Updated: 15 Dec 2017 08:41 PM`: a short line that says when it was updated or published.
TIMESTAMP_ANY_RE = (
    r"(?i:(?:last\s+)?(?:updated|published|posted|publicado|actualizado|publié|atualizado)(?:\s+on)?\s*:)\s*\d"
)
# A CMS meta line of `Label: value` fields apart by bars: `Edited By: Desk |Source: Wire |Updated: <date>`
# (what is left of `Reported By:Name| ...` once the byline is cut off).
META_FIELDS_RE = r"^[^|]{1,60}(?:\|[^|]{1,60}){1,5}$"
META_FIELD_LABEL_RE = (
    r"(?i)(?:^|\|)\s*(?:updated|last\s+updated|published|posted|source|edited\s+by|publicado|actualizado|atualizado"
    r"|fonte|fuente|diperbarui)\s*:"
)
# A word opening with a capital, maybe after an opening quote or bracket: counted to tell title case
# (`Ferry Fares Rise Again`) from sentence case.
CAPITALISED_WORD_RE = r"(?:^|\s)[\"“‘(]?\p{Lu}"
# A syndicated headline with its note run on (real set U, session 10): `<headline> originally appeared on
# NBC Sports Boston`.
TITLE_SYNDICATION_RE = r"^(?P<prefix>\S.{9,}?)\s+(?P<rest>originally\s+(?:appeared|published)\s+on\s+\p{Lu}.{0,60})$"
# A title glued to its time line: `Explosions heard in Kyiv Published on: 5 minutes ago`.
TITLE_STAMP_RE = r"^(?P<prefix>\S.*?)\s+(?P<rest>(?i:published|updated|posted|last\s+updated)(?:\s+on)?\s*:\s*\S)"
# The agencies a byline in capitals names after a comma (`JANE DOE, Associated Press`), and that
# byline; a headline can run into it on the header line (TITLE_AGENCY_BYLINE_RE).
BYLINE_AGENCIES = r"Associated\s+Press|AP|Reuters|AFP|Bloomberg"
AGENCY_BYLINE = rf"\p{{Lu}}{{2,}}(?:\s+\p{{Lu}}[\p{{Lu}}'’.-]+){{1,3}},\s+(?:{BYLINE_AGENCIES})(?-u:\b)"
# A broadcaster's job title before the name (`Chief Meteorologist Jane Roe`).
BROADCAST_ROLE = (
    r"(?:(?:Chief|Senior|Staff|Lead|Certified)\s+)?(?:Meteorologist|Forecaster|Reporter|Correspondent|Anchor)"
)
# Bylines in their common forms; weaker name-only forms are judged by position (see blocks).
BYLINE_RE = (
    r"^(?:"
    r"(?:By|BY|by)\s*:?\s+\p{Lu}"
    r"|(?i:(?:written|reported|compiled|edited|words|story|text|reporting)\s+by)(?-u:\b)"
    r"|(?:Von|Por|Par|Oleh|Автор|Yazar|Texto|Reportagem|Redacción|Redação)\s*:?\s+\p{Lu}"
    r"|(?:Penulis|Reporter|Pewarta|Autor|Autora|Auteur|Author|Writer|Redakteur|Redattore)\s*:\s*\p{Lu}"
    # (`PTI Web Desk`, `Tribune Web Desk`: the site's name first)
    r"|(?:\p{Lu}{2,5}\s+|\p{Lu}\p{Ll}+\s+)?(?i:(?:web|news|online|staff|sports|digital|city|metro|political|foreign|business|national|international)\s+(?:desk|team|reporter|correspondent|writer))(?-u:\b)"
    r"|(?i:(?:staff|special)\s+(?:reporter|writer|correspondent))(?-u:\b)"
    # `ByHARBOUR NEWS`: `By` run into a name in capitals
    r"|By\p{Lu}{2,}"
    # `Chief Meteorologist Jane Roe`, `-- Reporter Jane Roe`: a job title before the name, as
    # broadcasters sign off a story
    rf"|[-–—]*\s*{BROADCAST_ROLE}\s+\p{{Lu}}[\p{{L}}'’.-]+(?:\s+\p{{Lu}}[\p{{L}}'’.-]+){{1,2}}$"
    # `redacción internacional`: the desk, written in lower case (`Redação do Enem` is a heading)
    r"|(?:redacci[óo]n|reda[çc][ãa]o|r[ée]daction|redazione|redaktion)(?:\s+\p{Ll}+){0,2}$"
    # `JANE DOE, Associated Press`
    rf"|{AGENCY_BYLINE}"
    r"|[>»\s]*\(?(?:Agencies|AFP|Reuters|AP|PTI|IANS|ANI|Bloomberg|Xinhua|TASS|Anadolu(?: Agency)?|Press Trust of India"
    r"|Associated Press"
    r"|Agence France-Presse)\)?\s*$"
    r")"
)
# A blog's author signing off under the article: `--Jane Roe`, `- Jane Roe` (`— Jane Roe` at a page's
# end is as often a tweet's signature cut off).
SIGN_OFF_RE = r"^-{1,2}\s*\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2}$"
# `By the end of the week ...` is prose.
NOT_BYLINE_RE = (
    r"^(?i:by)\s+(?:The|This|That|These|Those|Then|Now|Contrast|Comparison|Law|Default|Far|Early|Late|Noon|Midday|Night"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Mid|Next|Last|All|Any|Some|Most|Comparison)(?-u:\b)"
)
# A person's name on its own (two to four capitalised words, maybe `and` between two names),
# or `Name in City`: a byline when it sits just under the title.
NAME_LINE_RE = (
    r"^\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|al|el|bin|ibn)){1,3}"
    r"(?:\s+(?:and|&|y|et|und|e)\s+\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})?"
    r"(?:\s+in\s+\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?(?:,\s*\p{Lu}[\p{L}-]+)?)?"
    r"(?:\s*[,|–—-]\s*(?i:reporter|correspondent|editor|writer|staff\s+writer|contributor|senior\s+\w+|\w+\s+editor|\w+\s+correspondent))?$"
)
# Agency datelines opening the first paragraph: `CITY, St. (AGENCY) –`, `City, May 9, AGENCY –`,
# `LONDON (Reuters) -`, `NEW DELHI:`. The prefix group is the dateline; the rest is prose.
DATELINE_PREFIX_RE = (
    # (unbounded repeats: bounded ones over Unicode classes blow up the regex automaton; the
    # caller only searches the first PREFIX_CHARS characters anyway)
    r"^(?P<prefix>"
    r"\p{Lu}[\p{L}.'’ -]+?(?:,\s*\p{Lu}[\p{L}.'’ -]+?)?"
    rf"(?:,\s*(?:{MONTHS})\.?\s+\d+(?:,\s*\d{{4}})?)?\s*\(\p{{Lu}}[\p{{L}}.&/ -]+\)\s*(?:[—–]|--?|:)"
    rf"|\p{{Lu}}[\p{{L}}.'’ -]+?,\s*(?:{MONTHS})\.?\s+\d+(?:,\s*\d{{4}})?,?"
    r"\s*\(?\p{Lu}\p{Lu}+(?:[ /]\p{Lu}\p{Lu}+)*\)?\s*(?:[—–]|--?|:)"
    r"|\p{Lu}\p{Lu}\p{Lu}+(?:[ -]\p{Lu}\p{Lu}+)*(?:,\s*\p{Lu}[\p{L}.]+(?:\s\p{Lu}[\p{L}.]+)?)?\s*(?:[—–]|--|:)"
    r")\s*(?P<rest>\S)"
)
# Capitalised words that open a line with a colon or dash but are no place name.
NOT_DATELINE_RE = (
    r"^(?:LATEST|BREAKING|JUST\s+IN|DEVELOPING|BELOW|ABOVE|PICTURED|SEE|LOOK|WATCH|READ|UPDATE|UPDATED|LIVE|EXCLUSIVE|VIDEO|PHOTOS?|ALSO|NOTE|EDITOR|WARNING|ANALYSIS|OPINION|COMMENT"
    r"|PUBLISHED|POSTED|SOURCE|CREDIT|FILE|RELATED|MORE|UPDATES|TAGS?|TOPICS?|Q|A)(?-u:\b)"
)
# A time line glued in front of the text it dates: `UPDATED: 10:42 AM — text`.
TIMESTAMP_PREFIX_RE = (
    r"^(?P<prefix>(?i:(?:last\s+)?(?:updated|published|posted))\s*:?\s*[^—–\n]{1,50}?\s*[—–])\s*(?P<rest>\S)"
)
# A byline glued to its time line: `By Name • May 9, 2023 • 10:42`, `Name Last Updated: May 9`.
BYLINE_PREFIX_RE = (
    r"^(?P<prefix>(?:(?:By|BY|Written by|Reported by)\s+)?\p{Lu}[^•|·/\n]{1,60}?)\s*"
    r"(?P<rest>(?:[•|·/]\s*|(?i:last\s+updated|updated|published|posted\s+on)(?-u:\b)\s*:?"
    # (`Desk Name Publicado em 03/04/2021, às 08h15`, `Name Publié le ...`)
    r"|(?i:publicado|publicada|publi[ée]e?|ver[öo]ffentlicht|pubblicato|dipublikasikan|diterbitkan)"
    r"\s+(?i:em|el|en|le|am|il|pada|on)(?-u:\b)).{1,160})$"
)
# A name glued to the date and time of the article: `Desk Name February 03, 2022 20:33:36 IST`.
# (also `by : Name on : 04 Oct 2021 17:09`, the `on :` going with the time line)
NAME_DATE_RE = (
    rf"^(?P<prefix>(?:(?i:by)\s*:?\s+)?\p{{Lu}}[^\n]{{1,50}}?)\s+(?P<rest>(?:(?i:on|at)\s*:\s*)?(?:{DATE_TOKEN})"
    rf"(?:\s*(?:at|,|\||-|–|•|·)?\s*{TIME_TOKEN})?)\s*$"
)
# Words around a byline's name: `By`, `Written by`, `Von:`, separators and parentheses.
BYLINE_LEAD_RE = (
    r"^(?:[>»(]+\s*|(?i:by|written\s+by|reported\s+by|compiled\s+by|edited\s+by|words\s+by|story\s+by|text\s+by|reporting\s+by)(?-u:\b)\s*:?\s*"
    r"|(?:Von|Por|Par|Oleh|Автор|Yazar|Texto|Reportagem)\s*:?\s+"
    r"|(?:Penulis|Reporter|Pewarta|Autor|Autora|Auteur|Author|Writer|Redakteur|Redattore)\s*:\s*"
    rf"|[-–—]+\s*|{BROADCAST_ROLE}\s+)+"
)
# A date glued after the name in a byline, and whatever follows it (time, reading time):
# `Jane Doe Mar 3, 2024, 10:05 am 4 min read`. (DATE_TOKEN's `Word, <date>` form is left out:
# that word could be the surname.)
BYLINE_DATE_TAIL_RE = (
    rf"[\s•·,-]+(?:(?i:{LOCAL_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?i:{LOCAL_MONTH_NAMES})\.?,?\s+(?:de\s+)?\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?:\W.*)?$"
)
# ... and a date run into the name with no space at all (`Jane DoeMay 18, 2021, 4:31 PM`,
# `Jane Doe14 April, 2019`): the name's last letter is kept (group 1).
BYLINE_GLUED_DATE_RE = (
    r"(\p{Ll})(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?i:{LOCAL_MONTH_NAMES})\.?,?\s+(?:de\s+)?\d{{4}})(?:\W.*)?$"
)
# `Jane Doe in Lagos`: the place is not part of the name.
BYLINE_PLACE_RE = r"\s+in\s+\p{Lu}[\p{L}-]+(?:[ ,]+\p{Lu}[\p{L}-]+)*$"
# A headline run into an agency byline in capitals (AGENCY_BYLINE).
TITLE_AGENCY_BYLINE_RE = rf"^(?P<prefix>.+?[\p{{Ll}}\d.!?”\"’)])\s+(?P<rest>{AGENCY_BYLINE}.*)$"
# A title glued to its byline: `Talks resume in GenevaBy Jane Doe`.
TITLE_BYLINE_RE = r"^(?P<prefix>.+?[\p{Ll}\d.!?”\"’)])(?P<rest>By\s+\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})$"
# --- page-head shapes met on real set B (issue 8, second pass) -------------------------------
# (Broad classes such as `\S` rather than `\p{L}` below where the shape allows: a pattern is compiled
# for every batch, and each Unicode letter class adds to that fixed cost.)
# `NBA The National Basketball Association`: an acronym over the words it stands for, the name of a
# site, league or body printed as a label. Group 1 is the acronym, group 2 the words; a line is such
# a name when the capitals opening the words spell the acronym (checked in blocks).
ACRONYM_NAME_RE = (
    r"^(\p{Lu}{2,6})\s+(?:The\s+)?"
    r"(\p{Lu}\S*(?:\s+(?:\p{Lu}\S*|of|for|and|de|du|des|del|la|le|the|&)){1,7})$"
)
# `By examplenews`: a byline naming the site (one lowercase word, a handle or a domain) on its own line.
BYLINE_SITENAME_RE = r"^(?:By|BY|Par|Por|Von)\s*:?\s+[\p{Ll}\d][^\s,;:!?]{4,}$"
NOT_BYLINE_SITENAME_RE = (
    r"^\S+\s+(?i:far|now|then|default|contrast|comparison|design|definition|accident|chance|midnight|tomorrow"
    r"|tonight|yesterday|extension|necessity|nature|mistake|himself|herself|itself|themselves|myself|yourself)\W*$"
)
# `Caption text - Jane Roe/Outlet`: a caption whose credit is a photographer and an outlet after a dash
# (looked for in a line's last CREDIT_TAIL_CHARS characters).
CREDIT_TAIL_CHARS = 90
CAPTION_DASH_CREDIT_RE = r"\s[-–—]\s+\p{Lu}[^\s/,;:]+(?:\s+\p{Lu}[^\s/,;:]+){0,3}\s*/\s*\p{Lu}[^/,;:]{0,30}$"
# A reader-support appeal: `Your support helps us ...` opening a line, or a `Support Now` /
# `Donate Now` button run into text.
SUPPORT_APPEAL_START_RE = r"^(?i:your\s+support\s+(?:helps|makes|keeps|means|allows|enables|powers))(?-u:\b)"
SUPPORT_BUTTON_RE = r"(?-u:\b)(?:Support|Donate|Contribute)\s+(?:Now|Today)(?-u:\b)"
# `Dans : FC Nantes.`: the section a story is filed in, as a label (`In: Politics`, `En : Fútbol`).
FILED_IN_LABEL_RE = r"^(?:Dans|In|En|Em|Nel|Im|Rubrique|Rubrik)\s*:\s*\p{Lu}[^:!?]{0,40}$"
# `Keep reading: Title`, `Leé también: Title` (Rioplatense voseo accent).
# (and another story's headline with its link's `Read more` after it, as one line)
RELATED_MORE_RE = (
    r"(?i)^(?:keep\s+reading|le[eé]\s+tambi[eé]n|mir[aá]\s+tambi[eé]n)\s*:|^[^.!?…]{10,160}?\s+read\s+more$"
)
# A job title on its own line under a name at the foot of an article (`Jane Roe` / `Rédactrice`).
# (also with a word or two before it and the place after a comma: `Content Writer, Lisbon`)
ROLE_LINE_RE = (
    r"^(?:\S+\s+){0,2}(?i:r[ée]dacteur|r[ée]dactrice|journaliste|journalist|reporter|editor|redakteur|redakteurin|redattore|redattrice"
    r"|periodista|redactor|redactora|jornalista|wartawan|jurnalis|correspondent|correspondant|correspondante"
    r"|contributor|staff\s+writer|writer|(?:senior|chief|deputy|sports|news)\s+(?:editor|reporter|writer|correspondent))"
    r"(?:,?\s+\S+){0,2}$"
)
# An author's bio closing an article: a sentence about the author (named by the byline's first name)
# with the words bios are written in.
BIO_WORDS_RE = (
    r"(?i)(?-u:\b)(?:is\s+an?|was\s+an?|writes|has\s+(?:been|worked|written|covered)|covers|loves|enthusiast|graduate"
    r"|based\s+in|can\s+(?:be\s+found|often\s+be\s+found)|when\s+(?:she|he|they)['’]?s?\s+not|hobbies|passion"
    r"|joined|es\s+periodista|est\s+journaliste|ist\s+redakteur|adalah\s+(?:wartawan|jurnalis))(?-u:\b)"
)
# `Jane Roe , Reporter-Senin, 15 Juli 2019 |09:05 WIB`: name, job title, weekday, date and time run together.
BYLINE_ROLES = (
    r"(?i:jurnalis|wartawan|reporter|journalist|journaliste|periodista|jornalista|kontributor|contributor"
    r"|correspondent|editor|redaktur|redakteur)"
)
NAME_ROLE_DATE_RE = (
    r"^(?P<prefix>\p{Lu}[^\s,]+(?:\s+\p{Lu}[^\s,]+){1,3})\s*,\s*"
    rf"(?P<rest>{BYLINE_ROLES}\s*[-–—,|]\s*.*\d{{4}}.*)$"
)
# Time lines that open with a word or two: what is left of such a byline once the name is cut off
# (`Reporter-Senin, 15 Juli 2019 |09:05 WIB`), a site's date banner (`Today is Saturday March 18, 2023`)
# and a section's name dating the story (`Local News of Monday, 3 May 2021`).
DATED_LABEL_RE = (
    rf"^(?:(?i:today\s+is|heute\s+ist|hoy\s+es|aujourd'hui)\s*:?,?\s*|{BYLINE_ROLES}\s*[-–—,|]\s*"
    r"|(?:\p{Lu}[\p{L}&'’-]*\s+){1,3}of\s+)"
    rf"(?:{DATE_TOKEN})"
    r"(?:\.?\s*$|\s*[|,•·/]|\s+\d)"
)
# `2 Min. Lesezeit`, `·7 min read`: the reading time an article's own head shows beside its date.
READING_TIME_RE = (
    r"(?i)\d+\s*(?:min(?:ute)?s?|min\.|minutos?|minuti|menit|dakika)\s*(?:read|lesezeit|de\s+lecture|de\s+leitura"
    r"|de\s+lectura|di\s+lettura|baca|okuma)"
)
# `dan burke`: a name left in lower case, two or three words.
LOWERCASE_NAME_RE = r"^\p{Ll}[\p{Ll}'’-]+(?:\s+\p{Ll}[\p{Ll}'’-]+){1,2}$"

# --- shapes met on held-out real set A (issue 8, third pass) ---------------------------------
# A poll widget's question to the reader (`What is your reaction to ...?`, `Do you agree with ...?`):
# furniture, never the headline.
POLL_QUESTION_RE = (
    r"(?i)^(?:what\s+(?:is|are|was|'s|’s)\s+your\s+(?:reaction|opinion|take|view|verdict|prediction|favou?rite)"
    r"|what\s+do\s+you\s+(?:think|make|expect|feel)|do\s+you\s+(?:think|agree|support|believe|approve|like|plan)"
    r"|how\s+(?:would|do)\s+you\s+(?:rate|feel|vote)|would\s+you\s+(?:vote|support|buy|watch|go)"
    r"|will\s+you\s+(?:vote|watch|be|buy)|who\s+(?:do|would|will)\s+you\s+(?:think|support|vote|back|want)"
    # a reader-reaction widget asks what the reader made of the article (`Bagaimana tanggapan anda
    # mengenai artikel ini?`, `¿Qué te pareció esta noticia?`), its first mood button run on
    r"|bagaimana\s+(?:tanggapan|reaksi|perasaan)\s+(?:anda|kamu)"
    r"|¿?\s*qu[ée]\s+(?:te|le)\s+pareci[óo]\s+(?:esta|este|la|el)\s+(?:noticia|nota|art[íi]culo|contenido)"
    r"|o\s+que\s+(?:voc[êe]\s+)?achou\s+(?:d[ea]st[ae]|d[oa])\s+(?:not[íi]cia|mat[ée]ria|artigo|conte[úu]do)"
    r"|qual\s+(?:[ée]\s+)?(?:a\s+)?sua\s+rea[çc][ãa]o|quelle\s+est\s+votre\s+r[ée]action"
    r"|wie\s+gef[äa]llt\s+(?:ihnen|dir)\s+(?:dieser|der)\s+(?:artikel|beitrag))"
    r"(?-u:\b)[^.!]*\?(?:\s+\p{Lu}\p{Ll}+)?$"
)
# An SEO keyword list: five or more short lower-case phrases apart by commas opening a line
# (`cup final, cup final score, rovers vs united, ...`), sometimes with text run on after it.
KEYWORD_LIST_RE = r"^\p{Ll}[\p{Ll}\d'’&. -]{0,40}(?:,\s*[\p{Ll}\d][\p{Ll}\d'’&. -]{0,40}){4,}(?:,|\s|\p{Lu}|$)"
# A teaser promoting other stories or a gallery: `Check out other ...`, `See more ...`, `Explore all
# our ...` on a line with no final stop or colon (a lead-in ending in `:` is the article's).
PROMO_TEASER_RE = (
    r"(?i)^(?:check\s+out|see|explore|discover|browse|view|meet)\s+"
    r"(?:(?:some\s+|all\s+)?(?:other|more)|all\s+(?:the|our)|our\s+(?:other|full|latest|top))(?-u:\b)"
)
# A picture credited to a platform or an agency after a dash, on its own line (`— Twitter`, `- Reuters`).
DASH_CREDIT_RE = (
    r"^[—–-]\s*(?:Twitter|X|Instagram|Facebook|TikTok|YouTube|Reddit|Supplied|File|Screenshot|Screengrab|Handout"
    rf"|{CREDIT_AGENCIES})(?:\s*/\s*\S+)?$"
)

# --- shapes met on real set C (issue 8, fifth pass) -------------------------------------------------
# A caption that opens with the picture's file name (`Harbour at dawn 2.jpg The fleet sets out ...`).
IMAGE_FILE_CAPTION_RE = r"^[^\s.][^\n]{0,80}?\.(?i:jpe?g|png|gif|webp|avif|heic)(?:\s|$)"
# A screenshot's caption: `Captura de pantalla de ...`, `Screenshot of ...`, `Capture d'écran :`.
SCREENSHOT_CAPTION_RE = (
    r"(?i)^(?:capturas?\s+de\s+(?:pantalla|tela|ecr[ãa]|v[íi]deo)|screenshots?|screen\s*grabs?|screengrabs?"
    r"|capture\s+d['’][ée]cran|bildschirmfoto|tangkapan\s+layar|schermata)"
    r"(?:\s+(?:de|del|da|do|das|dos|of|from|von|vom|dari|di|du|des)(?-u:\b)|\s*[:(|–—-])"
)
# A picture described in the present passive, the way agencies caption photos: `Jane Roe is pictured as
# she arrives ...` (its subject comes first: no comma before the verb, as in `Roe, who is pictured ...`).
PICTURED_CAPTION_RE = (
    r"^[^,;:()\n.!?]{2,80}?\s(?:is|are)\s+(?:pictured|photographed)(?-u:\b)[^.!?\n]*[.!?…]?[\"'”’»)]*$"
)
# A picture described the way agencies caption photos, in the present tense and dated by the event
# (`Jane Roe attends the gala at the museum on May 2, 2022, in Portvale.`, `In this aerial photo,
# people walk past the flooded quay in Portvale, Ore., Tuesday, March 22, 2022.`): a verb of the picture's
# moment after its subject, and the date closing the first sentence. (News prose tells such events in
# the past tense.)
PHOTO_VERBS = (
    r"attends?|arrives?|poses?|walks?|performs?|speaks?|looks?\s+(?:on|over|at)|reacts?|celebrates?|gestures?"
    r"|waves?|stands?|sits?|holds?|leaves?|gathers?|march(?:es)?|cheers?|comforts?|hugs?|greets?|carr(?:y|ies)"
    r"|rides?|wears?|watch(?:es)?|visits?|inspects?|shows?|(?:is|are)\s+(?:\p{Ll}+ed|seen|shown|flown|thrown|torn|blown)"
)
# (a stretch of one sentence: it may hold abbreviations with a stop, `La.`, `U.S.`, but no stop that ends it)
IN_ONE_SENTENCE = r"(?:[^.!?\n]|\.\S|\s\p{Lu}\p{Ll}{0,3}\.\s)*?"
AGENCY_PHOTO_CAPTION_RE = (
    r"^(?:In\s+this\s+(?:\p{L}+\s+){0,2}(?:photo|image|picture|photograph|video\s+still|still)(?:\s+\p{Ll}+){0,4},\s+"
    r"|\p{Lu})"
    rf"{IN_ONE_SENTENCE}\s(?:{PHOTO_VERBS})\s{IN_ONE_SENTENCE}"
    rf"{ENGLISH_DATE}(?:,?\s+in\s+\p{{Lu}}[^.!?\n]{{1,40}})?(?:\.\s|\.?$)"
)
# (literal marks of such a date's year, `, 2022`: only lines holding one pay for the pattern)
AGENCY_PHOTO_DATE_MARKS = [", 19", ", 20", ",19", ",20"]
# ... and `is seen` / `is shown` in the same place, a caption only beside a caption or a credit
# (`The deal is seen as ...` is prose). One sentence each.
SEEN_CAPTION_RE = r"^[^,;:()\n.!?]{2,80}?\s(?:is|are)\s+(?:seen|shown)\s+(?:[^a\s]|a[^s])[^.!?\n]*[.!?…]?[\"'”’»)]*$"
# --- page-head shapes generalised over real sets A-D (issue 8, session 6) ---------------------
# Notes about the page rather than the story, anywhere in a short line (tested only on lines holding
# one of NOTE_LINE_WORDS): a prompt to allow browser notifications, a syndication note (`... was
# originally published on example.com`), a video player's label (`Outlet Featured Video CLOSE`).
NOTE_LINE_WORDS = r"(?i)notifications|originally|featured\s+video|developing|watch\s+this\s+space|banned\s+in"
NOTE_LINE_RE = (
    # (the prompt opens the line or a sentence of it: `Apple will allow push notifications` is news)
    r"(?i)(?:^|[.!:]\s+)(?:(?:click|tap)\s+here\s+to\s+)?(?:turn\s+on|enable|allow|activate)\s+"
    r"(?:desktop\s+|push\s+|browser\s+)?notifications(?-u:\b)"
    # (the note names a site: `... was originally published in 1923.` is prose)
    r"|\s(?:was\s+)?originally\s+(?:published|appeared|posted)\s+(?:on|at)\s+\S+\.\p{L}{2,}\.?$"
    # (real set U, session 10) or its name in capitals: `<headline> originally appeared on NBC Sports Boston`
    r"|\soriginally\s+(?:published|appeared|posted)\s+(?:on|at)\s+\p{Lu}[\p{L}&.'’-]*(?:\s+(?:\p{Lu}[\p{L}&.'’-]*|&|of|the|-))*\.?$"
    r"|(?-u:\b)featured\s+video(?:\s+close)?$"
    # (real set L, session 9) a developing story's notice, in its English forms
    r"|^(?:this\s+is\s+a\s+)?(?:breaking\s+(?:news\s+)?(?:and\s+)?)?developing\s+(?:news\s+)?story(?-u:\b).{0,80}$"
    r"|^this\s+(?:is\s+a\s+)?(?:story|article|report)\s+is\s+developing(?-u:\b).{0,80}$"
    r"|^watch\s+this\s+space(?-u:\b).{0,80}$"
    # (real set K) a state outlet's footnote on an organisation banned at home: `*Name is an extremist
    # group banned in Russia.`
    r"|^\*.{1,120}(?:banned|outlawed|prohibited)\s+in\s+(?:russia|the\s+russian\s+federation)(?-u:\b).{0,40}$"
)
# A site's tagline: `The independent newspaper of the Portvale community since 1902`,
# `Your trusted source for news in the valley`.
TAGLINE_RE = (
    r"(?i)^(?:the|your|our)\s+(?:\S+\s+){0,3}(?:newspaper|news\s*paper|news\s+source|source\s+for\s+(?:local\s+)?news"
    r"|news\s+site|news\s+station)\s+(?:of|for|in|on|serving|since)(?-u:\b)[^.!?]{0,80}$"
    # `News you can trust since 1877`
    r"|^(?:(?:local\s+)?news|journalism|reporting)\s+you\s+can\s+trust(?:\s+since\s+\d{4})?$"
)
# A run of share buttons closing a line (`Share this article: Share App Mail Tweet Pin`).
SHARE_RUN_RE = (
    r"(?i)(?:^|[\s:])(?:(?:share|tweet|pin|mail|e-?mail|app|sms|whatsapp|facebook|twitter|linkedin|reddit|print|copy"
    r"|link|telegram|messenger|flipboard|pinterest)(?:\s+|$)){4,}$"
)
# The names of an icon sprite dumped as text (`icon bookmark-bicon bookmarkicon cameraicon ...`).
ICON_SPRITE_RE = r"^\s*(?:\S*icon\S*\s+){4}"
# An image's alt text left URL-encoded (`Fans+cheer+the+team+at+the+final%E2%80%99s+...`).
URL_ENCODED_TEXT_RE = r"^[^\s+]+(?:\+[^\s+]+){5,}$"
# A headline behind a media or news label (`VIDEO: Fans return to the stadium`, `BREAKING: ...`): a
# ticker when a headline follows it, the headline when the page has no other one.
LABELLED_HEADLINE_RE_PREFIX = (
    r"^(?:VIDEO|Video|WATCH|Watch|PHOTOS?|Photos?|LISTEN|Listen|EXCLUSIVE|Exclusive|UPDATE|LIVE|JUST\s+IN"
    r"|BREAKING(?:\s+NEWS)?|Breaking(?:\s+[Nn]ews)?)\s*[:|–—-]\s*"
)
LABELLED_HEADLINE_RE = LABELLED_HEADLINE_RE_PREFIX + r"\S"
# A meta line of fields apart by bullets or bars, one of them a date or time and one the author:
# `<date> at <time> • Jane Roe • Last update: <time>`, `Updated: <date> | city desk reporter | City`.
# META_SEPARATOR_RE cuts such a line into its fields; a field is the author when it is a name,
# a worded byline or a desk (a picture credit such as `Getty Images` is not).
META_SEPARATOR_RE = r"\s+[•|·]\s+|\s*\|\s*"
# (a field that is a date or a time, maybe after a word or two: `Updated: <date>`, `Zaterdag, <date>`;
# `Election called for <date>` is a headline, not a time)
META_STAMP_FIELD_RE = rf"^(?:\S+\s+){{0,2}}(?:{DATE_TOKEN}|{TIME_TOKEN})"
META_DESK_FIELD_RE = r"(?i)^[\p{L}-]+(?:\s+[\p{L}-]+){0,2}\s+(?:correspondent|desk|reporter|bureau|staff|team)$"
META_NOT_AUTHOR_RE = (
    r"(?i)(?:images|photos?|pictures|getty|shutterstock|reuters|archive|file|min\.?\s+read)(?-u:\b)"
    r"|(?i)^(?:edited\s+by|source|fonte|fuente|quelle|sumber)\s*:"
)
# The byline's fields before the author's in such a line (each holding a digit: a date or a time).
META_LEADING_STAMPS_RE = r"^(?:[^•|·\n]*\d[^•|·\n]*(?:\s+[•·]\s+|\s*\|\s*))+"
# An author listed behind a bullet, the outlet's name in capitals run on (`• Jane RoeESPN`).
# (the outlet run on is what marks it: a bulleted `• Top Stories` is a menu)
BULLET_NAME_RE = r"^[•·]\s*\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}\s+\p{Lu}\p{Ll}+\p{Lu}{2,}$"
# A desk signing as its staff (`Harbour Desk Staff`, `Around the League Staff`): a byline only by
# its place, right under the headline (`Hospital Cuts Staff` is a headline).
STAFF_LINE_RE = r"^(?:\p{Lu}[\p{L}&.'’-]*\s+|the\s+){1,4}Staff$"
# A name glued to the author's handle, and whatever runs on after it (job title, date):
# `Jane Roe@janeroeStaff WriterMay 9, 2023`, `Jane Roe @janeroe`.
NAME_HANDLE_RE = r"^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}\s*@[A-Za-z0-9_]{2,15}"
# Who supplied the article's text, on a line of its own after it: `-Text provided by the Harbour
# Police`, `Information courtesy of the county`, `Content supplied by Example Wire.`
# (a short credit only: `Details provided by the council show rents rose ...` is prose)
SOURCE_CREDIT_RE = (
    r"^[-–—]*\s*(?i:(?:text|information|content|story|details|release)\s+(?:provided|supplied|submitted)\s+by"
    r"|(?:text|information|content|story|details|release)\s+courtesy\s+of|courtesy\s+of)\s+\S+(?:\s+\S+){0,7}\.?$"
    # (real set T, session 10) `Image courtesy of: Outlet`
    r"|^(?i:image|photo|picture|video|graphic)s?\s+(?i:courtesy)(?:\s+(?i:of))?\s*:\s*\S+(?:\s+\S+){0,5}\.?$"
)
# A picture library's credit run into the caption it opens (`Getty Images The team lines up before
# kick-off`); tested on lines with no final stop (`Getty Images CEO Jane Roe said ...` is prose).
PICTURE_LIBRARY_LEAD_RE = (
    r"^(?:Getty\s+Images|Shutterstock|imago(?:\s+images)?|IMAGO|Alamy|picture\s+alliance|iStock)\s+\p{Lu}"
)
# Literal HTML left in the text.
HTML_TAG_RE = r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
# A page template's unfilled placeholders (`[[headline]] [[body]] Your email Subscribe`, `{{ headline }}`):
# the line opens with one (a sentence quoting one, `Emails began "Dear {{ first_name }}," ...`, is prose).
# (a Mustache section tag too: `{{^userSubscribed}}`, `{{/userSubscribed}}`)
# A thank-you for reading (however long the plea after it) or for registering; a separator line of
# underscores or equals signs.
THANK_YOU_LINE_RE = (
    r"(?i)^thank\s+you\s+(?:so\s+much\s+)?for\s+(?:(?:taking\s+the\s+time\s+to\s+)?read(?:ing)?"
    r"\s+(?:this|our)\s+(?:article|story|piece)(?-u:\b)"
    # (a sign-in box's message left above the headline: `Thank you for registering`)
    r"|(?:registering|signing\s+up|subscribing)(?:[.!]|$))"
)
SEPARATOR_LINE_RE = r"^[_=~*#.·•—–-]{3,}$"
# A prompt to comment closing a line (`What do you think? Tell us in the comments below`). (Its own
# pattern, run on lines naming the comments: a leading `.{0,160}` in FURNITURE_RE cost 12% of a batch.)
COMMENT_PROMPT_END_RE = (
    r"(?i)(?:^|\s)(?:tell|let)\s+us\s+(?:know\s+)?in\s+the\s+comments?(?:\s+(?:below|section))?\s*[.!]?$"
)
TEMPLATE_PLACEHOLDER_RE = r"^\s*(?:\[\[\w+\]\]|\{\{\s*[#^/]?\s*\w+\s*\}\})"


def add_line_features(frame: pl.DataFrame, repeated: pl.Expr) -> pl.DataFrame:
    """Shape of each line: length, words, sentence end, capitals, link, digit and stopword density.

    Counting runs only where a feature can change the decision: words over short lines (a long
    line is prose-shaped whatever its details; its `n_words` is estimated from the length), the
    densities over short lines without a final stop (headline, menu and widget candidates) and,
    for stopwords, over lines repeated in the batch too. Line ends are read from the last characters.
    Two steps, so that what later features reuse (length, word count, final stop) is computed
    once rather than once per use.
    """
    text = pl.col("text")
    n_chars = text.str.len_chars()
    tail = text.str.slice(-8)
    first = frame.with_columns(
        n_chars=n_chars,
        _words=pl.when(n_chars <= SHORT_LINE_CHARS).then(text).str.count_matches(r"\S+"),
        ends_sentence=tail.str.contains(SENTENCE_END_RE),
        ends_period=tail.str.contains(ENDS_WITH_PERIOD_RE) & ~tail.str.contains(ENDS_WITH_INITIALISM_RE),
        # (read by the caller, which knows where the article's sentences start)
        ends_initialism=tail.str.contains(ENDS_WITH_INITIALISM_RE),
        ends_colon=tail.str.contains(r"[:：]\s*$"),
    )
    n_chars = pl.col("n_chars")
    words = pl.col("_words")
    candidate = (n_chars <= TITLE_MAX_CHARS) & ~pl.col("ends_period")
    brief = pl.when(candidate).then(text)
    letters = brief.str.count_matches(r"\p{L}")
    # Only lines that hold a link pay for removing it ("" elsewhere: a NULL mask would keep the
    # other lines' bytes, and `replace_all` would still go through them).
    has_link = candidate & text.str.contains(r"://|www\.")
    linked = pl.when(has_link).then(text).otherwise(pl.lit(""))
    worded = pl.when((candidate | repeated) & (n_chars <= SHORT_LINE_CHARS)).then(text)
    return first.with_columns(
        n_words=pl.coalesce(words, n_chars // 6).cast(pl.UInt32),
        cap_ratio=(brief.str.count_matches(r"\p{Lu}") / letters).fill_nan(0.0).fill_null(0.0),
        link_ratio=pl.when(has_link)
        .then((n_chars - linked.str.replace_all(URL_RE, "").str.len_chars()) / n_chars)
        .otherwise(0.0),
        digit_ratio=(brief.str.count_matches(r"\p{N}") / n_chars).fill_null(0.0),
        stop_ratio=(worded.str.count_matches(STOPWORD_RE) / words).fill_nan(0.0).fill_null(1.0),
    ).drop("_words")


def repeat_key(text: pl.Expr) -> pl.Expr:
    """Lines equal up to their digits count as the same line (`Updated 3 hours ago`, `Hits: 1043`).

    Case and spacing are left alone: cleaning already collapsed spaces, and furniture repeats
    verbatim (lowercasing every short line cost more than the count itself).
    """
    return text.str.replace_all(r"[0-9]+", "0")
