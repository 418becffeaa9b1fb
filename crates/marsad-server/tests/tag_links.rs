//! Every tag link leads to that tag's own page, whatever the tag: links are
//! resolved the way a browser does (the URL standard, which turns `..`,
//! `.` and their percent-encoded forms into path steps) before they are
//! followed.

mod common;

use axum::http::StatusCode;
use common::get;

const PAGE: &str = "خبر عن كلمات دلالية غريبة
تاريخ النشر: 14 سبتمبر 2023
موسكو (وكالات)
فقرة أولى من الخبر عن النقاط والشرطات في الكلمات الدلالية.
فقرة ثانية من الخبر.
المصدر: مصدر تجريبي
كلمات دلالية: مكان
";

/// issue 20: a tag named `..` linked to `/tags/..`, which browsers open as `/`.
#[tokio::test]
async fn every_tag_link_opens_its_own_tag_page() {
    let tags = ["..", ".", "...", "a/b", "../../api/stats", "?page=2", "#top", "%2e%2e", "%2F", "كوريا الشمالية"];
    let dir = tempfile::tempdir().unwrap();
    let mut store = marsad_store::Store::open(dir.path()).unwrap();
    let mut extracted = marsad_extract::extract_text_page(PAGE.as_bytes()).unwrap();
    let article = &mut extracted.articles[0];
    article.tags = tags.iter().map(|t| t.to_string()).collect();
    let id = article.id.0.clone();
    let file = marsad_store::FileArticles {
        path: "odd-tags.txt".into(),
        content_hash: "odd-tags".into(),
        encoding: extracted.encoding,
        articles: extracted.articles,
    };
    store.store_files(&[file]).unwrap().remove(0).unwrap();
    drop(store);
    let dir_path = dir.path().to_owned();
    let app = tokio::task::spawn_blocking(move || marsad_server::app(&dir_path, None).unwrap()).await.unwrap();

    let article_url = url::Url::parse(&format!("http://marsad.test/articles/{id}")).unwrap();
    let html = get(&app, article_url.path()).await.body;
    for tag in tags {
        let escaped = tag.replace('&', "&#38;").replace('"', "&#34;").replace('\'', "&#39;");
        let anchor = format!("\" dir=\"auto\">{escaped}</a>");
        let end = html.find(&anchor).unwrap_or_else(|| panic!("no link for {tag:?} in {html}"));
        let start = html[..end].rfind("href=\"").unwrap() + "href=\"".len();
        let href = html[start..end].replace("&#38;", "&");
        let resolved = article_url.join(&href).unwrap();
        let target = format!("{}{}", resolved.path(), resolved.query().map(|q| format!("?{q}")).unwrap_or_default());
        let r = get(&app, &target).await;
        assert_eq!(r.status, StatusCode::OK, "{tag:?}: {href} opens {target}: {}", r.body);
        assert!(r.body.contains(&format!("الكلمة الدلالية «<bdi>{escaped}</bdi>»")), "{tag:?}: {href} opens {target}");
    }
    // The tag page's route serves any tag given as a percent-encoded segment.
    let r = get(&app, "/tags/a%2Fb").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(get(&app, "/tags?tag=").await.status == StatusCode::NOT_FOUND);
}
