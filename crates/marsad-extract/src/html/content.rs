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
#[derive(Debug, Default, Clone)]
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

/// What a page's main content is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Prose: link lists inside the article are furniture.
    Article,
    /// Whatever the main element holds, link lists included: the main
    /// content of an index, a product or a forum page is its lists.
    Listing,
}

/// The heaviest element of the page, for a page that is not an article.
pub fn main_element(doc: &Html, blocks: &[Block]) -> Vec<NodeId> {
    heaviest(doc, blocks, listing_mass).into_iter().collect()
}

/// Weight of a block in a listing's main element: its text less its link
/// text, so a list of linked items with a line each weighs, while a menu
/// of bare links and short labels does not.
fn listing_mass(b: &Block) -> f64 {
    if b.chars < MIN_SCORED_CHARS {
        0.0
    } else {
        (b.chars - b.link_chars) as f64
    }
}

/// Weight of a block in [`heaviest`]: its prose characters, less three
/// times its link text; a label (a short block) weighs against by half its
/// length.
fn mass(b: &Block) -> f64 {
    let links = b.link_chars as f64;
    let chars = b.chars as f64;
    if b.chars < MIN_SCORED_CHARS {
        -0.5 * chars
    } else {
        chars - 3.0 * links
    }
}

/// The weight per character of what growing adds, at or above which it is
/// prose: article sections are; teaser lists (linked titles) and label runs
/// are not.
const GROW_PROSE_SHARE: f64 = 0.5;

/// `prose` ([`prose_roots`]) grown to the heaviest element around it (see
/// [`heaviest`]) when what that adds is prose too (the rest of an article
/// whose sections sit in separate boxes), not teasers or comments.
pub fn grow(doc: &Html, blocks: &[Block], prose: Vec<NodeId>) -> Vec<NodeId> {
    let Some(heavy) = heaviest(doc, blocks, mass) else { return prose };
    let in_heavy = within(doc, &[heavy]);
    if prose.is_empty() || !prose.iter().all(|r| in_heavy.contains(r)) {
        return if prose.is_empty() { vec![heavy] } else { prose };
    }
    let in_prose = within(doc, &prose);
    let (mut weight, mut chars) = (0.0, 0.0);
    for b in blocks.iter().filter(|b| in_heavy.contains(&b.container) && !in_prose.contains(&b.container)) {
        weight += mass(b);
        chars += b.chars as f64;
    }
    if chars == 0.0 || weight / chars >= GROW_PROSE_SHARE {
        vec![heavy]
    } else {
        prose
    }
}

/// The element whose blocks weigh most when prose counts for and
/// boilerplate (link lists, short labels) against: the smallest element
/// that holds a whole article, however deep its paragraphs sit.
fn heaviest(doc: &Html, blocks: &[Block], weight: fn(&Block) -> f64) -> Option<NodeId> {
    let mut own: HashMap<NodeId, f64> = HashMap::new();
    for b in blocks {
        *own.entry(b.container).or_default() += weight(b);
    }
    // One post-order pass: each element's total is its blocks' and its
    // children's, so the cost stays linear however deep the page nests.
    let mut stack: Vec<(NodeId, f64)> = Vec::new();
    let mut best: Option<(NodeId, f64)> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) if n.value().is_element() => {
                stack.push((n.id(), own.get(&n.id()).copied().unwrap_or(0.0)));
            }
            ego_tree::iter::Edge::Close(n) if n.value().is_element() => {
                let Some((id, total)) = stack.pop() else { continue };
                if let Some(parent) = stack.last_mut() {
                    parent.1 += total;
                }
                if total > 0.0 && best.is_none_or(|(_, b)| total > b) {
                    best = Some((id, total));
                }
            }
            _ => {}
        }
    }
    best.map(|b| b.0)
}

/// `roots` and every node inside them. Found by fuzzing: asking each
/// block's ancestors instead cost blocks × depth (5 s for a 1 MB page of
/// 512-deep nesting, the most that flattening leaves).
fn within(doc: &Html, roots: &[NodeId]) -> HashSet<NodeId> {
    let mut inside = HashSet::new();
    for &root in roots {
        // A root inside another is already covered.
        if inside.contains(&root) {
            continue;
        }
        if let Some(node) = doc.tree.get(root) {
            inside.extend(node.descendants().map(|d| d.id()));
        }
    }
    inside
}

/// Readability's way: score each prose block into its element and, less,
/// its ancestors; take the best element, promoted to the ancestor of
/// several near-best ones, with its well-scoring siblings.
pub fn prose_roots(doc: &Html, blocks: &[Block]) -> Vec<NodeId> {
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    for b in blocks.iter().filter(|b| b.chars >= MIN_SCORED_CHARS && link_density(b) < 0.35) {
        let s = block_score(b);
        let Some(node) = doc.tree.get(b.container) else { continue };
        for (weight, n) in [1.0, 0.5, 0.25].into_iter().zip(std::iter::once(node).chain(node.ancestors())) {
            *score.entry(n.id()).or_default() += s * weight;
        }
    }
    let Some((&first, &top_score)) = score.iter().max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0))) else {
        return Vec::new();
    };
    let top = common_ancestor(doc, &score, first, top_score);
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
    roots
}

