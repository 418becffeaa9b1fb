//! The model shipped in `model/ner.bin` on real sentences.

use marsad_entities::{read_conll, EntityKind, EntitySpan, Model};

fn model() -> Model {
    Model::load(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin")).expect("shipped model loads")
}

const SEED: &str =
    "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون، أمس في قاعدة فوستوشني الفضائية";

fn found(spans: &[EntitySpan], kind: EntityKind, text: &str) -> bool {
    spans.iter().any(|s| s.kind == kind && s.text == text)
}

#[test]
fn shipped_model_matches_the_current_text_analysis() {
    assert!(
        model().matches_text_analysis(),
        "marsad-text's normalization or stemming changed since model/ner.bin was trained; retrain it with\n\
         cargo run --release -p marsad-entities --example train -- \
         --data /work/shared/data/anercorp/ANERCorp_CamelLab_train.txt --out crates/marsad-entities/model/ner.bin"
    );
}

#[test]
fn seed_sentence_names_putin_and_kim() {
    let spans = model().tag_text(SEED);
    assert!(found(&spans, EntityKind::Pers, "فلاديمير بوتين"), "{spans:?}");
    assert!(found(&spans, EntityKind::Pers, "كيم جونغ أون"), "{spans:?}");
}

#[test]
fn spans_are_char_offsets_into_the_original_text() {
    let text = format!("«{SEED}».\nوقال المتحدث باسم الأمم المتحدة إن ...");
    let spans = model().tag_text(&text);
    assert!(!spans.is_empty());
    for s in &spans {
        let by_chars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        assert_eq!(by_chars, s.text);
    }
}

#[test]
fn tags_tokenized_sentences() {
    let tokens = ["وقال", "ستيفان", "دوجاريك", "المتحدث", "باسم", "الأمم", "المتحدة", "في", "نيويورك", "."];
    let tags: Vec<String> = model().tag(&tokens).iter().map(|t| t.to_string()).collect();
    assert_eq!(tags, ["O", "B-PERS", "I-PERS", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"]);
}

#[test]
fn read_conll_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(&path, "أعلن O\nاتحاد B-ORG\n\nصناعة\n").unwrap();
    let err = read_conll(&path).unwrap_err().to_string();
    assert!(err.contains("bad.txt:4:"), "{err}");
    let err = read_conll(dir.path().join("missing.txt")).unwrap_err().to_string();
    assert!(err.contains("missing.txt"), "{err}");
}

#[test]
fn garbage_is_not_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.bin");
    std::fs::write(&path, b"not a model").unwrap();
    let err = Model::load(&path).unwrap_err().to_string();
    assert!(err.contains("junk.bin"), "{err}");
}

#[test]
fn empty_and_odd_input_is_harmless() {
    let m = model();
    assert!(m.tag(&[]).is_empty());
    assert!(m.tag_text("").is_empty());
    assert!(m.tag_text("... ، ؟ !\n\n").is_empty());
    let spans = m.tag_text("قال Vladimir Putin إن موسكو 2015/08/01");
    for s in &spans {
        assert!(s.start < s.end);
    }
    assert_eq!(m.tag_document(&[vec!["في"], vec![], vec!["موسكو"]]).len(), 3);
}
