//! One pass over the parsed page: the text blocks that can be article text
//! (furniture and apparatus left out), and what the apparatus says (date
//! stamps, bylines, tag lists) in document order.
//!
//! The pass gives two readings at once. Names that mean one thing wherever
//! they are (a `<nav>`, "comments", "taboola": [`Basis::Strong`]) always
//! hide their text; names that pages also give the article's own boxes
//! ("widget", "footer", a byline class: [`Basis::Weak`]) only mark the
//! blocks inside as [`Block::named_out`], so the reading that believes them
//! is the blocks without that mark.

use std::collections::HashSet;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::classes::{self, Apparatus, Basis, Role};

/// An element holding at least this share of the page's visible text is a
/// wrapper, not furniture.
const WRAPPER_SHARE: f64 = 0.6;

/// Elements that hold at least [`WRAPPER_SHARE`] of the page's visible text,
/// from one post-order pass (linear in the page, however deep).
pub fn wrappers(doc: &Html) -> Wrappers {
    let mut sizes: Vec<(NodeId, usize, bool)> = Vec::new();
    let mut stack: Vec<(NodeId, usize, bool)> = Vec::new();
    let mut invisible = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let hides = classes::invisible(el);
                    invisible += usize::from(hides);
                    stack.push((node.id(), 0, hides));
                }
                Node::Text(t) if invisible == 0 => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() => {
                let Some((id, size, hides)) = stack.pop() else { continue };
                invisible -= usize::from(hides);
                if let Some(parent) = stack.last_mut() {
                    parent.1 += size;
                }
                sizes.push((id, size, hides));
            }
            Edge::Close(_) => {}
        }
    }
    let total = sizes.iter().map(|s| s.1).max().unwrap_or(0);
    let floor = (total as f64 * WRAPPER_SHARE) as usize;
    let ids = sizes.into_iter().filter(|&(_, size, hides)| !hides && total > 0 && size >= floor).map(|s| s.0).collect();
    Wrappers { ids, visible_chars: total }
}

/// The page's wrappers and how much visible text it has.
#[derive(Debug, Default)]
pub struct Wrappers {
    pub ids: HashSet<NodeId>,
    /// Non-space characters outside scripts, styles and hidden elements.
    pub visible_chars: usize,
}

/// A run of text between block boundaries (block tags and `<br>`).
#[derive(Debug, Clone)]
pub struct Block {
    /// Whitespace collapsed (NBSP included).
    pub text: String,
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
    /// The element whose text this is; for a paragraph-like element (p, h2,
    /// li ...) the element around it, which is what gets scored.
    pub container: NodeId,
    /// An h2-h6: an in-article subheading or a widget's title.
    pub heading: bool,
    pub order: usize,
    /// Inside an element that a [`Basis::Weak`] name calls furniture or
    /// apparatus.
    pub named_out: bool,
}

/// An h1 (the headline candidates) or h2.
#[derive(Debug)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub order: usize,
}

/// An element that shows a date: a `<time>` or an element whose class says
/// date/time; `machine` is a `<time datetime>` value.
#[derive(Debug)]
pub struct Stamp {
    pub text: String,
    pub machine: Option<String>,
    pub order: usize,
}

#[derive(Debug, Default)]
pub struct Walk {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub stamps: Vec<Stamp>,
    pub bylines: Vec<(usize, String)>,
    pub tag_lists: Vec<(usize, Vec<String>)>,
    /// Link lists of "read also" boxes, with the box's element.
    pub read_also_boxes: Vec<(NodeId, Vec<String>)>,
}

#[derive(Default, Clone, Copy)]
struct Frame {
    furniture: bool,
    apparatus: bool,
    /// Furniture by a weak name.
    named_furniture: bool,
    /// Apparatus by a weak name.
    named_apparatus: bool,
    block: bool,
    link: bool,
    h1: bool,
    /// An h1 or h2, whose text is a heading's.
    heading: bool,
    /// A `<time>`, whose text is a stamp's.
    time: bool,
    /// How many blocks there were when this element opened.
    blocks_before: usize,
}

/// Collapses runs of whitespace (NBSP and other Unicode spaces included) to
/// one space and trims.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn element_text(el: ElementRef<'_>) -> String {
    collapse(&el.text().collect::<String>())
}

