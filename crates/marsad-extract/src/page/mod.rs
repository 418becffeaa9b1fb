//! The plain-text page family: a scraped news page dumped as lines.
//!
//! ```text
//! <headline>
//! تاريخ النشر: 14th, September 2023 GMT        ← date line(s), dateline and credit
//! موسكو (وكالات)
//! أخبار ذات صلةاستقبل الرئيس الروسي …          ← body; widget labels glued in
//! …
//! المصدر: صحيفة الاتحاد                         ← source and tags
//! كلمات دلالية: الرئيس الروسي روسيا …
//! إقرأ أيضاً:                                   ← appended articles, each its own
//! <headline of another article>
//! …
//! ```
//!
//! Every article is parsed from its own lines only: an appended article never
//! inherits its host page's date, dateline, source or tags.

mod lines;
mod tags;

use marsad_core::{Article, ArticleId};

use crate::lang::detect_lang;
use lines::{classify, dateline, Line};
pub use tags::split_tags;

/// The longest first line, in characters, taken as a headline.
const MAX_TITLE_CHARS: usize = 400;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PageError {
    #[error("the page has no article text (no headline)")]
    Empty,
    #[error("line {line}: no headline: the first line is {chars} characters long")]
    NoHeadline { line: usize, chars: usize },
    /// Diacritics, tatweel, digits and punctuation alone: such "articles"
    /// all normalize to the same empty text, hence to one id.
    #[error("the page has no letters (only diacritics, tatweel, digits or punctuation)")]
    NoLetters,
}

/// One non-empty line with its 1-based line number in the file.
#[derive(Debug, Clone, Copy)]
struct Numbered<'a> {
    number: usize,
    text: &'a str,
}

/// Parses a page into its articles, in page order: the host article first,
/// then each appended one.
pub fn parse_page(text: &str) -> Result<Vec<Article>, PageError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines: Vec<Numbered<'_>> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Numbered {
            number: i + 1,
            text: l.trim_matches(|c: char| c.is_whitespace() || c == '\u{200F}' || c == '\u{200E}'),
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    let first = lines.first().ok_or(PageError::Empty)?;

    let (host, appended) = split_sections(&lines);
    let mut host = parse_article(host);
    if host.title.chars().count() > MAX_TITLE_CHARS {
        return Err(PageError::NoHeadline { line: first.number, chars: host.title.chars().count() });
    }
    // Lines of metadata alone (no headline) make no article.
    let appended: Vec<Article> =
        appended.into_iter().flat_map(split_appended).map(parse_article).filter(|a| !a.title.is_empty()).collect();
    host.read_also.extend(appended.iter().map(|a| a.title.clone()));
    let articles: Vec<Article> = std::iter::once(host).filter(|h| !h.title.is_empty()).chain(appended).collect();
    if articles.is_empty() {
        return Err(PageError::Empty);
    }
    let articles: Vec<Article> = articles.into_iter().filter(has_letters).collect();
    if articles.is_empty() {
        return Err(PageError::NoLetters);
    }
    Ok(articles)
}

fn has_letters(article: &Article) -> bool {
    let is_letter = |c: char| c.is_alphabetic() && !is_mark_or_tatweel(c);
    article.title.chars().any(is_letter) || article.body.chars().any(is_letter)
}

/// Unicode counts most Arabic and Latin combining marks, and tatweel, as
/// alphabetic; normalization removes them all, so they are no letters here.
fn is_mark_or_tatweel(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}'
        | '\u{FE70}'..='\u{FE7F}'
    )
}

/// The host article's lines, and the sections that follow each read-also header.
fn split_sections<'a, 'b>(lines: &'b [Numbered<'a>]) -> (&'b [Numbered<'a>], Vec<&'b [Numbered<'a>]>) {
    let mut headers =
        lines.iter().enumerate().filter(|(_, l)| classify(l.text) == Line::ReadAlsoHeader).map(|(i, _)| i);
    let Some(first) = headers.next() else {
        return (lines, Vec::new());
    };
    let mut sections = Vec::new();
    let mut start = first + 1;
    for next in headers.chain(std::iter::once(lines.len())) {
        if start < next {
            sections.push(&lines[start..next]);
        }
        start = next + 1;
    }
    (&lines[..first], sections)
}

/// Splits one appended section into articles: a new article starts at a
/// headline-like line (short, no closing punctuation) after a paragraph
/// that closed its sentence.
fn split_appended<'a, 'b>(section: &'b [Numbered<'a>]) -> Vec<&'b [Numbered<'a>]> {
    let mut articles = Vec::new();
    let mut start = 0;
    for i in 2..section.len() {
        let line = section[i].text;
        let followed_by_text = i + 1 < section.len();
        if followed_by_text
            && looks_like_headline(line)
            && ends_sentence(section[i - 1].text)
            && !looks_like_headline(section[i + 1].text)
        {
            articles.push(&section[start..i]);
            start = i;
        }
    }
    articles.push(&section[start..]);
    articles
}

