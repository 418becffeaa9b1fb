//! Resolves the entities of a plain-text article from stdin (first line the
//! title, the rest the body) and prints them as JSON, with the time taken
//! over `--repeat N` runs on stderr.

use std::io::Read;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeat: usize = match args.iter().position(|a| a == "--repeat") {
        Some(i) => args.get(i + 1).ok_or_else(|| anyhow::anyhow!("--repeat needs a number"))?.parse()?,
        None => 1,
    };
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let (title, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    let resolver = marsad_entities::Resolver::shipped()?;
    let started = Instant::now();
    let mut found = Vec::new();
    for _ in 0..repeat.max(1) {
        found = resolver.resolve(title, body);
    }
    let each = started.elapsed() / repeat.max(1) as u32;
    let words = marsad_text::tokenize(&text).count();
    eprintln!("{words} tokens: {each:?} per article ({:.0} tokens/s)", words as f64 / each.as_secs_f64());
    println!("{}", serde_json::to_string_pretty(&found)?);
    Ok(())
}
