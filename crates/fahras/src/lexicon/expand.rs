//! Expansions: the stems of the lexicon that a query stem also looks for, and what each counts.
//!
//! Rules, one per bullet (each has a row in `tests/data/arabic-expand.tsv`); the query word and
//! the terms are stems as the analyzer makes them, the lexicon is the index's own vocabulary:
//!
//! - **the word itself**: a query stem always looks for itself, with weight 1.
//! - **similar stems**: a query stem of [`MIN_SIMILAR_LETTERS`] letters or more also *matches*
//!   the stems one edit away by an edit that Arabic spelling makes (see [`spelling_edit`]): a
//!   clitic or an imperfect prefix before the stem (سويسرا، لسويسرا; تزوج، يتزوج), a suffix
//!   letter after it (استحواذ، استحواذا), a long vowel inside it (ترامب، ترمب), one letter for
//!   another that writes the same foreign sound (موريتانيا، موريطانيا), or two neighbours
//!   swapped by a slip of the keyboard; at most [`MAX_SIMILAR`] of them, best first. Any other
//!   edit makes another word (ترامب، تراب; اسعار، اسعاف) and is at most a close spelling.
//! - **close spellings**: the stems whose [`similarity`] to a query stem of [`MIN_CLOSE_LETTERS`]
//!   letters or more is at least [`MIN_CLOSE_SIMILARITY`] count toward its score without
//!   adding matches: an article that matches the query otherwise ranks higher for writing
//!   `لبطولة` or `بطولات` where the query says `بطولة`. At most [`MAX_CLOSE`], the most similar
//!   first, then the most frequent.
//! - **weights**: an expansion counts as its similarity squared times an occurrence of the
//!   word itself, so a near spelling counts almost fully and a far one little.
//! - **clitic forms**: an expansion that is the query stem with a clitic the stemmer does not
//!   strip (و ف ب ل ك before it, a pronoun or the accusative alef after it) is the same word,
//!   and counts at least [`CLITIC_WEIGHT`].
//!
//! A word and its expansions are then scored as one term (see
//! [`search`](mod@crate::search)): their occurrences add up before BM25 saturates them, under
//! the query word's own document frequency, so that a rare variant cannot weigh more than the
//! word itself.
//!
//! [`expand`] is the pure function.

use std::collections::HashMap;

use super::{Lexicon, similarity};
use crate::analysis::letters::{
    ALEF, BEH, DAD, DAL, FEH, GHAIN, HEH, JEEM, KAF, LAM, MEEM, NOON, PEH, QAF, SAD, SEEN, TAH,
    TEH, THAL, THEH, VEH, WAW, YEH, ZAH, ZAIN,
};

/// The fewest letters a query stem needs to have similar stems (which add matches): shorter
/// stems are mostly a three-letter root and one letter, and one edit makes another word of
/// them (قايد، قاعد، فايد).
pub const MIN_SIMILAR_LETTERS: usize = 5;

/// The most similar stems a query stem matches.
pub const MAX_SIMILAR: usize = 10;

/// The fewest letters a query stem needs to have close spellings.
pub const MIN_CLOSE_LETTERS: usize = 3;

/// The least [`similarity`] of a close spelling.
pub const MIN_CLOSE_SIMILARITY: f32 = 0.5;

/// The most close spellings a query stem looks for.
pub const MAX_CLOSE: usize = 10;

/// The least weight of a clitic form.
pub const CLITIC_WEIGHT: f32 = 0.5;

/// Every one-edit neighbour of a stem of [`MIN_SIMILAR_LETTERS`] letters or more shares at
/// least this share of its grams, except a swap of neighbours, which is looked up directly.
const MIN_SIMILAR_SIMILARITY: f32 = 0.4;

/// Why a term is an expansion of a query stem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One edit away (see the [rules](self)): it matches.
    SimilarStem,
    /// Spelled like the query stem: it ranks.
    CloseSpelling,
    /// The query stem with a clitic: it ranks.
    CliticForm,
}

/// One term a query stem also looks for.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Expansion {
    /// The term, a stem of the lexicon.
    pub term: String,
    /// Why.
    pub kind: Kind,
    /// Its [`similarity`] to the query stem.
    pub similarity: f32,
    /// What one occurrence counts, relative to one of the query stem.
    pub weight: f32,
    /// Whether an article with this term matches the query word (or only ranks higher).
    pub matches: bool,
    /// Documents that have the term.
    pub doc_freq: u32,
}

