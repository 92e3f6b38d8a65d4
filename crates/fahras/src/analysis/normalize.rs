//! The Arabic normalizer: folds the spellings that readers treat as one word.
//!
//! Rules, one per bullet (each has a row in `tests/data/arabic-normalize.tsv`):
//!
//! - **harakat**: the combining marks U+064B..U+065F (fathatan .. the last Arabic mark) are removed.
//! - **superscript alef**: U+0670 is removed.
//! - **Quranic marks**: U+06D6..U+06ED and the signs U+0610..U+061A are removed.
//! - **tatweel**: the stretching character U+0640 is removed.
//! - **invisible characters**: ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen and U+FEFF are removed.
//! - **alef forms**: alef with madda, hamza above, hamza below, wasla and wavy hamza become bare alef.
//! - **alef maksura**: becomes yeh.
//! - **teh marbuta**: becomes heh.
//! - **waw with hamza**: becomes waw.
//! - **yeh with hamza**: becomes yeh.
//! - **Persian letters**: Farsi yeh becomes yeh; keheh and swash kaf become kaf.
//! - **digits**: Arabic-Indic and extended Arabic-Indic digits become ASCII digits.
//! - **presentation forms**: U+FB50..U+FDFF and U+FE70..U+FEFC are rewritten through their
//!   compatibility decomposition, and the result is normalized by the rules above.
//!
//! Everything else passes through unchanged. The output contains only characters that are
//! fixed points of these rules, so normalization is idempotent.
//!
//! [`normalize_into`] is the pure function; [`ArabicNormalizer`] applies it to the text of each
//! token in a Tantivy analyzer, never touches offsets, and drops a token left empty.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::letters::*;

/// What one input character becomes.
enum Fold {
    Keep,
    Drop,
    Into(char),
    Decompose,
}

#[inline]
fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::Keep;
    }
    match c {
        ALEF_MADDA
        | ALEF_HAMZA_ABOVE
        | ALEF_HAMZA_BELOW
        | ALEF_WASLA
        | ALEF_WAVY_HAMZA_ABOVE
        | ALEF_WAVY_HAMZA_BELOW => Fold::Into(ALEF),
        ALEF_MAKSURA | YEH_HAMZA_ABOVE | FARSI_YEH => Fold::Into(YEH),
        TEH_MARBUTA => Fold::Into(HEH),
        WAW_HAMZA_ABOVE => Fold::Into(WAW),
        KEHEH | SWASH_KAF => Fold::Into(KAF),
        _ if is_arabic_mark(c) || is_invisible_joiner(c) => Fold::Drop,
        _ => match arabic_digit_value(c) {
            Some(d) => Fold::Into(char::from(b'0' + d as u8)),
            None if is_presentation_form(c) => Fold::Decompose,
            None => Fold::Keep,
        },
    }
}

#[inline]
fn push_folded(c: char, out: &mut String) {
    match fold(c) {
        Fold::Keep => out.push(c),
        Fold::Drop => {}
        Fold::Into(f) => out.push(f),
        Fold::Decompose => unicode_normalization::char::decompose_compatible(c, |d| {
            // Some ligatures of marks decompose to a space followed by the marks, and a form
            // without a decomposition comes back unchanged.
            if d == c {
                out.push(d);
            } else if !d.is_whitespace() {
                push_folded(d, out);
            }
        }),
    }
}

/// Whether [`normalize_into`] would change `text`. Cheap, and allocation free.
pub fn needs_normalization(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| !matches!(fold(c), Fold::Keep))
}

/// Writes the normalized form of `text` into `out`, replacing its contents.
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    for c in text.chars() {
        push_folded(c, out);
    }
}

/// Returns the normalized form of `text`.
///
/// ```
/// assert_eq!(fahras::analysis::normalize("إِيمَانُويل"), "ايمانويل");
/// assert_eq!(fahras::analysis::normalize("المدينة"), "المدينه");
/// assert_eq!(fahras::analysis::normalize("٢٠٢٤"), "2024");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Token filter that applies [`normalize_into`] to every token.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicNormalizer;

impl TokenFilter for ArabicNormalizer {
    type Tokenizer<T: Tokenizer> = ArabicNormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicNormalizerFilter<T> {
        ArabicNormalizerFilter { tokenizer, buffer: String::new() }
    }
}

/// The [`Tokenizer`] made by [`ArabicNormalizer`] around an inner tokenizer.
#[derive(Clone)]
pub struct ArabicNormalizerFilter<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for ArabicNormalizerFilter<T> {
    type TokenStream<'a> = ArabicNormalizerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicNormalizerTokenStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The token stream of [`ArabicNormalizerFilter`].
pub struct ArabicNormalizerTokenStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for ArabicNormalizerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if needs_normalization(&token.text) {
                normalize_into(&token.text, self.buffer);
                mem::swap(&mut token.text, self.buffer);
            }
            // A token of marks alone has nothing left to index.
            if !token.text.is_empty() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
