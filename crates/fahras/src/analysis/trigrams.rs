//! Letter trigrams of every word, for the `body_trigrams` field of indexes made before the
//! [lexicon](crate::lexicon).
//!
//! Arabic writes one word in many surface forms that a light stemmer does not join: verb
//! forms (اجتمع، الاجتماع), clitics it leaves alone (لوثر، للوثر), broken agreement, and the
//! spelling slips of real queries. Two such forms share most of their runs of three letters.
//! fahras 0.1 indexed the letter trigrams of every word beside the stems, to rank the forms
//! of a query word; the lexicon now finds them among the index's distinct stems at query
//! time, at no cost per indexed word. Searches no longer read this field; writers still fill
//! it in the indexes that have it, so that those stay whole.
//!
//! Rules, one per bullet (each has a row in `tests/data/arabic-trigrams.tsv`); the input is a
//! normalized, unstemmed word:
//!
//! - **Arabic words**: an Arabic word of more than three letters becomes every run of three
//!   consecutive letters, in order: باتريوت gives بات اتر تري ريو يوت.
//! - **short words**: an Arabic word of three letters or fewer stays whole.
//! - **other scripts**: a word that does not start with an Arabic letter (Latin, digits, CJK)
//!   stays whole, so that it counts in the trigram field as an Arabic word does through its
//!   trigrams.
//!
//! [`trigrams`] is the pure function; [`TrigramSplitter`] applies it to every token of a
//! Tantivy analyzer, each trigram keeping the offsets and position of its word.

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::letters::is_arabic_letter;

/// The length of a trigram, in letters.
pub const GRAM: usize = 3;

/// The byte ranges of the trigrams of `word` (see the rules above): one range covering the
/// whole word when it stays whole, none when it is empty.
pub fn trigram_ranges(word: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    trigram_ranges_into(word, &mut Vec::new(), &mut ranges);
    ranges
}

/// [`trigram_ranges`] into reused buffers: `bounds` receives the byte offset of every letter.
fn trigram_ranges_into(word: &str, bounds: &mut Vec<usize>, ranges: &mut Vec<Range<usize>>) {
    ranges.clear();
    if word.is_empty() {
        return;
    }
    if !word.chars().next().is_some_and(is_arabic_letter) {
        ranges.push(0..word.len());
        return;
    }
    bounds.clear();
    bounds.extend(word.char_indices().map(|(i, _)| i));
    bounds.push(word.len());
    let letters = bounds.len() - 1;
    if letters <= GRAM {
        ranges.push(0..word.len());
        return;
    }
    ranges.extend((0..=letters - GRAM).map(|i| bounds[i]..bounds[i + GRAM]));
}

/// The trigrams of `word`, each a substring of it.
///
/// ```
/// use fahras::analysis::trigrams;
/// assert_eq!(trigrams("باتريوت"), ["بات", "اتر", "تري", "ريو", "يوت"]);
/// assert_eq!(trigrams("قمة"), ["قمة"]);
/// assert_eq!(trigrams("patriot"), ["patriot"]);
/// ```
pub fn trigrams(word: &str) -> Vec<&str> {
    trigram_ranges(word).into_iter().map(|r| &word[r]).collect()
}

/// Token filter that replaces every token by its [`trigrams`].
#[derive(Clone, Copy, Debug, Default)]
pub struct TrigramSplitter;

impl TokenFilter for TrigramSplitter {
    type Tokenizer<T: Tokenizer> = TrigramSplitterFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> TrigramSplitterFilter<T> {
        TrigramSplitterFilter { tokenizer }
    }
}

/// The [`Tokenizer`] made by [`TrigramSplitter`] around an inner tokenizer.
#[derive(Clone)]
pub struct TrigramSplitterFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for TrigramSplitterFilter<T> {
    type TokenStream<'a> = TrigramSplitterTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TrigramSplitterTokenStream {
            tail: self.tokenizer.token_stream(text),
            token: Token::default(),
            bounds: Vec::new(),
            ranges: Vec::new(),
            next: 0,
        }
    }
}

/// The token stream of [`TrigramSplitterFilter`].
pub struct TrigramSplitterTokenStream<T> {
    tail: T,
    /// The trigram handed out last.
    token: Token,
    bounds: Vec<usize>,
    /// The trigrams of the tail's current token, and the next one to hand out.
    ranges: Vec<Range<usize>>,
    next: usize,
}

impl<T: TokenStream> TokenStream for TrigramSplitterTokenStream<T> {
    fn advance(&mut self) -> bool {
        while self.next == self.ranges.len() {
            if !self.tail.advance() {
                return false;
            }
            trigram_ranges_into(&self.tail.token().text, &mut self.bounds, &mut self.ranges);
            self.next = 0;
        }
        let word = self.tail.token();
        let range = self.ranges[self.next].clone();
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(&word.text[range]);
        self.token.offset_from = word.offset_from;
        self.token.offset_to = word.offset_to;
        self.token.position = word.position;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigram_is_a_substring_of_three_letters() {
        for word in ["باتريوت", "والصواريخ", "مستشفيات"] {
            let grams = trigrams(word);
            assert_eq!(grams.len(), word.chars().count() - 2);
            assert!(grams.iter().all(|g| word.contains(g) && g.chars().count() == GRAM));
        }
        assert!(trigrams("").is_empty());
    }
}