/// Which expansions to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExpandOptions {
    /// Similar stems (they add matches).
    pub similar_stems: bool,
    /// Close spellings and clitic forms (they rank).
    pub close_spellings: bool,
}

impl Default for ExpandOptions {
    fn default() -> Self {
        ExpandOptions { similar_stems: true, close_spellings: true }
    }
}

/// The expansions of `stem` in `lexicon` (see the [rules](self)), similar stems first, then by
/// weight; the stem itself is not among them.
///
/// ```
/// use fahras::lexicon::Lexicon;
/// use fahras::lexicon::expand::{ExpandOptions, Kind, expand};
/// let lexicon = Lexicon::from_terms([("سويسرا", 40), ("لسويسرا", 3), ("سويسري", 9), ("روسيا", 50)]);
/// let found = expand("سويسرا", &lexicon, ExpandOptions::default());
/// assert_eq!(found[0].term, "لسويسرا");
/// assert_eq!(found[0].kind, Kind::SimilarStem);
/// assert!(found.iter().all(|e| e.term != "روسيا"));
/// ```
pub fn expand(stem: &str, lexicon: &Lexicon, options: ExpandOptions) -> Vec<Expansion> {
    let letters = stem.chars().count();
    let similar = options.similar_stems && letters >= MIN_SIMILAR_LETTERS;
    let close = options.close_spellings && letters >= MIN_CLOSE_LETTERS;
    if !similar && !close {
        return Vec::new();
    }
    let floor = if similar { MIN_SIMILAR_SIMILARITY } else { MIN_CLOSE_SIMILARITY };
    let expansion = |id: u32, similarity: f32, matches: bool| {
        let term = lexicon.term(id);
        let clitic = is_clitic_form(stem, term);
        let mut weight = similarity * similarity;
        if clitic {
            weight = weight.max(CLITIC_WEIGHT);
        }
        let kind = match (matches, clitic) {
            (true, _) => Kind::SimilarStem,
            (false, true) => Kind::CliticForm,
            (false, false) => Kind::CloseSpelling,
        };
        Expansion {
            term: term.to_string(),
            kind,
            similarity,
            weight,
            matches,
            doc_freq: lexicon.doc_freq_of(id),
        }
    };
    let by_rank = |a: &Expansion, b: &Expansion| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.doc_freq.cmp(&a.doc_freq))
            .then_with(|| a.term.cmp(&b.term))
    };
    let mut matching = Vec::new();
    let mut ranking = Vec::new();
    for found in lexicon.close_terms(stem, floor) {
        let term = lexicon.term(found.id);
        if similar && spelling_edit(stem, term).is_some() {
            matching.push(expansion(found.id, found.similarity, true));
        } else if close && found.similarity >= MIN_CLOSE_SIMILARITY {
            ranking.push(expansion(found.id, found.similarity, false));
        }
    }
    if similar {
        // A swap of neighbours can leave too few grams in common to be among the close terms.
        for swapped in swaps(stem) {
            if let Some(id) = lexicon.find(&swapped)
                && !matching.iter().any(|e| e.term == swapped)
            {
                ranking.retain(|e| e.term != swapped);
                matching.push(expansion(id, similarity(stem, &swapped), true));
            }
        }
    }
    matching.sort_by(by_rank);
    matching.truncate(MAX_SIMILAR);
    ranking.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| by_rank(a, b)));
    ranking.truncate(MAX_CLOSE);
    matching.extend(ranking);
    matching
}

/// Whether `a` and `b` differ by at most one insertion, deletion, replacement, or swap of
/// neighbours (the optimal string alignment distance is at most one). Allocation free: the
/// common beginning and end are set aside, and what is left must be that one edit.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    // One edit changes the length by one character at most, four bytes at most.
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    let prefix: usize =
        a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let mut a = a.chars();
    let mut b = b.chars();
    match (a.next(), a.next(), a.next(), b.next(), b.next(), b.next()) {
        // Nothing left, one letter added, dropped or replaced.
        (_, None, None, _, None, None) => true,
        // Two neighbours swapped.
        (Some(a1), Some(a2), None, Some(b1), Some(b2), None) => a1 == b2 && a2 == b1,
        _ => false,
    }
}

