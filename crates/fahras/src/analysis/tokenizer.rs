//! The news tokenizer: splits mixed Arabic, Latin and CJK text into words, by script.
//!
//! Rules, one per bullet (each has a test at the bottom of this file):
//!
//! - **Arabic words** are runs of Arabic letters together with their combining marks (harakat,
//!   superscript alef, Quranic marks) and tatweel, so `إِيمَانُويل` and `إيمانـــويل` are one
//!   token each whose offsets cover every mark.
//! - **Invisible joiners** (ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen, U+FEFF) inside a word never
//!   split it; at the edge of a word they are left out of it.
//! - **Script changes split**: `الـRTX` is the Arabic `الـ` and the Latin `RTX`; Arabic letters
//!   and digits are split too, so `٢٠٢٤م` gives `٢٠٢٤` and `م`.
//! - **Alphanumeric words**: letters of other alphabets (Latin, Greek, Cyrillic, ...) and digits
//!   (ASCII, Arabic-Indic, others) form one word, so `F35` and `2024` stay whole; Latin
//!   combining accents stay with their letter.
//! - **Hangul** runs are words.
//! - **CJK** (Han, Hiragana, Katakana) runs go to the Japanese segmenter when the tokenizer has
//!   a dictionary ([`NewsTokenizer::with_japanese`]): `京都大学` gives `京都 大学`. Without one
//!   they become overlapping bigrams, as in Lucene's `CJKBigramFilter`: `三菱重工業` gives
//!   `三菱 菱重 重工 工業`; a lone character is a unigram.
//! - Everything else (spaces, punctuation, symbols) separates words.
//!
//! Offsets are byte offsets into the original text and are never changed by the filters that
//! follow, so highlights point at what was written.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::japanese::JapaneseDictionary;
use super::letters::{is_arabic_letter, is_arabic_mark, is_invisible_joiner};

/// The writing system of a word, as the tokenizer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Arabic letters with their marks.
    Arabic,
    /// Latin, Greek, Cyrillic and other alphabets, possibly mixed with digits.
    Alphabetic,
    /// Digits only.
    Digits,
    /// Han, Hiragana and Katakana, indexed as bigrams.
    Cjk,
    /// Han, Hiragana and Katakana, segmented with the Japanese dictionary.
    Japanese,
    /// Hangul syllables and jamo.
    Hangul,
}

impl serde::Serialize for Script {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Script {
    /// A short lowercase name for display (`arabic`, `latin`, `digits`, `cjk`, `hangul`).
    pub fn name(self) -> &'static str {
        match self {
            Script::Arabic => "arabic",
            Script::Alphabetic => "latin",
            Script::Digits => "digits",
            Script::Cjk => "cjk-bigram",
            Script::Japanese => "japanese",
            Script::Hangul => "hangul",
        }
    }

    /// The script of a token's original text: that of its first character that has one.
    pub fn of_word(word: &str) -> Option<Script> {
        let mut digits = false;
        for c in word.chars() {
            match class(c) {
                Class::ArabicLetter => return Some(Script::Arabic),
                Class::Alpha => return Some(Script::Alphabetic),
                Class::Cjk => return Some(Script::Cjk),
                Class::Hangul => return Some(Script::Hangul),
                Class::Digit => digits = true,
                _ => {}
            }
        }
        digits.then_some(Script::Digits)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    ArabicLetter,
    ArabicMark,
    Alpha,
    Digit,
    CombiningMark,
    Joiner,
    Cjk,
    Hangul,
    Separator,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Arabic,
    Alphanumeric,
    Hangul,
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{309F}'
        | '\u{30A0}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{2FA1F}'
    )
}

fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}'
    )
}

fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
    )
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Alpha
        } else if c.is_ascii_digit() {
            Class::Digit
        } else {
            Class::Separator
        };
    }
    if is_arabic_letter(c) {
        Class::ArabicLetter
    } else if is_arabic_mark(c) {
        Class::ArabicMark
    } else if is_invisible_joiner(c) {
        Class::Joiner
    } else if c.is_numeric() {
        Class::Digit
    } else if is_cjk(c) {
        Class::Cjk
    } else if is_hangul(c) {
        Class::Hangul
    } else if is_combining_mark(c) {
        Class::CombiningMark
    } else if c.is_alphabetic() {
        Class::Alpha
    } else {
        Class::Separator
    }
}

/// The first code point of the Arabic block, U+0600..U+06FF, where most characters of Arabic
/// text are.
const ARABIC_BLOCK: u32 = 0x0600;

