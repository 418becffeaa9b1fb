//! Reads a watch's query the way `SearchIndex::search` does, down to the
//! analyzed terms, so that a watch and a search never disagree.
//!
//! The grammar is tantivy's own (`tantivy::query_grammar`, what the index's
//! `QueryParser` runs); what the parser then does with its tree — default
//! AND, a literal of several terms becoming a phrase, empty literals
//! trimmed, an all-negative query refused — is mirrored here, because the
//! parser's output is a scorer tree that cannot be evaluated on one article.

use marsad_store::index::{literal_specials, plain_words};
use marsad_text::{for_each_term, Chain, Stemmer};
use tantivy::query_grammar::{self, Occur, UserInputAst, UserInputLeaf};

use crate::WatchError;

/// A query read and analyzed, before its terms are interned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// The empty query: every article.
    Any,
    /// Search finds nothing for it (only stopwords, only exclusions, no word).
    Nothing,
    Node(Node),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Term(String),
    /// Two or more analyzed terms at consecutive positions.
    Phrase(Vec<String>),
    Clause(Vec<(Occur, Node)>),
}

pub(crate) fn parse(query: &str, stemmer: &Stemmer<'_>) -> Result<Parsed, WatchError> {
    if query.trim().is_empty() {
        return Ok(Parsed::Any);
    }
    let ast = match query_grammar::parse_query(&literal_specials(query)) {
        Ok(ast) => ast,
        // The reader typed words; search looks for the words (docs/server.md "Query text").
        Err(_) => match plain_words(query) {
            Some(words) => query_grammar::parse_query(&words).map_err(|_| refuse(query, "syntax error"))?,
            None => return Ok(Parsed::Nothing),
        },
    };
    let node = convert(ast, stemmer).map_err(|why| refuse(query, why))?;
    if let Node::Clause(children) = &node {
        if children.is_empty() {
            return Ok(Parsed::Nothing);
        }
    }
    // tantivy judges this before trimming: a stopword counts as "not a
    // positive part", so «في -ترامب» finds nothing, like «-ترامب».
    if all_negative(&node) {
        return Ok(Parsed::Nothing);
    }
    Ok(trim(node).map_or(Parsed::Nothing, Parsed::Node))
}

fn refuse(query: &str, why: &str) -> WatchError {
    WatchError::Query { query: query.to_owned(), why: why.to_owned() }
}

fn convert(ast: UserInputAst, stemmer: &Stemmer<'_>) -> Result<Node, &'static str> {
    Ok(match ast {
        UserInputAst::Clause(children) => Node::Clause(
            children
                .into_iter()
                // Search sets conjunction by default.
                .map(|(occur, child)| Ok((occur.unwrap_or(Occur::Must), convert(child, stemmer)?)))
                .collect::<Result<_, &'static str>>()?,
        ),
        // Boosts only change scores.
        UserInputAst::Boost(child, _) => convert(*child, stemmer)?,
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(lit) => {
                // `literal_specials` escapes `:`, `~` and `*`, so these come
                // only from syntax search would refuse as well.
                if lit.field_name.is_some() || lit.prefix || lit.slop > 0 {
                    return Err("field, slop and prefix syntax are not supported");
                }
                let mut terms = Vec::new();
                for_each_term(Chain::Marsad, stemmer, &lit.phrase, |t, _, _| terms.push(t.to_owned()));
                match terms.len() {
                    0 => Node::Clause(Vec::new()),
                    1 => Node::Term(terms.pop().expect("one term")),
                    _ => Node::Phrase(terms),
                }
            }
            _ => return Err("ranges, sets, regexes and $exists are not supported"),
        },
    })
}

fn all_negative(node: &Node) -> bool {
    match node {
        Node::Term(_) | Node::Phrase(_) => false,
        Node::Clause(children) => children.iter().all(|(occur, child)| *occur == Occur::MustNot || all_negative(child)),
    }
}