/// The expansions already made from one lexicon, by query stem: a word searched again is not
/// looked up again. It holds at most [`ExpansionCache::CAPACITY`] stems and starts afresh
/// when full.
#[derive(Debug, Default)]
pub struct ExpansionCache {
    map: std::sync::Mutex<HashMap<(String, ExpandOptions), Vec<Expansion>>>,
}

impl ExpansionCache {
    /// The most stems it holds.
    pub const CAPACITY: usize = 10_000;

    /// The expansions of `stem` in `lexicon`, which must be the lexicon this cache belongs to.
    pub fn expand(&self, stem: &str, lexicon: &Lexicon, options: ExpandOptions) -> Vec<Expansion> {
        let key = (stem.to_string(), options);
        if let Some(found) = self.lock().get(&key) {
            return found.clone();
        }
        let found = expand(stem, lexicon, options);
        let mut map = self.lock();
        if map.len() >= Self::CAPACITY {
            map.clear();
        }
        map.insert(key, found.clone());
        found
    }

    /// The map, whatever a panicking holder left in it (each entry is whole).
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, ExpandOptions), Vec<Expansion>>> {
        self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// An edit that Arabic spelling makes to a word without making another word (see the
/// [rules](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpellingEdit {
    /// A clitic (و ف ب ل ك) or an imperfect prefix (ي ت ن ا) before the word.
    Prefix,
    /// A suffix letter (ا ه ت ي ن و) after it.
    Suffix,
    /// A long vowel (ا و ي) inside it.
    LongVowel,
    /// One letter for another that writes the same foreign sound ([`SOUNDS`]).
    SameSound,
    /// Two neighbouring letters swapped.
    Swap,
}

/// Letters written before a word that leave it the same word: the clitics the stemmer does
/// not strip and the prefixes of the imperfect.
const PREFIX_LETTERS: &[char] = &[WAW, FEH, BEH, LAM, KAF, YEH, TEH, NOON, ALEF];

/// Letters written after a word that leave it the same word: the accusative alef, the
/// feminine ending, and the letters of the pronoun and plural suffixes.
const SUFFIX_LETTERS: &[char] = &[ALEF, HEH, TEH, YEH, NOON, WAW];

/// The long vowels, which transliterations write or leave out (ترامب، ترمب; واشنطن، واشنطون).
const LONG_VOWELS: &[char] = &[ALEF, WAW, YEH];

/// Letters that write the same sound of a foreign name: t, s, d, z, the g/k/q sounds, v, p.
pub const SOUNDS: &[&[char]] = &[
    &[TEH, TAH],
    &[SEEN, SAD, THEH],
    &[DAL, DAD],
    &[THAL, ZAIN, ZAH],
    &[JEEM, GHAIN, QAF, KAF],
    &[FEH, VEH],
    &[BEH, PEH],
];

/// The edit that makes `b` of `a`, if it is one edit that Arabic spelling makes (see
/// [`SpellingEdit`]); `None` for any other edit, or for none.
///
/// ```
/// use fahras::lexicon::expand::{SpellingEdit, spelling_edit};
/// assert_eq!(spelling_edit("سويسرا", "لسويسرا"), Some(SpellingEdit::Prefix));
/// assert_eq!(spelling_edit("ترامب", "ترمب"), Some(SpellingEdit::LongVowel));
/// assert_eq!(spelling_edit("ترامب", "تراب"), None);
/// assert_eq!(spelling_edit("اسعار", "اسعاف"), None);
/// ```
pub fn spelling_edit(a: &str, b: &str) -> Option<SpellingEdit> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (long, short) = if a.len() >= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() == short.len() + 1 {
        // One letter more in `long`: at each place it may be, what it is and where.
        let mut edit = None;
        for i in 0..long.len() {
            if long[..i] == short[..i] && long[i + 1..] == short[i..] {
                let letter = long[i];
                let found = if i == 0 && PREFIX_LETTERS.contains(&letter) {
                    Some(SpellingEdit::Prefix)
                } else if i == long.len() - 1 && SUFFIX_LETTERS.contains(&letter) {
                    Some(SpellingEdit::Suffix)
                } else if i > 0 && i < long.len() - 1 && LONG_VOWELS.contains(&letter) {
                    Some(SpellingEdit::LongVowel)
                } else {
                    None
                };
                edit = edit.or(found);
            }
        }
        return edit;
    }
    if a.len() != b.len() {
        return None;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match differ[..] {
        [i] => SOUNDS
            .iter()
            .any(|sound| sound.contains(&a[i]) && sound.contains(&b[i]))
            .then_some(SpellingEdit::SameSound),
        [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i] => Some(SpellingEdit::Swap),
        _ => None,
    }
}

