use super::*;

fn article(id: &str, title: &str, source: Option<&str>, day: Option<&str>) -> Article {
    Article {
        id: ArticleId(id.to_owned()),
        title: title.to_owned(),
        published: day.map(|d| d.parse().unwrap()),
        dateline: Some("موسكو".into()),
        credit: Some("وكالات".into()),
        source: source.map(str::to_owned),
        body: "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي\nوأكد بوتين أن موسكو مستعدة".into(),
        tags: vec!["روسيا".into(), "كوريا الشمالية".into()],
        read_also: vec!["ماكرون: مستقبل أوروبا يجب أن يتحدد بها".into()],
        lang: "ar".into(),
        ..Article::default()
    }
}

fn file(path: &str, articles: Vec<Article>) -> FileArticles {
    FileArticles { path: path.into(), content_hash: format!("hash-{path}"), encoding: "UTF-8", articles }
}

#[test]
fn stores_once_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = article("8bd87385d959e3d9", "موسكو: مستعدون لمساعدة بيونج يانج", Some("صحيفة الاتحاد"), Some("2023-09-14"));
    let b = article("0123456789abcdef", "ماكرون: مستقبل أوروبا", None, None);
    let out = store.store_files(&[file("/p/seed.txt", vec![a.clone(), b.clone()])]).unwrap();
    assert_eq!(*out[0].as_ref().unwrap(), Stored { new: 2, already_stored: 0 });

    // The same articles seen again in another file are not stored twice.
    let out = store.store_files(&[file("/p/copy.txt", vec![b.clone()])]).unwrap();
    assert_eq!(*out[0].as_ref().unwrap(), Stored { new: 0, already_stored: 1 });

    let stats = store.stats().unwrap();
    assert_eq!(
        stats,
        Stats {
            files: 2,
            articles: 2,
            sources: 1,
            first_day: Some("2023-09-14".into()),
            last_day: Some("2023-09-14".into())
        }
    );
    let got = store.article("8bd8").unwrap().unwrap();
    assert_eq!(got.article, a);
    assert_eq!(got.file, "/p/seed.txt");
    assert_eq!(store.known_files().unwrap().len(), 2);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn reopening_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let a = article("8bd87385d959e3d9", "موسكو: مستعدون", None, Some("2023-09-14T10:30:00+04:00"));
    Store::open(dir.path()).unwrap().store_files(&[file("/p/a.txt", vec![a.clone()])]).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.article(&a.id.0).unwrap().unwrap().article, a);
}

#[test]
fn web_page_fields_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = Article {
        url: Some("https://www.youm7.com/story/2024/5/13/6573469".into()),
        author: Some("سيد الخلفاوى".into()),
        section: Some("أخبار مصر".into()),
        site_name: Some("اليوم السابع".into()),
        modified: Some("2024-05-13T09:15:00+03:00".parse().unwrap()),
        image: Some("https://img.youm7.com/large/202405130.jpg".into()),
        ..article("0123456789abcdef", "وزارة النقل تشغل 10 سيارات كهربائية", None, Some("2024-05-13"))
    };
    store.store_files(&[file("/p/page.html", vec![a.clone()])]).unwrap();
    assert_eq!(store.article(&a.id.0).unwrap().unwrap().article, a);
}

#[test]
fn data_version_changes_for_other_connections_commits_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Store::open(dir.path()).unwrap();
    let mut other = Store::open(dir.path()).unwrap();
    let seen = writer.data_version().unwrap();
    writer.store_files(&[file("/p/a.txt", vec![article("aaaa000000000001", "أ", None, None)])]).unwrap();
    assert_eq!(writer.data_version().unwrap(), seen, "its own commit");
    other.store_files(&[file("/p/b.txt", vec![article("bbbb000000000002", "ب", None, None)])]).unwrap();
    assert_ne!(writer.data_version().unwrap(), seen, "another connection's commit");
}

#[test]
fn ambiguous_prefix_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = article("abcd000000000001", "عنوان أول", None, None);
    let b = article("abcd000000000002", "عنوان ثان", None, None);
    store.store_files(&[file("/p/a.txt", vec![a, b])]).unwrap();
    assert!(matches!(store.article("abcd"), Err(StoreError::Ambiguous(_))));
    assert!(store.article("ffff").unwrap().is_none());
}

