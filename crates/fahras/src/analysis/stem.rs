//! The light stemmer: strips clitics and light affixes, never touching the root.
//!
//! This is the Light10 family of Larkey, Ballesteros and Connell, *Light Stemming for Arabic
//! Information Retrieval* (2007), in the form Lucene's `ArabicStemmer` uses. It works on
//! normalized text and only ever shortens a word, so a stem is always a substring of its input.
//!
//! Rules, one per bullet (each has a row in `tests/data/arabic-stem.tsv`):
//!
//! - **prefixes**: at most one of ال وال بال كال فال لل و is removed, the first that matches in
//!   that order ([`PREFIXES`]).
//! - **conjunction with a preposition**: وبال and ولل, the conjunction و on بال or لل, are
//!   removed whole, so وبالصواريخ stems like الصواريخ. They are tried first.
//! - **prefix guard**: at least two letters must remain after a prefix ([`MIN_STEM`]).
//! - **waw guard**: the single-letter prefix و is removed only from words of four letters or
//!   more ([`MIN_WAW_WORD`]), so و-initial roots such as ورد keep it.
//! - **suffixes**: each of ها ان ات ون ين يه ية ه ة ي is removed in turn when it matches
//!   ([`SUFFIXES`]), so ساهدهات loses ات and then ه.
//! - **suffix guard**: a suffix is removed only if at least two letters remain ([`MIN_STEM`]).
//!
//! [`light_stem`] is the pure function; [`ArabicStemmer`] applies it to the text of each token
//! in a Tantivy analyzer and never touches offsets.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::letters::*;

/// Prefixes tried in order; the first that matches (within the guards) is removed.
pub const PREFIXES: &[&[char]] = &[
    &[WAW, BEH, ALEF, LAM],
    &[WAW, LAM, LAM],
    &[ALEF, LAM],
    &[WAW, ALEF, LAM],
    &[BEH, ALEF, LAM],
    &[KAF, ALEF, LAM],
    &[FEH, ALEF, LAM],
    &[LAM, LAM],
    &[WAW],
];

/// Suffixes tried in order; each one that matches (within the guard) is removed.
pub const SUFFIXES: &[&[char]] = &[
    &[HEH, ALEF],
    &[ALEF, NOON],
    &[ALEF, TEH],
    &[WAW, NOON],
    &[YEH, NOON],
    &[YEH, HEH],
    &[YEH, TEH_MARBUTA],
    &[HEH],
    &[TEH_MARBUTA],
    &[YEH],
];

/// The fewest letters a stem may keep (Larkey et al.: "two or more characters").
pub const MIN_STEM: usize = 2;

/// The fewest letters a word needs before the prefix و is removed.
pub const MIN_WAW_WORD: usize = 4;

fn starts_with(word: &str, affix: &[char]) -> bool {
    let mut chars = word.chars();
    affix.iter().all(|&a| chars.next() == Some(a))
}

fn ends_with(word: &str, affix: &[char]) -> bool {
    let mut chars = word.chars().rev();
    affix.iter().rev().all(|&a| chars.next() == Some(a))
}

fn byte_len(affix: &[char]) -> usize {
    affix.iter().map(|c| c.len_utf8()).sum()
}

/// The byte range of the stem of `word` within `word`.
pub fn light_stem_range(word: &str) -> std::ops::Range<usize> {
    let (mut start, mut end) = (0, word.len());
    let mut letters = word.chars().count();
    for prefix in PREFIXES {
        let guard = if prefix.len() == 1 { letters >= MIN_WAW_WORD } else { true };
        if guard && letters >= prefix.len() + MIN_STEM && starts_with(word, prefix) {
            start = byte_len(prefix);
            letters -= prefix.len();
            break;
        }
    }
    for suffix in SUFFIXES {
        if letters >= suffix.len() + MIN_STEM && ends_with(&word[start..end], suffix) {
            end -= byte_len(suffix);
            letters -= suffix.len();
        }
    }
    start..end
}

/// Returns the light stem of `word`, a substring of it.
///
/// ```
/// use fahras::analysis::light_stem;
/// assert_eq!(light_stem("والصواريخ"), "صواريخ");
/// assert_eq!(light_stem("صواريخها"), "صواريخ");
/// assert_eq!(light_stem("الو"), "الو"); // too short to lose its prefix
/// ```
pub fn light_stem(word: &str) -> &str {
    &word[light_stem_range(word)]
}

/// Replaces `word` by its [`light_stem`], without allocating: what [`ArabicStemmer`] does to
/// every token.
pub fn stem_in_place(word: &mut String) {
    if !word.is_ascii() {
        let range = light_stem_range(word);
        word.truncate(range.end);
        word.drain(..range.start);
    }
}

/// Token filter that replaces every token's text by its [`light_stem`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicStemmer;

impl TokenFilter for ArabicStemmer {
    type Tokenizer<T: Tokenizer> = ArabicStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicStemmerFilter<T> {
        ArabicStemmerFilter { tokenizer }
    }
}

/// The [`Tokenizer`] made by [`ArabicStemmer`] around an inner tokenizer.
#[derive(Clone)]
pub struct ArabicStemmerFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for ArabicStemmerFilter<T> {
    type TokenStream<'a> = ArabicStemmerTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicStemmerTokenStream { tail: self.tokenizer.token_stream(text) }
    }
}

/// The token stream of [`ArabicStemmerFilter`].
pub struct ArabicStemmerTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for ArabicStemmerTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
