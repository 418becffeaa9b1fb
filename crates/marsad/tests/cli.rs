//! End-to-end tests: they run the `marsad` binary as a user would.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{json, marsad, repo, stderr, stdout};

fn article_count(data: &Path) -> i64 {
    let db = data.join("marsad.db");
    if !db.exists() {
        return 0;
    }
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn extract_seed_page_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("sample/seed/000_8bd87385d959e3d9.txt");
    let v = json(&marsad(dir.path(), &["extract", seed.to_str().unwrap(), "--json"]));
    let articles = v.as_array().unwrap();
    assert_eq!(articles.len(), 2);
    let a = &articles[0];
    assert_eq!(a["title"], "موسكو: مستعدون لمساعدة بيونج يانج في بناء أقمار اصطناعية");
    assert_eq!(a["published"], "2023-09-14");
    assert_eq!(a["dateline"], "موسكو");
    assert_eq!(a["credit"], "وكالات");
    assert_eq!(a["source"], "صحيفة الاتحاد");
    assert_eq!(a["lang"], "ar");
    let body = a["body"].as_str().unwrap();
    assert_eq!(body.split('\n').count(), 6);
    assert!(body.starts_with("استقبل الرئيس الروسي") && body.ends_with("لعلاقاتها مع روسيا."));
    assert_eq!(
        a["tags"],
        serde_json::json!([
            "الرئيس الروسي",
            "روسيا",
            "فلاديمير بوتين",
            "كيم جونغ أون",
            "الزعيم الكوري الشمالي",
            "كوريا الشمالية"
        ])
    );
    let b = &articles[1];
    assert_eq!(a["read_also"], serde_json::json!([b["title"]]));
    assert_eq!(b["body"].as_str().unwrap().split('\n').count(), 9);
    for field in ["published", "dateline", "source", "credit"] {
        assert!(b[field].is_null(), "{field} inherited: {}", b[field]);
    }
    assert_eq!(b["tags"], serde_json::json!([]));
}

#[test]
fn extract_prints_readable_text_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("sample/seed/000_8bd87385d959e3d9.txt");
    let o = marsad(dir.path(), &["extract", seed.to_str().unwrap()]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("published  2023-09-14"));
    assert!(text.contains("ماكرون: مستقبل أوروبا"));
}

#[test]
fn ingest_sample_then_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sample = repo().join("sample");
    let first = json(&marsad(&data, &["ingest", sample.to_str().unwrap(), "--json"]));
    assert_eq!(first["errors"], 0);
    let new = first["articles_new"].as_u64().unwrap();
    assert!(new >= 300, "{first}");

    // The same files named another way are the same files.
    let again = json(&marsad(&data, &["ingest", &format!("{}/./", sample.display()), "--json"]));
    assert_eq!(again["articles_new"], 0);
    assert_eq!(again["files_unchanged"], first["files_read"]);

    let stats = json(&marsad(&data, &["stats", "--json"]));
    assert_eq!(stats["articles"].as_u64().unwrap(), new);
    assert_eq!(stats["files"], first["files_read"]);
    assert_eq!(stats["first_day"], "2013-08-03");
    assert!(stats["sources"].as_u64().unwrap() >= 14);

    // The seed's first article, by a prefix of its id.
    let seed_page = repo().join("sample/seed/000_8bd87385d959e3d9.txt");
    let seed = json(&marsad(&data, &["extract", seed_page.to_str().unwrap(), "--json"]));
    let id = seed[0]["id"].as_str().unwrap();
    let shown = json(&marsad(&data, &["show", &id[..8], "--json"]));
    assert_eq!(shown["title"], seed[0]["title"]);
    assert_eq!(shown["tags"], seed[0]["tags"]);
    assert!(shown["file"].as_str().unwrap().ends_with("000_8bd87385d959e3d9.txt"));
}

