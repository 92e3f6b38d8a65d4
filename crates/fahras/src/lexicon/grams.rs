//! Padded letter trigrams and the similarity of two words they define.
//!
//! A word's grams are the runs of three letters of the word with a pad letter at each end:
//! `باتريوت` gives `#با بات اتر تري ريو يوت وت#`, so a word of n letters has n grams (fewer when
//! a run repeats). Two spellings of one word share most of them; the pads make the first and
//! last letters count as much as the middle ones. The similarity of two words is the Dice
//! coefficient of their gram sets: twice the grams they share over the grams they have.

/// The letter that pads a word at both ends (the null character: no term holds it).
const PAD: char = '\u{0}';

/// A gram: three letters packed in 21 bits each.
pub type Gram = u64;

fn pack(a: char, b: char, c: char) -> Gram {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

/// The distinct padded grams of `word`, sorted, into `out` (cleared first).
pub fn grams_into(word: &str, out: &mut Vec<Gram>) {
    out.clear();
    let (mut a, mut b) = (PAD, PAD);
    for (i, c) in word.chars().chain([PAD]).enumerate() {
        if i > 0 {
            out.push(pack(a, b, c));
        }
        a = b;
        b = c;
    }
    out.sort_unstable();
    out.dedup();
}

/// The distinct padded grams of `word`, sorted.
pub fn grams(word: &str) -> Vec<Gram> {
    let mut out = Vec::new();
    grams_into(word, &mut out);
    out
}

/// How many grams two sorted gram sets share.
pub fn shared(a: &[Gram], b: &[Gram]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The Dice coefficient of two gram sets of these sizes sharing `shared` grams.
pub fn dice(shared: usize, a: usize, b: usize) -> f32 {
    if a + b == 0 { 0.0 } else { (2 * shared) as f32 / (a + b) as f32 }
}

/// The similarity of two words: the Dice coefficient of their padded grams, from 0 (no gram
/// in common) to 1 (the same grams).
///
/// ```
/// use fahras::lexicon::similarity;
/// assert_eq!(similarity("باتريوت", "باتريوت"), 1.0);
/// assert!(similarity("نيوزيلندا", "نيوزلندا") > 0.7);
/// assert!(similarity("صاروخ", "صارخ") < 0.5);
/// ```
pub fn similarity(a: &str, b: &str) -> f32 {
    let (a, b) = (grams(a), grams(b));
    dice(shared(&a, &b), a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_one_gram_per_letter() {
        assert_eq!(grams("باتريوت").len(), 7);
        assert_eq!(grams("ب").len(), 1);
        assert!(grams("").is_empty());
        // A repeated run counts once.
        assert_eq!(grams("aaaa").len(), 4 - 1);
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        for (a, b) in [("صواريخ", "صاروخ"), ("ترامب", "ترمب"), ("abc", "xyz")] {
            let s = similarity(a, b);
            assert_eq!(s, similarity(b, a));
            assert!((0.0..=1.0).contains(&s));
        }
        assert_eq!(similarity("abc", "xyz"), 0.0);
    }
}