/// `stem` with two neighbouring letters swapped, each way it differs from `stem`.
fn swaps(stem: &str) -> Vec<String> {
    let letters: Vec<char> = stem.chars().collect();
    let mut out = Vec::new();
    for i in 1..letters.len() {
        if letters[i - 1] != letters[i] {
            let mut swapped = letters.clone();
            swapped.swap(i - 1, i);
            out.push(swapped.into_iter().collect());
        }
    }
    out
}

/// Clitics the light stemmer leaves on a word: the conjunctions and prepositions written
/// before it, alone or two together.
pub const PROCLITICS: &[&[char]] = &[
    &[],
    &[WAW],
    &[FEH],
    &[BEH],
    &[LAM],
    &[KAF],
    &[WAW, BEH],
    &[WAW, LAM],
    &[FEH, BEH],
    &[FEH, LAM],
];

/// And the ones written after it: the attached pronouns and the accusative alef (tanwin).
pub const ENCLITICS: &[&[char]] = &[
    &[],
    &[ALEF],
    &[HEH],
    &[HEH, ALEF],
    &[HEH, MEEM],
    &[HEH, MEEM, ALEF],
    &[HEH, NOON],
    &[KAF],
    &[KAF, MEEM],
    &[KAF, MEEM, ALEF],
    &[KAF, NOON],
    &[NOON, ALEF],
    &[NOON, YEH],
    &[YEH],
];

/// Whether one of `a` and `b` is the other with clitics around it (see [`PROCLITICS`] and
/// [`ENCLITICS`]).
pub fn is_clitic_form(a: &str, b: &str) -> bool {
    fn wraps(long: &str, short: &str) -> bool {
        PROCLITICS.iter().any(|pre| {
            strip_prefix(long, pre).is_some_and(|rest| {
                ENCLITICS.iter().any(|post| {
                    !(pre.is_empty() && post.is_empty()) && strip_suffix(rest, post) == Some(short)
                })
            })
        })
    }
    !a.is_empty() && !b.is_empty() && (wraps(a, b) || wraps(b, a))
}

fn strip_prefix<'a>(word: &'a str, affix: &[char]) -> Option<&'a str> {
    let mut rest = word;
    for &c in affix {
        rest = rest.strip_prefix(c)?;
    }
    Some(rest)
}

fn strip_suffix<'a>(word: &'a str, affix: &[char]) -> Option<&'a str> {
    let mut rest = word;
    for &c in affix.iter().rev() {
        rest = rest.strip_suffix(c)?;
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_apart_is_symmetric_and_counts_one_edit() {
        let pairs = [
            ("abcde", "abcde", true),
            ("abcde", "abcdef", true),
            ("abcde", "xabcde", true),
            ("abcde", "abxde", true),
            ("abcde", "abdce", true),
            ("abcde", "abde", true),
            ("abcde", "abxye", false),
            ("abcde", "abc", false),
            ("abcde", "bacdx", false),
            ("", "a", true),
            ("", "ab", false),
        ];
        for (a, b, expected) in pairs {
            assert_eq!(one_edit_apart(a, b), expected, "{a} {b}");
            assert_eq!(one_edit_apart(b, a), expected, "{b} {a}");
        }
    }

    #[test]
    fn swaps_are_every_neighbour_exchange() {
        assert_eq!(swaps("abc"), ["bac", "acb"]);
        assert_eq!(swaps("aab"), ["aba"]);
        assert!(swaps("a").is_empty());
    }

    #[test]
    fn clitic_forms_wrap_the_stem() {
        assert!(is_clitic_form("عدد", "بعدد"));
        assert!(is_clitic_form("عددهم", "عدد"));
        assert!(is_clitic_form("عدد", "وبعددهم"));
        assert!(!is_clitic_form("عدد", "عدد"));
        assert!(!is_clitic_form("عدد", "متعدد"));
    }
}