#[test]
fn search_finds_the_seed_article_in_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sample = repo().join("sample");
    json(&marsad(&data, &["ingest", sample.to_str().unwrap(), "--json"]));
    let seed = repo().join("sample/seed/000_8bd87385d959e3d9.txt");
    let seed = json(&marsad(&data, &["extract", seed.to_str().unwrap(), "--json"]));
    let seed_id = seed[0]["id"].as_str().unwrap();
    for query in ["بوتين", "فوستوتشني", "أقمار اصطناعية", "الأقمار الاصطناعية", "\"كوريا الشمالية\""]
    {
        let found = json(&marsad(&data, &["search", query, "--json"]));
        assert_eq!(found["hits"][0]["id"], seed_id, "{query}: {found}");
        let highlights = found["hits"][0]["snippet"]["highlights"].as_array().unwrap();
        assert!(!highlights.is_empty(), "{query}: nothing highlighted");
    }
    // Filters narrow, facets count.
    let found = json(&marsad(&data, &["search", "بوتين", "--from", "2023-01-01", "--json"]));
    assert_eq!(found["total"], 1);
    assert_eq!(found["facets"]["source"][0][0], "صحيفة الاتحاد");
    let none = marsad(&data, &["search", "كلمةغيرموجودةابدا"]);
    assert!(stdout(&none).contains("no article matches"));
    // The index is derived: rebuilt from the store, it answers the same.
    assert!(marsad(&data, &["reindex"]).status.success());
    let again = json(&marsad(&data, &["search", "فوستوتشني", "--json"]));
    assert_eq!(again["hits"][0]["id"], seed_id);
}

#[test]
fn bad_files_get_clear_errors_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = repo().join("sample/news-extraction");
    assert!(marsad(&data, &["ingest", good.to_str().unwrap()]).status.success());
    let before = article_count(&data);

    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let seed = std::fs::read(repo().join("sample/seed/000_8bd87385d959e3d9.txt")).unwrap();
    // Cut inside the last Arabic letter, as an interrupted download would.
    let truncated = &seed[..seed.len() - 2];
    assert!(std::str::from_utf8(truncated).is_err());
    std::fs::write(bad.join("truncated.txt"), truncated).unwrap();
    std::fs::write(bad.join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let mut damaged = seed.clone();
    let at = damaged.len() / 2;
    damaged[at] = 0xFF;
    std::fs::write(bad.join("damaged.txt"), &damaged).unwrap();
    std::fs::write(bad.join("empty.txt"), b"\n\n").unwrap();
    std::fs::write(bad.join("seed.txt"), &seed).unwrap();
    // Files a crawl directory also holds: read as text, their first line of markup would become a headline.
    std::fs::write(bad.join("feed.xml"), "<?xml version=\"1.0\"?><rss><channel><item><title>خبر</title>").unwrap();
    std::fs::write(bad.join("state.json"), "{\"last_poll\": \"2023-09-14\"}").unwrap();

    let o = marsad(&data, &["ingest", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "errors must give a non-zero exit");
    let err = stderr(&o);
    for (file, why) in [
        ("truncated.txt", "truncated"),
        ("image.png", "binary"),
        ("damaged.txt", "invalid UTF-8 at line"),
        ("empty.txt", "no article text"),
        ("feed.xml", "not a news page: an RSS or Atom feed"),
        ("state.json", "not a news page: a JSON document"),
    ] {
        assert!(err.lines().any(|l| l.contains(file) && l.contains(why)), "no clear error for {file}: {err}");
    }
    assert!(stdout(&o).contains("errors: 6"), "{}", stdout(&o));
    // The good page in the same run is stored; nothing stored before is lost.
    assert_eq!(article_count(&data), before + 2);
    let conn = rusqlite::Connection::open(data.join("marsad.db")).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn bad_paths_are_reported_once_and_the_rest_is_stored() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good");
    std::fs::create_dir(&good).unwrap();
    std::fs::copy(repo().join("sample/seed/000_8bd87385d959e3d9.txt"), good.join("seed.txt")).unwrap();
    let missing = dir.path().join("missing");
    let partly = dir.path().join("partly");
    let locked = partly.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::copy(repo().join("sample/news-extraction/cnn_arabic_2013_syria_clashes.txt"), partly.join("cnn.txt"))
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any directory: the locked case is then only checked where it can fail.
    let locked_fails = std::fs::read_dir(&locked).is_err();

    let o = marsad(&data, &["ingest", good.to_str().unwrap(), missing.to_str().unwrap(), partly.to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1), "errors must give a non-zero exit");
    let err = stderr(&o);
    let about = |p: &Path| err.lines().filter(|l| l.contains(p.to_str().unwrap())).collect::<Vec<_>>();
    let missing_lines = about(&missing);
    assert_eq!(missing_lines.len(), 1, "{err}");
    assert_eq!(missing_lines[0].matches("No such file or directory").count(), 1, "{err}");
    let expected_errors = if locked_fails {
        let locked_lines = about(&locked);
        assert_eq!(locked_lines.len(), 1, "{err}");
        assert_eq!(locked_lines[0].matches("Permission denied").count(), 1, "{err}");
        2
    } else {
        1
    };
    assert!(stdout(&o).contains(&format!("errors: {expected_errors}")), "{}", stdout(&o));
    // The seed page (two articles) and the page beside the locked directory are stored.
    assert_eq!(article_count(&data), 3, "{err}");
}

#[test]
fn symlinked_pages_in_a_directory_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::os::unix::fs::symlink(repo().join("sample/seed/000_8bd87385d959e3d9.txt"), pages.join("seed.txt")).unwrap();
    std::os::unix::fs::symlink(&pages, pages.join("loop")).unwrap();
    let o = marsad(&data, &["ingest", pages.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("symlink loop not followed"), "{}", stderr(&o));
    assert_eq!(article_count(&data), 2);
}

/// Runs `marsad` and kills it if it has not ended within `limit`, so a read that blocks fails the test.
fn marsad_within(data: &Path, args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("marsad {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn fifos_and_devices_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let fifo = pages.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::fs::copy(repo().join("sample/seed/000_8bd87385d959e3d9.txt"), pages.join("seed.txt")).unwrap();
    let limit = Duration::from_secs(20);
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        let o = marsad_within(&data, &["extract", path], limit);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains(&format!("{path}: not a regular file")), "{}", stderr(&o));
    }
    // In a walked directory and as arguments: named, and the rest stored.
    let o = marsad_within(&data, &["ingest", pages.to_str().unwrap(), "/dev/zero"], limit);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}: not a regular file (a FIFO)", fifo.display())), "{err}");
    assert!(err.contains("/dev/zero: not a regular file (a character device)"), "{err}");
    assert_eq!(article_count(&data), 2);
}

