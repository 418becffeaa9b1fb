//! A trained tagger: feature weights, transitions and the resources its
//! features read, plus tagging and the binary file format.

use std::io::{Read, Write};
use std::path::Path;

use crate::clusters::SLOTS;
use crate::decode::{viterbi, TRANSITION_ROWS};
use crate::document::stack;
use crate::error::EntitiesError;
use crate::features::{extract, Resources, SentenceFeatures};
use crate::fingerprint::text_fingerprint;
use crate::hash::KeyMap;
use crate::tag::{Tag, TAG_COUNT};

const MAGIC: &[u8; 8] = b"MARSDNER";
const VERSION: u32 = 3;

/// One perceptron: feature weights and tag transitions.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Stage {
    /// Feature hash → row in `weights`.
    pub(crate) rows: KeyMap<u32>,
    /// `TAG_COUNT` weights per row.
    pub(crate) weights: Vec<f32>,
    pub(crate) transitions: Vec<f32>,
}

impl Stage {
    pub(crate) fn decode(&self, features: &SentenceFeatures) -> Vec<usize> {
        let emissions: Vec<[f32; TAG_COUNT]> = (0..features.len())
            .map(|i| {
                let mut e = [0.0f32; TAG_COUNT];
                for key in features.token(i) {
                    if let Some(&row) = self.rows.get(key) {
                        let w = &self.weights[row as usize * TAG_COUNT..][..TAG_COUNT];
                        for (e, w) in e.iter_mut().zip(w) {
                            *e += w;
                        }
                    }
                }
                e
            })
            .collect();
        viterbi(&emissions, &self.transitions)
    }
}

/// A named-entity tagger: a first perceptron over word features and, when
/// trained with it, a second one that also reads the first one's tags in
/// the sentence and for the same word in nearby sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) resources: Resources,
    /// [`text_fingerprint`] when the model was trained.
    pub(crate) text_fingerprint: u64,
    pub(crate) first: Stage,
    pub(crate) second: Option<Stage>,
}

impl Model {
    /// Tags one sentence of tokens (IOB2) on its own.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens.to_vec()]).pop().unwrap_or_default()
    }

    /// Tags consecutive sentences of one text; with a second stage, a
    /// word's tags in nearby sentences inform each other.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let base: Vec<SentenceFeatures> = sentences
            .iter()
            .map(|s| {
                let mut f = SentenceFeatures::default();
                extract(s, &self.resources, &mut f);
                f
            })
            .collect();
        let pass1: Vec<Vec<usize>> = base.iter().map(|f| self.first.decode(f)).collect();
        let result = match &self.second {
            None => pass1,
            Some(second) => stack(sentences, &base, &pass1).iter().map(|f| second.decode(f)).collect(),
        };
        result.into_iter().map(|s| s.into_iter().map(Tag::from_index).collect()).collect()
    }

    /// Number of feature rows with non-zero weights, over both stages.
    pub fn feature_count(&self) -> usize {
        self.first.rows.len() + self.second.as_ref().map_or(0, |s| s.rows.len())
    }

    /// Writes the model; the same model always gives the same bytes.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), EntitiesError> {
        let path = path.as_ref();
        let file = std::fs::File::create(path).map_err(|e| EntitiesError::io(path, e))?;
        let mut z = flate2::write::ZlibEncoder::new(std::io::BufWriter::new(file), flate2::Compression::best());
        z.write_all(&self.to_bytes()).and_then(|_| z.finish()?.flush()).map_err(|e| EntitiesError::io(path, e))
    }

    pub fn load(path: impl AsRef<Path>) -> Result<Model, EntitiesError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| EntitiesError::io(path, e))?;
        Model::read(std::io::BufReader::new(file), path)
    }

    /// The model shipped in the crate (`model/ner.bin`), built into the
    /// binary so that it needs no file at run time.
    pub fn shipped() -> Result<Model, EntitiesError> {
        static SHIPPED: &[u8] = include_bytes!("../model/ner.bin");
        Model::read(SHIPPED, Path::new("crates/marsad-entities/model/ner.bin"))
    }

    fn read(compressed: impl Read, path: &Path) -> Result<Model, EntitiesError> {
        let mut bytes = Vec::new();
        flate2::read::ZlibDecoder::new(compressed)
            .read_to_end(&mut bytes)
            .map_err(|e| EntitiesError::BadModel { path: path.to_path_buf(), message: e.to_string() })?;
        let model = Model::from_bytes(&bytes)
            .map_err(|message| EntitiesError::BadModel { path: path.to_path_buf(), message })?;
        if !model.matches_text_analysis() {
            tracing::warn!(
                path = %path.display(),
                "NER model was trained with a different marsad-text normalization/stemming; retrain it for full accuracy"
            );
        }
        Ok(model)
    }

    /// Whether marsad-text still normalizes and stems as when the model was
    /// trained; if not, the model works but loses accuracy until retrained.
    /// The name lists the tagger consults.
    pub(crate) fn gazetteer(&self) -> &crate::gazetteer::Gazetteer {
        &self.resources.gazetteer
    }

    pub fn matches_text_analysis(&self) -> bool {
        self.text_fingerprint == text_fingerprint()
    }

    /// Sections are written in sorted key order so the bytes do not depend
    /// on hash-map iteration order.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, VERSION);
        out.extend_from_slice(&self.text_fingerprint.to_le_bytes());
        let gaz = &self.resources.gazetteer;
        put_u32(&mut out, gaz.lists.len() as u32);
        for list in &gaz.lists {
            put_u32(&mut out, list.len() as u32);
            out.extend_from_slice(list.as_bytes());
        }
        let mut entries: Vec<(u64, u8)> = gaz.entries.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable();
        put_u32(&mut out, entries.len() as u32);
        for (k, v) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        let mut clusters: Vec<(u64, [u16; SLOTS])> =
            self.resources.clusters.map.iter().map(|(k, v)| (*k, *v)).collect();
        clusters.sort_unstable();
        put_u32(&mut out, clusters.len() as u32);
        for (k, ids) in clusters {
            out.extend_from_slice(&k.to_le_bytes());
            for id in ids {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        write_stage(&mut out, &self.first);
        match &self.second {
            Some(stage) => {
                out.push(1);
                write_stage(&mut out, stage);
            }
            None => out.push(0),
        }
        out
    }

    fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("wrong magic bytes".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!("format version {version}, this build reads {VERSION}"));
        }
        let text_fingerprint = r.u64()?;
        let mut resources = Resources::default();
        for _ in 0..r.u32()? {
            let len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(len)?).map_err(|e| e.to_string())?;
            resources.gazetteer.lists.push(name.to_string());
        }
        let n = r.u32()? as usize;
        resources.gazetteer.entries.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.take(1)?[0];
            resources.gazetteer.entries.insert(k, v);
        }
        let n = r.u32()? as usize;
        resources.clusters.map.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut ids = [0u16; SLOTS];
            for id in &mut ids {
                *id = u16::from_le_bytes(r.take(2)?.try_into().unwrap());
            }
            resources.clusters.map.insert(k, ids);
        }
        let first = read_stage(&mut r)?;
        let second = match r.take(1)?[0] {
            0 => None,
            _ => Some(read_stage(&mut r)?),
        };
        if r.at != bytes.len() {
            return Err(format!("{} trailing bytes", bytes.len() - r.at));
        }
        Ok(Model { resources, text_fingerprint, first, second })
    }
}