mod search_index {
    use super::*;
    use crate::index::{SearchIndex, SearchRequest, SortOrder};

    fn seed_like(id: &str, title: &str, body: &str) -> Article {
        Article { body: body.into(), ..article(id, title, Some("صحيفة الاتحاد"), Some("2023-09-14")) }
    }

    fn ids(index: &SearchIndex, q: &str) -> Vec<String> {
        let req = SearchRequest { query: q.into(), limit: 10, ..Default::default() };
        index.search(&req).unwrap().hits.into_iter().map(|(id, _)| id).collect()
    }

    #[test]
    fn a_lagging_index_catches_up_and_replaying_adds_no_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let a = seed_like(
            "aaaa000000000001",
            "موسكو: مستعدون لمساعدة بيونج يانج",
            "وقال بوتين إن قاعدة فوستوتشني الفضائية جاهزة",
        );
        store.store_files(&[file("/p/a.txt", vec![a])]).unwrap();
        let mut index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.sync(&store).unwrap(), 1);

        // A crash after the store commit and before the index commit leaves
        // the index behind; the next sync picks up exactly the missing rows.
        let b = seed_like("bbbb000000000002", "الأقمار الاصطناعية الروسية", "أطلقت روسيا أقماراً اصطناعية جديدة");
        store.store_files(&[file("/p/b.txt", vec![b])]).unwrap();
        drop(index);
        let mut index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.indexed_up_to().unwrap(), 1);
        assert_eq!(index.sync(&store).unwrap(), 1);
        assert_eq!(ids(&index, "أقمار اصطناعية"), ["bbbb000000000002"]);
        assert_eq!(ids(&index, "فوستوتشني"), ["aaaa000000000001"]);

        // Rebuilding replays every article: still one document each.
        assert_eq!(index.rebuild(&store).unwrap(), 2);
        assert_eq!(ids(&index, "بوتين"), ["aaaa000000000001"]);
    }

    #[test]
    fn filters_and_facets() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let a = seed_like("aaaa000000000001", "روسيا وكوريا", "بوتين يستقبل كيم");
        let mut b = seed_like("bbbb000000000002", "روسيا والصين", "بوتين يستقبل شي");
        b.source = Some("وكالة الأنباء السعودية".into());
        b.published = Some("2023-09-20".parse().unwrap());
        store.store_files(&[file("/p/a.txt", vec![a, b])]).unwrap();
        let mut index = SearchIndex::open(dir.path()).unwrap();
        index.sync(&store).unwrap();

        let mut req = SearchRequest { query: "بوتين".into(), limit: 10, ..Default::default() };
        let all = index.search(&req).unwrap();
        assert_eq!(all.total, 2);
        assert_eq!(all.facets.day, [("2023-09-14".to_string(), 1), ("2023-09-20".to_string(), 1)]);
        req.source = Some("صحيفة الاتحاد".into());
        assert_eq!(index.search(&req).unwrap().total, 1);
        req.source = None;
        req.from = Some("2023-09-15".parse().unwrap());
        assert_eq!(ids(&index, "بوتين").len(), 2);
        assert_eq!(index.search(&req).unwrap().hits[0].0, "bbbb000000000002");
    }

    #[test]
    fn date_sort_puts_newest_first_and_undated_last_and_not_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        // The oldest article matches best (the word is in its title twice).
        let old = seed_like("aaaa000000000001", "بوتين بوتين في موسكو", "استقبل بوتين ضيوفه");
        let mut new = seed_like("bbbb000000000002", "اجتماع في الكرملين", "حضر بوتين الاجتماع");
        new.published = Some("2023-09-20".parse().unwrap());
        let mut undated = seed_like("cccc000000000003", "بوتين يتحدث", "قال بوتين");
        undated.published = None;
        store.store_files(&[file("/p/a.txt", vec![old, new, undated])]).unwrap();
        let mut index = SearchIndex::open(dir.path()).unwrap();
        index.sync(&store).unwrap();

        let mut req = SearchRequest { query: "بوتين".into(), limit: 10, ..Default::default() };
        let by_score: Vec<String> = index.search(&req).unwrap().hits.into_iter().map(|(id, _)| id).collect();
        assert_ne!(by_score[0], "bbbb000000000002");
        req.sort = SortOrder::Date;
        let by_date: Vec<String> = index.search(&req).unwrap().hits.into_iter().map(|(id, _)| id).collect();
        assert_eq!(by_date, ["bbbb000000000002", "aaaa000000000001", "cccc000000000003"]);

        assert_eq!(ids(&index, "بوتين NOT الكرملين").len(), 2);
        assert_eq!(ids(&index, "بوتين -الكرملين").len(), 2);
        assert_eq!(ids(&index, "ضيوفه OR الاجتماع").len(), 2);
        // A pasted headline's colon and other field syntax are words, not fields.
        assert_eq!(ids(&index, "يتحدث: بوتين").len(), 1);
        assert_eq!(ids(&index, "بوتين: [الكرملين] ~ *").len(), 1);
        // Text the parser cannot read is searched as its words (issue 20).
        assert_eq!(ids(&index, "بوتين) ضيوفه"), ["aaaa000000000001"]);
        assert_eq!(ids(&index, "\"بوتين ضيوفه"), ["aaaa000000000001"]);
        assert_eq!(ids(&index, "بوتين \"ضيوفه"), ["aaaa000000000001"]);
        assert_eq!(ids(&index, "(بوتين AND ضيوفه"), ["aaaa000000000001"]);
        assert_eq!(ids(&index, "بوتين' ضيوفه OR"), ["aaaa000000000001"]);
        assert_eq!(ids(&index, "بوتين()").len(), 3);
        for nothing in ["'", "\"", "alert(1)", "()", "NOT", "-", "+", "AND OR"] {
            assert!(ids(&index, nothing).is_empty(), "{nothing:?}");
        }
        // Well-formed syntax keeps its meaning: a phrase is not its words in any order.
        assert_eq!(ids(&index, "\"بوتين الاجتماع\"").len(), 1);
        assert!(ids(&index, "\"الاجتماع بوتين\"").is_empty());
        assert!(ids(&index, "لماذا هناك").is_empty(), "a query of stopwords finds nothing, without an error");
    }

    /// issue 20: `page=20000000&size=100` once made the collector allocate
    /// 32 GB and abort; every caller is refused past the window, either order.
    #[test]
    fn no_search_reaches_past_the_result_window() {
        use crate::index::{IndexError, MAX_RESULT_WINDOW};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.store_files(&[file("/p/a.txt", vec![seed_like("aaaa000000000001", "بوتين", "بوتين")])]).unwrap();
        let mut index = SearchIndex::open(dir.path()).unwrap();
        index.sync(&store).unwrap();
        for sort in [SortOrder::Relevance, SortOrder::Date] {
            for (offset, limit) in [(1_999_999_900, 100), (usize::MAX, 10), (0, usize::MAX), (MAX_RESULT_WINDOW, 1)] {
                let req = SearchRequest { query: "بوتين".into(), offset, limit, sort, ..Default::default() };
                let err = index.search(&req).unwrap_err();
                assert!(matches!(err, StoreError::Index(IndexError::BeyondWindow { .. })), "{offset}+{limit}: {err}");
            }
            let last = SearchRequest {
                query: "بوتين".into(),
                offset: MAX_RESULT_WINDOW - 10,
                limit: 10,
                sort,
                ..Default::default()
            };
            assert_eq!(index.search(&last).unwrap().total, 1);
        }
    }
}