/// Drops empty clauses (literals that were all stopwords), bottom up.
fn trim(node: Node) -> Option<Node> {
    match node {
        Node::Clause(children) => {
            let kept: Vec<_> = children.into_iter().filter_map(|(o, c)| trim(c).map(|c| (o, c))).collect();
            (!kept.is_empty()).then_some(Node::Clause(kept))
        }
        leaf => Some(leaf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Parsed {
        parse(q, &Stemmer::default()).unwrap()
    }

    fn term(t: &str) -> Node {
        Node::Term(t.to_owned())
    }

    #[test]
    fn clitics_and_punctuation_analyze_to_the_same_term() {
        let base = p("بوتين");
        assert_eq!(base, Parsed::Node(term("بوتين")));
        assert_eq!(p("وبوتين"), base);
        assert_eq!(p("بوتين،"), base);
    }

    #[test]
    fn words_are_anded_and_quotes_make_a_phrase() {
        let Parsed::Node(Node::Clause(c)) = p("بوتين \"البيت الأبيض\"") else { panic!("{:?}", p("x")) };
        assert_eq!(c.len(), 2);
        assert_eq!(c[0], (Occur::Must, term("بوتين")));
        assert!(matches!(&c[1], (Occur::Must, Node::Phrase(t)) if t.len() == 2));
    }

    #[test]
    fn or_and_not_and_minus() {
        let Parsed::Node(Node::Clause(c)) = p("بوتين OR ترامب") else { panic!() };
        assert!(c.iter().all(|(o, _)| *o == Occur::Should));
        let Parsed::Node(Node::Clause(c)) = p("بوتين -ترامب") else { panic!() };
        assert_eq!(c[1].0, Occur::MustNot);
        let Parsed::Node(Node::Clause(c)) = p("بوتين NOT ترامب") else { panic!() };
        assert_eq!(c[1].0, Occur::MustNot);
    }

    #[test]
    fn parentheses_nest() {
        let Parsed::Node(Node::Clause(c)) = p("اليمن (عدن OR صنعاء)") else { panic!() };
        assert_eq!(c.len(), 2);
        assert!(matches!(&c[1], (Occur::Must, Node::Clause(inner)) if inner.len() == 2));
    }

    #[test]
    fn unreadable_queries_fall_back_to_their_words() {
        // Unbalanced quote and parenthesis: searched as the words.
        assert_eq!(p("\"بوتين"), Parsed::Node(term("بوتين")));
        let Parsed::Node(Node::Clause(c)) = p("(بوتين ترامب") else { panic!() };
        assert_eq!(c.len(), 2);
        // A dangling operator is dropped.
        assert!(matches!(p("بوتين AND"), Parsed::Node(_)));
        // Nothing but punctuation: nothing found.
        assert_eq!(p("'"), Parsed::Nothing);
    }

    #[test]
    fn field_syntax_is_plain_text() {
        // A pasted headline with its colon is words, not `field:value`.
        let Parsed::Node(Node::Clause(c)) = p("أوباما: الاتفاق") else { panic!() };
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn stopwords_and_negations_alone_find_nothing() {
        assert_eq!(p("لماذا هناك"), Parsed::Nothing);
        assert_eq!(p("في"), Parsed::Nothing);
        assert_eq!(p("-ترامب"), Parsed::Nothing);
        assert_eq!(p("NOT ترامب"), Parsed::Nothing);
        assert_eq!(p("في -ترامب"), Parsed::Nothing);
        assert_eq!(p("   "), Parsed::Any);
        // A stopword next to a real word is dropped, not fatal.
        assert_eq!(p("بوتين في"), Parsed::Node(Node::Clause(vec![(Occur::Must, term("بوتين"))])));
    }

    #[test]
    fn one_unquoted_token_with_two_terms_is_a_phrase() {
        // Search turns a literal with several analyzed terms into a phrase.
        assert!(matches!(p("covid-19"), Parsed::Node(Node::Phrase(t)) if t.len() == 2));
    }
}