#[test]
fn an_oversized_file_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let big = dir.path().join("big.html");
    // Sparse: the size is what counts, not the disk it takes.
    std::fs::File::create(&big).unwrap().set_len(17 << 20).unwrap();
    let o = marsad(&data, &["extract", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{}: over 16 MiB", big.display())), "{}", stderr(&o));
}

#[test]
fn an_oversized_text_page_is_refused_naming_it_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let mut big = "عنوان الخبر\n\n".to_owned();
    while big.len() <= 3 << 20 {
        big.push_str("هذا نص طويل لاختبار حجم الصفحة.\n");
    }
    std::fs::write(pages.join("big.txt"), &big).unwrap();
    std::fs::copy(repo().join("sample/seed/000_8bd87385d959e3d9.txt"), pages.join("seed.txt")).unwrap();
    let o = marsad(&data, &["ingest", pages.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.lines().any(|l| l.contains("big.txt") && l.contains("over the 2 MiB limit")), "{err}");
    assert_eq!(article_count(&data), 2);
}

#[test]
fn letterless_pages_are_refused_not_stored_under_one_id() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("diacritics.txt"), "ًٌٍَُِّْ\n\nَََََ ُُ\n").unwrap();
    std::fs::write(pages.join("tatweel.txt"), "ـــــــ\n\nـــ ـــ\n").unwrap();
    let o = marsad(&data, &["ingest", pages.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for file in ["diacritics.txt", "tatweel.txt"] {
        assert!(err.lines().any(|l| l.contains(file) && l.contains("no letters")), "{err}");
    }
    assert_eq!(article_count(&data), 0);
}

#[test]
fn windows_1256_page_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let page = repo().join("crates/marsad-extract/tests/pages/windows1256.txt");
    let v = json(&marsad(dir.path(), &["extract", page.to_str().unwrap(), "--json"]));
    assert_eq!(v[0]["title"], "افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة");
}

