# Run from this folder: python3 make_pages.py (writes the *.html test pages in their encodings).
# Writes the golden HTML test pages (realistic structures, text written for the tests).
import json
HEAD_NAV = '''<header class="site-header"><div class="logo"><h1><a href="/">{site}</a></h1></div>
<nav class="main-menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sports">رياضة</a></li></ul></nav>
<div class="breaking-ticker"><span>عاجل</span><a href="/n/1">الرئيس يستقبل وفدا برلمانيا في القصر الجمهوري</a></div></header>'''
COOKIE = '<div id="cookie-consent"><p>نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا، وباستمرارك في التصفح فإنك توافق على ذلك.</p><button>موافق</button></div>'
MOST_READ = '''<aside class="most-read"><h3>الأكثر قراءة</h3><ul>
<li><a href="/n/11">ارتفاع أسعار الذهب في السوق المحلية مع نهاية تعاملات الأسبوع</a></li>
<li><a href="/n/12">الأرصاد تحذر من موجة حارة تضرب البلاد خلال الأيام المقبلة</a></li>
<li><a href="/n/13">منتخب الشباب يتأهل إلى نهائي البطولة العربية بعد فوز صعب</a></li></ul></aside>'''
COMMENTS = '''<section id="comments"><h3>التعليقات</h3>
<div class="comment"><span class="name">أبو خالد</span><p>خبر مهم جدا، ونتمنى أن تنفذ هذه المشاريع في أقرب وقت ممكن لخدمة المواطنين في كل المحافظات.</p></div>
<div class="comment"><span class="name">سعاد</span><p>شكرا على التغطية، لكن أين التفاصيل عن الميزانية المخصصة لهذه الخطة، وهل ستكون هناك رقابة عليها؟</p></div>
<form class="comment-form"><textarea>أضف تعليقك</textarea><button>إرسال</button></form></section>'''
FOOTER = '<footer><p>جميع الحقوق محفوظة © 2024</p><a href="/about">من نحن</a> | <a href="/privacy">سياسة الخصوصية</a></footer>'

pages = {}