/// Clustering reads each article's entity mentions with its input, with
/// their type, headline mentions first.
#[test]
fn cluster_inputs_carry_entity_mentions() {
    use crate::entities::{ArticleEntities, EntityRow, MentionRow};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = article("8bd87385d959e3d9", "موسكو: مستعدون لمساعدة بيونج يانج", None, Some("2023-09-14"));
    let b = article("0123456789abcdef", "ماكرون: مستقبل أوروبا", None, Some("2023-09-14"));
    store.store_files(&[file("/p/seed.txt", vec![a, b])]).unwrap();
    let row = |id: &str, name: &str, kind: &str| EntityRow {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        english: None,
    };
    let mention =
        |field: &str, text: &str, start| MentionRow { field: field.into(), text: text.into(), start, end: start + 4 };
    let found = ArticleEntities {
        article_id: "8bd87385d959e3d9".into(),
        entities: vec![
            (row("vladimir-putin", "فلاديمير بوتين", "PERS"), vec![mention("body", "بوتين", 30)], vec![]),
            (row("moscow", "موسكو", "LOC"), vec![mention("title", "موسكو", 0)], vec![]),
        ],
        auto_tags: vec![],
        skipped: None,
    };
    let last = store.last_article_rowid().unwrap();
    store.store_article_entities(&[found], last).unwrap();

    let inputs = store.cluster_inputs_after(0, 10).unwrap();
    let with = inputs.iter().find(|i| i.id == "8bd87385d959e3d9").unwrap();
    let got: Vec<(&str, bool, usize, &str)> =
        with.entities.iter().map(|m| (m.entity.as_str(), m.in_title, m.start, m.kind.as_str())).collect();
    assert_eq!(got, [("moscow", true, 0, "LOC"), ("vladimir-putin", false, 30, "PERS")]);
    assert!(inputs.iter().find(|i| i.id == "0123456789abcdef").unwrap().entities.is_empty());
}

