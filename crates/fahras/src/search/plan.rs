//! The query plan: what each word of a plain-word query looks for, before any index is read.
//!
//! A plan is made from the query text, the analyzer and the [`Lexicon`]; it needs no index, so
//! what a query will do can be shown and tested on its own. [`QueryPlan::words`] analyzes every
//! word: a word that analyzes to one term looks for that term and its
//! [expansions](crate::lexicon::expand); a word that analyzes to several (`F-35`, Japanese,
//! CJK bigrams) is a phrase of them; a stopword looks for nothing. Two neighbouring words of
//! the query that are single terms make a *pair*, which adds to the score of the articles that
//! write them close together.
//!
//! The plan is then [compiled](super::score) against a searcher, which turns it into scores.

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

use crate::lexicon::Lexicon;
use crate::lexicon::expand::{ExpandOptions, Expansion, ExpansionCache, expand};

/// The characters of the query syntax.
pub(crate) const SYNTAX: &str = "\\:()\"[]{}^~+!*<>=";

/// The words of a query, split on whitespace and on the characters of the query syntax, so
/// `title:(باتريوت` gives `title` and `باتريوت`.
pub(crate) fn query_words(text: &str) -> impl Iterator<Item = &str> {
    let syntax = |c: char| c.is_whitespace() || SYNTAX.contains(c);
    text.split(syntax).filter(|w| !w.is_empty())
}

/// Whether a query is plain words: no character of the query syntax, no `-word`, and none of
/// the operators AND, OR, NOT and IN.
pub(crate) fn is_plain(text: &str) -> bool {
    !text.contains(|c: char| SYNTAX.contains(c) || c == '\'')
        && !text
            .split_whitespace()
            .any(|w| w.starts_with('-') || matches!(w, "AND" | "OR" | "NOT" | "IN" | "&&" | "||"))
}

/// What one word of the query looks for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WordPlan {
    /// The word as written in the query.
    pub written: String,
    /// Its terms with their positions: one for a word, several for a phrase.
    pub terms: Vec<(usize, String)>,
    /// The other terms the word looks for (only for a word of one term).
    pub expansions: Vec<Expansion>,
    /// The word's normalized, unstemmed form, for the exact-form bonus of indexes that keep
    /// exact forms.
    pub exact: Option<String>,
}

impl WordPlan {
    /// The word's one term, if it is not a phrase.
    pub fn stem(&self) -> Option<&str> {
        match &self.terms[..] {
            [(_, stem)] => Some(stem),
            _ => None,
        }
    }

    /// Every term that stands for this word in results (what snippets mark): its terms, and
    /// the expansions that match or count at least half as much.
    pub fn marked_terms(&self) -> impl Iterator<Item = &str> {
        let terms = self.terms.iter().map(|(_, t)| t.as_str());
        let expansions = self
            .expansions
            .iter()
            .filter(|e| e.matches || e.weight >= 0.5)
            .map(|e| e.term.as_str());
        terms.chain(expansions)
    }
}

/// The plan of a plain-word query; see the [module docs](self).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueryPlan {
    /// The words that look for something, in query order.
    pub words: Vec<WordPlan>,
    /// Pairs of neighbouring single-term words, by their index in `words`.
    pub pairs: Vec<(usize, usize)>,
    /// Whether every word must match (or any one).
    pub all_words: bool,
}

/// What a plan is made with.
pub struct Planner<'a> {
    /// The analyzer of the text fields.
    pub analyzer: TextAnalyzer,
    /// The analyzer of the exact-form field, when the index has one.
    pub exact_analyzer: Option<TextAnalyzer>,
    /// The index's vocabulary.
    pub lexicon: &'a Lexicon,
    /// The expansions already made from it, if they are kept.
    pub cache: Option<&'a ExpansionCache>,
    /// Which expansions to make.
    pub expand: ExpandOptions,
    /// Whether neighbouring words make pairs.
    pub pairs: bool,
}

impl QueryPlan {
    /// The plan of `text` read as plain words (see the [module docs](self)).
    pub fn words(text: &str, all_words: bool, planner: &mut Planner<'_>) -> QueryPlan {
        let mut plan = QueryPlan { all_words, ..QueryPlan::default() };
        // Whether the previous word of the query was a single term (a pair can start there).
        let mut previous_single = false;
        for written in query_words(text) {
            let mut terms = Vec::new();
            planner
                .analyzer
                .token_stream(written)
                .process(&mut |t| terms.push((t.position, t.text.clone())));
            if terms.is_empty() {
                // A stopword: the words around it may still make a pair.
                continue;
            }
            let mut word = WordPlan {
                written: written.to_string(),
                terms,
                expansions: Vec::new(),
                exact: None,
            };
            if let Some(stem) = word.stem() {
                word.expansions = match planner.cache {
                    Some(cache) => cache.expand(stem, planner.lexicon, planner.expand),
                    None => expand(stem, planner.lexicon, planner.expand),
                };
                if let Some(exact) = &mut planner.exact_analyzer {
                    let mut forms = Vec::new();
                    exact.token_stream(written).process(&mut |t| forms.push(t.text.clone()));
                    if forms.len() == 1 {
                        word.exact = forms.pop();
                    }
                }
            }
            let single = word.stem().is_some();
            if planner.pairs && single && previous_single {
                plan.pairs.push((plan.words.len() - 1, plan.words.len()));
            }
            previous_single = single;
            plan.words.push(word);
        }
        plan
    }

    /// Whether the plan looks for nothing (every word a stopword).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AnalysisSettings;

    fn plan(text: &str, lexicon: &Lexicon) -> QueryPlan {
        let mut planner = Planner {
            analyzer: AnalysisSettings::default().analyzer(),
            exact_analyzer: None,
            lexicon,
            cache: None,
            expand: ExpandOptions::default(),
            pairs: true,
        };
        QueryPlan::words(text, false, &mut planner)
    }

    #[test]
    fn words_phrases_stopwords_and_pairs() {
        let lexicon = Lexicon::from_terms([("صواريخ", 9), ("لصواريخ", 4), ("باتريوت", 3)]);
        let plan = plan("الصواريخ في باتريوت F-35", &lexicon);
        let terms: Vec<_> = plan.words.iter().map(|w| w.terms.len()).collect();
        // في is a stopword; F-35 is a phrase of two terms.
        assert_eq!(terms, [1, 1, 2]);
        assert_eq!(plan.words[0].stem(), Some("صواريخ"));
        // The stopword does not break the pair; the phrase does not pair.
        assert_eq!(plan.pairs, [(0, 1)]);
        assert!(plan.words[0].expansions.iter().any(|e| e.term == "لصواريخ"));
        assert!(plan.words[2].expansions.is_empty());
    }

    #[test]
    fn plain_queries_have_no_syntax() {
        assert!(is_plain("صواريخ باتريوت"));
        assert!(!is_plain("title:باتريوت"));
        assert!(!is_plain("صواريخ -باتريوت"));
        assert!(!is_plain("\"صواريخ باتريوت\""));
        assert_eq!(query_words("title:(باتريوت").collect::<Vec<_>>(), ["title", "باتريوت"]);
    }
}