# 1. A Gulf site with JSON-LD NewsArticle, og tags, share bar, ad slot, in-body read-also, tags box, related, comments.
pages['gulf_jsonld.html'] = ('utf-8', None, f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الإمارات تطلق أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة | الخليج اليوم</title>
<meta property="og:title" content="الإمارات تطلق أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة">
<meta property="og:site_name" content="الخليج اليوم">
<meta property="og:url" content="https://www.gulf-today.example/news/2024/03/11/desalination-solar">
<meta property="og:image" content="https://cdn.gulf-today.example/img/2024/desal.jpg">
<meta property="article:published_time" content="2024-03-11T08:30:00+04:00">
<meta property="article:modified_time" content="2024-03-11T12:05:00+04:00">
<meta property="article:section" content="اقتصاد">
<meta name="keywords" content="أخبار, الخليج, عاجل">
<link rel="canonical" href="/news/2024/03/11/desalination-solar">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"الإمارات تطلق أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة",
"datePublished":"2024-03-11T08:30:00+04:00","dateModified":"2024-03-11T12:05:00+04:00",
"author":{{"@type":"Person","name":"مريم الكعبي"}},"articleSection":"اقتصاد",
"keywords":["تحلية المياه","الطاقة الشمسية","الإمارات"],
"publisher":{{"@type":"Organization","name":"الخليج اليوم"}}}}</script>
<script>window.dataLayer = [];</script><style>.x{{color:red}}</style>
</head><body>
{HEAD_NAV.format(site="الخليج اليوم")}
{COOKIE}
<main><article class="article">
<div class="article-header"><a class="section" href="/economy">اقتصاد</a>
<h1 class="article-title">الإمارات تطلق أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة</h1>
<div class="article-meta"><span class="byline">بقلم: مريم الكعبي</span> <time datetime="2024-03-11T08:30:00+04:00">الإثنين 11 مارس 2024 - 08:30</time></div></div>
<div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a> <span>مشاركة</span></div>
<figure class="lead-image"><img src="/img/2024/desal.jpg" alt=""><figcaption>محطة التحلية الجديدة على ساحل أبوظبي (أرشيفية)</figcaption></figure>
<div class="article-body" itemprop="articleBody">
<p>أبوظبي - أعلنت وزارة الطاقة والبنية التحتية في دولة الإمارات، اليوم الإثنين، تشغيل أكبر محطة لتحلية مياه البحر تعمل بالطاقة الشمسية في المنطقة، بطاقة إنتاجية تبلغ 300 ألف متر مكعب يوميا.</p>
<p>وقالت الوزارة في بيان إن المحطة، التي أقيمت على ساحل إمارة أبوظبي، ستوفر مياه الشرب لنحو 400 ألف أسرة، وتخفض الانبعاثات الكربونية بمقدار 180 ألف طن سنويا مقارنة بالمحطات التقليدية.</p>
<div class="ad-slot" id="div-gpt-ad-123"><script>googletag.display("x");</script><span>إعلان</span></div>
<p>اقرأ أيضا: <a href="/n/55">السعودية تبدأ تشغيل أول مزرعة رياح في شمال المملكة</a></p>
<h2>تقنيات حديثة</h2>
<p>وتعتمد المحطة على تقنية التناضح العكسي، وتغذيها ألواح شمسية تمتد على مساحة ثلاثة كيلومترات مربعة، مع بطاريات تخزين تتيح تشغيلها ليلا.</p>
<p>وأوضح مدير المشروع أن كلفة إنتاج المتر المكعب انخفضت إلى أقل من نصف دولار، وهو ما يجعل التجربة قابلة للتكرار في دول الخليج الأخرى.</p>
</div>
<div class="tags"><span>الوسوم:</span> <a href="/tag/1">تحلية المياه</a> <a href="/tag/2">الطاقة الشمسية</a> <a href="/tag/3">أبوظبي</a></div>
<div class="related-articles"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/n/21">قطر توقع اتفاقية لبناء محطة كهرباء تعمل بالغاز الطبيعي</a></li>
<li><a href="/n/22">عمان تفتتح مشروعا لتخزين المياه الجوفية في محافظة ظفار</a></li></ul></div>
</article>
{COMMENTS}
</main>
{MOST_READ}
{FOOTER}
</body></html>''')

# 2. A Levantine site in windows-1256, no JSON-LD, visible date in Levantine months, br-less <p>s inside div.text.
pages['levant_windows1256.html'] = ('windows-1256', 'windows-1256', '''<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>بلدية بيروت تبدأ ترميم الأسواق القديمة - صدى المدينة</title>
</head><body>
<div id="top"><div class="menu"><a href="/">الرئيسية</a> | <a href="/local">محليات</a> | <a href="/world">عربي ودولي</a></div></div>
<table width="100%"><tr><td class="side"><div class="widget"><b>روابط</b><br><a href="/a">أرشيف الأعداد</a><br><a href="/b">اتصل بنا</a></div></td>
<td class="main">
<div class="news-details">
<h1>بلدية بيروت تبدأ ترميم الأسواق القديمة</h1>
<div class="date">الأربعاء 3 نيسان 2019</div>
<div class="text">
<p>بيروت - بدأت بلدية بيروت أمس أعمال ترميم الأسواق القديمة في وسط العاصمة، ضمن خطة تمتد ثلاث سنوات وتشمل واجهات المباني التراثية والأرصفة وشبكات الإنارة.</p>
<p>وقال رئيس البلدية إن المشروع يمول بمنحة أوروبية قيمتها 12 مليون يورو، وإن الأعمال ستجري على مراحل حتى لا تتوقف حركة التجار والزوار في المنطقة.</p>
<p>وأضاف أن الحرفيين الذين يعملون في هذه الأسواق منذ عقود سيشاركون في تحديد مواصفات الترميم، حفاظا على الطابع الذي عرفت به بيروت.</p>
</div>
<div class="share">أرسل إلى صديق | طباعة</div>
</div>
</td></tr></table>
<div class="footer">جميع الحقوق محفوظة لصدى المدينة 2019</div>
</body></html>''')

# 3. The same kind of page in ISO-8859-6 whose meta label lies (says windows-1256).
pages['iso8859_6_mislabelled.html'] = ('iso-8859-6', 'windows-1256', '''<html><head>
<meta charset="windows-1256">
<title>افتتاح معرض الكتاب الدولي بمشاركة خمسين دارا للنشر</title>
</head><body>
<div class="nav"><a href="/">الرئيسية</a> <a href="/culture">ثقافة</a></div>
<div class="story">
<h1>افتتاح معرض الكتاب الدولي بمشاركة خمسين دارا للنشر</h1>
<p class="meta-date">نشر في 14 سبتمبر 2023</p>
<div class="story-body">
<p>افتتح وزير الثقافة مساء الخميس معرض الكتاب الدولي في دورته الخامسة عشرة، بمشاركة خمسين دارا للنشر من ثماني عشرة دولة عربية وأجنبية.</p>
<p>ويضم المعرض هذا العام جناحا خاصا لكتب الأطفال، وبرنامجا ثقافيا يشمل ندوات وأمسيات شعرية وتوقيع إصدارات جديدة لكتاب من المنطقة.</p>
</div></div>
<div class="copyright">جميع الحقوق محفوظة</div>
</body></html>''')

# 4. UTF-8 bytes under a windows-1256 label (the label lies the other way).
pages['utf8_labelled_1256.html'] = ('utf-8', 'windows-1256', '''<!doctype html><html><head>
<meta http-equiv="content-type" content="text/html; charset=windows-1256">
<meta property="og:title" content="الجزائر: انطلاق حملة وطنية لتشجير الغابات المتضررة من الحرائق">
<meta property="og:site_name" content="أخبار الجزائر">
<meta property="article:published_time" content="2021-07-15T10:00:00+01:00">
</head><body>
<div class="container"><div class="post">
<h1 class="entry-title">الجزائر: انطلاق حملة وطنية لتشجير الغابات المتضررة من الحرائق</h1>
<span class="posted-on">15 جويلية 2021</span>
<div class="entry-content">
<p>أطلقت المديرية العامة للغابات في الجزائر حملة وطنية لإعادة تشجير المساحات التي أتلفتها حرائق الصيف الماضي، بهدف غرس مليون شجرة قبل نهاية العام.</p>
<p>وتشارك في الحملة جمعيات بيئية ومتطوعون من مختلف الولايات، فيما وفرت المشاتل الحكومية أنواعا محلية من الأشجار تتحمل الجفاف.</p>
<p>شاهد أيضا: <a href="/v/9">فيديو: متطوعون يغرسون الأشجار في تيزي وزو</a></p>
</div>
<div class="entry-tags"><a rel="tag" href="/t/1">التشجير</a><a rel="tag" href="/t/2">الغابات</a></div>
</div></div>
<div id="sidebar"><div class="widget popular-posts"><h2>الأكثر مشاهدة</h2><a href="/p/1">ارتفاع درجات الحرارة في ولايات الجنوب وتحذيرات من موجة حر شديدة</a></div></div>
</body></html>''')

# 5. A Saudi-style page: paragraphs separated by <br><br> in one div, Hijri date only, subheadings as plain lines, most-read tabs.
pages['hijri_br_paragraphs.html'] = ('utf-8', None, '''<!DOCTYPE html><html lang="ar"><head><meta charset="UTF-8">
<title>أمانة الرياض تفتتح ثلاث حدائق جديدة في أحياء شمال المدينة - صحيفة الوطن اليوم</title>
</head><body>
<div class="top-bar"><a href="/">الصفحة الرئيسية</a> <a href="/pdf">النسخة الرقمية</a></div>
<div class="article-wrap">
<div class="article-section-info"><a href="/">الرئيسية</a> » <a href="/local">محليات</a></div>
<h1>أمانة الرياض تفتتح ثلاث حدائق جديدة في أحياء شمال المدينة</h1>
<div class="article-info"><a class="aksa-byline" href="/w/3">عبدالله القحطاني - الرياض</a>
<div class="article-date">السبت 29 ربيع الأول 1445 هـ</div></div>
<div class="article-text">افتتحت أمانة منطقة الرياض ثلاث حدائق جديدة في أحياء الملقا والياسمين والنرجس، بمساحة إجمالية تتجاوز 60 ألف متر مربع، ضمن برنامج أنسنة المدن.<br><br>
وتضم الحدائق ممرات للمشي بطول أربعة كيلومترات، وملاعب للأطفال، ومسطحات خضراء تسقى بمياه معالجة.<br><br>
<div class="inline-ad"><script>ads.push(1)</script>مساحة إعلانية</div>
مشاركة الأهالي<br><br>
وأوضحت الأمانة أن سكان الأحياء شاركوا في اختيار مكونات الحدائق عبر استبانة إلكترونية، شارك فيها أكثر من خمسة آلاف شخص.<br><br>
وأكدت أن العمل جار على تنفيذ سبع حدائق أخرى قبل نهاية العام، في إطار خطة تستهدف رفع نصيب الفرد من المساحات الخضراء.</div>
</div>
<div class="tabs-main"><ul class="nav"><li class="active"><a href="#">آخر الأخبار</a></li><li><a href="#">الأكثر قراءة</a></li></ul>
<div class="article-bx"><div class="article-publishtime">قبل 12 دقيقة</div><a class="article-title" href="/n/77">مباحثات سعودية كويتية لتعزيز التعاون في مجال الطاقة</a></div></div>
</body></html>''')

# 6. A live-news style page with only a relative date stamp.
pages['relative_date.html'] = ('utf-8', None, '''<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<meta property="og:title" content="ارتفاع منسوب نهر النيل في الخرطوم وتحذيرات للسكان">
<title>ارتفاع منسوب نهر النيل في الخرطوم وتحذيرات للسكان</title></head><body>
<nav><a href="/">الرئيسية</a></nav>
<div class="content"><div class="news">
<h1>ارتفاع منسوب نهر النيل في الخرطوم وتحذيرات للسكان</h1>
<div class="time-ago">منذ ساعتين</div>
<div class="news-text">
<p>حذرت وزارة الري السودانية سكان المناطق المحاذية لنهر النيل في ولاية الخرطوم من ارتفاع منسوب المياه إلى مستويات قياسية خلال الأيام المقبلة.</p>
<p>وقالت الوزارة إن محطة القياس في الخرطوم سجلت صباح اليوم أعلى منسوب منذ عشر سنوات، داعية المواطنين إلى الابتعاد عن ضفاف النهر.</p>
</div></div></div>
<div class="newsletter"><p>اشترك في النشرة البريدية لتصلك أهم الأخبار يوميا على بريدك الإلكتروني.</p></div>
</body></html>''')

# 7. No metadata at all: only an h1 and the text in a table cell.
pages['no_metadata.html'] = ('utf-8', None, '''<html><body>
<table><tr><td><a href="/">الرئيسية</a> - <a href="/arch">الأرشيف</a></td></tr>
<tr><td>
<h1>جامعة تونس تعلن عن منح دراسية لطلاب الدكتوراه</h1>
<p>أعلنت جامعة تونس عن فتح باب الترشح لمئة منحة دراسية لطلاب الدكتوراه في اختصاصات العلوم والهندسة، على أن تغلق الترشحات نهاية الشهر المقبل.</p>
<p>وتغطي المنح تكاليف الدراسة والإقامة لمدة ثلاث سنوات، إضافة إلى تربص بحثي في إحدى الجامعات الشريكة في أوروبا أو آسيا.</p>
</td></tr></table>
</body></html>''')

# 8. An article split in two parts by a photo block, with a logo h1 and the headline in h2.
pages['split_body_logo_h1.html'] = ('utf-8', None, '''<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<title>المغرب يطلق قمرا اصطناعيا لرصد التغيرات المناخية | المرصد المغاربي</title>
<meta name="twitter:title" content="المغرب يطلق قمرا اصطناعيا لرصد التغيرات المناخية">
<meta name="author" content="يوسف بنعلي">
</head><body>
<h1 class="logo"><a href="/">المرصد المغاربي</a></h1>
<div class="post-container">
<h2 class="post-title">المغرب يطلق قمرا اصطناعيا لرصد التغيرات المناخية</h2>
<div class="post-date">الأحد، 3 شباط/فبراير 2019</div>
<div class="post-part">
<p>الرباط - أطلق المغرب قمرا اصطناعيا جديدا مخصصا لرصد التغيرات المناخية ومراقبة الموارد المائية، من قاعدة كورو في غويانا الفرنسية على متن صاروخ أوروبي.</p>
<p>وقالت وكالة الفضاء المغربية إن القمر سيوفر صورا عالية الدقة للمناطق الزراعية والسدود، تساعد على تدبير أفضل لموارد المياه في سنوات الجفاف.</p>
</div>
<div class="photo-block"><img src="/s.jpg"><p class="caption">لحظة إطلاق الصاروخ من قاعدة كورو</p></div>
<div class="post-part">
<p>وأوضحت الوكالة أن القمر صمم بالتعاون مع مهندسين مغاربة تلقوا تدريبهم في فرنسا، وأن عمره الافتراضي يبلغ عشر سنوات على الأقل.</p>
<p>ويعد هذا ثالث قمر اصطناعي يطلقه المغرب منذ عام 2017، في إطار برنامج وطني لتطوير القدرات الفضائية.</p>
</div>
<div class="read-also-box"><h4>اقرأ أيضا</h4><ul><li><a href="/n/101">الجزائر تطلق برنامجا لتطوير الأقمار الاصطناعية الصغيرة</a></li></ul></div>
</div>
<div class="social-share"><a href="#">شارك على فيسبوك</a></div>
</body></html>''')

for name, (enc, label, html) in pages.items():
    with open(name, 'wb') as f:
        f.write(html.encode(enc))
print(len(pages), 'pages')
