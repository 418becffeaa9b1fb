#!/usr/bin/env python3
"""Builds an Arabic HTML extraction test set with exactly known gold, deterministically.

    python3 scripts/make-arabic-extraction-set.py [--out DIR] [--count N] [--seed S]
                                                  [--half tune|report|all] [--data SHARED_DATA]

Each page is a real article page's structure (a template from the WCXB dev split or the
ScrapingHub Article Extraction Benchmark) whose main content, located through the template's own
ground truth, is replaced paragraph for paragraph by a SaudiNewsNet article; the headline and the
page's metadata get the article's title, the publication day is the SaudiNewsNet crawl day, and
every other visible text becomes Arabic boilerplate (menus, related headlines, comments, share
lines, footers). The gold is therefore known exactly: the paragraphs put into the page.

Output: DIR/<half>/<id>/page.html (bytes in the page's encoding) and gold.json, in the layout of
shared/data/arabic_news_extraction, plus DIR/<half>/verify.tsv (Latin-letter share per page).
The halves are site-disjoint by template domain (FNV-1a 64 of the domain, even: tune, odd: report)
and use disjoint SaudiNewsNet outlets. Standard library only. See docs/arabic-extraction-set.md.

The set is not committed: SaudiNewsNet is CC BY-NC-SA 4.0 (non-commercial); regenerate it.
"""
import argparse
import bisect
import datetime as dt
import gzip
import html
import json
import math
import random
import re
import shutil
import sys
import time
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.setrecursionlimit(20000)

LICENCE = ("template: CC BY 4.0 (WCXB) / MIT (ScrapingHub AEB); text: CC BY-NC-SA 4.0 (SaudiNewsNet), "
           "non-commercial research use")
WCXB_ORIGIN = "Murrough-Foley/web-content-extraction-benchmark@c039d5ee9f5a dev/"
AEB_ORIGIN = "scrapinghub/article-extraction-benchmark@4a3bc979f76c "
SNN_ORIGIN = "parallelfold/SaudiNewsNet@4e39239966c2"
MAX_TEMPLATE_BYTES = 2_000_000
MIN_MATCHED = 0.6      # share of the template's gold lines that must be matched to elements
CONTAINER_SHARE = 0.8  # the container holds at least this share of the matched elements
MAX_LATIN = 0.02       # pages whose visible text has more Latin letters than this are dropped

# ---------------------------------------------------------------------------------------------
# Arabic material

OUTLETS = {
    "3alyoum": "عين اليوم", "aawsat": "صحيفة الشرق الأوسط", "aleqtisadiya": "صحيفة الاقتصادية",
    "aljazirah": "صحيفة الجزيرة", "almadina": "صحيفة المدينة", "alriyadh": "صحيفة الرياض",
    "alwatan": "صحيفة الوطن", "alweeam": "صحيفة الوئام", "alyaum": "صحيفة اليوم",
    "arreyadi": "الرياضي", "arriyadiyah": "صحيفة الرياضية", "okaz": "صحيفة عكاظ",
    "sabq": "صحيفة سبق", "was": "وكالة الأنباء السعودية",
}
SECTIONS = ["الرئيسية", "محليات", "اقتصاد", "رياضة", "ثقافة", "دولي", "رأي", "فيديو", "منوعات",
            "تقنية", "صحة", "سياسة", "عربي ودولي", "مال وأعمال", "فنون", "تحقيقات", "حوارات", "مقالات",
            "ملفات خاصة", "صور", "كاريكاتير", "الطقس", "وظائف", "أخبار المناطق", "المرأة", "التعليم",
            "سياحة", "سيارات", "الخليج", "أسواق", "عقارات", "مجتمع"]
SECTION_SLUGS = ["local", "economy", "sports", "culture", "world", "opinion", "politics", "society",
                 "news", "gulf", "markets", "health"]
HEADINGS = ["أخبار ذات صلة", "الأكثر قراءة", "آخر الأخبار", "اقرأ أيضاً", "تابعونا", "النشرة البريدية",
            "مقالات الرأي", "الأكثر مشاهدة", "ملفات خاصة", "الأكثر تداولاً", "مختارات المحرر", "عاجل"]
SHORT = ["المزيد", "عرض الكل", "التالي", "السابق", "بحث", "القائمة", "إغلاق", "تابعونا", "الأخبار",
         "عاجل", "اقرأ المزيد", "كل الأخبار", "الأرشيف", "اتصل بنا", "من نحن"] + SECTIONS
NAMES = ["محمد العتيبي", "سارة القحطاني", "عبدالله الشهري", "نورة الدوسري", "خالد الغامدي",
         "فهد المطيري", "ريم الزهراني", "أحمد الحربي", "منى السبيعي", "سلطان العنزي", "هند الشمري",
         "ماجد القرني", "تركي السديري", "عبير الشهراني", "ناصر الحميدي", "لمى العمري"]
COMMENTS = ["الله يوفقهم ويسدد خطاهم", "خبر مهم، شكراً على المتابعة",
            "نتمنى أن يتم تطبيق هذا القرار في أسرع وقت", "كلام جميل لكن العبرة بالتنفيذ",
            "متى يبدأ التطبيق؟", "شكراً للصحيفة على هذا التقرير", "للأسف تأخرنا كثيراً في هذا الملف",
            "ما شاء الله تبارك الله", "أتمنى أن تشمل القرارات جميع المناطق",
            "نريد تفاصيل أكثر عن الموضوع", "رد", "إعجاب", "أضف تعليقاً", "التعليقات"]
SHARE = ["شارك عبر", "فيسبوك", "تويتر", "واتساب", "تيليجرام", "لينكدإن", "طباعة", "نسخ الرابط",
         "البريد الإلكتروني", "شارك", "مشاركة"]
NEWSLETTER = ["اشترك في النشرة البريدية", "اشترك", "أدخل بريدك الإلكتروني",
              "احصل على آخر الأخبار في بريدك الإلكتروني يومياً", "سجّل الآن"]
COOKIE = ["يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك في التصفح", "موافق", "المزيد من المعلومات",
          "إعدادات الخصوصية"]
CAPTIONS = ["صورة أرشيفية", "صورة من الحدث", "(واس)", "من المصدر", "تصوير: المصور الصحفي",
            "جانب من اللقاء", "صورة تعبيرية"]
FOOTER = ["من نحن", "اتصل بنا", "أعلن معنا", "سياسة الخصوصية", "شروط الاستخدام", "خريطة الموقع",
          "الأرشيف", "فريق التحرير", "الخلاصات", "وظائف شاغرة"]
ADS = ["إعلان", "محتوى ممول", "مساحة إعلانية"]
FORMS = ["بحث", "إرسال", "اقرأ المزيد", "تسجيل الدخول", "إلغاء", "موافق", "الاسم", "البريد الإلكتروني",
         "التعليق", "ابحث في الموقع"]
TAGS = ["السعودية", "الرياض", "جدة", "اقتصاد", "رياضة", "الخليج", "التعليم", "الصحة", "مجلس الوزراء",
        "الدوري السعودي", "النفط", "الطقس", "أمانة الرياض", "وزارة الداخلية", "الحج"]
DATE_WORDS = ["قبل قليل", "جديد", "الآن", "تحديث", "عاجل"]
FURNITURE_SHORT = ["إعلان", "صورة أرشيفية", "شارك", "طباعة", "(واس)", "تابعونا", "مساحة إعلانية"]

WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
          "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# Umm al-Qura: 1 Shawwal 1436 was Friday 17 July 2015 (Eid al-Fitr in Saudi Arabia) and Shawwal
# 1436 had 29 days; the SaudiNewsNet days (2015-08-01 .. 2015-08-11) all fall inside it.
SHAWWAL_1436 = dt.date(2015, 7, 17)

