//! The fuzz targets: one per parser that reads untrusted bytes, each with
//! its seed corpus and the tokens its format gives a meaning.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use marsad_extract::{extract_document, extract_html, extract_text_page, parse_date, parse_date_at, Document};
use marsad_ingest::warc::{http::parse_response, page_of, WarcReader};
use marsad_store::index::{SearchIndex, SearchRequest, SortOrder};
use marsad_store::{FileArticles, Store};

/// Every target, in the order `all` runs them.
pub const NAMES: &[&str] = &["html", "document", "text", "date", "warc", "warc-gz", "http", "feed", "query"];

/// Front ends refuse longer queries (`MAX_QUERY_CHARS` in marsad-server
/// and marsad-web), so longer ones test nothing a reader can send.
const MAX_QUERY_CHARS: usize = 500;
/// Blocks the WARC targets keep, as `marsad ingest` does.
const MAX_BLOCK: u64 = marsad_ingest::warc::MAX_BLOCK;

/// Calls the parser on one input.
type Run = Box<dyn Fn(&[u8])>;

/// A target ready to run: what it calls, and what it starts from.
pub struct Target {
    pub name: &'static str,
    pub seeds: Vec<Vec<u8>>,
    pub tokens: Vec<Vec<u8>>,
    /// How many times the usual time per MiB an input may take: gzip makes
    /// one input byte up to a thousand bytes of work.
    pub time_scale: f64,
    run: Run,
}

impl Target {
    /// Runs the parser on one input; only a panic (or a hang) matters, not
    /// whether the input was accepted.
    pub fn run(&self, input: &[u8]) {
        (self.run)(input)
    }
}

/// Where the seed corpus comes from.
pub struct SeedDirs<'a> {
    pub workspace: &'a Path,
    pub shared: &'a Path,
    /// Pages taken from each of the larger HTML collections.
    pub pages_per_set: usize,
}

fn fetched_at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-03-10T12:00:00+03:00").expect("a valid RFC 3339 time")
}

pub fn build(name: &str, dirs: &SeedDirs<'_>) -> Result<Target> {
    let html = || html_seeds(dirs);
    let text = || text_seeds(dirs);
    let target = match name {
        "html" => Target {
            name: "html",
            time_scale: 1.0,
            seeds: html()?,
            tokens: html_tokens(),
            run: Box::new(|bytes| {
                let doc = Document {
                    bytes,
                    content_type: Some("text/html"),
                    url: Some("https://www.example.com/news/2024/03/10/article.html"),
                    fetched_at: Some(fetched_at()),
                };
                let _ = extract_html(&doc);
            }),
        },
        // The sniffing entry point: no content type, so the first bytes decide.
        "document" => Target {
            name: "document",
            time_scale: 1.0,
            seeds: [html()?, text()?, vec![feed_seed()]].concat(),
            tokens: [html_tokens(), text_tokens()].concat(),
            run: Box::new(|bytes| {
                let _ = extract_document(&Document { bytes, ..Document::default() });
            }),
        },
        "text" => Target {
            name: "text",
            time_scale: 1.0,
            seeds: text()?,
            tokens: text_tokens(),
            run: Box::new(|bytes| {
                let _ = extract_text_page(bytes);
            }),
        },
        "date" => Target {
            name: "date",
            time_scale: 1.0,
            seeds: date_seeds(),
            tokens: [date_tokens(), common_tokens()].concat(),
            run: Box::new(|bytes| {
                let text = String::from_utf8_lossy(bytes);
                let _ = parse_date(&text);
                let _ = parse_date_at(&text, Some(fetched_at()));
            }),
        },
        "warc" => Target {
            name: "warc",
            time_scale: 1.0,
            seeds: warc_seeds(&html()?, false)?,
            tokens: warc_tokens(),
            run: Box::new(read_warc),
        },
        // The same reader over `.warc.gz`: one gzip member per record, gzip
        // and chunked HTTP payloads inside.
        "warc-gz" => Target {
            name: "warc-gz",
            time_scale: 8.0,
            seeds: warc_seeds(&html()?, true)?,
            tokens: warc_tokens(),
            run: Box::new(read_warc),
        },
        "http" => Target {
            name: "http",
            time_scale: 1.0,
            seeds: http_seeds(&html()?)?,
            tokens: warc_tokens(),
            run: Box::new(|bytes| {
                let _ = parse_response(bytes, MAX_BLOCK);
            }),
        },
        "feed" => Target {
            name: "feed",
            time_scale: 1.0,
            seeds: vec![feed_seed(), atom_seed()],
            tokens: [html_tokens(), date_tokens()].concat(),
            run: Box::new(|bytes| {
                let _ = marsad_ingest::feeds::parse_feed(bytes, "https://www.example.com/feeds/news.xml");
            }),
        },
        "query" => query_target(dirs)?,
        other => anyhow::bail!("unknown target {other:?}: use one of {} or all", NAMES.join(", ")),
    };
    Ok(target)
}

