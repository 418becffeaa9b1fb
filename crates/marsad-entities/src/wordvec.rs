//! Word clusters from unlabeled text: distributional vectors (positive PMI
//! of the neighbouring words at offsets ±1, ±2), randomly projected to a
//! few dimensions and grouped by spherical k-means, then the centroids
//! grouped again into coarser levels.
//!
//! This stands in for Brown clusters, which need hours on this machine;
//! the projection and k-means take seconds and are fully deterministic
//! (seeded projection, frequency-ordered initial centroids, fixed
//! iteration counts).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use crate::clusters::{word_stats, Clusters, LEVELS, SLOTS};
use crate::error::EntitiesError;

/// Sizes and thresholds of the clustering.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words clustered: the most frequent ones with at least `min_count` uses.
    pub vocabulary: usize,
    pub min_count: u32,
    /// Context words (the most frequent ones) whose co-occurrence is counted.
    pub contexts: usize,
    /// Dimensions after random projection.
    pub dimensions: usize,
    /// Clusters at each level, coarse to fine.
    pub levels: [usize; LEVELS],
    pub iterations: usize,
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            vocabulary: 60_000,
            min_count: 5,
            contexts: 1_000,
            dimensions: 96,
            levels: [64, 256, 1024],
            iterations: 10,
            seed: 7,
        }
    }
}

const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// Reads the `content` (and `title`) of every JSON line of a gzipped
/// SaudiNewsNet-style file and clusters its words.
pub fn cluster_news_jsonl_gz(path: &Path, config: &ClusterConfig) -> Result<Clusters, EntitiesError> {
    let file = std::fs::File::open(path).map_err(|e| EntitiesError::io(path, e))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| EntitiesError::io(path, e))?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| EntitiesError::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        for field in ["title", "content"] {
            if let Some(s) = v.get(field).and_then(|s| s.as_str()) {
                texts.push(s.to_string());
            }
        }
    }
    Ok(cluster_corpus(texts.iter().map(String::as_str), config))
}