/// The blocks inside `roots` that are the article's text.
pub fn collect(doc: &Html, blocks: &[Block], roots: Vec<NodeId>, title: &str, profile: Profile) -> Body {
    if roots.is_empty() {
        return Body::default();
    }
    let in_roots = within(doc, &roots);
    let inside = |b: &Block| in_roots.contains(&b.container);
    let title_norm = marsad_text::normalize(title);
    let mut out = Body { roots, ..Body::default() };
    // Comment rules and copyright lines open a box that the article does
    // not continue in: the rest of their element is apparatus too.
    let mut closed: HashSet<NodeId> = HashSet::new();
    for b in blocks.iter().filter(|b| inside(b)) {
        if closed.contains(&b.container) {
            continue;
        }
        let norm = marsad_text::normalize(&b.text);
        if is_not_text(b, &norm) {
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
        if (profile == Profile::Article && link_density(b) > 0.5) || !keep(b, &norm, &title_norm) {
            continue;
        }
        out.span = Some((out.span.map_or(b.order, |s| s.0), b.order));
        out.paragraphs.push(b.text.clone());
    }
    out
}

/// How many near-best elements under one ancestor make it the article: an
/// article whose paragraphs each sit in their own box (page builders wrap
/// every paragraph in a widget) scores as several near-equal boxes.
const NEAR_BEST_UNDER_ONE: usize = 3;
const NEAR_BEST_SHARE: f64 = 0.75;

/// The element holding the article: the best-scoring element, or its
/// nearest ancestor that also holds at least [`NEAR_BEST_UNDER_ONE`] of the
/// elements scoring nearly as well (readability's rule).
fn common_ancestor(doc: &Html, score: &HashMap<NodeId, f64>, top: NodeId, top_score: f64) -> NodeId {
    let mut near: Vec<(NodeId, f64)> =
        score.iter().filter(|(&n, &s)| n != top && s >= top_score * NEAR_BEST_SHARE).map(|(&n, &s)| (n, s)).collect();
    if near.len() < NEAR_BEST_UNDER_ONE {
        return top;
    }
    near.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    near.truncate(8);
    let lineages: Vec<HashSet<NodeId>> = near
        .iter()
        .filter_map(|(n, _)| doc.tree.get(*n))
        .map(|n| std::iter::once(n.id()).chain(n.ancestors().map(|a| a.id())).collect())
        .collect();
    let Some(node) = doc.tree.get(top) else { return top };
    for ancestor in node.ancestors() {
        if !ancestor.value().is_element() {
            break;
        }
        if lineages.iter().filter(|l| l.contains(&ancestor.id())).count() >= NEAR_BEST_UNDER_ONE {
            return ancestor.id();
        }
    }
    top
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

fn is_not_text(b: &Block, norm: &str) -> bool {
    b.chars < 400 && NOT_TEXT.iter().any(|p| norm.contains(p))
}

/// Openings of a byline: "كتب ...", "بقلم ...".
const BYLINE: &[&str] = &["كتب ", "كتبت ", "بقلم", "اعداد ", "اعداد:", "تقرير:", "by "];

fn keep(b: &Block, norm: &str, title_norm: &str) -> bool {
    if !b.text.chars().any(char::is_alphabetic) {
        return false;
    }
    if norm == title_norm {
        return false;
    }
    let words = b.text.split_whitespace().count();
    if words <= 6 && BYLINE.iter().any(|p| norm.starts_with(p)) {
        return false;
    }
    // A line that is only a date stamp.
    if b.chars <= 60 {
        if let Some(m) = crate::date::find_date(norm) {
            let rest =
                norm[..m.span.start].chars().chain(norm[m.span.end..].chars()).filter(|c| c.is_alphabetic()).count();
            if rest <= 12 {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (see [`within`]): one pass over the roots' subtrees
    /// instead of an ancestor walk per block, with the same answer.
    #[test]
    fn within_holds_the_roots_and_everything_inside_them_only() {
        let doc = Html::parse_document(&format!(
            "<html><body><div id=a>{}<p id=deep>x</p>{}</div><div id=b><p id=other>y</p></div></body></html>",
            "<div>".repeat(400),
            "</div>".repeat(400)
        ));
        let id = |name: &str| {
            let selector = scraper::Selector::parse(&format!("#{name}")).unwrap();
            doc.select(&selector).next().unwrap().id()
        };
        let inside = within(&doc, &[id("a"), id("deep")]);
        assert!(inside.contains(&id("a")) && inside.contains(&id("deep")));
        assert!(!inside.contains(&id("b")) && !inside.contains(&id("other")));
        assert!(within(&doc, &[id("b")]).contains(&id("other")));
    }
}
