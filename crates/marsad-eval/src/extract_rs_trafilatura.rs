//! rs-trafilatura (a Rust port of trafilatura with a page-type classifier,
//! the leader of both public benchmarks) as a peer in `marsad eval extract`,
//! in process on the same decoded text Marsad reads.
//!
//! Its own byte decoding knows UTF-8 and the Latin code pages only; given
//! Marsad's decoding, a windows-1256 Arabic page is not scored as mojibake.
//! The benchmarks' own runners call `extract(html)` without a URL; the URL
//! is passed here because every system in this harness gets it.

use rs_trafilatura::{extract_with_options, Options};

use crate::python::Output;

/// rs-trafilatura on one page: title, main text and its publication day.
pub fn rs_trafilatura_output(bytes: &[u8], url: Option<&str>) -> Output {
    let text = match marsad_extract::decode_labelled(bytes, &[]) {
        Ok(d) => d.text,
        Err(e) => return refused(e.to_string()),
    };
    let options = Options { url: url.map(str::to_string), ..Options::default() };
    match extract_with_options(&text, &options) {
        Ok(r) => Output {
            title: r.metadata.title,
            body: r.content_text,
            date: r.metadata.date.map(|d| d.format("%Y-%m-%d").to_string()),
            error: None,
        },
        Err(e) => refused(e.to_string()),
    }
}

fn refused(error: String) -> Output {
    tracing::debug!("rs_trafilatura: {error}");
    Output { error: Some(error), ..Output::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_the_article_text() {
        let html = "<html><head><title>T</title></head><body><nav>Home | About</nav><article><h1>Welcome</h1>\
                    <p>This is the main content of the article, long enough to be kept by the extractor.</p>\
                    <p>A second paragraph follows with more words in it, as articles have.</p></article>\
                    <footer>Copyright 2024</footer></body></html>";
        let out = rs_trafilatura_output(html.as_bytes(), Some("https://example.com/a"));
        assert!(out.body.contains("main content of the article"), "{out:?}");
        assert!(!out.body.contains("Copyright"), "{out:?}");
    }
}