/// [`class`] of each character of the Arabic block, made once from it.
static ARABIC_BLOCK_CLASSES: LazyLock<[Class; 256]> = LazyLock::new(|| {
    let mut table = [Class::Separator; 256];
    for (c, entry) in (ARABIC_BLOCK..).filter_map(char::from_u32).zip(&mut table) {
        *entry = class(c);
    }
    table
});

/// The [`class`] of the character at byte `at` of `text`, a character boundary, and its
/// length in bytes; `None` at the end. The two-byte characters of the Arabic block (lead bytes
/// `D8..DB`) are looked up in `classes` ([`ARABIC_BLOCK_CLASSES`]) without being decoded.
#[inline(always)]
fn class_at(text: &str, at: usize, classes: &[Class; 256]) -> Option<(Class, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(at)?;
    if lead.is_ascii() {
        return Some((class(char::from(lead)), 1));
    }
    if let (0xD8..=0xDB, Some(&next)) = (lead, bytes.get(at + 1)) {
        let offset = usize::from(lead & 0x03) << 6 | usize::from(next & 0x3F);
        return Some((classes[offset], 2));
    }
    let c = text[at..].chars().next()?;
    Some((class(c), c.len_utf8()))
}

impl Group {
    fn starting_with(class: Class) -> Option<Group> {
        match class {
            Class::ArabicLetter => Some(Group::Arabic),
            Class::Alpha | Class::Digit => Some(Group::Alphanumeric),
            Class::Hangul => Some(Group::Hangul),
            _ => None,
        }
    }

    fn continues_with(self, class: Class) -> bool {
        match self {
            Group::Arabic => matches!(class, Class::ArabicLetter | Class::ArabicMark),
            Group::Alphanumeric => {
                matches!(class, Class::Alpha | Class::Digit | Class::CombiningMark)
            }
            Group::Hangul => matches!(class, Class::Hangul | Class::CombiningMark),
        }
    }
}

/// Tokenizer for news text in any mix of Arabic, Latin and CJK. See the [module docs](self).
#[derive(Clone, Default)]
pub struct NewsTokenizer {
    token: Token,
    japanese: Option<Arc<JapaneseDictionary>>,
    /// Words of the CJK run being emitted, reused from run to run.
    cjk_words: Vec<Range<usize>>,
}

impl NewsTokenizer {
    /// A tokenizer that segments CJK runs with a Japanese dictionary instead of bigrams.
    pub fn with_japanese(dictionary: Arc<JapaneseDictionary>) -> NewsTokenizer {
        NewsTokenizer { japanese: Some(dictionary), ..NewsTokenizer::default() }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        self.cjk_words.clear();
        NewsTokenStream {
            text,
            classes: &ARABIC_BLOCK_CLASSES,
            cursor: 0,
            token: &mut self.token,
            japanese: self.japanese.as_deref(),
            cjk_words: &mut self.cjk_words,
            next_cjk_word: 0,
        }
    }
}

/// The token stream of [`NewsTokenizer`].
pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// [`ARABIC_BLOCK_CLASSES`], looked up once.
    classes: &'static [Class; 256],
    /// Byte offset where scanning resumes.
    cursor: usize,
    token: &'a mut Token,
    japanese: Option<&'a JapaneseDictionary>,
    /// Words of the current CJK run, and the next one to emit.
    cjk_words: &'a mut Vec<Range<usize>>,
    next_cjk_word: usize,
}