fn looks_like_headline(line: &str) -> bool {
    matches!(classify(line), Line::Text(_))
        && line.split_whitespace().count() <= 20
        && !ends_sentence(line)
        && !line.ends_with([':', '،', ','])
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', '؟', '»', '"', '”', '…', ')'])
}

/// Builds one article from its own lines; the first text line is its headline.
fn parse_article(lines: &[Numbered<'_>]) -> Article {
    let mut title: Option<String> = None;
    let mut published = None;
    let mut place = None;
    let mut credit = None;
    let mut source = None;
    let mut tag_values = Vec::new();
    let mut read_also = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();

    for line in lines {
        match classify(line.text) {
            Line::Published(d) => {
                published.get_or_insert(d);
            }
            Line::Dateline { place: p, credit: c }
                if title.is_some() && paragraphs.is_empty() && place.is_none() && credit.is_none() =>
            {
                place = p.map(str::to_owned);
                credit = c.map(str::to_owned);
            }
            Line::Source(s) => {
                source.get_or_insert_with(|| s.to_owned());
            }
            Line::Tags(t) => tag_values.push(t),
            Line::ReadAlsoLink(t) => read_also.push(t.to_owned()),
            Line::Dropped(why) => tracing::debug!(line = line.number, why, "metadata line left out"),
            Line::ReadAlsoHeader => {}
            Line::Dateline { .. } | Line::Text(_) if title.is_none() => title = Some(line.text.to_owned()),
            Line::Dateline { .. } => paragraphs.push(line.text.to_owned()),
            Line::Text(text) => {
                let text = if paragraphs.is_empty() && place.is_none() && credit.is_none() {
                    match dateline(text) {
                        Some((p, c, rest)) if !rest.is_empty() => {
                            place = p.map(str::to_owned);
                            credit = c.map(str::to_owned);
                            rest
                        }
                        _ => text,
                    }
                } else {
                    text
                };
                paragraphs.push(text.to_owned());
            }
        }
    }

    let title = title.unwrap_or_default();
    let body = paragraphs.join("\n");
    let article_text = format!("{title}\n{body}");
    let tags = tag_values.iter().flat_map(|v| split_tags(v, &article_text)).collect::<Vec<_>>();
    let lang = detect_lang(&article_text).to_owned();
    Article {
        id: article_id(&title, &body),
        title,
        published,
        dateline: place,
        credit,
        source,
        body,
        tags: dedup_tags(tags),
        read_also,
        lang,
        ..Article::default()
    }
}

fn dedup_tags(tags: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    tags.into_iter().filter(|t| seen.insert(marsad_text::normalize(t))).collect()
}

/// The stable id of an article: a hash of its headline and body in matching
/// form with whitespace collapsed, so that line ends, diacritics and spelling
/// variants of the same text give the same id.
pub fn article_id(title: &str, body: &str) -> ArticleId {
    let mut hasher = blake3::Hasher::new();
    for part in [title, body] {
        let normalized = marsad_text::normalize(part);
        for (i, word) in normalized.split_whitespace().enumerate() {
            if i > 0 {
                hasher.update(b" ");
            }
            hasher.update(word.as_bytes());
        }
        hasher.update(b"\n");
    }
    ArticleId(hasher.finalize().to_hex()[..16].to_owned())
}

#[cfg(test)]
mod letterless_tests {
    use super::*;

    #[test]
    fn a_page_of_diacritics_and_tatweel_alone_is_refused() {
        for page in [
            "ـــــــ\n\nًٌٍَُِّْ ـــ\n",
            "َََََ\n\nــــ ُُ\n",
            "١٢٣ ـــ\n\n2023 !!! ...\n",
            "\u{FE70}\u{FE72}\n\n\u{0300}\u{0345}\u{0670}\n",
        ] {
            assert_eq!(parse_page(page), Err(PageError::NoLetters), "{page:?}");
        }
        assert!(PageError::NoLetters.to_string().contains("no letters"));
    }

    #[test]
    fn one_letter_anywhere_in_headline_or_body_is_enough() {
        assert_eq!(parse_page("ـــ ب ـــ\n\nًٌٍ\n").unwrap().len(), 1);
        assert_eq!(parse_page("ـــــ\n\nنصّ\n").unwrap().len(), 1);
        assert_eq!(parse_page("Ab\n\n1\n").unwrap().len(), 1);
    }
}
