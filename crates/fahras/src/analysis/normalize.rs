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
#[derive(Clone, Copy)]
enum Fold {
    Keep,
    Drop,
    Into(char),
    Decompose,
}

#[inline]
const fn fold(c: char) -> Fold {
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
            Some(d) => Fold::Into((b'0' + d as u8) as char),
            None if is_presentation_form(c) => Fold::Decompose,
            None => Fold::Keep,
        },
    }
}

/// The first code point of the Arabic block, U+0600..U+06FF, where most letters of Arabic text
/// are: [`fold`] of each of them, computed at compile time.
const ARABIC_BLOCK: u32 = 0x0600;

static ARABIC_BLOCK_FOLDS: [Fold; 256] = {
    let mut table = [Fold::Keep; 256];
    let mut i = 0;
    while i < table.len() {
        if let Some(c) = char::from_u32(ARABIC_BLOCK + i as u32) {
            table[i] = fold(c);
        }
        i += 1;
    }
    table
};

/// [`fold`], from the table for the Arabic block.
#[inline]
fn fold_fast(c: char) -> Fold {
    let offset = (c as u32).wrapping_sub(ARABIC_BLOCK);
    match ARABIC_BLOCK_FOLDS.get(offset as usize) {
        Some(&folded) => folded,
        None => fold(c),
    }
}

/// The [`fold`] of the character at byte `at` of `text`, a character boundary, and its length
/// in bytes; `None` at the end. The two-byte characters of the Arabic block (lead bytes
/// `D8..DB`) are looked up without being decoded.
#[inline(always)]
fn fold_at(text: &str, at: usize) -> Option<(Fold, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(at)?;
    if lead.is_ascii() {
        return Some((Fold::Keep, 1));
    }
    if let (0xD8..=0xDB, Some(&next)) = (lead, bytes.get(at + 1)) {
        let offset = usize::from(lead & 0x03) << 6 | usize::from(next & 0x3F);
        return Some((ARABIC_BLOCK_FOLDS[offset], 2));
    }
    let c = text[at..].chars().next()?;
    Some((fold(c), c.len_utf8()))
}

#[inline]
fn push_folded(c: char, out: &mut String) {
    match fold_fast(c) {
        Fold::Keep => out.push(c),
        folded => push_changed(c, folded, out),
    }
}

/// Writes what `c` becomes, for a character that does not stay as it is.
fn push_changed(c: char, folded: Fold, out: &mut String) {
    match folded {
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

/// Writes the normalized form of `text` into `out` (replacing its contents) if it differs
/// from `text`, and says whether it did; `out` is left alone otherwise. One pass: the
/// unchanged runs between folded characters are copied whole.
fn fold_changed(text: &str, out: &mut String) -> bool {
    if text.is_ascii() {
        return false;
    }
    let mut changed = false;
    // The start of the text not yet written.
    let mut kept = 0;
    let mut at = 0;
    while let Some((folded, len)) = fold_at(text, at) {
        if !matches!(folded, Fold::Keep) {
            if !changed {
                out.clear();
                out.reserve(text.len());
                changed = true;
            }
            out.push_str(&text[kept..at]);
            if let Some(c) = text[at..].chars().next() {
                push_changed(c, folded, out);
            }
            kept = at + len;
        }
        at += len;
    }
    if changed {
        out.push_str(&text[kept..]);
    }
    changed
}

/// Whether [`normalize_into`] would change `text`. Cheap, and allocation free.
pub fn needs_normalization(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let mut at = 0;
    while let Some((folded, len)) = fold_at(text, at) {
        if !matches!(folded, Fold::Keep) {
            return true;
        }
        at += len;
    }
    false
}

/// Writes the normalized form of `text` into `out`, replacing its contents.
pub fn normalize_into(text: &str, out: &mut String) {
    if !fold_changed(text, out) {
        out.clear();
        out.push_str(text);
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
            if fold_changed(&token.text, self.buffer) {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The normalizer as first written, one character at a time through [`fold`]: the
    /// reference for the table and the copied runs.
    fn reference(text: &str) -> String {
        fn push(c: char, out: &mut String) {
            match fold(c) {
                Fold::Keep => out.push(c),
                Fold::Drop => {}
                Fold::Into(f) => out.push(f),
                Fold::Decompose => unicode_normalization::char::decompose_compatible(c, |d| {
                    if d == c {
                        out.push(d);
                    } else if !d.is_whitespace() {
                        push(d, out);
                    }
                }),
            }
        }
        let mut out = String::new();
        text.chars().for_each(|c| push(c, &mut out));
        out
    }

    #[test]
    fn the_table_is_the_fold_of_the_arabic_block() {
        for c in ('\u{0580}'..='\u{0780}').chain(['\u{FB50}', '\u{FEFB}', '\u{FDF2}']) {
            let (mut table, mut direct) = (String::new(), String::new());
            push_folded(c, &mut table);
            direct.push_str(&reference(&c.to_string()));
            assert_eq!(table, direct, "U+{:04X}", c as u32);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn one_pass_agrees_with_the_reference(
            text in "[\u{0600}-\u{06FF}\u{FB50}-\u{FB60}\u{FEF5}-\u{FEFC}\u{FC5E}\u{200C}-\u{200F}a-c0 ]{0,12}"
        ) {
            let expected = reference(&text);
            prop_assert_eq!(normalize(&text), expected.as_str());
            prop_assert_eq!(needs_normalization(&text), expected != text);
            let mut out = String::from("stale");
            prop_assert_eq!(fold_changed(&text, &mut out), expected != text);
            if expected != text {
                prop_assert_eq!(out, expected);
            }
        }
    }
}