impl NewsTokenStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        true
    }

    /// The end of the word of `group` whose first character ends at `from`.
    fn word_end(&self, group: Group, from: usize) -> usize {
        let (mut end, mut at) = (from, from);
        while let Some((class, len)) = class_at(self.text, at, self.classes) {
            match class {
                class if group.continues_with(class) => end = at + len,
                Class::Joiner => {}
                _ => break,
            }
            at += len;
        }
        end
    }

    /// Splits the CJK run starting at `start` into words: by the dictionary if there is one
    /// (and it succeeds), else into bigrams. Returns the end of the run.
    fn split_cjk_run(&mut self, start: usize) -> usize {
        let end = self.text[start..]
            .char_indices()
            .find(|&(_, c)| class(c) != Class::Cjk)
            .map_or(self.text.len(), |(offset, _)| start + offset);
        self.cjk_words.clear();
        self.next_cjk_word = 0;
        let run = &self.text[start..end];
        if let Some(dictionary) = self.japanese
            && dictionary.segment_into(run, start, self.cjk_words)
        {
            return end;
        }
        // Character boundaries a, m, z..: bigrams a..z, m..z2, ...; a lone character alone.
        let mut bounds = run.char_indices().map(|(i, _)| start + i).chain([end]);
        let (Some(mut a), Some(mut m)) = (bounds.next(), bounds.next()) else {
            return end;
        };
        let mut bigrams = false;
        for z in bounds {
            self.cjk_words.push(a..z);
            (a, m, bigrams) = (m, z, true);
        }
        if !bigrams {
            self.cjk_words.push(a..m);
        }
        end
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(word) = self.cjk_words.get(self.next_cjk_word).cloned() {
                self.next_cjk_word += 1;
                return self.emit(word.start, word.end);
            }
            let Some((class, len)) = class_at(self.text, self.cursor, self.classes) else {
                return false;
            };
            let start = self.cursor;
            let first_end = start + len;
            if class == Class::Cjk {
                self.cursor = self.split_cjk_run(start);
                continue;
            }
            match Group::starting_with(class) {
                Some(group) => {
                    let end = self.word_end(group, first_end);
                    self.cursor = end;
                    return self.emit(start, end);
                }
                None => self.cursor = first_end,
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_table_is_the_class_of_the_arabic_block() {
        for c in
            ('\u{0600}'..='\u{06FF}').chain(['a', '1', ' ', '\u{0750}', '\u{200C}', '\u{4E09}'])
        {
            let text = c.to_string();
            assert_eq!(
                class_at(&text, 0, &ARABIC_BLOCK_CLASSES),
                Some((class(c), c.len_utf8())),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// The tokenizer as first written, on decoded characters: the reference for `class_at`.
    fn reference_words(text: &str) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        let mut cursor = 0;
        while let Some(c) = text[cursor..].chars().next() {
            let start = cursor;
            cursor += c.len_utf8();
            let Some(group) = Group::starting_with(class(c)) else {
                continue;
            };
            let mut end = cursor;
            for (offset, c) in text[cursor..].char_indices() {
                match class(c) {
                    class if group.continues_with(class) => end = cursor + offset + c.len_utf8(),
                    Class::Joiner => {}
                    _ => break,
                }
            }
            cursor = end;
            words.push((start, end));
        }
        words
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn byte_classes_split_as_characters_do(
            text in "[\u{0600}-\u{06FF}\u{0750}\u{08A0}\u{FB50}\u{FE80}\u{200C}\u{200F}\u{00AD}\u{0301}a-c0-2 .\u{00E9}\u{0410}\u{AC00}]{0,16}"
        ) {
            let words: Vec<(usize, usize)> =
                tokens(&text).into_iter().map(|t| (t.1, t.2)).collect();
            prop_assert_eq!(words, reference_words(&text));
        }
    }

    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = NewsTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn arabic_words_keep_their_marks_and_tatweel() {
        assert_eq!(
            texts("السفير إِيمَانُويل و إيمانـــويل"),
            ["السفير", "إِيمَانُويل", "و", "إيمانـــويل"]
        );
        let t = tokens("قال إِيمَانُويل:");
        assert_eq!((t[1].1, t[1].2), (7, 7 + "إِيمَانُويل".len()));
    }

    #[test]
    fn invisible_joiners_stay_inside_words_but_not_at_their_edges() {
        assert_eq!(texts("مي\u{200C}خواهم"), ["مي\u{200C}خواهم"]);
        assert_eq!(texts("\u{200F}باتريوت\u{200F} و"), ["باتريوت", "و"]);
    }

    #[test]
    fn script_changes_split_words() {
        assert_eq!(texts("الـRTX"), ["الـ", "RTX"]);
        assert_eq!(texts("٢٠٢٤م"), ["٢٠٢٤", "م"]);
        assert_eq!(texts("صواريخ三菱"), ["صواريخ", "三菱"]);
    }

    #[test]
    fn alphanumeric_words_hold_letters_and_digits() {
        assert_eq!(
            texts("F35 and COVID-19, 2024 café Москва"),
            ["F35", "and", "COVID", "19", "2024", "café", "Москва"]
        );
        assert_eq!(texts("cafe\u{0301}"), ["cafe\u{0301}"]);
    }

    #[test]
    fn hangul_runs_are_words() {
        assert_eq!(texts("서울 뉴스"), ["서울", "뉴스"]);
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(texts("三菱重工業"), ["三菱", "菱重", "重工", "工業"]);
        assert_eq!(texts("京 و 京都"), ["京", "و", "京都"]);
        let t = tokens("شركة 三菱重工 اليابانية");
        let positions: Vec<usize> = t.iter().map(|t| t.3).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn separators_and_empty_text_give_no_tokens() {
        assert!(texts("").is_empty());
        assert!(texts(" ،.؟!«»—…\u{0640}\u{064B}").is_empty());
    }
}