# ---------------------------------------------------------------------------------------------
# A small DOM on html.parser, serialised back byte for byte where nothing changed

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr", "keygen", "basefont", "bgsound", "frame"}
CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
            "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
            "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table",
            "ul", "li", "dd", "dt", "summary"}
P_SCOPE = {"button", "table", "td", "th", "html", "applet", "object", "marquee", "caption", "template",
           "svg", "math"}
BLOCK = {"html", "head", "body", "title", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
         "ol", "dl", "dt", "dd", "blockquote", "section", "article", "aside", "header", "footer", "nav",
         "main", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
         "form", "fieldset", "legend", "details", "summary", "pre", "address", "hr", "center", "select",
         "option", "textarea", "menu", "hgroup", "dialog", "noscript"}
NOT_TEXT = {"script", "style", "template"}


class Node:
    __slots__ = ("kind", "tag", "attrs", "raw", "children", "parent", "end", "text", "dirty",
                 "selfclose", "rawtext", "keep")

    def __init__(self, kind, tag=None, attrs=None, raw="", text=""):
        self.kind, self.tag, self.attrs, self.raw, self.text = kind, tag, attrs or [], raw, text
        self.children, self.parent, self.end, self.dirty = [], None, False, False
        self.selfclose = self.rawtext = self.keep = False

    def get(self, name, default=None):
        for k, v in self.attrs:
            if k == name:
                return v if v is not None else ""
        return default

    def set(self, name, value):
        self.dirty = True
        for i, (k, _) in enumerate(self.attrs):
            if k == name:
                self.attrs[i] = (k, value)
                return
        self.attrs.append((name, value))

    def delete(self, name):
        if any(k == name for k, _ in self.attrs):
            self.attrs = [(k, v) for k, v in self.attrs if k != name]
            self.dirty = True


def el(tag, children=(), **attrs):
    """A new element; its text is final (never replaced by boilerplate)."""
    n = Node("el", tag, [(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()])
    n.dirty = n.end = n.keep = True
    for c in children:
        c = txt(c) if isinstance(c, str) else c
        c.parent = n
        n.children.append(c)
    return n


def txt(s):
    n = Node("text", text=s)
    n.keep = True
    return n


class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("el", "#root")
        self.stack = [self.root]

    def _add(self, node):
        node.parent = self.stack[-1]
        self.stack[-1].children.append(node)

    def _close_to(self, tag, stop):
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t == tag:
                del self.stack[i:]
                return
            if t in stop:
                return

    def _start(self, tag, attrs, selfclose):
        if tag in CLOSES_P:
            self._close_to("p", P_SCOPE)
        if tag == "li":
            self._close_to("li", {"ul", "ol", "menu", "table"})
        elif tag in ("dd", "dt"):
            self._close_to("dd", {"dl", "table"})
            self._close_to("dt", {"dl", "table"})
        elif tag in ("td", "th"):
            self._close_to("td", {"tr", "table"})
            self._close_to("th", {"tr", "table"})
        elif tag == "tr":
            self._close_to("tr", {"table", "tbody", "thead", "tfoot"})
        elif tag == "option":
            self._close_to("option", {"select", "datalist"})
        node = Node("el", tag, list(attrs), self.get_starttag_text() or "")
        self._add(node)
        foreign = tag in ("svg", "math") or any(n.tag in ("svg", "math") for n in self.stack)
        if tag in VOID or (selfclose and foreign):
            node.selfclose = selfclose
        else:
            self.stack.append(node)

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, True)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self.stack[i].end = True
                del self.stack[i:]
                return
        self._add(Node("raw", raw=f"</{tag}>"))

    def handle_data(self, data):
        node = Node("text", text=data)
        node.rawtext = self.stack[-1].tag in ("script", "style")
        self._add(node)

    def handle_comment(self, data):
        self._add(Node("raw", raw=f"<!--{data}-->"))

    def handle_decl(self, decl):
        self._add(Node("raw", raw=f"<!{decl}>"))

    def handle_pi(self, data):
        # An XML declaration names the old encoding: it is dropped.
        if not data.lower().startswith("xml "):
            self._add(Node("raw", raw=f"<?{data}>"))

    def unknown_decl(self, data):
        self._add(Node("raw", raw=f"<![{data}]>"))


def parse(text):
    b = Builder()
    b.feed(text)
    b.close()
    return b.root


