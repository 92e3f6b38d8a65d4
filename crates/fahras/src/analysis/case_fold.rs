//! Case folding for the scripts that have case, without touching the ones that do not.
//!
//! Rules, one per bullet (each has a test at the bottom of this file):
//!
//! - **ASCII** words are lowercased in place: `LOCKHEED` gives `lockheed`.
//! - **Arabic** words (and digits, and anything else without case) pass through untouched,
//!   without a per-character case lookup: most of the text of Arabic news.
//! - **Other alphabets** (Latin with diacritics, Greek, Cyrillic) are lowercased.
//! - **Latin diacritics** are folded through canonical decomposition (`Café` gives `cafe`,
//!   `Ørsted` gives `orsted`), and the letters without one by a short table (ß ss, æ ae,
//!   œ oe, ø o, đ d, ł l, ı i, þ th).
//! - **Fullwidth Latin and digits** become ASCII (`ＲＴＸ` gives `rtx`).
//!
//! Japanese kana keep their voicing marks: decomposition is applied to Latin letters only.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Whether a UTF-8 string may hold a character that [`has_case_or_accent`]: the lead bytes
/// of its ranges are C3..C9 and CC..D4 (two bytes), E1 and EF (three). A cheap test that
/// lets most non-ASCII words, Arabic ones among them, pass without being decoded.
#[inline]
fn may_have_case_or_accent(text: &str) -> bool {
    static LEADS: [bool; 256] = {
        let mut leads = [false; 256];
        let mut b = 0;
        while b < leads.len() {
            leads[b] = matches!(b, 0xC3..=0xD4 | 0xE1 | 0xEF);
            b += 1;
        }
        leads
    };
    text.bytes().any(|b| LEADS[usize::from(b)])
}

/// Whether a character may change under case folding.
#[inline]
fn has_case_or_accent(c: char) -> bool {
    matches!(c,
        '\u{00C0}'..='\u{024F}'
        | '\u{0370}'..='\u{052F}'
        | '\u{1E00}'..='\u{1FFF}'
        | '\u{FF01}'..='\u{FF5E}'
        | '\u{0300}'..='\u{036F}'
    )
}

fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Writes the folded form of `text` into `out`.
pub fn case_fold_into(text: &str, out: &mut String) {
    out.clear();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if !has_case_or_accent(c) {
            out.push(c);
        } else if let '\u{FF01}'..='\u{FF5E}' = c {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            out.push(ascii.to_ascii_lowercase());
        } else if ('\u{0300}'..='\u{036F}').contains(&c) {
            // A combining accent after a Latin letter: dropped.
        } else {
            for lower in c.to_lowercase() {
                match lower {
                    'ß' => out.push_str("ss"),
                    'æ' => out.push_str("ae"),
                    'œ' => out.push_str("oe"),
                    'ø' => out.push('o'),
                    'đ' => out.push('d'),
                    'ł' => out.push('l'),
                    'ı' => out.push('i'),
                    'þ' => out.push_str("th"),
                    _ if is_latin_letter(lower) => {
                        unicode_normalization::char::decompose_canonical(lower, |d| {
                            if !('\u{0300}'..='\u{036F}').contains(&d) {
                                out.push(d);
                            }
                        })
                    }
                    _ => out.push(lower),
                }
            }
        }
    }
}

/// Returns the folded form of `text`.
pub fn case_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    case_fold_into(text, &mut out);
    out
}

/// Token filter that applies [`case_fold_into`] to the tokens that need it.
#[derive(Clone, Copy, Debug, Default)]
pub struct CaseFolder;

impl TokenFilter for CaseFolder {
    type Tokenizer<T: Tokenizer> = CaseFolderFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CaseFolderFilter<T> {
        CaseFolderFilter { tokenizer, buffer: String::new() }
    }
}

/// The [`Tokenizer`] made by [`CaseFolder`] around an inner tokenizer.
#[derive(Clone)]
pub struct CaseFolderFilter<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for CaseFolderFilter<T> {
    type TokenStream<'a> = CaseFolderTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CaseFolderTokenStream { tail: self.tokenizer.token_stream(text), buffer: &mut self.buffer }
    }
}

/// The token stream of [`CaseFolderFilter`].
pub struct CaseFolderTokenStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for CaseFolderTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if text.is_ascii() {
            text.make_ascii_lowercase();
        } else if may_have_case_or_accent(text) && text.chars().any(has_case_or_accent) {
            case_fold_into(text, self.buffer);
            mem::swap(text, self.buffer);
        }
        true
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
    use super::{case_fold, has_case_or_accent, may_have_case_or_accent};

    #[test]
    fn the_byte_test_lets_through_every_character_with_case() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32).filter(|&c| has_case_or_accent(c)) {
            assert!(may_have_case_or_accent(&c.to_string()), "U+{:04X}", c as u32);
        }
        assert!(!may_have_case_or_accent("إِيمَانُويل ٢٠٢٤ 三菱"));
    }

    #[test]
    fn ascii_words_are_lowercased() {
        assert_eq!(case_fold("LOCKHEED"), "lockheed");
    }

    #[test]
    fn arabic_words_pass_through() {
        assert_eq!(case_fold("إِيمَانُويل"), "إِيمَانُويل");
    }

    #[test]
    fn other_alphabets_are_lowercased() {
        assert_eq!(case_fold("МОСКВА Αθήνα"), "москва αθήνα");
    }

    #[test]
    fn latin_diacritics_are_folded() {
        assert_eq!(
            case_fold("Café Ørsted Straße Æsir naïve cafe\u{0301}"),
            "cafe orsted strasse aesir naive cafe"
        );
    }

    #[test]
    fn fullwidth_latin_and_digits_become_ascii() {
        assert_eq!(case_fold("ＲＴＸ２０２４"), "rtx2024");
    }

    #[test]
    fn kana_keep_their_voicing_marks() {
        assert_eq!(case_fold("ガス"), "ガス");
    }
}
