//! Best tag sequence under first-order transitions (Viterbi), restricted to
//! valid IOB2.

use crate::tag::{Tag, TAG_COUNT};

/// Transition scores: row `p` for previous tag `p`, row `TAG_COUNT` for the
/// sentence start; column = current tag.
pub(crate) const TRANSITION_ROWS: usize = TAG_COUNT + 1;

pub(crate) fn viterbi(emissions: &[[f32; TAG_COUNT]], transitions: &[f32]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let allowed = allowed_transitions();
    let mut score = vec![[f32::NEG_INFINITY; TAG_COUNT]; n];
    let mut back = vec![[0u8; TAG_COUNT]; n];
    for t in 0..TAG_COUNT {
        if allowed[TAG_COUNT][t] {
            score[0][t] = transitions[TAG_COUNT * TAG_COUNT + t] + emissions[0][t];
        }
    }
    for i in 1..n {
        for t in 0..TAG_COUNT {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..TAG_COUNT {
                if !allowed[p][t] {
                    continue;
                }
                let s = score[i - 1][p] + transitions[p * TAG_COUNT + t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i][t] = best + emissions[i][t];
            back[i][t] = arg as u8;
        }
    }
    let mut best = 0;
    for t in 1..TAG_COUNT {
        if score[n - 1][t] > score[n - 1][best] {
            best = t;
        }
    }
    let mut path = vec![0; n];
    path[n - 1] = best;
    for i in (1..n).rev() {
        path[i - 1] = back[i][path[i]] as usize;
    }
    path
}

fn allowed_transitions() -> [[bool; TAG_COUNT]; TRANSITION_ROWS] {
    let mut a = [[false; TAG_COUNT]; TRANSITION_ROWS];
    for (p, row) in a.iter_mut().enumerate() {
        let prev = (p < TAG_COUNT).then(|| Tag::from_index(p));
        for (t, ok) in row.iter_mut().enumerate() {
            *ok = Tag::from_index(t).may_follow(prev);
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::EntityKind;

    #[test]
    fn never_starts_inside_an_entity() {
        let mut e = [[0.0; TAG_COUNT]; 2];
        e[0][Tag::I(EntityKind::Pers).index()] = 5.0;
        e[1][Tag::I(EntityKind::Pers).index()] = 5.0;
        let path = viterbi(&e, &[0.0; TRANSITION_ROWS * TAG_COUNT]);
        assert_ne!(path[0], Tag::I(EntityKind::Pers).index());
    }
}
