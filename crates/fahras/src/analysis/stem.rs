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

/// The most bytes an affix may take in UTF-8, so that it fits in a `u64`.
const MAX_AFFIX_BYTES: usize = 8;

/// An affix as UTF-8 bytes packed in a `u64`, with its length in letters: the stemmer compares
/// the first or last eight bytes of a word with it, not decoded characters. A byte-wise match
/// of a whole UTF-8 encoding at the start or the end of a word is a match of its letters,
/// since UTF-8 never starts a character inside another.
#[derive(Clone, Copy)]
struct Affix {
    /// The bytes in little-endian order: the first byte is the least significant.
    bytes: u64,
    len: usize,
    letters: usize,
}

impl Affix {
    /// The UTF-8 encoding of `letters`, at compile time.
    const fn of(letters: &[char]) -> Affix {
        let mut affix = Affix { bytes: 0, len: 0, letters: letters.len() };
        let mut i = 0;
        while i < letters.len() {
            let mut buf = [0; 4];
            let encoded = letters[i].encode_utf8(&mut buf).as_bytes();
            let mut j = 0;
            while j < encoded.len() {
                assert!(affix.len < MAX_AFFIX_BYTES, "an affix longer than eight bytes");
                // A zero byte would match the padding of a word shorter than eight bytes.
                assert!(encoded[j] != 0, "an affix with a NUL");
                affix.bytes |= (encoded[j] as u64) << (8 * affix.len);
                affix.len += 1;
                j += 1;
            }
            i += 1;
        }
        affix
    }

    /// One affix per entry of `list`, in the same order.
    const fn table<const N: usize>(list: &[&[char]]) -> [Affix; N] {
        let mut table = [Affix { bytes: 0, len: 0, letters: 0 }; N];
        let mut i = 0;
        while i < N {
            table[i] = Affix::of(list[i]);
            i += 1;
        }
        table
    }

    /// The mask of the low `len` bytes.
    #[inline]
    fn low_mask(&self) -> u64 {
        u64::MAX >> (64 - 8 * self.len)
    }

    /// Whether `head` ([`head`]) starts with the affix.
    #[inline]
    fn starts(&self, head: u64) -> bool {
        head & self.low_mask() == self.bytes
    }

    /// Whether `tail` ([`tail`]) ends with the affix.
    #[inline]
    fn ends(&self, tail: u64) -> bool {
        let shift = 64 - 8 * self.len;
        tail >> shift == self.bytes
    }
}

/// The first eight bytes of `word`, little-endian, padded with zeros if it is shorter.
#[inline]
fn head(word: &[u8]) -> u64 {
    match word.first_chunk::<8>() {
        Some(first) => u64::from_le_bytes(*first),
        None => {
            let mut buf = [0; 8];
            buf[..word.len()].copy_from_slice(word);
            u64::from_le_bytes(buf)
        }
    }
}

/// The last eight bytes of `word`, little-endian, so that the last byte is the most
/// significant, and padded with zeros below if it is shorter.
#[inline]
fn tail(word: &[u8]) -> u64 {
    match word.last_chunk::<8>() {
        Some(last) => u64::from_le_bytes(*last),
        None => {
            let mut buf = [0; 8];
            buf[8 - word.len()..].copy_from_slice(word);
            u64::from_le_bytes(buf)
        }
    }
}

/// [`PREFIXES`] in UTF-8.
const PREFIX_BYTES: [Affix; PREFIXES.len()] = Affix::table(PREFIXES);

/// [`SUFFIXES`] in UTF-8.
const SUFFIX_BYTES: [Affix; SUFFIXES.len()] = Affix::table(SUFFIXES);

/// Whether every affix starts and ends with a byte outside ASCII, which lets
/// [`light_stem_range`] pass over a word that starts and ends with ASCII.
const fn no_ascii_at_the_ends(table: &[Affix]) -> bool {
    let mut i = 0;
    while i < table.len() {
        let affix = &table[i];
        if affix.len == 0 {
            return false;
        }
        let first = (affix.bytes & 0xFF) as u8;
        let last = (affix.bytes >> (8 * (affix.len - 1))) as u8;
        if first.is_ascii() || last.is_ascii() {
            return false;
        }
        i += 1;
    }
    true
}