/// Weights are stored as i16 steps of one scale: this halves the file, and
/// training rounds the same way, so F1 does not move.
fn write_stage(out: &mut Vec<u8>, stage: &Stage) {
    for t in &stage.transitions {
        out.extend_from_slice(&t.to_le_bytes());
    }
    let scale = quantum(&stage.weights);
    out.extend_from_slice(&scale.to_le_bytes());
    let mut rows: Vec<(u64, u32)> = stage.rows.iter().map(|(k, v)| (*k, *v)).collect();
    rows.sort_unstable();
    put_u32(out, rows.len() as u32);
    for (k, _) in &rows {
        out.extend_from_slice(&k.to_le_bytes());
    }
    // Column-major (all O weights, then all B-PERS, ...) compresses far
    // better: most features carry weight for only a few tags.
    for t in 0..TAG_COUNT {
        for (_, row) in &rows {
            let w = stage.weights[*row as usize * TAG_COUNT + t];
            out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
        }
    }
}

fn read_stage(r: &mut Reader<'_>) -> Result<Stage, String> {
    let mut transitions = Vec::with_capacity(TRANSITION_ROWS * TAG_COUNT);
    for _ in 0..TRANSITION_ROWS * TAG_COUNT {
        transitions.push(r.f32()?);
    }
    let scale = r.f32()?;
    let n = r.u32()? as usize;
    let mut rows = KeyMap::with_capacity_and_hasher(n, Default::default());
    for i in 0..n {
        rows.insert(r.u64()?, i as u32);
    }
    let mut weights = vec![0.0f32; n * TAG_COUNT];
    for t in 0..TAG_COUNT {
        for i in 0..n {
            let q = i16::from_le_bytes(r.take(2)?.try_into().unwrap());
            weights[i * TAG_COUNT + t] = f32::from(q) * scale;
        }
    }
    Ok(Stage { rows, weights, transitions })
}

/// The step of the i16 grid weights are rounded to.
pub(crate) fn quantum(weights: &[f32]) -> f32 {
    let scale = weights.iter().fold(0.0f32, |m, w| m.max(w.abs())) / f32::from(i16::MAX);
    if scale > 0.0 {
        scale
    } else {
        1.0
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("truncated")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }

    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
}
