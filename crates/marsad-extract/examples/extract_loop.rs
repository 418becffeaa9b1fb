//! Extracts every page under a directory N times on one thread and prints
//! pages/s: a quick loop to profile the page parser under `perf record`.
//!
//!     cargo run --release -p marsad-extract --example extract_loop -- sample 20

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "sample".into());
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut pages = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if p.extension().is_some_and(|e| e == "txt") {
            pages.push(std::fs::read(&p).unwrap());
        }
    }
    let start = std::time::Instant::now();
    let mut articles = 0;
    for _ in 0..rounds {
        for bytes in &pages {
            articles += marsad_extract::extract_text_page(bytes).unwrap().articles.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{articles} articles in {secs:.2} s: {:.0} articles/s on one thread", articles as f64 / secs);
}