def start_tag(n):
    if not n.dirty and n.raw:
        return n.raw
    parts = [f"<{n.tag}"]
    for k, v in n.attrs:
        parts.append(f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"')
    parts.append(" />" if n.selfclose else ">")
    return "".join(parts)


def serialize(root):
    out = []

    def rec(n):
        if n.kind == "text":
            out.append(n.text if n.rawtext else html.escape(n.text, quote=False))
        elif n.kind == "raw":
            out.append(n.raw)
        else:
            if n.tag != "#root":
                out.append(start_tag(n))
            for c in n.children:
                rec(c)
            if n.end:
                out.append(f"</{n.tag}>")
    rec(root)
    return "".join(out)


def walk(n):
    stack = [n]
    while stack:
        x = stack.pop()
        yield x
        if x.kind == "el":
            stack.extend(reversed(x.children))


def ancestors(n):
    p = n.parent
    while p is not None:
        yield p
        p = p.parent


def find_all(root, tag):
    return [n for n in walk(root) if n.kind == "el" and n.tag == tag]


def collapse(s):
    return " ".join(s.split())


def norm(s):
    return " ".join(re.findall(r"\w+", s.lower()))


def text_of(n):
    return "".join(x.text for x in walk(n) if x.kind == "text" and not x.rawtext)


def own_text_map(root):
    """Each block element's own text: its text not inside a nested block (or script/style)."""
    own = defaultdict(list)

    def rec(n, block):
        if n.kind == "text":
            if not n.rawtext:
                own[id(block)].append(n.text)
            return
        if n.kind != "el" or n.tag in NOT_TEXT:
            return
        b = n if n.tag in BLOCK else block
        for c in n.children:
            rec(c, b)
    rec(root, root)
    return {k: collapse(" ".join(v)) for k, v in own.items()}


def contains_block(n):
    return any(x.kind == "el" and x.tag in BLOCK for x in walk(n) if x is not n)


def has_text(n):
    return any(x.kind == "text" and not x.rawtext and x.text.strip() for x in walk(n))


def set_own_content(block, new_nodes):
    """Replace the block's own inline content (text, and inline elements holding text) by new_nodes;
    blocks, scripts and inline elements without text (img, br, iframe) stay."""
    keep, inserted = [], False
    for ch in block.children:
        if ch.kind == "text":
            inline = not ch.rawtext
        else:
            inline = (ch.kind == "el" and ch.tag not in BLOCK and ch.tag not in NOT_TEXT
                      and has_text(ch) and not contains_block(ch))
        if inline:
            if not inserted:
                keep.extend(new_nodes)
                inserted = True
        else:
            if ch.kind == "el" and ch.tag not in BLOCK:
                blank_own_text(ch)
            keep.append(ch)
    if not inserted:
        keep = list(new_nodes) + keep
    for c in keep:
        c.parent = block
    block.children = keep


def blank_own_text(n):
    for c in n.children:
        if c.kind == "text" and not c.rawtext:
            c.text = ""
        elif c.kind == "el" and c.tag not in BLOCK and c.tag not in NOT_TEXT:
            blank_own_text(c)


def insert_after(ref, node):
    p = ref.parent
    i = p.children.index(ref)
    p.children.insert(i + 1, node)
    node.parent = p


def insert_before(ref, node):
    p = ref.parent
    i = p.children.index(ref)
    p.children.insert(i, node)
    node.parent = p


def remove(node):
    node.parent.children.remove(node)
    node.parent = None


def attached(node, root):
    return any(a is root for a in ancestors(node))


class Unit:
    """A run of inline siblings (text, inline elements) between block boundaries and <br>s:
    one paragraph of a <p>, or one line of a <br><br>-separated text."""
    __slots__ = ("parent", "nodes", "text", "whole")

    def __init__(self, parent, nodes, text):
        self.parent, self.nodes, self.text, self.whole = parent, nodes, text, False

    def textual(self):
        return [n for n in self.nodes if (n.kind == "text" and not n.rawtext)
                or (n.kind == "el" and n.tag not in NOT_TEXT and has_text(n))]


def units_of(root):
    """Every text unit of the page in document order (scripts, styles and <title> excluded)."""
    structural = {}

    def mark(n):  # inline elements holding a block or a <br> are descended into, not kept whole
        flag = False
        for c in n.children:
            if c.kind == "el":
                f = mark(c)
                flag = flag or f or c.tag in BLOCK or c.tag == "br"
        structural[id(n)] = flag
        return flag
    mark(root)
    out = []

    def flush(parent, run):
        t = collapse(" ".join(text_of(n) if n.kind == "el" else n.text for n in run
                              if n.kind == "text" and not n.rawtext or n.kind == "el" and n.tag not in NOT_TEXT))
        if t:
            out.append(Unit(parent, list(run), t))

    def rec(parent):
        run = []
        for c in parent.children:
            if c.kind == "el" and c.tag in {"title", "head", "option", "select", "textarea"} | NOT_TEXT:
                if c.tag in NOT_TEXT:
                    run.append(c)
                continue
            if c.kind == "el" and (c.tag in BLOCK or c.tag == "br" or structural.get(id(c))):
                flush(parent, run)
                run = []
                if c.tag != "br":
                    rec(c)
            else:
                run.append(c)
        flush(parent, run)
    rec(root)
    per_parent = Counter(id(u.parent) for u in out)
    for u in out:
        u.whole = u.parent.tag in BLOCK and per_parent[id(u.parent)] == 1
    return out


def replace_unit(u, new_nodes):
    """The unit's text-bearing nodes give way to new_nodes (at the first one's place)."""
    gone = {id(n) for n in u.textual()}
    kept, inserted = [], False
    for c in u.parent.children:
        if id(c) in gone:
            if not inserted:
                kept.extend(new_nodes)
                inserted = True
            continue
        kept.append(c)
    if not inserted:
        i = u.parent.children.index(u.nodes[0]) if u.nodes and u.nodes[0] in u.parent.children else len(kept)
        kept[i:i] = new_nodes
    for c in kept:
        c.parent = u.parent
    u.parent.children = kept
    u.nodes = list(new_nodes)


def br():
    n = Node("el", "br")
    n.dirty = n.keep = True
    return n


# ---------------------------------------------------------------------------------------------
# Roles of page furniture, from tag and class/id words

ROLE_WORDS = [
    ("comment", {"comment", "comments", "disqus", "reply", "replies", "discussion", "respond"}),
    ("newsletter", {"newsletter", "subscribe", "subscription", "signup", "mailing", "optin"}),
    ("cookie", {"cookie", "cookies", "consent", "gdpr"}),
    ("share", {"share", "sharing", "social", "sharebar", "addthis", "sharethis", "follow"}),
    ("caption", {"caption", "figcaption", "credit", "credits"}),
    ("byline", {"author", "byline", "authors", "writer", "contributor"}),
    ("tags", {"tag", "tags", "topics", "keywords"}),
    ("date", {"date", "time", "timestamp", "published", "posted", "dateline", "pubdate", "datetime"}),
    ("ad", {"ad", "ads", "advert", "advertisement", "sponsored", "sponsor", "dfp", "banner"}),
    ("related", {"related", "recommended", "recommend", "recommendations", "popular", "trending",
                 "mostread", "suggested", "teaser", "teasers", "outbrain", "taboola", "more", "latest",
                 "recent", "readnext", "sidebar", "widget", "promo", "card", "cards"}),
    ("nav", {"nav", "navbar", "navigation", "menu", "menubar", "topbar", "masthead", "breadcrumb",
             "breadcrumbs", "skip"}),
    ("footer", {"footer", "copyright", "colophon"}),
]
TAG_ROLES = {"nav": "nav", "header": "nav", "footer": "footer", "aside": "related", "figcaption": "caption",
             "form": "form", "button": "form", "label": "form", "select": "form", "option": "form",
             "textarea": "form", "time": "date", "address": "byline"}


def role_of(n):
    if n.kind != "el":
        return None
    words = " ".join(v for k, v in n.attrs if k in ("class", "id") and v)
    if words:
        words = re.sub(r"([a-z])([A-Z])", r"\1 \2", words).lower()
        toks = set(t for t in re.split(r"[^a-z0-9]+", words) if t)
        for role, vocab in ROLE_WORDS:
            if toks & vocab:
                return role
    return TAG_ROLES.get(n.tag)


# ---------------------------------------------------------------------------------------------
# Inputs

def read_snn(path):
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
    rows.sort(key=lambda r: r["id"])
    return rows


LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
DATEISH = re.compile(r"[0-9٠-٩]{4}|[0-9٠-٩]{1,2}\s*[/.-]\s*[0-9٠-٩]{1,2}")
MONTH_WORDS = ("ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة|يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
               "نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين|محرم|صفر|"
               "ربيع|جمادى|جمادي|رجب|شعبان|رمضان|شوال|القعدة|الحجة")
# Boilerplate (other titles, teaser prose) must hold no date-like text at all: no day-and-month either.
BOILER_DATEISH = re.compile(rf"[0-9٠-٩]{{4}}|[0-9٠-٩]{{1,2}}\s*[/.-]\s*[0-9٠-٩]{{1,2}}|"
                            rf"[0-9٠-٩]{{1,2}}\s*(?:من\s+)?(?:{MONTH_WORDS})|(?:{MONTH_WORDS})\s*[0-9٠-٩]")
SCRIPT_DATE = re.compile(r"(?:19|20)\d\d([-/])[01]\d\1[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
                         r"(?:Z|[+-]\d\d:?\d\d)?)?")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


BIDI_MARKS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def clean_par(s):
    """Whitespace collapsed (NBSP included), control characters and edge bidi marks dropped."""
    return collapse(collapse(CONTROL.sub("", s)).strip(BIDI_MARKS))


def article_paragraphs(r):
    paras = [clean_par(p) for p in r["content"].split("\n")]
    paras = [p for p in paras if p]
    # A leading line of at most five words is a byline or dateline ("عين اليوم – الرياض"), not a paragraph.
    while paras and len(paras[0].split()) <= 5:
        paras = paras[1:]
    return paras


def usable_article(r, paras):
    if not clean_par(r["title"]) or len(paras) < 3:
        return False
    text = " ".join(paras)
    letters = sum(c.isalpha() for c in text)
    if LATIN.search(r["title"]) or letters == 0 or len(LATIN.findall(text)) / letters > 0.005:
        return False
    # A short paragraph that reads as a date would be a second date line.
    return not any(len(p) < 60 and DATEISH.search(p) for p in paras)


def decode_template(b):
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        m = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", b[:4096], re.I)
        enc = m.group(1).decode("ascii", "replace") if m else "windows-1252"
        try:
            return b.decode(enc, errors="replace")
        except LookupError:
            return b.decode("windows-1252", errors="replace")


def fnv1a64(data: bytes) -> int:
    h = 0xcbf29ce484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def domain_of(url):
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def half_of(domain):
    return "tune" if fnv1a64(domain.encode("utf-8")) % 2 == 0 else "report"


def load_templates(data):
    out = []
    wc = data / "wcxb_dev"
    for gt_path in sorted((wc / "ground-truth").glob("*.json")):
        g = json.loads(gt_path.read_text(encoding="utf-8"))
        if (g.get("_internal", {}).get("page_type", {}) or {}).get("primary") != "article" or not g.get("url"):
            continue
        fid = gt_path.stem
        t = g["ground_truth"]
        out.append({"key": f"wcxb-{fid}", "bench": "WCXB dev", "file": f"html/{fid}.html.gz",
                    "path": wc / "html" / f"{fid}.html.gz", "url": g["url"], "title": t.get("title"),
                    "content": t.get("main_content") or "",
                    "origin": f"{WCXB_ORIGIN}html/{fid}.html.gz"})
    aeb = data / "scrapinghub_aeb"
    gt = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    for k in sorted(gt):
        out.append({"key": f"aeb-{k[:16]}", "bench": "ScrapingHub AEB", "file": f"html/{k}.html.gz",
                    "path": aeb / "html" / f"{k}.html.gz", "url": gt[k]["url"], "title": None,
                    "content": gt[k].get("articleBody") or "", "origin": f"{AEB_ORIGIN}html/{k}.html.gz"})
    for t in out:
        t["domain"] = domain_of(t["url"])
        t["half"] = half_of(t["domain"])
    return out


# ---------------------------------------------------------------------------------------------
# Locating the template's headline and main content

def token_f1(a, b):
    a, b = set(norm(a).split()), set(norm(b).split())
    if not a or not b:
        return 0.0
    o = len(a & b)
    return 0.0 if o == 0 else 2 * o / (len(a) + len(b))


def meta_content(root, *keys):
    for n in walk(root):
        if n.kind == "el" and n.tag == "meta":
            k = (n.get("property") or n.get("name") or "").lower()
            if k in keys and n.get("content"):
                return n.get("content")
    return None


def find_headline(root, tpl, blocks, own):
    refs = [r for r in (tpl["title"], meta_content(root, "og:title", "twitter:title")) if r]
    titles = find_all(root, "title")
    if titles:
        t = collapse(text_of(titles[0]))
        if t:
            refs.append(t)
            refs.extend(p for p in re.split(r"\s[|\-–—:·]\s", t) if len(p) > 10)
    if not refs:
        return None
    best, score = None, 0.0
    for n in find_all(root, "h1"):
        t = collapse(text_of(n))
        if not t or len(t) > 400:
            continue
        s = max(token_f1(t, r) for r in refs)
        if s > score:
            best, score = n, s
    if best is not None and score >= 0.5:
        return best
    for n in blocks:
        if n.tag in ("h2", "h3", "div", "span", "p", "header") and own.get(id(n)):
            t = own[id(n)]
            if len(t) < 400 and max(token_f1(t, r) for r in refs) >= 0.8:
                return n
    return None


def match_lines(lines, elems):
    """Weighted longest chain of (gold line, element) matches increasing in both orders."""
    by_text = defaultdict(list)
    by_len = []
    for pos, (_, t) in enumerate(elems):
        by_text[t].append(pos)
        by_len.append((len(t), pos))
    by_len.sort()
    lens = [x[0] for x in by_len]
    cands = []
    for i, g in enumerate(lines):
        ps = set(by_text.get(g, [])[:30])
        if len(g) >= 20:
            lo = bisect.bisect_left(lens, int(len(g) * 0.7))
            hi = bisect.bisect_right(lens, int(len(g) / 0.7) + 1)
            for _, pos in by_len[lo:hi]:
                e = elems[pos][1]
                if g in e or e in g:
                    ps.add(pos)
        for p in sorted(ps)[:30 if len(g) >= 20 else 5]:
            cands.append((i, p, max(len(g), 5)))
    if not cands:
        return []
    cands.sort()
    best = [0.0] * len(cands)
    prev = [-1] * len(cands)
    for a, (i, p, w) in enumerate(cands):
        best[a] = w
        for b in range(a):
            j, q, _ = cands[b]
            if j < i and q < p and best[b] + w > best[a]:
                best[a], prev[a] = best[b] + w, b
    a = max(range(len(cands)), key=lambda k: best[k])
    chain = []
    while a >= 0:
        chain.append(cands[a])
        a = prev[a]
    return chain[::-1]


def hidden(n):
    if n.kind != "el":
        return False
    style = (n.get("style") or "").replace(" ", "").lower()
    return (n.get("hidden") is not None or (n.get("aria-hidden") or "").lower() == "true"
            or "display:none" in style or "visibility:hidden" in style)


def locate(root, tpl):
    """Headline element, slot units in order and their container, or a reason to skip."""
    own = own_text_map(root)
    blocks = [n for n in walk(root) if n.kind == "el" and n.tag in BLOCK]
    head = find_headline(root, tpl, blocks, own)
    if head is None:
        return None, "headline not found"
    title_norm = norm(tpl["title"] or collapse(text_of(head)))
    lines = [norm(x) for x in tpl["content"].split("\n")]
    lines = [x for x in lines if x and x != title_norm]
    if len(lines) < 3:
        return None, "gold has fewer than 3 lines"
    in_head = {id(x) for x in walk(head)}
    units = [u for u in units_of(root) if id(u.parent) not in in_head]
    elems = [(u, norm(u.text)) for u in units]
    elems = [(u, t) for u, t in elems if t]
    chain = match_lines(lines, elems)
    matched = [elems[p][0] for _, p, _ in chain]
    if len(matched) < MIN_MATCHED * len(lines):
        return None, "main content not matched"
    counts, nodes, depth = Counter(), {}, {}
    for u in matched:
        for d, a in enumerate(reversed([u.parent] + list(ancestors(u.parent)))):
            counts[id(a)] += 1
            nodes[id(a)], depth[id(a)] = a, d
    need = max(1, -(-int(CONTAINER_SHARE * len(matched) * 100) // 100))
    # Nodes holding more than half the matches form one chain: the deepest is the container.
    best = max((k for k in counts if counts[k] >= need), key=lambda k: depth[k])
    container = nodes[best]
    if container.tag in ("#root", "html", "body"):
        return None, "main content spread over the page"
    if any(hidden(a) for a in [container, head] + list(ancestors(container)) + list(ancestors(head))):
        # Streamed pages keep their server-rendered article in a hidden <div> until a script
        # moves it: without scripts nobody sees it, so it cannot be gold.
        return None, "main content hidden (hidden, display:none)"
    inside = {id(x) for x in walk(container)}
    n_in = sum(1 for u in matched if id(u.parent) in inside)
    if n_in < MIN_MATCHED * len(lines):
        return None, "main content not in one container"
    # Slots: every unit in the container that is gold text (matched, or its words all in the
    # gold and at least four of them: a paragraph split over two elements, a line the fuzzy
    # match missed). The other units in the container are furniture the gold left out.
    line_words = [set(x.split()) for x in lines]
    matched_ids = {id(u) for u in matched}
    titles = {title_norm, norm(text_of(head))}
    slots, furniture, title_copies = [], [], []
    for u in units:
        if id(u.parent) not in inside:
            continue
        t = norm(u.text)
        words = set(t.split())
        if any(hidden(a) for a in [u.parent] + list(ancestors(u.parent))):
            furniture.append(u)  # a hidden copy is no reader's text
        elif t in titles:
            title_copies.append(u)
        elif id(u) in matched_ids or (len(words) >= 4 and any(words <= lw for lw in line_words)):
            slots.append(u)
        else:
            furniture.append(u)
    if len(slots) < 3:
        return None, "fewer than 3 slots"
    return {"head": head, "slots": slots, "furniture": furniture, "title_copies": title_copies,
            "container": container,
            "blocks": blocks, "lines": len(lines), "matched": n_in}, None


# ---------------------------------------------------------------------------------------------
# Dates

def date_line(day, hm, form):
    wd = WEEKDAYS[day.weekday()]
    d, m, y = day.day, day.month, day.year
    hd = (day - SHAWWAL_1436).days + 1
    hijri = f"{hd} شوال 1436 هـ"
    forms = {
        "weekday": f"{wd} {d} {MONTHS[m - 1]} {y}",
        "weekday-time": f"{wd}، {d} {MONTHS[m - 1]} {y} - {hm}",
        "numeric": f"{d:02d}/{m:02d}/{y}",
        "indic": f"{d} {MONTHS[m - 1]} {y}".translate(INDIC),
        "gregorian-hijri": f"{d} {MONTHS[m - 1]} {y} م الموافق {hijri}",
        "hijri-gregorian": f"{wd} {hijri} - {d} {MONTHS[m - 1]} {y} م",
        "published-iso": f"نشر في: {y}-{m:02d}-{d:02d} {hm}",
        "doubled": f"{wd} {d} {LEVANT[m - 1]}/{MONTHS[m - 1]} {y}",
        "indic-numeric": f"تاريخ النشر: {d:02d}/{m:02d}/{y}".translate(INDIC),
        "year-first": f"{y}/{m:02d}/{d:02d}",
        "levant": f"{wd} {d} {LEVANT[m - 1]} {y}",
        "hijri": f"{wd} {hijri}",
    }
    return forms[form]


DATE_FORMS = [("weekday", 3), ("weekday-time", 2), ("numeric", 2), ("indic", 2), ("gregorian-hijri", 2),
              ("hijri-gregorian", 1), ("published-iso", 2), ("doubled", 1), ("indic-numeric", 1),
              ("year-first", 1), ("levant", 1), ("hijri", 1)]
DATE_KEY = re.compile(r"date|time|published|modified|updated|created|issued")
DATE_VALUE = re.compile(r"\s*(19|20)\d\d[-/.]\d\d?[-/.]\d\d?")  # a value that is a date
YEAR = re.compile(r"\b(19|20)\d\d\b")
URL_WORDS = ("src", "href", "url", "link", "image", "img", "poster", "action", "style", "class", "id")


def url_like(attr, value):
    return any(w in attr for w in URL_WORDS) or value.lstrip().startswith(("http", "/", "data:"))


# ---------------------------------------------------------------------------------------------
# The page

class Material:
    """Arabic text for one half: articles to use as content, titles and sentences for boilerplate."""

    def __init__(self, rows, sources, rng):
        self.sources = sources
        self.articles = []
        self.titles, self.sentences = [], []
        for r in rows:
            if r["source"] not in sources:
                continue
            paras = article_paragraphs(r)
            t = clean_par(r["title"])
            if t and not LATIN.search(t) and not BOILER_DATEISH.search(t) and len(t) > 20:
                self.titles.append(t)
            if usable_article(r, paras):
                self.articles.append((r, paras))
            for p in paras:
                if len(p) > 80 and not LATIN.search(p) and not BOILER_DATEISH.search(p):
                    self.sentences.append(p)
        rng.shuffle(self.articles)
        self.next = 0

    def take(self, n_slots, chars):
        """The next unused article that best fits the template's article: length in characters
        first, then number of paragraphs (among the next 200 of this half's shuffled articles)."""
        window = self.articles[self.next:self.next + 200]
        if not window:
            return None

        def misfit(i):
            paras = window[i][1]
            n = sum(len(p) for p in paras)
            return (abs(math.log((n + 1) / (chars + 1))) + 0.5 * abs(math.log(len(paras) / n_slots)), i)
        k = min(range(len(window)), key=misfit)
        pick = window[k]
        self.articles[self.next + k] = self.articles[self.next]
        self.next += 1
        return pick


class Boiler:
    def __init__(self, rng, mat, site, own_title):
        self.rng, self.mat, self.site, self.own_title = rng, mat, site, own_title

    def pick(self, pool, length=None):
        if length is None:
            return self.rng.choice(pool)
        ranked = sorted(pool, key=lambda s: abs(len(s) - length))
        return self.rng.choice(ranked[:3])

    def title(self):
        while True:
            t = self.rng.choice(self.mat.titles)
            if t != self.own_title:
                return t

    def prose(self, length):
        length = max(30, min(length, 600))
        out = ""
        while len(out) < 0.8 * length:
            s = self.rng.choice(self.mat.sentences)
            out = (out + " " + s).strip()
        if len(out) > 1.3 * length:
            cut = out.rfind(" ", 0, int(1.1 * length))
            out = out[:cut if cut > 0 else int(1.1 * length)]
        return out

    def text(self, role, t, in_link, tag):
        n = len(t.strip())
        if role == "comment":
            return self.pick(NAMES) if in_link else (self.pick(COMMENTS, n) if n < 60 else self.prose(n))
        if role == "newsletter":
            return self.pick(NEWSLETTER, n)
        if role == "cookie":
            return self.pick(COOKIE, n)
        if role == "share":
            return self.pick(SHARE)
        if role == "caption":
            return self.pick(CAPTIONS, n) if n < 60 else "صورة أرشيفية: " + self.title()
        if role == "byline":
            return self.pick(NAMES) if in_link or n < 12 else self.pick(["بقلم: ", "كتب: ", ""]) + self.pick(NAMES)
        if role == "tags":
            return self.pick(TAGS)
        if role == "ad":
            return self.pick(ADS)
        if role == "footer":
            if n > 40 and not in_link:
                return f"جميع الحقوق محفوظة لـ{self.site} ©"
            return self.pick(FOOTER, n)
        if role == "form":
            return self.pick(FORMS, n)
        if role == "date":
            return self.pick(DATE_WORDS)  # never a date: the page's one date is the date line
        if role == "nav":
            return self.pick(SECTIONS, n) if n <= 40 or in_link else self.title()
        if role == "related":
            if in_link or n > 25:
                return self.title() if n < 200 else self.prose(n)
            return self.pick(HEADINGS, n)
        # Unknown furniture.
        if in_link:
            return self.pick(SECTIONS, n) if n <= 25 else self.title()
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return self.pick(HEADINGS) if n <= 30 else self.title()
        if n <= 25:
            return self.pick(SHORT, n)
        return self.prose(n)


def rewrite_jsonld(obj, ctx):
    if isinstance(obj, list):
        return [rewrite_jsonld(x, ctx) for x in obj]
    if not isinstance(obj, dict):
        return obj
    types = obj.get("@type", [])
    types = [types] if isinstance(types, str) else [t for t in types if isinstance(t, str)] if isinstance(types, list) else []
    kind = ("person" if "Person" in types else
            "org" if any(t in ("Organization", "NewsMediaOrganization", "Corporation", "WebSite",
                               "LocalBusiness", "Brand") for t in types) else
            "article" if any(t.endswith("Article") or t in ("BlogPosting", "WebPage", "ReportageNews",
                                                             "ItemPage", "Report", "Review") for t in types)
            else "other")
    out = {}
    for k, v in obj.items():
        kl = k.lower()
        if kl.startswith("date") or kl in ("uploaddate", "publisheddate", "datecreated"):
            if ctx["iso"]:
                out[k] = ctx["iso"]
                ctx["stamps"] += 1
            continue
        if isinstance(v, str):
            if kl == "articlebody":
                out[k] = ctx["body"]
            elif kl in ("headline", "alternativeheadline"):
                out[k] = ctx["title"]
            elif kl == "name":
                out[k] = (ctx["boiler"].pick(NAMES) if kind == "person" else ctx["site"] if kind == "org"
                          else ctx["title"] if kind == "article" else ctx["boiler"].pick(SECTIONS))
            elif kl in ("description", "abstract"):
                out[k] = ctx["desc"]
            elif kl in ("keywords", "articlesection"):
                out[k] = "، ".join(ctx["tags"]) if kl == "keywords" else ctx["section"]
            elif kl in ("text", "caption", "alternatename", "jobtitle", "disambiguatingdescription",
                        "slogan"):
                out[k] = ctx["boiler"].pick(CAPTIONS)
            elif kl == "inlanguage":
                out[k] = "ar"
            elif v == ctx["old_url"]:
                out[k] = ctx["url"]
            else:
                out[k] = v
        elif isinstance(v, list) and kl in ("keywords", "articlesection") and all(isinstance(x, str) for x in v):
            out[k] = ctx["tags"] if kl == "keywords" else [ctx["section"]]
        else:
            out[k] = rewrite_jsonld(v, ctx)
    return out


def loads_lenient(s):
    s = s.strip()
    if s.startswith("<!--"):
        s = s[4:]
    if s.endswith("-->"):
        s = s[:-3]
    s = s.strip().rstrip(";")
    try:
        return json.loads(s, strict=False)
    except ValueError:
        s2 = re.sub(r",\s*([}\]])", r"\1", s)
        return json.loads(s2, strict=False)


def build_page(tpl, loc, root, art, paras, mat, rng, opts):
    """Rewrites the parsed template in place; returns (html string, gold fields, notes)."""
    notes = []
    r = art
    title = clean_par(r["title"])
    site = OUTLETS.get(r["source"], "صحيفة الخبر")
    day = dt.date.fromisoformat(r["date_extracted"][:10])
    hm = r["date_extracted"][11:16]
    dated = not opts["nodate"]
    iso = f"{r['date_extracted'][:10]}T{r['date_extracted'][11:19]}+03:00" if dated else None
    boiler = Boiler(rng, mat, site, title)
    section = rng.choice(SECTIONS[1:])
    tags = rng.sample(TAGS, 4)
    num = fnv1a64(r["id"].encode()) % 900000 + 100000
    host = urlsplit(tpl["url"]).hostname or tpl["domain"]
    slug = rng.choice(SECTION_SLUGS)
    dated_url = dated and rng.random() < 0.25
    url = (f"https://{host}/{day.year}/{day.month:02d}/{day.day:02d}/{num}" if dated_url
           else f"https://{host}/{slug}/{num}")
    head, slots, container = loc["head"], loc["slots"], loc["container"]
    rtl = opts["rtl"]

    def after_slot(u):
        """The node after which content following unit u goes: the unit's block for a whole
        <p>-like block (climbing out of lists to the container's level), else the unit's last node."""
        if u.whole and u.parent is not container:
            a = u.parent
            if a.tag not in ("p", "div", "blockquote", "pre", "section", "article"):
                while a.parent is not None and a.parent is not container and a.parent.tag != "#root":
                    a = a.parent
            return a, ("div" if a.tag == "div" else "p")
        return u.nodes[-1], None

    # 1. The article's paragraphs into the slots, in order.
    n_slots = len(slots)
    for u, p in zip(slots, paras):
        replace_unit(u, [txt(p)])
    used = slots[:len(paras)]
    tail, style = after_slot(used[-1])
    if len(paras) > n_slots:
        for p in paras[n_slots:]:
            new = [el(style, [p])] if style else [br(), br(), txt(p)]
            for x in new:
                insert_after(tail, x)
                tail = x
        notes.append(f"{len(paras) - n_slots} paragraph(s) added after the last slot")
    elif len(paras) < n_slots:
        for u in slots[len(paras):]:
            replace_unit(u, [])
            p = u.parent
            while (p is not container and p.parent is not None and p.tag in BLOCK
                   and not any(c.kind == "el" and c.tag not in ("br",) or c.kind == "text" and c.text.strip()
                               for c in p.children)):
                q = p.parent
                remove(p)
                p = q
        notes.append(f"{n_slots - len(paras)} trailing slot(s) removed")

    # 2. The other units inside the container: in-article furniture; a copy of the headline
    # stays a copy of the (Arabic) headline.
    head_ids = {id(x) for x in walk(head)}
    for u in loc["title_copies"]:
        replace_unit(u, [txt(title)])
    for u in loc["furniture"]:
        if not attached(u.parent, container) and u.parent is not container:
            continue
        role = None
        for a in [u.parent] + list(ancestors(u.parent)):
            role = role_of(a)
            if role or a is container:
                break
        n = len(u.text)
        if role:
            new = [txt(boiler.text(role, u.text, False, u.parent.tag))]
        elif n > 30:
            new = [txt("اقرأ أيضاً: "), el("a", [boiler.title()], href=f"https://{host}/{slug}/{rng.randint(100000, 999999)}")]
        else:
            new = [txt(boiler.pick(FURNITURE_SHORT))]
        replace_unit(u, new)

    # 3. Every other text node: Arabic boilerplate by role.
    titles = [t for t in find_all(root, "title") if not any(a.tag == "svg" for a in ancestors(t))]
    page_title_el = titles[0] if titles else None
    def rec(n, role, in_link, skip):
        if n.kind == "text":
            if skip or n.keep or n.rawtext or not n.text.strip():
                return
            t = n.text
            if not re.search(r"[^\W_]", t):
                return  # punctuation and symbols only
            lead = t[:len(t) - len(t.lstrip())]
            trail = t[len(t.rstrip()):]
            tag = n.parent.tag if n.parent is not None else ""
            n.text = lead + boiler.text(role, t, in_link, tag) + trail
            return
        if n.kind != "el" or n.tag in NOT_TEXT:
            return
        if n is page_title_el or id(n) in head_ids:
            skip = True
        role = role_of(n) or role
        in_link = in_link or n.tag == "a"
        for c in list(n.children):
            rec(c, role, in_link, skip)
    rec(root, None, False, False)
    for b in loc["blocks"]:
        if b.tag == "h1" and id(b) not in head_ids and not any(x.keep for x in walk(b)):
            set_own_content(b, [txt(site)])

    # 4. Headline, <title>, metadata, JSON-LD, language, dates in attributes.
    if head.tag == "h1":
        head.children = [txt(title)]
        head.children[0].parent = head
    else:
        set_own_content(head, [txt(title)])
    sep = opts["sep"]
    page_title = f"{title}{sep}{site}"
    desc = paras[0][:160].rsplit(" ", 1)[0] if len(paras[0]) > 160 else paras[0]
    ctx = {"iso": iso, "body": "\n".join(paras), "title": title, "site": site, "desc": desc,
           "tags": tags, "section": section, "boiler": boiler, "old_url": tpl["url"], "url": url,
           "stamps": 0}
    meta_stamps = script_dates = 0
    heads = find_all(root, "head")
    html_el = find_all(root, "html")
    for n in list(walk(root)):
        if n.kind != "el":
            continue
        if n.tag == "meta":
            key = (n.get("property") or n.get("name") or n.get("itemprop") or n.get("http-equiv") or "").lower()
            content = n.get("content")
            if n.get("charset") is not None or (key == "content-type" and content is not None):
                remove(n)
                continue
            if content is None:
                continue
            if key in ("og:title", "twitter:title", "title", "dc.title", "parsely-title", "sailthru.title",
                       "headline"):
                n.set("content", title)
            elif key in ("description", "og:description", "twitter:description", "dc.description",
                         "sailthru.description"):
                n.set("content", desc)
            elif key in ("keywords", "news_keywords", "article:tag", "parsely-tags", "sailthru.tags"):
                n.set("content", "، ".join(tags))
            elif key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
                n.set("content", site)
            elif key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
                if not content.startswith("http"):
                    n.set("content", boiler.pick(NAMES))
            elif key in ("article:section", "parsely-section", "section"):
                n.set("content", section)
            elif key in ("og:url", "twitter:url", "parsely-link"):
                n.set("content", url)
            elif key == "og:locale":
                n.set("content", "ar_AR")
            elif key in ("language", "content-language", "dc.language"):
                n.set("content", "ar")
            elif DATE_VALUE.match(content) or (DATE_KEY.search(key) and (YEAR.search(content)
                                                                            or re.fullmatch(r"\s*\d{9,13}\s*", content))):
                if dated:
                    n.set("content", iso if "T" in content or ":" in content else iso[:10])
                    meta_stamps += 1
                else:
                    remove(n)
                continue
            elif SCRIPT_DATE.search(content) and not url_like(key, content):
                n.set("content", SCRIPT_DATE.sub(iso or "", content))  # JSON kept in a meta
                continue
        if n.tag == "link" and "canonical" in (n.get("rel") or "").lower().split():
            n.set("href", url)
        if n.tag == "script" and "ld+json" in (n.get("type") or "").lower():
            raw = "".join(c.text for c in n.children)
            try:
                obj = loads_lenient(raw)
            except ValueError:
                remove(n)
                notes.append("unparseable JSON-LD removed")
                continue
            obj = rewrite_jsonld(obj, ctx)
            s = json.dumps(obj, ensure_ascii=opts["encoding"] != "utf-8").replace("</", "<\\/")
            node = txt(s)
            node.rawtext = True
            node.parent = n
            n.children = [node]
            continue
        if n.tag == "script":
            # Dates inside other scripts (JSON state, analytics) would be a second date source:
            # they become the page's own stamp, or are emptied on a page with no date.
            for c in n.children:
                c.text, k = SCRIPT_DATE.subn(iso or "", c.text)
                script_dates += k
        # Dates and languages in attributes.
        for k, v in list(n.attrs):
            if v is None:
                continue
            dateish_attr = k in ("content", "title", "value") or k.startswith("data-")
            if k == "datetime" or (dateish_attr and DATE_VALUE.match(v) and not url_like(k, v)):
                if dated:
                    n.set(k, iso)
                    meta_stamps += 1
                else:
                    n.delete(k)
            elif dateish_attr and not url_like(k, v) and SCRIPT_DATE.search(v):
                n.set(k, SCRIPT_DATE.sub(iso or "", v))  # JSON state kept in an attribute
            elif k == "itemprop" and DATE_KEY.search(v.lower()) and not dated:
                n.delete(k)
            elif k in ("lang", "xml:lang") and n.tag != "html" and v.lower().startswith("en"):
                n.set(k, "ar")
    if titles:
        t = titles[0]
        t.children = [txt(page_title)]
        t.children[0].parent = t
        for extra in titles[1:]:
            extra.children = [txt(site)]
    elif heads:
        heads[0].children.insert(0, el("title", [page_title]))
        heads[0].children[0].parent = heads[0]
    if html_el:
        html_el[0].set("lang", "ar")
        html_el[0].set("dir", "rtl")
    for b in find_all(root, "body"):
        if (b.get("dir") or "").lower() == "ltr":
            b.set("dir", "rtl")
    stamps = meta_stamps + ctx["stamps"]

    # 5. Date line, share bar, read-also, right-to-left extras.
    date_form = None
    if dated:
        date_form = opts["date_form"]
        line = date_line(day, hm, date_form)
        if rtl and rng.random() < 0.5:
            line_nodes = [Node("raw", raw="&rlm;"), el("bdi", [line])]
        elif rtl and date_form in ("numeric", "year-first", "weekday"):
            line_nodes = [line.translate(INDIC)]
            date_form += "+indic"
        else:
            line_nodes = [line]
        kind = rng.choice(["div.date", "span.post-date", "time+dt", "time", "p.article-date",
                           "div.entry-meta", "div.news-time", "span.timestamp"])
        if kind == "time+dt":
            node = el("time", line_nodes, datetime=iso, class_="published")
        elif kind == "time":
            node = el("time", line_nodes)
        elif kind == "div.entry-meta":
            node = el("div", [el("span", line_nodes, class_="published")], class_="entry-meta")
        else:
            tag, cls = kind.split(".")
            node = el(tag, line_nodes, class_=cls)
        insert_after(head, node)
        notes.append(f"visible date line ({date_form}) in <{kind}> after the headline")
    if opts["share"]:
        bar = el("div", [txt("شارك عبر: "), el("a", ["فيسبوك"], href="#"), txt(" | "),
                         el("a", ["تويتر"], href="#"), txt(" | "), el("a", ["واتساب"], href="#")],
                 class_="share-bar")
        first = used[0]
        anchor, style0 = after_slot(first)
        insert_before(anchor if style0 else first.nodes[0], bar)
        notes.append("share bar before the first paragraph")
    if opts["inline_read_also"] and len(used) >= 3:
        u = used[len(used) // 2 - 1]
        anchor, style0 = after_slot(u)
        link = el("a", [boiler.title()], href=f"https://{host}/{slug}/{num + 7}")
        new = ([el("p", [el("strong", ["اقرأ أيضاً:"]), txt(" "), link])] if style0
               else [br(), br(), el("strong", ["اقرأ أيضاً:"]), txt(" "), link])
        for x in new:
            insert_after(anchor, x)
            anchor = x
        notes.append("inline \"اقرأ أيضاً:\" line in the middle of the body")
    if opts["read_also_box"]:
        items = [el("li", [el("a", [boiler.title()], href=f"https://{host}/{slug}/{num + i + 11}")]) for i in range(3)]
        box = el("div", [el("h3", ["اقرأ أيضاً"]), el("ul", items)], class_="read-also")
        insert_after(tail, box)
        notes.append("read-also box after the body")
    if rtl:
        container.set("dir", "rtl")
        head.set("dir", "rtl")
        notes.append("dir=rtl on the content container and headline")

    # 6. The charset label, first thing in <head>.
    label = opts["label"]
    if label:
        meta = (Node("raw", raw=f'<meta charset="{label}">') if rng.random() < 0.6 else
                Node("raw", raw=f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'))
        if heads:
            heads[0].children.insert(0, meta)
            meta.parent = heads[0]
        elif html_el:
            html_el[0].children.insert(0, meta)
            meta.parent = html_el[0]
        else:
            i = next((k + 1 for k, c in enumerate(root.children)
                      if c.kind == "raw" and c.raw.lower().startswith("<!doctype")), 0)
            root.children.insert(i, meta)
            meta.parent = root
    out = serialize(root)
    if label:
        i = out.find(meta.raw)
        if i > 1000:
            out = out[:i] + out[i + len(meta.raw):]
            m = re.match(r"\s*(<!doctype[^>]*>)?", out, re.I)
            out = out[:m.end()] + meta.raw + out[m.end():]
    gold_dt = iso if dated and stamps else None
    if script_dates:
        notes.append(f"{script_dates} date(s) inside scripts " + ("set to the publication stamp" if dated else "emptied"))
    return out, {"url": url, "title": title, "published": day.isoformat() if dated else None,
                 "published_datetime": gold_dt, "date_form": date_form, "stamps": stamps,
                 "site_name": site}, notes


# ---------------------------------------------------------------------------------------------
# Checking a page back

class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip, self.in_head, self.in_title = [], 0, False, False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if not self.skip and (not self.in_head or self.in_title):
            self.parts.append(data)


def verify(page_bytes, encoding, gold):
    text = page_bytes.decode(encoding)  # strict: the bytes must be the declared encoding
    v = Visible()
    v.feed(text)
    v.close()
    visible = collapse(" ".join(v.parts))
    letters = sum(c.isalpha() for c in visible)
    latin = len(LATIN.findall(visible)) / max(letters, 1)
    pos = 0
    for k, p in enumerate(gold["body"].split("\n")):
        i = visible.find(p, pos)
        if i < 0:
            return latin, f"paragraph {k + 1} not found in order" if visible.find(p) < 0 else "paragraphs out of order"
        pos = i + len(p)
    if visible.find(gold["title"]) < 0:
        return latin, "headline not found"
    return latin, None


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "target" / "arabic-synth"))
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--half", choices=["tune", "report", "all"], default="all")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--verbose", action="store_true", help="print every page's Latin share")
    ap.add_argument("--keep-failed", action="store_true", help="write pages that fail the check to DIR/_failed")
    args = ap.parse_args()
    t0 = time.monotonic()
    data, out = Path(args.data), Path(args.out)

    rows = read_snn(data / "saudinewsnet" / "saudinewsnet_2015-08-01_to_2015-08-11.jsonl.gz")
    sources = sorted({r["source"] for r in rows})
    half_sources = {"tune": set(sources[0::2]), "report": set(sources[1::2])}
    material = {h: Material(rows, s, random.Random(f"{args.seed}:{h}:articles")) for h, s in half_sources.items()}

    templates = load_templates(data)
    random.Random(f"{args.seed}:templates").shuffle(templates)
    halves = ["tune", "report"] if args.half == "all" else [args.half]
    templates = [t for t in templates if t["half"] in halves]
    for h in halves:
        d = out / h
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)

    tried, skipped = 0, Counter()
    pages = []
    verify_rows = []
    for tpl in templates:
        if len(pages) >= args.count:
            break
        tried += 1
        raw = tpl["path"].read_bytes()
        b = gzip.decompress(raw)
        if len(b) > MAX_TEMPLATE_BYTES:
            skipped["template over 2 MB"] += 1
            continue
        root = parse(decode_template(b))
        loc, why = locate(root, tpl)
        if loc is None:
            skipped[why] += 1
            continue
        rng = random.Random(f"{args.seed}:{tpl['key']}")
        mat = material[tpl["half"]]
        picked = mat.take(len(loc["slots"]), sum(len(u.text) for u in loc["slots"]))
        if picked is None:
            skipped["no SaudiNewsNet article left"] += 1
            continue
        art, paras = picked
        x = rng.random()
        encoding, label = (("utf-8", "utf-8") if x < 0.70 else ("windows-1256", "windows-1256") if x < 0.85
                           else ("iso-8859-6", rng.choice(["windows-1256", None])) if x < 0.95
                           else ("utf-8", "windows-1256"))
        forms, weights = zip(*DATE_FORMS)
        opts = {"encoding": encoding, "label": label, "nodate": rng.random() < 0.15,
                "date_form": rng.choices(forms, weights)[0], "rtl": rng.random() < 0.3,
                "share": rng.random() < 0.3, "inline_read_also": rng.random() < 0.2,
                "read_also_box": rng.random() < 0.2, "sep": " | " if rng.random() < 0.7 else " - "}
        html_text, g, notes = build_page(tpl, loc, root, art, paras, mat, rng, opts)
        page_bytes = html_text.encode(encoding, errors="xmlcharrefreplace")
        gold = {
            "url": g["url"], "title": g["title"], "published": g["published"],
            "body": "\n".join(paras), "language": "ar", "site": tpl["domain"], "encoding": encoding,
            "charset_label": label, "half": tpl["half"],
            "origin": f"template {tpl['origin']} ({tpl['bench']}, {tpl['url']}); text {SNN_ORIGIN} "
                      f"article {art['id']} ({art['source']}, {art['url']})",
            "licence": LICENCE,
        }
        if g["published_datetime"]:
            gold["published_datetime"] = g["published_datetime"]
        lab = f"labelled {label}" if label else "no charset label"
        notes = [f"Synthetic page: the structure of {tpl['bench']} {tpl['file']} ({tpl['domain']}); "
                 f"{loc['matched']} of {loc['lines']} template gold lines matched to elements, "
                 f"{len(loc['slots'])} slots in <{loc['container'].tag}>, filled with the {len(paras)} "
                 f"paragraphs of SaudiNewsNet {art['id']} ({art['source']}); other visible text is "
                 f"Arabic boilerplate; site name {g['site_name']}",
                 f"encoding {encoding}, {lab}"] + notes
        if g["published"]:
            notes.append(f"published = the SaudiNewsNet crawl day ({art['date_extracted']}), used as the "
                         f"publication day; {g['stamps']} metadata stamp(s) rewritten to it")
        else:
            notes.append("no date anywhere: date metas, JSON-LD dates and datetime attributes removed, "
                         "no visible date line; a good extractor gives none")
        gold["notes"] = "; ".join(notes) + "."
        latin, problem = verify(page_bytes, encoding, gold)
        verify_rows.append((tpl["key"], tpl["half"], latin, problem or ("latin" if latin > MAX_LATIN else "ok")))
        if problem:
            skipped[f"verify: {problem}"] += 1
            if args.keep_failed:
                d = out / "_failed" / tpl["key"]
                d.mkdir(parents=True, exist_ok=True)
                (d / "page.html").write_bytes(page_bytes)
                (d / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
            continue
        if latin > MAX_LATIN:
            skipped["verify: Latin letters over 2%"] += 1
            continue
        d = out / tpl["half"] / tpl["key"]
        d.mkdir(parents=True)
        (d / "page.html").write_bytes(page_bytes)
        (d / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pages.append((tpl, gold, g, opts))

    for h in halves:
        with open(out / h / "verify.tsv", "w", encoding="utf-8") as f:
            f.write("template\thalf\tlatin_share\tstatus\n")
            for key, hh, latin, status in verify_rows:
                if hh == h:
                    f.write(f"{key}\t{hh}\t{latin:.4f}\t{status}\n")

    # Summary.
    used = len(pages)
    print(f"templates: {tried} tried, {used} used, {tried - used} skipped")
    for why, n in skipped.most_common():
        print(f"  skipped: {why}: {n}")
    print(f"pages: {used} in {out} (" + ", ".join(f"{h} {sum(1 for p in pages if p[1]['half'] == h)}" for h in halves) + ")")
    enc = Counter((p[1]["encoding"], p[1]["charset_label"]) for p in pages)
    print("  by encoding: " + ", ".join(f"{e} labelled {l or 'none'}: {n}" for (e, l), n in sorted(enc.items(), key=str)))
    for h in halves:
        hp = [p for p in pages if p[1]["half"] == h]
        print(f"  {h}: {len(hp)} pages, {len({p[1]['site'] for p in hp})} sites, "
              f"{sum(1 for p in hp if p[1]['published'])} with a date, "
              f"{sum(1 for p in hp if not p[1]['published'])} without; outlets "
              + ", ".join(sorted(half_sources[h])))
    forms = Counter(p[2]["date_form"] for p in pages if p[2]["date_form"])
    print("  date lines: " + ", ".join(f"{f} {n}" for f, n in sorted(forms.items())))
    print(f"  with metadata date stamps: {sum(1 for p in pages if p[2]['stamps'])}")
    lat = sorted(((r[2], r[0]) for r in verify_rows), reverse=True)
    if lat:
        print(f"  Latin letters in visible text: mean {sum(x for x, _ in lat) / len(lat):.4f}, "
              f"max {lat[0][0]:.4f} ({lat[0][1]}); per page in <half>/verify.tsv")
    if args.verbose:
        for key, hh, latin, status in verify_rows:
            print(f"    {hh}/{key}\t{latin:.4f}\t{status}")
    if used < args.count:
        print(f"warning: only {used} of {args.count} pages could be made", file=sys.stderr)
    print(f"time: {time.monotonic() - t0:.1f} s")


if __name__ == "__main__":
    main()