fn link_texts(el: ElementRef<'_>) -> Vec<String> {
    el.descendent_elements()
        .filter(|e| e.value().name() == "a")
        .map(element_text)
        .filter(|t| !t.is_empty() && t.chars().count() <= 200)
        .collect()
}

/// Ends the current block: its text becomes a [`Block`] of the innermost
/// open block element.
fn flush(
    buf: &mut String,
    link_chars: &mut usize,
    blocks: &[(NodeId, bool)],
    order: usize,
    named_out: bool,
    out: &mut Walk,
) {
    let text = collapse(buf);
    buf.clear();
    let lc = std::mem::take(link_chars);
    if text.is_empty() {
        return;
    }
    let Some(&(top, paragraph)) = blocks.last() else { return };
    let container = if paragraph && blocks.len() > 1 { blocks[blocks.len() - 2].0 } else { top };
    let chars = text.chars().count();
    out.blocks.push(Block { chars, link_chars: lc.min(chars), container, heading: false, text, order, named_out });
}

/// The page's blocks and apparatus. `wrappers` (from [`wrappers`]) are
/// never furniture, whatever they are called.
pub fn walk(doc: &Html, wrappers: &Wrappers) -> Walk {
    let mut out = Walk::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut blocks: Vec<(NodeId, bool)> = Vec::new();
    let (mut furniture, mut apparatus, mut links, mut h1) = (0usize, 0usize, 0usize, 0usize);
    // Depths inside elements that weak names call furniture or apparatus:
    // the reading that believes them sees no text there, and no apparatus
    // either inside named furniture.
    let (mut named_furniture, mut named_apparatus) = (0usize, 0usize);
    // Open h1/h2 and time elements: one nested in another of its kind is
    // already in that one's text, and reading each again would cost
    // depth × text (quadratic).
    let (mut headings_open, mut times_open) = (0usize, 0usize);
    let mut buf = String::new();
    let mut buf_link_chars = 0usize;
    let mut order = 0usize;

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                order += 1;
                match node.value() {
                    Node::Element(el) => {
                        let mut frame = Frame::default();
                        if furniture > 0 {
                            frames.push(frame);
                            continue;
                        }
                        let named_out = named_furniture + named_apparatus > 0;
                        let tag = el.name();
                        let (role, basis) = match classes::role(el) {
                            (_, basis) if basis != Basis::Certain && wrappers.ids.contains(&node.id()) => {
                                (Role::Plain, basis)
                            }
                            found => found,
                        };
                        let believed = basis <= Basis::Strong;
                        // Metadata is read as the reading that believes every
                        // name would: not inside named furniture.
                        let read_meta = named_furniture == 0;
                        let er = ElementRef::wrap(node).expect("an element node");
                        match role {
                            Role::Furniture => {
                                let raw = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or(""))
                                    .to_ascii_lowercase();
                                if read_meta && raw.contains("also") {
                                    out.read_also_boxes.push((node.id(), link_texts(er)));
                                }
                                flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                                if believed {
                                    frame.furniture = true;
                                    furniture += 1;
                                    frames.push(frame);
                                    continue;
                                }
                                frame.named_furniture = true;
                                named_furniture += 1;
                            }
                            Role::Apparatus(kind) => {
                                flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                                if believed {
                                    frame.apparatus = true;
                                    apparatus += 1;
                                } else {
                                    frame.named_apparatus = true;
                                    named_apparatus += 1;
                                }
                                if read_meta {
                                    record_apparatus(kind, er, order, &mut out);
                                }
                            }
                            Role::Plain => {}
                        }
                        let named_out = named_furniture + named_apparatus > 0;
                        let in_apparatus = frame.apparatus || frame.named_apparatus;
                        if tag == "time" {
                            if read_meta && !in_apparatus && times_open == 0 {
                                let machine = el.attr("datetime").map(str::to_owned);
                                out.stamps.push(Stamp { text: element_text(er), machine, order });
                            }
                            frame.time = true;
                            times_open += 1;
                        }
                        if tag == "h1" || tag == "h2" {
                            if read_meta && headings_open == 0 {
                                let text = element_text(er);
                                if !text.is_empty() {
                                    out.headings.push(Heading { level: if tag == "h1" { 1 } else { 2 }, text, order });
                                }
                            }
                            frame.heading = true;
                            headings_open += 1;
                        }
                        if tag == "br" {
                            flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                        } else if classes::is_block(tag) {
                            flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                            frame.block = true;
                            frame.blocks_before = out.blocks.len();
                            blocks.push((node.id(), classes::is_paragraph(tag)));
                        }
                        if tag == "a" {
                            frame.link = true;
                            links += 1;
                        }
                        if tag == "h1" {
                            frame.h1 = true;
                            h1 += 1;
                        }
                        frames.push(frame);
                    }
                    Node::Text(t) if furniture == 0 && apparatus == 0 && h1 == 0 => {
                        buf.push_str(t);
                        if links > 0 {
                            buf_link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if !node.value().is_element() {
                    continue;
                }
                let frame = frames.pop().unwrap_or_default();
                let named_out = named_furniture + named_apparatus > 0;
                if frame.furniture {
                    furniture -= 1;
                }
                if frame.apparatus {
                    flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                    apparatus -= 1;
                }
                if frame.named_furniture || frame.named_apparatus {
                    flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                    named_furniture -= usize::from(frame.named_furniture);
                    named_apparatus -= usize::from(frame.named_apparatus);
                }
                if frame.block {
                    flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
                    let heading =
                        matches!(node.value().as_element().map(|e| e.name()), Some("h2" | "h3" | "h4" | "h5" | "h6"));
                    if heading {
                        for b in &mut out.blocks[frame.blocks_before..] {
                            b.heading = true;
                        }
                    }
                    blocks.pop();
                }
                if frame.link {
                    links -= 1;
                }
                if frame.h1 {
                    h1 -= 1;
                }
                if frame.heading {
                    headings_open -= 1;
                }
                if frame.time {
                    times_open -= 1;
                }
            }
        }
    }
    let named_out = named_furniture + named_apparatus > 0;
    flush(&mut buf, &mut buf_link_chars, &blocks, order, named_out, &mut out);
    out
}