fn read_warc(bytes: &[u8]) {
    let Ok(reader) = WarcReader::new(Cursor::new(bytes), |_| true, MAX_BLOCK) else { return };
    for record in reader.flatten() {
        let _ = page_of(&record);
    }
}

/// The search query parser behind every front end, over a small index of
/// the sample pages so that queries find hits and snippets are cut.
fn query_target(dirs: &SeedDirs<'_>) -> Result<Target> {
    let data = tempfile::tempdir().context("a temporary data directory for the query target")?;
    let mut store = Store::open(data.path())?;
    let mut files = Vec::new();
    for (i, bytes) in text_seeds(dirs)?.iter().enumerate() {
        if let Ok(extracted) = extract_text_page(bytes) {
            files.push(FileArticles {
                path: format!("seed-{i}"),
                content_hash: blake3::hash(bytes).to_hex().to_string(),
                encoding: extracted.encoding,
                articles: extracted.articles,
            });
        }
    }
    store.store_files(&files)?;
    let mut index = SearchIndex::open(data.path())?;
    index.sync(&store)?;
    let seeds = [
        "بوتين",
        "\"الأقمار الاصطناعية\"",
        "بوتين NOT ترامب",
        "(السعودية OR مصر) AND النفط",
        "title:بوتين",
        "الرياض*",
        "alert(1)",
        "'",
        "نفط^2 +غاز -فحم",
        "\"بيونغ يانغ\"~2",
        "[2020 TO 2024]",
        "",
    ];
    let tokens = [
        "AND", " OR ", "NOT ", "\"", "(", ")", ":", "^", "~", "*", "+", "-", "[", "]", "{", "}", " TO ", "\\", "!",
        "<", ">=", "IN", "title:", "body:", "tags:", "\u{640}", "\u{64b}", "ال", "و", "\u{200f}", "\u{feff}",
    ];
    let store = std::sync::Mutex::new(store);
    Ok(Target {
        name: "query",
        time_scale: 1.0,
        seeds: seeds.iter().map(|s| s.as_bytes().to_vec()).collect(),
        tokens: [tokens.iter().map(|t| t.as_bytes().to_vec()).collect(), common_tokens()].concat(),
        run: Box::new(move |bytes| {
            // Kept alive as long as the closure: the index lives in it.
            let _ = &data;
            let query: String = String::from_utf8_lossy(bytes).chars().take(MAX_QUERY_CHARS).collect();
            let store = store.lock().unwrap_or_else(|e| e.into_inner());
            for sort in [SortOrder::Relevance, SortOrder::Date] {
                let req = SearchRequest { query: query.clone(), limit: 10, sort, ..SearchRequest::default() };
                let _ = marsad_store::search::search_page(&store, &index, &req);
            }
        }),
    })
}

/// Files directly in `dir` (sorted, so the corpus is the same every run).
fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn read_maybe_gz(path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading seed {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .with_context(|| format!("gunzipping seed {}", path.display()))?;
        return Ok(out);
    }
    Ok(bytes)
}

fn html_seeds(dirs: &SeedDirs<'_>) -> Result<Vec<Vec<u8>>> {
    let data = dirs.shared.join("data");
    let mut paths: Vec<_> = files_in(&data.join("arabic_news_extraction"))
        .into_iter()
        .chain(
            std::fs::read_dir(data.join("arabic_news_extraction"))
                .map(|e| e.flatten().map(|e| e.path().join("page.html")).collect::<Vec<_>>())
                .unwrap_or_default(),
        )
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for set in ["wcxb_dev/html", "scrapinghub_aeb/html"] {
        paths.extend(files_in(&data.join(set)).into_iter().take(dirs.pages_per_set));
    }
    let mut seeds = paths.iter().map(|p| read_maybe_gz(p)).collect::<Result<Vec<_>>>()?;
    // Always something to start from, even without the shared data.
    seeds.push(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"windows-1256\"><title>خبر</title>\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"خبر\",\"datePublished\":\"2024-03-10T09:00:00+03:00\"}</script>\
         </head><body><nav><a href=\"/\">الرئيسية</a></nav><article><h1>أمطار غزيرة على جازان</h1>\
         <time datetime=\"2024-03-10\">10 مارس 2024</time><p>هطلت أمطار غزيرة على محافظات جازان مساء اليوم.</p>\
         <p>وقالت الأرصاد إن الأمطار ستستمر &amp; تشتد.</p></article></body></html>"
            .as_bytes()
            .to_vec(),
    );
    Ok(seeds)
}

