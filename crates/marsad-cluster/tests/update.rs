//! Clustering a real store: sample SaudiNewsNet pages plus edited copies.

use std::path::Path;

use marsad_core::Article;
use marsad_store::{FileArticles, Store};

fn sample_articles() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample/saudinewsnet");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().flat_map(|p| marsad_extract::extract_text_page(&std::fs::read(p).unwrap()).unwrap().articles).collect()
}

/// A syndicated copy: another headline, the last paragraph cut, a widget
/// line glued on, Eastern digits.
fn edited_copy(a: &Article) -> Article {
    let mut paras: Vec<&str> = a.paragraphs().collect();
    if paras.len() > 2 {
        paras.pop();
    }
    let body = format!("{}\nشارك هذا الخبر على تويتر", paras.join("\n"))
        .chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap() } else { c })
        .collect::<String>();
    let title = format!("عاجل: {}", a.title);
    Article {
        id: marsad_extract::page::article_id(&title, &body),
        title,
        body,
        source: Some("نسخة".to_owned()),
        ..a.clone()
    }
}

fn store(store: &mut Store, path: &str, articles: Vec<Article>) {
    let file = FileArticles { path: path.to_owned(), content_hash: path.to_owned(), encoding: "utf-8", articles };
    for outcome in store.store_files(&[file]).unwrap() {
        outcome.unwrap();
    }
}

#[test]
fn copies_link_to_their_original_across_runs_and_rerunning_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    let articles = sample_articles();
    assert!(articles.len() > 300);
    let long: Vec<&Article> = articles.iter().filter(|a| a.paragraphs().count() >= 4).take(5).collect();
    store(&mut s, "sample", articles.clone());
    let first = marsad_cluster::update(&mut s).unwrap();
    // Pages that repeat an article word for word are one stored article.
    let distinct: std::collections::HashSet<&str> = articles.iter().map(|a| a.id.0.as_str()).collect();
    assert_eq!(first.articles, distinct.len());

    // A later run (another process: the state is rebuilt from the store)
    // sees only the copies, and links each to its original.
    let copies: Vec<Article> = long.iter().map(|a| edited_copy(a)).collect();
    store(&mut s, "copies", copies.clone());
    let second = marsad_cluster::update(&mut s).unwrap();
    assert_eq!(second.articles, copies.len());
    assert_eq!(second.duplicates, copies.len());
    for (original, copy) in long.iter().zip(&copies) {
        assert_eq!(s.original_of(&copy.id.0).unwrap().as_deref(), Some(original.id.0.as_str()));
        assert_eq!(s.story_of(&copy.id.0).unwrap(), s.story_of(&original.id.0).unwrap());
        let others = s.other_copies(&original.id.0, original.source.as_deref()).unwrap();
        assert_eq!(others.count, 1);
        assert_eq!(others.sources, vec!["نسخة".to_owned()]);
    }
    assert_eq!(marsad_cluster::update(&mut s).unwrap(), marsad_cluster::Updated::default());
    let state = s.cluster_state().unwrap();
    assert_eq!(state.documents as usize, distinct.len() + copies.len());
}

#[test]
fn stories_group_outlets_covering_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    store(&mut s, "sample", sample_articles());
    marsad_cluster::update(&mut s).unwrap();
    let stories = s.stories(None, 2, 500).unwrap();
    // The sample holds 60 stories covered by two or more outlets.
    assert!(stories.len() >= 30, "{} multi-article stories", stories.len());
    let multi_source = stories.iter().filter(|st| st.sources.len() >= 2).count();
    assert!(multi_source >= 25, "{multi_source} stories with 2+ sources");
    let top = s.story(stories[0].id).unwrap().unwrap();
    assert_eq!(top.timeline.len() as i64, top.summary.size);
    assert!(top.timeline.iter().any(|e| e.id == top.summary.label_article));
}

/// An archive ingested out of date order: copies of an old article arrive
/// after a newer one, over more than one batch (2,000 articles each). Every
/// copy links to the first: the clusterer still holds the old article, so
/// the ids it names must not be forgotten between batches.
#[test]
fn backfilled_copies_after_a_newer_article_all_find_their_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    let articles = sample_articles();
    let old = articles.iter().find(|a| a.paragraphs().count() >= 4).unwrap().clone();
    let old_day = marsad_core::PubDate::Date(chrono::NaiveDate::from_ymd_opt(2015, 8, 2).unwrap());
    let newer = Article {
        published: Some(marsad_core::PubDate::Date(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())),
        ..articles.iter().rev().find(|a| a.id != old.id).unwrap().clone()
    };
    let copy = |n: usize| {
        let title = format!("{} ({n})", old.title);
        Article {
            id: marsad_extract::page::article_id(&title, &old.body),
            title,
            published: Some(old_day),
            ..old.clone()
        }
    };
    let mut batch = vec![newer, copy(0)];
    batch.extend((1..2_500).map(copy));
    store(&mut s, "archive", batch);
    let done = marsad_cluster::update(&mut s).unwrap();
    assert_eq!(done.duplicates, 2_499);
    let first = copy(0).id.0;
    assert_eq!(s.original_of(&copy(2_499).id.0).unwrap().as_deref(), Some(first.as_str()));
}
