//! The query plan: what each word of a plain-word query looks for, before any index is read.
//!
//! A plan is made from the query text, the analyzer and the [`Lexicon`]; it needs no index, so
//! what a query will do can be shown and tested on its own. [`QueryPlan::words`] analyzes every
//! word: a word that analyzes to one term looks for that term and its
//! [expansions](crate::lexicon::expand); a word that analyzes to several (`F-35`, Japanese,
//! CJK bigrams) is a phrase of them; a stopword looks for nothing. A `"quoted phrase"` is
//! looked for as written: its terms next to each other, without other spellings (and a quoted
//! single word is that word alone). Two neighbouring words of the query that are single terms
//! make a *pair*, which adds to the score of the articles that write them close together.
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

/// Whether a query is plain words and quoted phrases: no other character of the query syntax,
/// quotes that pair up, no `-word`, and none of the operators AND, OR, NOT and IN.
pub(crate) fn is_plain(text: &str) -> bool {
    !text.contains(|c: char| (SYNTAX.contains(c) && c != '"') || c == '\'')
        && text.matches('"').count().is_multiple_of(2)
        && !text
            .split_whitespace()
            .any(|w| w.starts_with('-') || matches!(w, "AND" | "OR" | "NOT" | "IN" | "&&" | "||"))
}

/// The parts of a plain query: its unquoted stretches and its quoted phrases, in order. With
/// `quotes` false, the whole text is one unquoted stretch.
fn parts(text: &str, quotes: bool) -> Vec<(&str, bool)> {
    if !quotes {
        return vec![(text, false)];
    }
    text.split('"').enumerate().map(|(i, part)| (part, i % 2 == 1)).collect()
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
    /// Whether the query quoted it: looked for as written, without other spellings.
    pub quoted: bool,
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

impl Planner<'_> {
    /// What one word of the query (or one quoted phrase) looks for; `None` for a stopword.
    fn word(&mut self, written: &str, quoted: bool) -> Option<WordPlan> {
        let mut terms = Vec::new();
        self.analyzer
            .token_stream(written)
            .process(&mut |t| terms.push((t.position, t.text.clone())));
        if terms.is_empty() {
            return None;
        }
        let mut word = WordPlan {
            written: written.to_string(),
            terms,
            expansions: Vec::new(),
            exact: None,
            quoted,
        };
        if let Some(stem) = word.stem() {
            if !quoted {
                word.expansions = match self.cache {
                    Some(cache) => cache.expand(stem, self.lexicon, self.expand),
                    None => expand(stem, self.lexicon, self.expand),
                };
            }
            if let Some(exact) = &mut self.exact_analyzer {
                let mut forms = Vec::new();
                exact.token_stream(written).process(&mut |t| forms.push(t.text.clone()));
                if forms.len() == 1 {
                    word.exact = forms.pop();
                }
            }
        }
        Some(word)
    }
}

impl QueryPlan {
    /// The plan of `text` read as plain words, with `"quoted phrases"` when `quotes` is true
    /// (see the [module docs](self)).
    pub fn words(
        text: &str,
        quotes: bool,
        all_words: bool,
        planner: &mut Planner<'_>,
    ) -> QueryPlan {
        let mut plan = QueryPlan { all_words, ..QueryPlan::default() };
        // Whether the previous word of the query was a single term (a pair can start there).
        let mut previous_single = false;
        for (part, quoted) in parts(text, quotes) {
            let written: Vec<&str> =
                if quoted { vec![part.trim()] } else { query_words(part).collect() };
            for written in written.into_iter().filter(|w| !w.is_empty()) {
                let Some(word) = planner.word(written, quoted) else {
                    // A stopword: the words around it may still make a pair.
                    continue;
                };
                let single = word.stem().is_some() && !quoted;
                if planner.pairs && single && previous_single {
                    plan.pairs.push((plan.words.len() - 1, plan.words.len()));
                }
                previous_single = single;
                plan.words.push(word);
            }
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
        QueryPlan::words(text, true, false, &mut planner)
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
    fn quoted_phrases_and_words_are_looked_for_as_written() {
        let lexicon = Lexicon::from_terms([("صواريخ", 9), ("لصواريخ", 4), ("باتريوت", 3)]);
        let plan = plan("\"الصواريخ باتريوت\" \"الصواريخ\" صواريخ", &lexicon);
        let shapes: Vec<_> = plan.words.iter().map(|w| (w.terms.len(), w.quoted)).collect();
        assert_eq!(shapes, [(2, true), (1, true), (1, false)]);
        // A quoted word has no other spellings; the same word unquoted has.
        assert!(plan.words[1].expansions.is_empty());
        assert!(!plan.words[2].expansions.is_empty());
        assert!(plan.pairs.is_empty(), "quoted words do not pair");
    }

    #[test]
    fn plain_queries_have_no_syntax_but_quotes() {
        assert!(is_plain("صواريخ باتريوت"));
        assert!(!is_plain("title:باتريوت"));
        assert!(!is_plain("صواريخ -باتريوت"));
        assert!(is_plain("\"صواريخ باتريوت\" ترامب"));
        assert!(!is_plain("\"صواريخ باتريوت"));
        assert_eq!(query_words("title:(باتريوت").collect::<Vec<_>>(), ["title", "باتريوت"]);
    }
}