/// What an apparatus element says: a date stamp, a byline, a tag list.
fn record_apparatus(kind: Apparatus, er: ElementRef<'_>, order: usize, out: &mut Walk) {
    match kind {
        Apparatus::Date => {
            let machine = er.descendent_elements().find_map(|e| e.value().attr("datetime")).map(str::to_owned);
            out.stamps.push(Stamp { text: element_text(er), machine, order });
        }
        Apparatus::Byline => {
            let text = element_text(er);
            if !text.is_empty() && text.chars().count() <= 120 {
                out.bylines.push((order, text));
            }
        }
        Apparatus::Tags => {
            let tags = link_texts(er);
            if !tags.is_empty() {
                out.tag_lists.push((order, tags));
            }
        }
        Apparatus::Header | Apparatus::Media => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: thousands of nested h1s made every one a heading
    /// holding the text of all below it, quadratic in time and memory.
    #[test]
    fn nested_headings_are_read_once_by_the_outermost() {
        let nested = "<article><h1>خبر ".repeat(3000);
        let doc = Html::parse_document(&format!("<html><body>{nested}<p>نص</p></body></html>"));
        let walked = walk(&doc, &wrappers(&doc));
        assert_eq!(walked.headings.len(), 1);
        assert!(walked.headings[0].text.ends_with("خبر خبر نص"));
        let flat = Html::parse_document("<html><body><h1>العنوان</h1><p>نص</p><h2>فرعي</h2></body></html>");
        let walked = walk(&flat, &wrappers(&flat));
        let texts: Vec<&str> = walked.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["العنوان", "فرعي"]);
    }

    /// Found by fuzzing, as nested headings: each of thousands of nested
    /// `<time>`s was a stamp with the text of all below it.
    #[test]
    fn nested_time_elements_are_one_stamp() {
        let nested = "<time datetime=\"2024-03-10\">10 مارس <article>".repeat(3000);
        let doc = Html::parse_document(&format!("<html><body><p>نص</p>{nested}</body></html>"));
        let walked = walk(&doc, &wrappers(&doc));
        assert_eq!(walked.stamps.len(), 1);
        assert_eq!(walked.stamps[0].machine.as_deref(), Some("2024-03-10"));
    }
}
