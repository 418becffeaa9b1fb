//! Every page kind has a size cap, and a page past it is refused with the limit named.

use marsad_extract::{extract_document, extract_text_page, Document, MAX_TEXT_PAGE_BYTES};

/// A valid plain-text page of exactly `len` bytes: a headline, then body lines.
fn text_page(len: usize) -> Vec<u8> {
    let mut page = "عنوان الخبر\n\n".as_bytes().to_vec();
    let line = "هذا نص طويل لاختبار حجم الصفحة.\n".as_bytes();
    while page.len() + line.len() <= len {
        page.extend_from_slice(line);
    }
    page.resize(len, b' ');
    page
}

#[test]
fn a_plain_text_page_over_its_cap_is_refused() {
    assert_eq!(extract_text_page(&text_page(MAX_TEXT_PAGE_BYTES)).unwrap().articles.len(), 1);
    let over = text_page(MAX_TEXT_PAGE_BYTES + 1);
    let e = extract_text_page(&over).unwrap_err().to_string();
    assert!(e.contains(&format!("{} bytes is over the 2 MiB limit", MAX_TEXT_PAGE_BYTES + 1)), "{e}");
    // The same through the entry point ingest, feeds and the API use.
    let doc = Document { bytes: &over, ..Document::default() };
    assert!(extract_document(&doc).unwrap_err().to_string().contains("over the 2 MiB limit"));
}