fn text_seeds(dirs: &SeedDirs<'_>) -> Result<Vec<Vec<u8>>> {
    let mut paths = files_in(&dirs.shared.join("seed"));
    for sub in ["sample/news-extraction", "sample/saudinewsnet", "sample/seed"] {
        paths.extend(files_in(&dirs.workspace.join(sub)));
    }
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    let mut seeds = paths.iter().map(|p| read_maybe_gz(p)).collect::<Result<Vec<_>>>()?;
    seeds.push("مرصد\r\nأمطار غزيرة على جازان\r\nجازان (واس) - هطلت أمطار غزيرة.\r\n".as_bytes().to_vec());
    Ok(seeds)
}

fn date_seeds() -> Vec<Vec<u8>> {
    [
        "2024-03-10",
        "2024-03-10T09:15:00+03:00",
        "الأحد 10 مارس 2024 - 09:15 ص",
        "10/03/2024",
        "١٠ مارس ٢٠٢٤",
        "نشر في: 3 رمضان 1445 هـ",
        "منذ 3 ساعات",
        "أمس",
        "Sun, 10 Mar 2024 09:15:00 GMT",
        "10 آذار 2024",
        "السبت، 2 أغسطس 2015 م الموافق 17 شوال 1436 هـ",
        "2015-08-02 12:30",
        "قبل يومين",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

fn feed_seed() -> Vec<u8> {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>أخبار</title>\
     <link>https://www.example.com/</link>\
     <item><title>أمطار غزيرة</title><link>/news/1.html</link><guid>n-1</guid>\
     <pubDate>Sun, 10 Mar 2024 09:15:00 +0300</pubDate><description><![CDATA[<p>هطلت أمطار</p>]]></description></item>\
     <item><title>خبر ثان</title><link>https://www.example.com/news/2.html</link></item>\
     </channel></rss>"
        .as_bytes()
        .to_vec()
}

fn atom_seed() -> Vec<u8> {
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>أخبار</title>\
     <id>urn:feed</id><updated>2024-03-10T09:15:00Z</updated>\
     <entry><title>أمطار</title><id>urn:n-1</id><link rel=\"alternate\" href=\"news/1.html\"/>\
     <link rel=\"enclosure\" href=\"a.jpg\"/><updated>2024-03-10T09:15:00Z</updated>\
     <content type=\"html\">&lt;p&gt;نص&lt;/p&gt;</content></entry></feed>"
        .as_bytes()
        .to_vec()
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes)?;
    Ok(gz.finish()?)
}

/// HTTP responses as crawlers record them: plain, chunked, gzip-encoded.
fn http_seeds(pages: &[Vec<u8>]) -> Result<Vec<Vec<u8>>> {
    let page = pages.last().map(Vec::as_slice).unwrap_or(b"<html></html>");
    let mut seeds = Vec::new();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n";
    seeds.push([format!("{head}Content-Length: {}\r\n\r\n", page.len()).as_bytes(), page].concat());
    let gz = gzip(page)?;
    let mut chunked = format!("{head}Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n").into_bytes();
    for part in gz.chunks(gz.len() / 3 + 1) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    seeds.push(chunked);
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    deflate.write_all(page)?;
    seeds.push([format!("{head}Content-Encoding: deflate\r\n\r\n").as_bytes(), &deflate.finish()?].concat());
    seeds.push(b"HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>404</html>".to_vec());
    Ok(seeds)
}

fn warc_record(kind: &str, id: usize, content_type: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         WARC-Date: 2024-03-10T09:15:00Z\r\nWARC-Target-URI: https://www.example.com/news/{id}.html\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    );
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

/// A small crawl built in memory: warcinfo, request, response (plain and
/// gzip-encoded), resource and a 404, as one file or gzip member per record.
fn warc_seeds(pages: &[Vec<u8>], gzipped: bool) -> Result<Vec<Vec<u8>>> {
    let http = http_seeds(pages)?;
    let text = "مرصد\nأمطار غزيرة على جازان\nهطلت أمطار غزيرة.\n".as_bytes();
    let records = vec![
        warc_record("warcinfo", 0, "application/warc-fields", b"software: marsad-fuzz\r\nformat: WARC/1.1\r\n"),
        warc_record("request", 1, "application/http; msgtype=request", b"GET /news/1.html HTTP/1.1\r\nHost: x\r\n\r\n"),
        warc_record("response", 1, "application/http; msgtype=response", &http[0]),
        warc_record("response", 2, "application/http; msgtype=response", &http[1]),
        warc_record("resource", 3, "text/plain", text),
        warc_record("response", 4, "application/http; msgtype=response", &http[3]),
        warc_record("metadata", 5, "application/warc-fields", b"via: x\r\n"),
    ];
    let join = |records: &[Vec<u8>]| -> Result<Vec<u8>> {
        if !gzipped {
            return Ok(records.concat());
        }
        Ok(records.iter().map(|r| gzip(r)).collect::<Result<Vec<_>>>()?.concat())
    };
    let mut seeds = vec![join(&records)?, join(&records[2..3])?, join(&records[4..5])?];
    if gzipped {
        // One gzip member for the whole file, as some tools write it.
        seeds.push(gzip(&records.concat())?);
    }
    Ok(seeds)
}

fn common_tokens() -> Vec<Vec<u8>> {
    let mut tokens: Vec<Vec<u8>> = [
        "\r\n",
        "\n\n",
        "\0",
        "\u{feff}",
        "99999999999999999999999",
        "-1",
        "4294967296",
        "18446744073709551616",
        "0x7fffffff",
        "مرصد",
        "الرياض",
        "أ",
        "ـ",
        "\u{64b}\u{651}",
        "\u{200f}",
        "\u{202e}",
        "١٢٣٤٥٦٧٨٩٠",
        "۱۲۳",
        "e\u{301}",
        "𝔸",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    // Invalid UTF-8 (a lone continuation byte, a cut sequence, an overlong
    // form) and windows-1256 Arabic ("مرصد").
    tokens.extend([
        vec![0x80],
        vec![0xd8],
        vec![0xe2, 0x82],
        vec![0xc0, 0xaf],
        vec![0xff, 0xfe],
        vec![0xe3, 0xd1, 0xd5, 0xcf],
    ]);
    tokens
}

fn date_tokens() -> Vec<Vec<u8>> {
    [
        "2024",
        "-03-",
        "T09:15:00",
        "+03:00",
        "Z",
        "31",
        "29 فبراير",
        "/",
        ":",
        " ص",
        " م",
        "هـ",
        "رمضان",
        "ذو الحجة",
        "يناير",
        "كانون الثاني",
        "منذ",
        "دقيقة",
        "ساعات",
        "أيام",
        "أمس",
        "اليوم",
        "الموافق",
        "0000",
        "9999",
        "99999999",
        "٢٠٢٤",
        "GMT",
        "+9999",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

fn html_tokens() -> Vec<Vec<u8>> {
    let mut tokens: Vec<Vec<u8>> = [
        "<div>",
        "</div>",
        "<div class=\"article-body\">",
        "<p>",
        "</p>",
        "</",
        "<",
        ">",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&#x",
        "&#x110000;",
        "&#0;",
        "&#99999999999;",
        "&amp;",
        "&nbsp;",
        "<h1>",
        "</h1>",
        "<table><tr><td>",
        "<script>",
        "</script>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"",
        "<meta charset=\"windows-1256\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=",
        "<meta property=\"article:published_time\" content=\"",
        "<time datetime=\"",
        "<br>",
        "<li><a href=\"/",
        "<svg><math>",
        "<template>",
        "<noscript>",
        "<style>",
        "\"",
        "'",
        "=",
        "[{\"@graph\":[",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    tokens.extend(common_tokens());
    tokens.extend(date_tokens().into_iter().take(8));
    tokens
}

fn text_tokens() -> Vec<Vec<u8>> {
    let mut tokens: Vec<Vec<u8>> = [
        "إقرأ أيضاً",
        "اقرأ أيضا:",
        "(واس)",
        "- ",
        " – ",
        "الكلمات الدلالية:",
        "المصدر:",
        "\n\n\n",
        "#",
        "https://",
        "http://example.com/a?b=c",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    tokens.extend(common_tokens());
    tokens.extend(date_tokens());
    tokens
}

fn warc_tokens() -> Vec<Vec<u8>> {
    let mut tokens: Vec<Vec<u8>> = [
        "WARC/1.1\r\n",
        "WARC/1.0\r\n",
        "Content-Length: ",
        "Content-Length: 18446744073709551615\r\n",
        "Content-Length: -1\r\n",
        "WARC-Type: response\r\n",
        "WARC-Type: resource\r\n",
        "WARC-Record-ID: <urn:x>\r\n",
        "WARC-Date: 9999-99-99T99:99:99Z\r\n",
        "HTTP/1.1 200 OK\r\n",
        "Transfer-Encoding: chunked\r\n",
        "Content-Encoding: gzip\r\n",
        "Content-Encoding: deflate\r\n",
        "Content-Encoding: br\r\n",
        "ffffffffffffffff\r\n",
        "0\r\n\r\n",
        "\r\n\r\n",
        ": ",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    tokens.push(vec![0x1f, 0x8b, 0x08]);
    tokens.extend(common_tokens());
    tokens
}
