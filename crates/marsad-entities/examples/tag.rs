//! Tags raw text from the arguments (or stdin) and prints the entity spans
//! as JSON lines: `--model FILE` optional.

use std::io::Read;

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let model_path = match args.iter().position(|a| a == "--model") {
        Some(i) => {
            let p = args.get(i + 1).cloned().ok_or_else(|| anyhow::anyhow!("--model needs a file"))?;
            args.drain(i..i + 2);
            p
        }
        None => concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin").to_string(),
    };
    let text = if args.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        args.join(" ")
    };
    let model = marsad_entities::Model::load(&model_path)?;
    for span in model.tag_text(&text) {
        println!("{}", serde_json::to_string(&span)?);
    }
    Ok(())
}