#[test]
fn sigkill_during_ingest_then_rerun_stores_every_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let data = dir.path().join("data");
    let files = 6000;
    write_numbered_copies(&pages, files);

    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("--data-dir")
        .arg(&data)
        .arg("ingest")
        .arg(&pages)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as some articles are committed, mid-run.
    let deadline = Instant::now() + Duration::from_secs(60);
    while article_count(&data) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let at_kill = article_count(&data);
    assert!(still_running && at_kill < 2 * files as i64, "the kill came too late to test anything ({at_kill})");

    let o = marsad(&data, &["ingest", pages.to_str().unwrap(), "--json"]);
    let summary = json(&o);
    assert_eq!(summary["errors"], 0);
    let conn = rusqlite::Connection::open(data.join("marsad.db")).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    // Each copy has its own headline (new id) and shares the appended article.
    assert_eq!(article_count(&data), files as i64 + 1);
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_files f WHERE f.article_id = a.id)", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0);
    let files_stored: i64 = conn.query_row("SELECT count(*) FROM files", [], |r| r.get(0)).unwrap();
    assert_eq!(files_stored, files as i64);
    // Entities too: every article done once, whatever the kill interrupted.
    let (done, last): (i64, i64) = conn
        .query_row("SELECT (SELECT done_up_to FROM entity_progress), (SELECT max(rowid) FROM articles)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(done, last);
    let with_putin: i64 = conn
        .query_row(
            "SELECT count(DISTINCT article_id) FROM entity_mentions WHERE entity_id = 'vladimir-putin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(with_putin, files as i64);
}

/// Copies of the seed page whose headline carries a number.
fn write_numbered_copies(dir: &Path, n: usize) {
    let seed = std::fs::read_to_string(repo().join("sample/seed/000_8bd87385d959e3d9.txt")).unwrap();
    let (title, rest) = seed.split_once('\n').unwrap();
    for i in 0..n {
        let sub = dir.join(format!("{:02}", i % 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:05}.txt")), format!("{title} ({i})\n{rest}")).unwrap();
    }
}

/// issue 20: a second `marsad ingest` on the same data directory failed with
/// "database is locked", a migration error or tantivy's lock error.
#[test]
fn an_ingest_waits_for_another_writer_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let holder = marsad_store::lock::WriteLock::acquire(&data, "a test holding the store", |_| {}).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("--data-dir")
        .arg(&data)
        .args(["ingest", repo().join("sample/seed").to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    drop(holder);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let waited = format!(
        "waiting for {}: another run writes to it: pid {} (a test holding the store)",
        data.display(),
        std::process::id()
    );
    assert!(stderr(&o).contains(&waited), "{}", stderr(&o));
    assert_eq!(article_count(&data), 2);
}

#[test]
fn two_ingests_at_once_both_store_everything() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let spawn = |pages: &str| {
        Command::new(env!("CARGO_BIN_EXE_marsad"))
            .arg("--data-dir")
            .arg(&data)
            .args(["ingest", repo().join(pages).to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn("sample/seed"), spawn("sample/news-extraction"));
    for o in [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()] {
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let alone = dir.path().join("alone");
    assert!(marsad(&alone, &["ingest", repo().join("sample/news-extraction").to_str().unwrap()]).status.success());
    assert_eq!(article_count(&data), 2 + article_count(&alone));
}

/// issue 20: two files whose names differed only in non-UTF-8 bytes were one
/// `files` row, so the second replaced the first's record.
#[test]
fn names_that_differ_only_in_non_utf8_bytes_are_two_files() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let seed = std::fs::read(repo().join("sample/seed/000_8bd87385d959e3d9.txt")).unwrap();
    let cnn = std::fs::read(repo().join("sample/news-extraction/cnn_arabic_2013_syria_clashes.txt")).unwrap();
    std::fs::write(pages.join(std::ffi::OsStr::from_bytes(b"page-\xff.txt")), seed).unwrap();
    std::fs::write(pages.join(std::ffi::OsStr::from_bytes(b"page-\xfe.txt")), cnn).unwrap();
    let o = marsad(&data, &["ingest", pages.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("files read: 2"), "{}", stdout(&o));
    let conn = rusqlite::Connection::open(data.join("marsad.db")).unwrap();
    let mut names: Vec<String> = conn
        .prepare("SELECT path FROM files")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("bytes:/") && names[0].ends_with("/pages/page-\\xFE.txt"), "{names:?}");
    // A second run finds both unchanged.
    let again = marsad(&data, &["ingest", pages.to_str().unwrap()]);
    assert!(stdout(&again).contains("unchanged: 2"), "{}", stdout(&again));
}
