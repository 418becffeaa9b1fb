//! The name-variant evaluation without the CLI, for quick iteration:
//! `cargo run --release -p marsad-entities --example variants -- FILE [--errors] [--confusions]`
//! prints the scores; `--errors` the tuning part's wrong pairs; `--confusions`
//! the names of different positive groups that the matcher calls the same
//! (the file's negatives are random pairs, so they cannot show over-merging).

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.iter().find(|a| !a.starts_with("--")).ok_or("usage: variants FILE [--errors] [--confusions]")?;
    let pairs = marsad_entities::read_name_pairs(std::path::Path::new(path))?;
    if args.iter().any(|a| a == "--errors") {
        for p in pairs.iter().step_by(2) {
            if marsad_entities::names::same_name(&p.a, &p.b) != p.same {
                eprintln!("{}\t{}\t{}", p.a, p.b, u8::from(p.same));
            }
        }
    }
    if args.iter().any(|a| a == "--confusions") {
        // Group names by the positive pairs (union-find over names).
        let mut id: BTreeMap<&str, usize> = BTreeMap::new();
        for p in pairs.iter().filter(|p| p.same) {
            for n in [&p.a, &p.b] {
                let next = id.len();
                id.entry(n.as_str()).or_insert(next);
            }
        }
        let mut parent: Vec<usize> = (0..id.len()).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for p in pairs.iter().filter(|p| p.same) {
            let (a, b) = (root(&mut parent, id[p.a.as_str()]), root(&mut parent, id[p.b.as_str()]));
            parent[a] = b;
        }
        let names: Vec<(&str, usize)> = id.iter().map(|(n, &i)| (*n, i)).collect();
        let groups: Vec<usize> = names.iter().map(|&(_, i)| root(&mut parent, i)).collect();
        let mut wrong = 0;
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                if groups[i] != groups[j] && marsad_entities::names::same_name(names[i].0, names[j].0) {
                    wrong += 1;
                    eprintln!("confused: {}\t{}", names[i].0, names[j].0);
                }
            }
        }
        println!("{} names, {} groups, {wrong} cross-group pairs called the same", names.len(), {
            let mut g = groups.clone();
            g.sort();
            g.dedup();
            g.len()
        });
    }
    print!("{}", marsad_entities::evaluate_variants(&pairs));
    Ok(())
}
