//! The registered analyzer works inside a real tantivy index.

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED};
use tantivy::{doc, Index};

#[test]
fn marsad_ar_matches_across_clitics_and_diacritics() {
    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(marsad_text::tantivy::MARSAD_AR)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let body = schema.add_text_field("body", TextOptions::default().set_indexing_options(indexing) | STORED);
    let index = Index::create_in_ram(schema.build());
    marsad_text::tantivy::register(&index);
    let mut writer = index.writer(15_000_000).expect("writer");
    writer.add_document(doc!(body => "وصلَ الوفدُ إلى موسكو أمس")).expect("add");
    writer.add_document(doc!(body => "مباراة كرة القدم")).expect("add");
    writer.commit().expect("commit");
    let searcher = index.reader().expect("reader").searcher();
    let parser = QueryParser::for_index(&index, vec![body]);
    let query = parser.parse_query("لموسكو").expect("query");
    let hits = searcher.search(&query, &TopDocs::with_limit(5).order_by_score()).expect("search");
    assert_eq!(hits.len(), 1);
}

#[test]
fn byte_offsets_for_snippets() {
    let mut a = marsad_text::tantivy::analyzer(marsad_text::tantivy::MARSAD_AR).expect("known name");
    let text = "قالَ الوزيرُ";
    let mut stream = a.token_stream(text);
    let mut spans = Vec::new();
    while let Some(t) = stream.next() {
        spans.push((t.text.clone(), &text[t.offset_from..t.offset_to]));
    }
    assert_eq!(spans, vec![("قال".to_string(), "قالَ"), ("وزير".to_string(), "الوزيرُ")]);
}

#[test]
fn every_system_is_registered() {
    for name in ["marsad_ar", "marsad_raw", "marsad_normalized", "marsad_snowball", "marsad_light10"] {
        assert!(marsad_text::tantivy::analyzer(name).is_some(), "{name}");
    }
}
