//! Clustering a real store: sample SaudiNewsNet pages plus edited copies.

use std::collections::HashMap;
use std::path::Path;

use marsad_cluster::{Clusterer, Doc, Params};
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

fn distinct_articles() -> Vec<Article> {
    let mut seen = std::collections::HashSet::new();
    sample_articles().into_iter().filter(|a| seen.insert(a.id.clone())).collect()
}

fn dated(a: &Article, day: u64) -> Article {
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    Article { published: Some(marsad_core::PubDate::Date(base + chrono::Days::new(day))), ..a.clone() }
}

/// Live days 100–110, then (a restart) an archive of days 50–60, then (a
/// second restart) copies of archive articles: each copy finds its
/// original and joins its story, although the archive lies weeks before the
/// newest day clustered.
#[test]
fn an_archive_ingested_after_live_days_is_held_again_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    let articles = distinct_articles();
    let (live, archive) = articles.split_at(220);
    let live: Vec<Article> = live.iter().enumerate().map(|(i, a)| dated(a, 100 + i as u64 / 20)).collect();
    store(&mut s, "live", live);
    marsad_cluster::update(&mut s).unwrap();

    let archive: Vec<Article> = archive.iter().enumerate().map(|(i, a)| dated(a, 50 + i as u64 % 11)).collect();
    store(&mut s, "archive", archive.clone());
    assert_eq!(marsad_cluster::update(&mut s).unwrap().articles, archive.len());

    let originals: Vec<&Article> = archive
        .iter()
        .filter(|a| a.paragraphs().count() >= 4 && s.original_of(&a.id.0).unwrap().is_none())
        .take(6)
        .collect();
    assert_eq!(originals.len(), 6);
    let copies: Vec<Article> = originals.iter().map(|a| edited_copy(a)).collect();
    store(&mut s, "copies", copies.clone());
    let third = marsad_cluster::update(&mut s).unwrap();
    assert_eq!(third.duplicates, copies.len());
    for (original, copy) in originals.iter().zip(&copies) {
        assert_eq!(s.original_of(&copy.id.0).unwrap().as_deref(), Some(original.id.0.as_str()));
        assert_eq!(s.story_of(&copy.id.0).unwrap(), s.story_of(&original.id.0).unwrap());
    }
}

fn doc(key: i64, day: i32, a: &Article) -> Doc<'_> {
    Doc { key, day, title: &a.title, body: &a.body, entities: &[] }
}

/// Newest first over 100 days (3 articles a day, every seventh long one
/// copied a day later in the backfill): what the backfill has left behind
/// is forgotten, so the windows stay small, and the copies still find their
/// originals (the first-seen of their group) and join the story of the
/// article they copy.
#[test]
fn a_descending_backfill_holds_a_bounded_window_and_links_nearby_copies() {
    let mut params = Params::default();
    // About ten days of this backfill (the default, 2,000, is a day of a large crawl).
    params.hold.hold_arrivals = 30;
    let mut c = Clusterer::new(params);
    let articles = distinct_articles();
    let mut root: HashMap<i64, i64> = HashMap::new();
    let mut story: HashMap<i64, i64> = HashMap::new();
    let mut pending: Vec<(usize, i64, usize)> = Vec::new();
    let (mut most, mut copies) = ((0, 0), 0);
    for (i, a) in articles.iter().enumerate().take(300) {
        let key = i as i64 + 1;
        let day = 10_000 - (i / 3) as i32;
        let (got, _) = c.add(doc(key, day, a));
        root.insert(key, got.duplicate.map_or(key, |d| d.original));
        story.insert(key, got.story.story);
        if i % 7 == 0 && a.paragraphs().count() >= 4 {
            pending.push((i + 3, key, i));
        }
        for (_, original, at) in pending.extract_if(.., |(when, _, _)| *when == i) {
            let copy = edited_copy(&articles[at]);
            let copy_key = 1_000 + original;
            let (got, _) = c.add(doc(copy_key, day, &copy));
            let d = got.duplicate.unwrap_or_else(|| panic!("copy of {original} (day {}) not found", day + 1));
            assert_eq!(d.original, root[&original]);
            assert_eq!(got.story.story, story[&original], "copy of {original}");
            copies += 1;
        }
        let (dups, stories) = c.window_sizes();
        most = (most.0.max(dups), most.1.max(stories));
    }
    assert!(copies >= 10, "{copies} copies");
    // Held: the days the last 30 arrivals (about 9 days) used, and the 7
    // (duplicates) or 3 (stories) days above them: some 16 and 12 days of
    // ~3.3 articles (57 and 43 when written), against 329 arrivals.
    assert!(most.0 <= 70 && most.1 <= 55, "held at most {most:?} of {} articles", 300 + copies);
}

/// Held articles of days outside an arriving article's window are neither
/// its copies nor its story, even word for word.
#[test]
fn held_articles_of_other_days_are_not_matched() {
    let mut c = Clusterer::new(Params::default());
    let articles = distinct_articles();
    let a = articles.iter().find(|a| a.paragraphs().count() >= 4).unwrap();
    assert_eq!(c.add(doc(1, 100, a)).0.story.story, 1);
    // 8 days later: outside both windows, though day 100 is still held.
    let (later, _) = c.add(doc(2, 108, a));
    assert_eq!((later.duplicate, later.story.story), (None, 2));
    assert_eq!(c.window_sizes(), (2, 2));
    // 4 days after the first: a copy (7 days), but its story (3 days) is closed.
    let (copy, _) = c.add(doc(3, 104, a));
    assert_eq!(copy.duplicate.map(|d| d.original), Some(1));
    assert_eq!(copy.story.story, 3);
    // 2 days after: a copy, in the first one's story.
    let (near, _) = c.add(doc(4, 102, a));
    assert_eq!(near.duplicate.map(|d| d.original), Some(1));
    assert_eq!(near.story.story, 1);
}