/// After a restart clustering asks which days its last arrivals had, and
/// the processed articles of some days: the most recently stored first
/// when capped, each with its original's rowid and id.
#[test]
fn clustering_reads_recent_arrival_days_and_the_articles_of_given_days() {
    use crate::clusters::{ClusterBatch, ClusterState, ClusteredArticle};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let days =
        [("aaaa000000000001", "2024-03-10"), ("aaaa000000000002", "2024-01-05"), ("aaaa000000000003", "2024-03-11")];
    let articles = days.iter().map(|(id, day)| article(id, &format!("خبر {id}"), None, Some(day))).collect();
    store.store_files(&[file("/p/a.txt", articles)]).unwrap();
    let last = store.last_article_rowid().unwrap();
    let clustered = |id: &str, day: &str, original: Option<&str>| ClusteredArticle {
        id: id.into(),
        day: day.parse().unwrap(),
        story: 1,
        score: 1.0,
        original: original.map(|o| (o.to_owned(), 0.9)),
    };
    let batch = ClusterBatch {
        state: ClusterState { cursor: last, documents: 3 },
        articles: vec![
            clustered(days[0].0, days[0].1, None),
            clustered(days[1].0, days[1].1, None),
            clustered(days[2].0, days[2].1, Some(days[0].0)),
        ],
        labels: vec![(1, days[0].0.into())],
        ..Default::default()
    };
    store.save_clusters(&batch).unwrap();

    let date = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(store.recent_clustered_days(last, 2).unwrap(), [date("2024-01-05"), date("2024-03-11")]);
    assert_eq!(store.recent_clustered_days(last - 1, 5).unwrap(), [date("2024-03-10"), date("2024-01-05")]);

    let march = [date("2024-03-10"), date("2024-03-11")];
    let held = store.clustered_on_days(&march, 10).unwrap();
    let ids: Vec<&str> = held.iter().map(|c| c.input.id.as_str()).collect();
    assert_eq!(ids, [days[0].0, days[2].0]);
    assert_eq!(held[1].original, Some((held[0].input.rowid, days[0].0.to_owned())));
    assert_eq!(held[0].original, None);
    let capped = store.clustered_on_days(&march, 1).unwrap();
    assert_eq!(capped.iter().map(|c| c.input.id.as_str()).collect::<Vec<_>>(), [days[2].0]);
    assert!(store.clustered_on_days(&[], 10).unwrap().is_empty());
}

#[test]
fn stores_opened_at_once_by_many_connections_all_migrate() {
    // Before: the second opener found the schema behind, migrated after the
    // first had, and failed with "table already exists".
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let (path, barrier) = (dir.path().to_owned(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path).map(|_| ()).map_err(|e| e.to_string())
                })
            })
            .collect();
        for opener in openers {
            opener.join().unwrap().unwrap();
        }
        assert_eq!(Store::open(dir.path()).unwrap().stats().unwrap().articles, 0);
    }
}
