//! The mutator: without coverage feedback, variety comes from stacking a
//! few structure-aware edits on real inputs and on earlier mutants.

use rand::{Rng, RngCore};

/// Inputs never grow past this: long enough for deep nesting and
/// quadratic behaviour to show, short enough that one input stays cheap.
pub const MAX_INPUT: usize = 4 << 20;

pub struct Mutator<'a> {
    pub corpus: &'a [Vec<u8>],
    pub tokens: &'a [Vec<u8>],
}

impl Mutator<'_> {
    /// A new input: one to eight edits on `base`.
    pub fn mutate(&self, rng: &mut impl Rng, base: &[u8]) -> Vec<u8> {
        let mut data = base.to_vec();
        // Mostly one or two edits, sometimes many.
        let edits = 1 + (rng.random_range(0..8u32)).min(rng.random_range(0..8u32));
        for _ in 0..edits {
            self.edit(rng, &mut data);
            data.truncate(MAX_INPUT);
        }
        data
    }

    fn edit(&self, rng: &mut impl Rng, data: &mut Vec<u8>) {
        let pos = |rng: &mut dyn RngCore, len: usize| if len == 0 { 0 } else { rng.random_range(0..=len) };
        match rng.random_range(0..12u32) {
            // Bit flips.
            0 if !data.is_empty() => {
                for _ in 0..rng.random_range(1..=8) {
                    let i = rng.random_range(0..data.len());
                    data[i] ^= 1 << rng.random_range(0..8);
                }
            }
            // A byte set to a random or boundary value.
            1 if !data.is_empty() => {
                let i = rng.random_range(0..data.len());
                data[i] = *[0u8, 0x7f, 0x80, 0xff, b'<', b'>', b'"', b'\n', rng.random()]
                    .get(rng.random_range(0..9))
                    .unwrap_or(&0);
            }
            // A token the format gives a meaning, inserted or overwriting.
            2..=4 if !self.tokens.is_empty() => {
                let token = &self.tokens[rng.random_range(0..self.tokens.len())];
                let at = pos(rng, data.len());
                if rng.random_bool(0.7) {
                    data.splice(at..at, token.iter().copied());
                } else {
                    let end = (at + token.len()).min(data.len());
                    data.splice(at..end, token.iter().copied());
                }
            }
            // A range deleted.
            5 if !data.is_empty() => {
                let at = rng.random_range(0..data.len());
                let len = rng.random_range(1..=(data.len() - at).min(4096));
                data.drain(at..at + len);
            }
            // A chunk repeated: deep nesting, long lines, many records.
            6 if !data.is_empty() => {
                let at = rng.random_range(0..data.len());
                let len = rng.random_range(1..=(data.len() - at).min(256));
                let times = *[2usize, 10, 100, 1000, 10_000].get(rng.random_range(0..5)).unwrap_or(&2);
                let times = times.min(MAX_INPUT / len.max(1)).max(1);
                let chunk = data[at..at + len].to_vec();
                let insert = at + len;
                data.splice(insert..insert, chunk.iter().copied().cycle().take(len * times));
            }
            // A token repeated many times (`<div>` × 10,000 nests that deep).
            7 if !self.tokens.is_empty() => {
                let token = &self.tokens[rng.random_range(0..self.tokens.len())];
                let times = *[10usize, 1000, 50_000].get(rng.random_range(0..3)).unwrap_or(&10);
                let times = times.min(MAX_INPUT / token.len().max(1));
                let at = pos(rng, data.len());
                data.splice(at..at, token.iter().copied().cycle().take(token.len() * times));
            }
            // A splice: this input's head with another corpus item's tail.
            8 if !self.corpus.is_empty() => {
                let other = &self.corpus[rng.random_range(0..self.corpus.len())];
                let cut = pos(rng, data.len());
                let from = pos(rng, other.len());
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            // Truncation.
            9 if !data.is_empty() => {
                let keep = rng.random_range(0..data.len());
                data.truncate(keep);
            }
            // A number where one was: digits grown huge or made negative.
            10 => {
                let at = pos(rng, data.len());
                let number = match rng.random_range(0..4u32) {
                    0 => "9".repeat(rng.random_range(10..400)),
                    1 => format!("-{}", rng.random::<u64>()),
                    2 => rng.random::<u64>().to_string(),
                    _ => format!("{}", rng.random_range(0..100u32)),
                };
                data.splice(at..at, number.bytes());
            }
            // Random bytes over a range.
            _ => {
                let at = pos(rng, data.len());
                let len = rng.random_range(1..=16);
                let end = (at + len).min(data.len());
                let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
                data.splice(at..end, bytes);
            }
        }
    }
}
