//! Entities in the store: each article is done once, after a cursor, and
//! redoing a batch replaces its rows instead of doubling them.

use marsad_core::{Article, ArticleId};
use marsad_entities::store::{article_entities, pending, update, ARTICLE_BUDGET};
use marsad_entities::Resolver;
use marsad_store::{FileArticles, Store};

fn article(id: &str, title: &str, body: &str, tags: &[&str]) -> Article {
    Article {
        id: ArticleId(id.into()),
        title: title.into(),
        published: Some("2023-09-14".parse().unwrap()),
        body: body.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        lang: "ar".into(),
        ..Default::default()
    }
}

fn store_file(store: &mut Store, path: &str, articles: Vec<Article>) {
    let file = FileArticles { path: path.into(), content_hash: path.into(), encoding: "UTF-8", articles };
    store.store_files(&[file]).unwrap().remove(0).unwrap();
}

#[test]
fn update_is_incremental_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let resolver = Resolver::shipped().unwrap();
    let putin = article(
        "00000000000000a1",
        "موسكو: مستعدون لمساعدة بيونج يانج",
        "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون، أمس في قاعدة فوستوشني الفضائية.",
        &["روسيا"],
    );
    let macron = article(
        "00000000000000b2",
        "ماكرون: مستقبل أوروبا",
        "شدد الرئيس الفرنسي إيمانويل ماكرون على أن مستقبل أوروبا يتحدد بها. وقال الرئيس الفرنسي إن أوروبا واصلت دعم أوكرانيا.",
        &[],
    );
    store_file(&mut store, "a.txt", vec![putin.clone(), macron]);
    assert!(pending(&store).unwrap());
    assert_eq!(update(&mut store, &resolver, ARTICLE_BUDGET).unwrap().articles, 2);
    assert!(!pending(&store).unwrap());
    assert_eq!(update(&mut store, &resolver, ARTICLE_BUDGET).unwrap().articles, 0);

    let found = store.article_entities("00000000000000a1").unwrap();
    let ids: Vec<&str> = found.iter().map(|e| e.entity.id.as_str()).collect();
    for id in ["moscow", "pyongyang", "vladimir-putin", "kim-jong-un", "vostochny"] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    let mentions =
        |s: &Store| s.article_entities("00000000000000a1").unwrap().iter().map(|e| e.mentions.len()).sum::<usize>();
    let before = mentions(&store);
    // Redoing a batch (as after a crash before the cursor moved) replaces its rows.
    let again = article_entities(&resolver, &putin, None);
    store.store_article_entities(&[again], 1).unwrap();
    assert_eq!(mentions(&store), before);

    // Page tags are kept; automatic tags only where the page gave none.
    assert!(store.auto_tags("00000000000000a1").unwrap().is_empty());
    let auto = store.auto_tags("00000000000000b2").unwrap();
    assert!(auto.contains(&"إيمانويل ماكرون".to_string()), "{auto:?}");

    // A new article: only it is done.
    store_file(
        &mut store,
        "b.txt",
        vec![article("00000000000000c3", "ترمب في واشنطن", "وصل دونالد ترمب إلى واشنطن.", &[])],
    );
    assert_eq!(update(&mut store, &resolver, ARTICLE_BUDGET).unwrap().articles, 1);
    let page = store.entity_page("donald-trump", 5).unwrap().unwrap();
    assert_eq!(page.articles, 1);
    assert_eq!(page.latest[0].id, "00000000000000c3");
    assert_eq!(marsad_entities::store::lookup(&store, "ترامب").unwrap()[0].id, "donald-trump");
}

/// issue 20: a page whose recognition never ended was retried at every later
/// ingest, search and server start. Over its budget, it is stored without
/// entities, marked, reported once, and not tried again.
#[test]
fn an_article_over_its_budget_is_marked_and_not_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let resolver = Resolver::shipped().unwrap();
    let long_body = "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري في موسكو.\n".repeat(3000);
    store_file(&mut store, "long.txt", vec![article("00000000000000d4", "بوتين في موسكو", &long_body, &[])]);

    let pass = update(&mut store, &resolver, std::time::Duration::ZERO).unwrap();
    assert_eq!(pass.articles, 1);
    assert_eq!(pass.over_budget, ["00000000000000d4"]);
    assert!(store.article_entities("00000000000000d4").unwrap().is_empty());
    assert_eq!(store.entities_skipped("00000000000000d4").unwrap().as_deref(), Some("over the time budget of 0 s"));
    assert!(!pending(&store).unwrap());
    assert_eq!(update(&mut store, &resolver, ARTICLE_BUDGET).unwrap(), Default::default());

    // Done again within a budget (as a rerun after a crash would), the mark goes.
    let again = article_entities(&resolver, &store.article("00000000000000d4").unwrap().unwrap().article, None);
    store.store_article_entities(&[again], 1).unwrap();
    assert!(store.entities_skipped("00000000000000d4").unwrap().is_none());
    assert!(!store.article_entities("00000000000000d4").unwrap().is_empty());
}
