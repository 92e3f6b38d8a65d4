//! Similar stems: which words a query word also finds, beyond those with its own stem.
//!
//! A light stemmer leaves apart forms that readers take for one word: a verb with its
//! imperfect prefix and without (يتزوج، تزوج), a clitic it does not strip (لسويسرا، سويسرا),
//! an accusative alef (استحواذاً), a name spelled with one letter more or less. Such forms are
//! one edit apart, so a search also matches the stems one edit away from a query stem.
//!
//! Rules, one per bullet (each has a row in `tests/data/arabic-similar.tsv`); both inputs are
//! stems, as the analyzer makes them:
//!
//! - **one edit**: two stems are similar when one becomes the other by inserting, deleting or
//!   replacing one letter, or by swapping two neighbouring letters.
//! - **long stems only**: a query stem of fewer than [`MIN_SIMILAR_LETTERS`] letters has no
//!   similar stems: most such stems are a three-letter root and one letter more, and one edit
//!   turns them into another word (قايد، قاعد، فايد).
//! - **same stem**: a stem is not similar to itself; it is the stem.
//!
//! [`is_similar`] is the pure function; the search matches the same stems through Tantivy's
//! Levenshtein automaton (`FuzzyTermQuery`, distance 1, a swap costing one), and the snippets
//! mark them with this function.

/// The fewest letters a query stem needs to have similar stems.
pub const MIN_SIMILAR_LETTERS: usize = 5;

/// Whether a query stem of this many letters has similar stems.
pub fn has_similar(query_stem: &str) -> bool {
    query_stem.chars().count() >= MIN_SIMILAR_LETTERS
}

/// Whether `stem` is similar to `query_stem` (see the rules above).
///
/// ```
/// use fahras::analysis::is_similar;
/// assert!(is_similar("يتزوج", "تزوج"));
/// assert!(is_similar("سويسرا", "لسويسرا"));
/// assert!(!is_similar("قايد", "قاعد")); // too short to have similar stems
/// ```
pub fn is_similar(query_stem: &str, stem: &str) -> bool {
    has_similar(query_stem) && query_stem != stem && one_edit_apart(query_stem, stem)
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
}
