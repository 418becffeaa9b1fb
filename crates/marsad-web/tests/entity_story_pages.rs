//! The entity and story pages over a store where entity recognition and
//! clustering ran, without a browser: the seed page, a hostile page and a
//! copy of it from another source (one story, the copy marked).

use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use marsad_store::index::SearchIndex;
use marsad_store::{FileArticles, Store};
use tower::ServiceExt;

const PAGES: [&str; 3] = [
    "sample/seed/000_8bd87385d959e3d9.txt",
    "crates/marsad/tests/pages/hostile.txt",
    "crates/marsad/tests/pages/hostile_copy.txt",
];

fn data(dir: &std::path::Path) -> (marsad_web::Data, Vec<String>) {
    let mut store = Store::open(dir).unwrap();
    let mut files = Vec::new();
    for path in PAGES {
        let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)).unwrap();
        let extracted = marsad_extract::extract_text_page(&bytes).unwrap();
        files.push(FileArticles {
            path: path.into(),
            content_hash: path.into(),
            encoding: extracted.encoding,
            articles: extracted.articles,
        });
    }
    let ids = files.iter().map(|f| f.articles[0].id.0.clone()).collect();
    for outcome in store.store_files(&files).unwrap() {
        outcome.unwrap();
    }
    marsad_entities::store::update_shipped(&mut store).unwrap();
    marsad_cluster::update(&mut store).unwrap();
    let mut index = SearchIndex::open(dir).unwrap();
    index.sync(&store).unwrap();
    (
        marsad_web::Data {
            readers: marsad_store::readers::Readers::open(dir, 2).unwrap(),
            index: Arc::new(RwLock::new(index)),
            changes: Default::default(),
        },
        ids,
    )
}

async fn get(data: &marsad_web::Data, uri: &str) -> (StatusCode, String) {
    let response =
        marsad_web::router(data.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn entity_and_story_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (data, ids) = data(dir.path());

    // The seed article links its entities, people first.
    let (status, html) = get(&data, &format!("/articles/{}", ids[0])).await;
    assert_eq!(status, StatusCode::OK);
    let people = html.find("<h3>أشخاص</h3>").expect("a people group");
    let places = html.find("<h3>أماكن</h3>").expect("a places group");
    assert!(people < places);
    assert!(html.contains(r#"<a href="/entities/vladimir-putin" dir="auto">فلاديمير بوتين</a>"#), "{html}");

    let (status, html) = get(&data, "/entities/vladimir-putin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1><bdi>فلاديمير بوتين</bdi></h1>"), "{html}");
    assert!(html.contains(r#"lang="en">Vladimir Putin</bdi>"#));
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 30, "a month of days");
    assert!(html.contains(r#"href="/entities/north-korea""#), "co-occurring entities link to their pages");
    assert!(html.contains(r#"href="/search?entity=vladimir-putin""#));
    // Both hostile copies mention بوتين: their headlines show escaped.
    assert!(html.contains("&#60;script&#62;window.__xss=1&#60;/script&#62;"));
    assert!(!html.contains("<script"));

    // The hostile page and its copy are one story; the copy is marked.
    let (status, html) = get(&data, &format!("/articles/{}", ids[2])).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("نسخ أخرى من هذا النص"), "the copy links its original: {html}");
    assert!(html.contains(&format!(r#"href="/articles/{}""#, ids[1])));
    let story = {
        let store = data.readers.get().unwrap();
        store.story_of(&ids[2]).unwrap().expect("clustered")
    };
    let (status, html) = get(&data, &format!("/stories/{story}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1 dir=\"auto\">&#60;script&#62;window.__xss=1&#60;/script&#62;"), "{html}");
    assert_eq!(html.matches(r#"<li class="copy">"#).count(), 1, "{html}");
    assert!(html.contains("&#60;i onmouseover=&#34;window.__xss=12&#34;&#62;"), "sources escaped: {html}");
    assert!(!html.contains("<script") && !html.contains("<i onmouseover"));

    // Home: the story with its two sources, the last day's entities.
    let (status, html) = get(&data, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"href="/stories/{story}""#)), "{html}");
    assert!(html.contains("مصدران"));
    assert!(html.contains(r#"<a href="/entities/vladimir-putin"><bdi>فلاديمير بوتين</bdi></a> <span class="count" aria-label="3 خبر">3</span>"#), "{html}");

    // Search: the entity filter by id or by name, and one hit for the two copies.
    let (status, html) = get(&data, "/search?entity=vladimir-putin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"value="فلاديمير بوتين""#), "{html}");
    assert_eq!(html.matches("<li>\n          <h3>").count(), 2, "the seed and one of the copies: {html}");
    assert!(html.contains("مصادر أخرى نشرته"), "{html}");
    let (status, html) = get(&data, "/search?entity=%D8%A8%D9%88%D8%AA%D9%8A%D9%86").await; // entity=بوتين
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"value="فلاديمير بوتين""#));
    let (status, html) = get(&data, "/search?entity=%D8%B2%D9%85%D8%B1%D8%AF%D8%B4%D8%AA").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("لا نعرف اسماً «زمردشت»"), "{html}");

    for (uri, says) in [
        ("/entities/no-such-entity", "لا يوجد اسم"),
        ("/entities/%3Cscript%3E", "لا يوجد اسم"),
        ("/stories/999999", "لا توجد قصة بالرقم «999999»"),
        ("/stories/%3Cb%3E", "«&#60;b&#62;»"),
    ] {
        let (status, html) = get(&data, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(html.contains(says), "{uri}: {html}");
    }
}
