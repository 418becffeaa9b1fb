//! The article's paragraphs: score every element by the prose it holds
//! (long, comma-rich, link-poor text counts most), take the best one, and
//! its sibling parts of the same article (text split around an ad), then
//! keep the blocks inside, dropping what a page puts there that is not the
//! article's text (a lone date line, a byline, "read also" links, comment
//! rules).

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::Html;

use super::walk::Block;
use crate::labels::{strip_label, READ_ALSO};

/// A block this short that is not among others' prose scores nothing: it is
/// a label, a button or a menu item.
const MIN_SCORED_CHARS: usize = 25;

/// The chosen paragraphs and what in-body "read also" lines named.
#[derive(Debug, Default)]
pub struct Body {
    pub paragraphs: Vec<String>,
    pub read_also: Vec<String>,
    /// Elements holding the article text.
    pub roots: Vec<NodeId>,
    /// Document order of the first and last paragraph.
    pub span: Option<(usize, usize)>,
}

fn link_density(b: &Block) -> f64 {
    b.link_chars as f64 / b.chars.max(1) as f64
}

fn block_score(b: &Block) -> f64 {
    let commas = b.text.chars().filter(|c| matches!(c, '،' | ',' | '؛')).count() as f64;
    1.0 + commas.min(6.0) + (b.chars as f64 / 100.0).min(4.0)
}

pub fn body(doc: &Html, blocks: &[Block], title: &str) -> Body {
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    for b in blocks.iter().filter(|b| b.chars >= MIN_SCORED_CHARS && link_density(b) < 0.35) {
        let s = block_score(b);
        let Some(node) = doc.tree.get(b.container) else { continue };
        for (weight, n) in [1.0, 0.5, 0.25].into_iter().zip(std::iter::once(node).chain(node.ancestors())) {
            *score.entry(n.id()).or_default() += s * weight;
        }
    }
    let Some((&top, &top_score)) = score.iter().max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0))) else {
        return Body::default();
    };
    // Parts of the same article split by an ad or a photo are siblings that
    // score well on their own.
    let mut roots = vec![top];
    if let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        for sib in parent.children().filter(|c| c.id() != top) {
            if score.get(&sib.id()).is_some_and(|&s| s >= top_score * 0.3 && s >= 5.0) {
                roots.push(sib.id());
            }
        }
    }
    let roots_set: HashSet<NodeId> = roots.iter().copied().collect();
    let inside = |b: &Block| {
        doc.tree
            .get(b.container)
            .is_some_and(|n| std::iter::once(n).chain(n.ancestors()).any(|a| roots_set.contains(&a.id())))
    };
    let title_norm = marsad_text::normalize(title);
    let mut out = Body { roots, ..Body::default() };
    // Comment rules and copyright lines open a box that the article does
    // not continue in: the rest of their element is apparatus too.
    let mut closed: HashSet<NodeId> = HashSet::new();
    for b in blocks.iter().filter(|b| inside(b)) {
        if closed.contains(&b.container) {
            continue;
        }
        if is_not_text(b) {
            closed.insert(b.container);
            continue;
        }
        if let Some((_, rest)) = strip_label(&b.text, READ_ALSO) {
            let rest = rest.trim_start_matches([':', '：', ' ', '-', '–']).trim();
            if !rest.is_empty() {
                out.read_also.push(rest.to_owned());
            }
            continue;
        }
        if link_density(b) > 0.5 || !keep(b, &title_norm) {
            continue;
        }
        out.span = Some((out.span.map_or(b.order, |s| s.0), b.order));
        out.paragraphs.push(b.text.clone());
    }
    out
}

/// Phrases of comment rules, copyright lines and share/print buttons that
/// sites put inside the article's element.
const NOT_TEXT: &[&str] = &[
    "شروط الاستخدام",
    "سياسه الخصوصيه",
    "ارشادات الاستخدام",
    "جميع الحقوق محفوظه",
    "اضف تعليق",
    "اضف تعليقا",
    "التعليقات المنشوره",
    "لا توجد تعليقات",
    "تعكس وجهات نظر اصحابها",
    "لا تعبر بالضروره عن راي",
    "all rights reserved",
];

fn is_not_text(b: &Block) -> bool {
    b.chars < 400 && {
        let norm = marsad_text::normalize(&b.text);
        NOT_TEXT.iter().any(|p| norm.contains(p))
    }
}

/// Openings of a byline: "كتب ...", "بقلم ...".
const BYLINE: &[&str] = &["كتب ", "كتبت ", "بقلم", "اعداد ", "اعداد:", "تقرير:", "by "];

fn keep(b: &Block, title_norm: &str) -> bool {
    if !b.text.chars().any(char::is_alphabetic) {
        return false;
    }
    let norm = marsad_text::normalize(&b.text);
    if norm == title_norm {
        return false;
    }
    let words = b.text.split_whitespace().count();
    if words <= 6 && BYLINE.iter().any(|p| norm.starts_with(p)) {
        return false;
    }
    // A line that is only a date stamp.
    if b.chars <= 60 {
        if let Some(m) = crate::date::find_date(&norm) {
            let rest =
                norm[..m.span.start].chars().chain(norm[m.span.end..].chars()).filter(|c| c.is_alphabetic()).count();
            if rest <= 12 {
                return false;
            }
        }
    }
    true
}
