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
/// neighbours (the optimal string alignment distance is at most one).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    // The first difference decides which single edit could explain it.
    let Some(i) = short.iter().zip(long.iter()).position(|(x, y)| x != y) else {
        return true; // equal, or one letter added at the end
    };
    if short.len() == long.len() {
        let replaced = short[i + 1..] == long[i + 1..];
        let swapped = i + 1 < short.len()
            && short[i] == long[i + 1]
            && short[i + 1] == long[i]
            && short[i + 2..] == long[i + 2..];
        replaced || swapped
    } else {
        short[i..] == long[i + 1..]
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
