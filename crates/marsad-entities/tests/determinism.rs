//! The same page must give the same entities on every run: which entity a
//! short name such as «سون» joined used to depend on a hash map's order,
//! which differs per map and per process.

use marsad_entities::Resolver;

/// Sample pages with many short person names, joined into one text.
fn pages() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../sample/saudinewsnet");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("sample/saudinewsnet").map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().take(40).map(|p| std::fs::read_to_string(p).unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn twenty_resolvers_give_identical_entities() {
    let text = pages()
        + "\nاستقبل الرئيس الكوري الجنوبي مون جاي إن رئيس الوزراء هان دوك سو، وقال سون إن اللقاء مثمر. \
           والتقى سون هيونغ مين المدرب، وقال سون إنه سعيد.";
    let (title, body) = text.split_once('\n').unwrap();
    let first = serde_json::to_string(&Resolver::shipped().unwrap().resolve(title, body)).unwrap();
    for run in 1..20 {
        // A fresh resolver each time: every hash map it builds gets a new seed.
        let again = serde_json::to_string(&Resolver::shipped().unwrap().resolve(title, body)).unwrap();
        assert!(again == first, "run {run} resolved the text differently");
    }
}