/// Clusters the words of `texts` (normalized with marsad-text).
pub fn cluster_corpus<'a>(texts: impl IntoIterator<Item = &'a str>, config: &ClusterConfig) -> Clusters {
    let started = std::time::Instant::now();
    let docs: Vec<Vec<String>> =
        texts.into_iter().map(|t| marsad_text::tokenize(t).map(|tok| tok.normalized()).collect()).collect();
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for w in docs.iter().flatten() {
        *freq.entry(w.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, u32)> = freq.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vocab: Vec<&str> =
        ranked.iter().filter(|(_, c)| *c >= config.min_count).take(config.vocabulary).map(|(w, _)| *w).collect();
    let ranked_count: HashMap<&str, u32> = ranked.iter().copied().collect();
    let word_id: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
    let nctx = config.contexts.min(vocab.len());

    // Co-occurrence counts of (word, offset, context word).
    let mut cooc: HashMap<u64, u32> = HashMap::new();
    for doc in &docs {
        let ids: Vec<Option<u32>> = doc.iter().map(|w| word_id.get(w.as_str()).copied()).collect();
        for (i, id) in ids.iter().enumerate() {
            let Some(w) = id else { continue };
            for (o, d) in OFFSETS.iter().enumerate() {
                let j = i as isize + d;
                if j < 0 || j as usize >= ids.len() {
                    continue;
                }
                if let Some(c) = ids[j as usize].filter(|c| (*c as usize) < nctx) {
                    *cooc.entry((u64::from(*w) << 32) | (o as u64 * nctx as u64 + u64::from(c))).or_default() += 1;
                }
            }
        }
    }
    let mut entries: Vec<(u64, u32)> = cooc.into_iter().collect();
    entries.sort_unstable();
    let mut word_total = vec![0f64; vocab.len()];
    let mut ctx_total = vec![0f64; OFFSETS.len() * nctx];
    let mut total = 0f64;
    for &(k, n) in &entries {
        word_total[(k >> 32) as usize] += f64::from(n);
        ctx_total[(k & 0xffff_ffff) as usize] += f64::from(n);
        total += f64::from(n);
    }

    let dim = config.dimensions;
    let projection = random_signs(OFFSETS.len() * nctx * dim, config.seed);
    let mut vectors = vec![0f32; vocab.len() * dim];
    for &(k, n) in &entries {
        let (w, c) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
        // Context-distribution smoothing (^0.75) as in word2vec keeps rare
        // contexts from dominating PMI.
        let pmi = (f64::from(n) * total / (word_total[w] * ctx_total[c].powf(0.75) * total.powf(0.25))).ln();
        if pmi <= 0.0 {
            continue;
        }
        let v = &mut vectors[w * dim..][..dim];
        for (x, s) in v.iter_mut().zip(&projection[c * dim..][..dim]) {
            *x += pmi as f32 * s;
        }
    }
    for v in vectors.chunks_mut(dim) {
        normalize(v);
    }
    tracing::info!(
        words = vocab.len(),
        contexts = nctx,
        seconds = started.elapsed().as_secs_f64(),
        "word vectors built"
    );

    let fine = config.levels[LEVELS - 1].min(vocab.len()).max(1);
    let (mut assign, mut centroids) = kmeans(&vectors, dim, fine, config.iterations);
    let mut ids_per_level = vec![Vec::new(); LEVELS];
    ids_per_level[LEVELS - 1] = assign.clone();
    for level in (0..LEVELS - 1).rev() {
        let k = config.levels[level].min(centroids.len() / dim).max(1);
        let (up, up_centroids) = kmeans(&centroids, dim, k, config.iterations);
        assign = assign.iter().map(|a| up[*a as usize]).collect();
        ids_per_level[level] = assign.clone();
        centroids = up_centroids;
    }
    let mut clusters = Clusters::default();
    for (i, w) in vocab.iter().enumerate() {
        let mut ids = [0u16; SLOTS];
        for (l, id) in ids.iter_mut().take(LEVELS).enumerate() {
            *id = ids_per_level[l][i] as u16;
        }
        let count = ranked_count[w];
        let with_article = ranked_count.get(format!("ال{w}").as_str()).copied().unwrap_or(0);
        ids[LEVELS] = word_stats(count, with_article);
        clusters.insert(w, ids);
    }
    tracing::info!(words = clusters.len(), seconds = started.elapsed().as_secs_f64(), "words clustered");
    clusters
}

/// Spherical k-means; the first `k` rows (the most frequent words) seed
/// the centroids. Returns assignments and centroids.
fn kmeans(rows: &[f32], dim: usize, k: usize, iterations: usize) -> (Vec<u32>, Vec<f32>) {
    let n = rows.len() / dim;
    let mut centroids = rows[..k * dim].to_vec();
    let mut assign = vec![0u32; n];
    for _ in 0..iterations {
        for (i, a) in assign.iter_mut().enumerate() {
            let r = &rows[i * dim..][..dim];
            let mut best = (f32::NEG_INFINITY, 0);
            for (c, centroid) in centroids.chunks(dim).enumerate() {
                let s: f32 = r.iter().zip(centroid).map(|(a, b)| a * b).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            *a = best.1 as u32;
        }
        let mut sums = vec![0f32; k * dim];
        for (i, a) in assign.iter().enumerate() {
            for (s, x) in sums[*a as usize * dim..][..dim].iter_mut().zip(&rows[i * dim..][..dim]) {
                *s += x;
            }
        }
        for (c, s) in sums.chunks_mut(dim).enumerate() {
            // An emptied cluster keeps its old centroid.
            if s.iter().any(|x| *x != 0.0) {
                normalize(s);
                centroids[c * dim..][..dim].copy_from_slice(s);
            }
        }
    }
    (assign, centroids)
}

fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn random_signs(n: usize, seed: u64) -> Vec<f32> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            if (z ^ (z >> 31)) & 1 == 0 {
                1.0
            } else {
                -1.0
            }
        })
        .collect()
}