const _: () = assert!(no_ascii_at_the_ends(&PREFIX_BYTES) && no_ascii_at_the_ends(&SUFFIX_BYTES));

/// The number of characters of a UTF-8 string: its bytes that do not continue a character
/// (`10xxxxxx`), counted eight at a time.
#[inline]
fn letter_count(word: &[u8]) -> usize {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    // One in the low bit of each byte that has its high bit set and the next one clear, summed
    // into the top byte by the multiplication (eight bytes hold at most eight).
    let continuing = |chunk: u64| {
        let ones = (chunk & !(chunk << 1)) >> 7 & LOW_BITS;
        (ones.wrapping_mul(LOW_BITS) >> 56) as usize
    };
    let (chunks, rest) = word.as_chunks::<8>();
    let mut continued: usize =
        chunks.iter().map(|&chunk| continuing(u64::from_le_bytes(chunk))).sum();
    if !rest.is_empty() {
        // The last bytes: the top ones of the last eight, or the whole of a short word.
        continued += continuing(match word.last_chunk::<8>() {
            Some(&last) => u64::from_le_bytes(last) >> (8 * (8 - rest.len())),
            None => head(word),
        });
    }
    word.len() - continued
}

/// The byte range of the stem of `word` within `word`.
pub fn light_stem_range(word: &str) -> std::ops::Range<usize> {
    let bytes = word.as_bytes();
    let (mut start, mut end) = (0, bytes.len());
    // Every affix starts and ends with a byte outside ASCII (checked above): a word that
    // starts and ends with ASCII has none of them.
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if !(first.is_ascii() && last.is_ascii()) => {}
        _ => return start..end,
    }
    let mut letters = letter_count(bytes);
    let first = head(bytes);
    for prefix in &PREFIX_BYTES {
        let guard = if prefix.letters == 1 { letters >= MIN_WAW_WORD } else { true };
        if guard && letters >= prefix.letters + MIN_STEM && prefix.starts(first) {
            start = prefix.len;
            letters -= prefix.letters;
            break;
        }
    }
    let mut last = tail(&bytes[start..end]);
    for suffix in &SUFFIX_BYTES {
        if letters >= suffix.letters + MIN_STEM && suffix.ends(last) {
            end -= suffix.len;
            letters -= suffix.letters;
            last = tail(&bytes[start..end]);
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
    let range = light_stem_range(word);
    word.truncate(range.end);
    if range.start > 0 {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The stemmer as first written, on decoded characters: the reference for the byte-wise one.
    fn reference_range(word: &str) -> std::ops::Range<usize> {
        let starts_with = |word: &str, affix: &[char]| {
            let mut chars = word.chars();
            affix.iter().all(|&a| chars.next() == Some(a))
        };
        let ends_with = |word: &str, affix: &[char]| {
            let mut chars = word.chars().rev();
            affix.iter().rev().all(|&a| chars.next() == Some(a))
        };
        let byte_len = |affix: &[char]| affix.iter().map(|c| c.len_utf8()).sum::<usize>();
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

    #[test]
    fn letters_are_counted_as_characters() {
        for word in [
            "",
            "a",
            "\u{0627}",
            "abcdefgh\u{0627}",
            "\u{4E09}\u{00E9}x\u{1F600}\u{0627}\u{0644}\u{0648}\u{0628}",
        ] {
            assert_eq!(letter_count(word.as_bytes()), word.chars().count(), "{word:?}");
        }
    }

    #[test]
    fn ascii_and_empty_words_are_their_own_stems() {
        for word in ["", "a", "lockheed", "f35", "x\u{0627}y"] {
            assert_eq!(light_stem_range(word), reference_range(word), "{word:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Words of the affix letters (and a few others) meet every rule and guard.
        #[test]
        fn bytes_and_characters_agree(
            word in "[\u{0627}\u{0628}\u{0629}\u{062A}\u{0641}\u{0643}\u{0644}\u{0645}\u{0646}\u{0647}\u{0648}\u{064A}a\u{00E9}\u{4E09}]{0,9}"
        ) {
            prop_assert_eq!(light_stem_range(&word), reference_range(&word));
            let mut in_place = word.clone();
            stem_in_place(&mut in_place);
            prop_assert_eq!(in_place.as_str(), &word[reference_range(&word)]);
            prop_assert_eq!(letter_count(word.as_bytes()), word.chars().count());
        }
    }
}
