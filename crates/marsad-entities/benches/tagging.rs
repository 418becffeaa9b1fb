//! Tagging throughput in tokens/s on real ANERcorp sentences, next to an
//! anchor measured in the same run: a dictionary tagger that normalizes each
//! token and looks it up in a hash map of the entity words of the same text
//! (the least work any tagger with normalized lookup does per token).

use std::collections::HashMap;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_entities::{read_conll, Model, Sentence, Tag};

const ANERCORP: &str = "/work/shared/data/anercorp/ANERCorp_CamelLab_train.txt";
const SEED: &str =
    "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون ، أمس في قاعدة فوستوشني الفضائية .";

fn sentences() -> Vec<Sentence> {
    match read_conll(ANERCORP) {
        // The held-out tail: text the shipped model was trained on would
        // not be slower or faster, but this keeps the bench honest.
        Ok(all) => marsad_entities::split_dev(&all, 0.9).1.to_vec(),
        Err(_) => {
            let tokens: Vec<String> = SEED.split(' ').map(str::to_string).collect();
            let tags = vec![Tag::O; tokens.len()];
            vec![Sentence { tokens, tags }; 200]
        }
    }
}

fn bench(c: &mut Criterion) {
    let model = Model::load(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin")).unwrap();
    let sentences = sentences();
    let refs: Vec<Vec<&str>> = sentences.iter().map(|s| s.token_refs()).collect();
    let tokens: usize = refs.iter().map(Vec::len).sum();
    let dictionary: HashMap<String, Tag> = sentences
        .iter()
        .flat_map(|s| s.tokens.iter().zip(&s.tags))
        .filter(|(_, t)| **t != Tag::O)
        .map(|(w, t)| (marsad_text::normalize(w), *t))
        .collect();

    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(20);
    group.bench_function("anchor_dictionary_lookup", |b| {
        b.iter(|| {
            refs.iter()
                .map(|s| {
                    s.iter()
                        .map(|w| dictionary.get(&marsad_text::normalize(w)).copied().unwrap_or(Tag::O))
                        .collect::<Vec<Tag>>()
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("perceptron_tag", |b| b.iter(|| refs.iter().map(|s| model.tag(s).len()).sum::<usize>()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
