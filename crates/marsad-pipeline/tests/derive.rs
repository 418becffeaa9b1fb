//! The pipeline's stages after storing, run on the seed page.

use marsad_store::lock::WriteLock;
use marsad_store::{FileArticles, Store};

#[test]
fn derive_brings_every_view_up_to_the_store_and_then_has_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let lock = WriteLock::acquire(dir.path(), "test", |_| {}).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let page =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../sample/seed/000_8bd87385d959e3d9.txt")).unwrap();
    let extracted = marsad_extract::extract_text_page(&page).unwrap();
    let file = FileArticles {
        path: "/seed.txt".into(),
        content_hash: "h".into(),
        encoding: extracted.encoding,
        articles: extracted.articles,
    };
    store.store_files(&[file]).unwrap().remove(0).unwrap();

    let derived = marsad_pipeline::derive_once(&lock, &mut store, dir.path()).unwrap();
    assert_eq!((derived.entities.articles, derived.indexed, derived.clustered.articles), (2, 2, 2));
    let putin = store.entity_page("vladimir-putin", 5).unwrap().expect("the seed names Putin");
    assert_eq!(putin.articles, 1);

    let again = marsad_pipeline::derive_once(&lock, &mut store, dir.path()).unwrap();
    assert_eq!((again.entities.articles, again.indexed, again.clustered.articles), (0, 0, 0));
}
