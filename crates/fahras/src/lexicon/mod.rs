//! The lexicon: the index's own vocabulary, where a query word finds its other spellings.
//!
//! Arabic writes one word in many ways that a light stemmer leaves apart: a clitic it does
//! not strip (لسويسرا، سويسرا), an imperfect prefix (يتزوج، تزوج), a transliterated name spelled
//! two ways (نيوزيلندا، نيوزلندا), a slip of the keyboard. Matching them in the postings would
//! cost every indexed word; matching them in the *vocabulary* costs one lookup per query word.
//! The lexicon holds every distinct Arabic stem of the `body` field with its document
//! frequency, and an index from each padded letter trigram ([`grams`](mod@grams)) to the stems
//! that have it, so that [`Lexicon::close_terms`] finds the stems spelled like a query stem in
//! microseconds. Its size grows with the vocabulary, not with the text.
//!
//! What a query word does with the close stems it finds is decided by the rules of
//! [`expand`](mod@expand): which ones also match, which ones only rank, and with what weight.
//!
//! A lexicon describes one commit of the index. [`NewsWriter::commit`](crate::NewsWriter::commit)
//! builds it from the term dictionaries of the segments and writes it beside them as
//! [`LEXICON_FILE`] ([`file`](mod@file) describes the format); a searcher loads that file, or,
//! when it is missing, older than the index or damaged, builds the lexicon in memory from the
//! index itself, so a reader with read access alone always has one. Merging segments does not
//! change the vocabulary, so a lexicon stays valid until the next commit.

pub mod expand;
pub mod file;
pub mod grams;

use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy::{Opstamp, Searcher};

pub use self::file::LEXICON_FILE;
pub use self::grams::{Gram, similarity};
use self::grams::{dice, grams_into};

/// The most grams a close term may have more or fewer than the query word (about as many
/// letters): further apart, two words are not spellings of one.
pub const MAX_GRAM_DIFFERENCE: usize = 3;

/// The first and the last byte (excluded) that start an Arabic-script term in UTF-8: the
/// terms of U+0600..U+06FF.
const ARABIC_FIRST_BYTE: u8 = 0xD8;
const ARABIC_END_BYTE: u8 = 0xDC;

/// The vocabulary of one commit of an index; see the [module docs](self).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// The commit the lexicon was built at.
    pub(crate) opstamp: Opstamp,
    /// Every term, sorted, concatenated.
    pub(crate) text: String,
    /// Where each term ends in `text`.
    pub(crate) ends: Vec<u32>,
    /// Documents that have each term (deleted ones included, until segments merge).
    pub(crate) doc_freq: Vec<u32>,
    /// How many distinct grams each term has.
    pub(crate) gram_count: Vec<u8>,
    /// The distinct grams of all terms, sorted.
    pub(crate) gram_keys: Vec<Gram>,
    /// Where the terms of each gram start in `gram_terms` (one more entry than `gram_keys`).
    pub(crate) gram_starts: Vec<u32>,
    /// For each gram, the ids of the terms that have it, ascending.
    pub(crate) gram_terms: Vec<u32>,
}

/// A term of the lexicon close to a query word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Close {
    /// The term's id in the lexicon ([`Lexicon::term`]).
    pub id: u32,
    /// Its [`similarity`] to the query word.
    pub similarity: f32,
}

impl Lexicon {
    /// Builds the lexicon of `field` from the term dictionaries of every segment of
    /// `searcher`, which shows the commit `opstamp`.
    pub fn build(searcher: &Searcher, field: Field, opstamp: Opstamp) -> tantivy::Result<Lexicon> {
        let mut inverted = Vec::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            inverted.push(segment.inverted_index(field)?);
        }
        let mut streams = Vec::with_capacity(inverted.len());
        for index in &inverted {
            streams.push(
                index
                    .terms()
                    .range()
                    .ge([ARABIC_FIRST_BYTE])
                    .lt([ARABIC_END_BYTE])
                    .into_stream()?,
            );
        }
        let mut merger = TermMerger::new(streams);
        let mut terms = TermsBuilder::default();
        while merger.advance() {
            let doc_freq: u32 =
                merger.current_segment_ords_and_term_infos().map(|(_, info)| info.doc_freq).sum();
            if let Ok(term) = std::str::from_utf8(merger.key()) {
                terms.push(term, doc_freq);
            }
        }
        Ok(terms.finish(opstamp))
    }

    /// A lexicon of the given terms and document frequencies, in any order (a term given twice
    /// adds up): for tests, and for vocabularies that do not come from an index.
    pub fn from_terms<'a>(terms: impl IntoIterator<Item = (&'a str, u32)>) -> Lexicon {
        let mut all: Vec<(&str, u32)> = terms.into_iter().collect();
        all.sort_unstable();
        let mut builder = TermsBuilder::default();
        let mut i = 0;
        while i < all.len() {
            let term = all[i].0;
            let mut doc_freq = 0u32;
            while i < all.len() && all[i].0 == term {
                doc_freq = doc_freq.saturating_add(all[i].1);
                i += 1;
            }
            builder.push(term, doc_freq);
        }
        builder.finish(0)
    }

    /// The commit this lexicon describes (Tantivy's opstamp).
    pub fn opstamp(&self) -> Opstamp {
        self.opstamp
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The term with this id.
    pub fn term(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.text[start..self.ends[id] as usize]
    }

    /// The documents that have the term with this id (deleted ones included until their
    /// segments merge).
    pub fn doc_freq_of(&self, id: u32) -> u32 {
        self.doc_freq[id as usize]
    }

    /// The id of `term`, if the lexicon has it.
    pub fn find(&self, term: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.term(mid as u32).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// The documents that have `term`, 0 if the lexicon does not have it.
    pub fn doc_freq(&self, term: &str) -> u32 {
        self.find(term).map_or(0, |id| self.doc_freq_of(id))
    }

    /// The ids of the terms that have `gram`, ascending.
    fn terms_with(&self, gram: Gram) -> &[u32] {
        match self.gram_keys.binary_search(&gram) {
            Ok(i) => {
                &self.gram_terms[self.gram_starts[i] as usize..self.gram_starts[i + 1] as usize]
            }
            Err(_) => &[],
        }
    }

    /// Every term whose [`similarity`] to `word` is at least `min_similarity` (above 0), and
    /// whose number of grams differs from the word's by at most [`MAX_GRAM_DIFFERENCE`],
    /// `word` itself left out; in no particular order.
    ///
    /// The search reads only the shortest gram lists: a close term must share some number of
    /// grams with the word, so it has one of the word's rarest grams, and its other shared
    /// grams are looked up in the longer lists by binary search.
    pub fn close_terms(&self, word: &str, min_similarity: f32) -> Vec<Close> {
        let mut query = Vec::new();
        grams_into(word, &mut query);
        let q = query.len();
        if q == 0 || self.is_empty() || min_similarity <= 0.0 {
            return Vec::new();
        }
        // A close term has t >= q - MAX_GRAM_DIFFERENCE grams and shares s with the word,
        // where 2s >= min_similarity * (q + t): so at least `needed` grams.
        let t_min = q.saturating_sub(MAX_GRAM_DIFFERENCE).max(1);
        let needed = ((min_similarity * (q + t_min) as f32 / 2.0).ceil() as usize).clamp(1, q);
        let mut lists: Vec<&[u32]> = query.iter().map(|&g| self.terms_with(g)).collect();
        lists.sort_by_key(|list| list.len());
        // Every close term is in one of the `q - needed + 1` shortest lists.
        let (scan, probe) = lists.split_at(q - needed + 1);
        let mut seen: Vec<(u32, u32)> = Vec::new(); // (term id, grams shared so far)
        for list in scan {
            seen.extend(list.iter().map(|&id| (id, 1)));
        }
        seen.sort_unstable_by_key(|&(id, _)| id);
        seen.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 += 1;
            }
            same
        });
        let mut out = Vec::new();
        for (id, mut shared) in seen {
            let t = usize::from(self.gram_count[id as usize]);
            if t.abs_diff(q) > MAX_GRAM_DIFFERENCE {
                continue;
            }
            for list in probe {
                shared += u32::from(list.binary_search(&id).is_ok());
            }
            let similarity = dice(shared as usize, q, t);
            if similarity >= min_similarity && self.term(id) != word {
                out.push(Close { id, similarity });
            }
        }
        out
    }
}

/// Collects sorted terms into a [`Lexicon`], building the gram index at the end.
#[derive(Default)]
struct TermsBuilder {
    lexicon: Lexicon,
    /// The grams of every term, in term order.
    grams: Vec<Gram>,
    scratch: Vec<Gram>,
}

impl TermsBuilder {
    /// Adds a term, greater than every term added before.
    fn push(&mut self, term: &str, doc_freq: u32) {
        let lexicon = &mut self.lexicon;
        let (Ok(end), Ok(_)) =
            (u32::try_from(lexicon.text.len() + term.len()), u32::try_from(lexicon.ends.len() + 1))
        else {
            return; // beyond 4 GiB of terms: the rest is left out
        };
        grams_into(term, &mut self.scratch);
        lexicon.text.push_str(term);
        lexicon.ends.push(end);
        lexicon.doc_freq.push(doc_freq);
        lexicon.gram_count.push(u8::try_from(self.scratch.len()).unwrap_or(u8::MAX));
        self.grams.extend_from_slice(&self.scratch);
    }

    fn finish(mut self, opstamp: Opstamp) -> Lexicon {
        let mut pairs: Vec<(Gram, u32)> = Vec::with_capacity(self.grams.len());
        let mut at = 0;
        for (id, &count) in self.lexicon.gram_count.iter().enumerate() {
            let count = usize::from(count);
            pairs.extend(self.grams[at..at + count].iter().map(|&g| (g, id as u32)));
            at += count;
        }
        drop(self.grams);
        pairs.sort_unstable();
        let lexicon = &mut self.lexicon;
        lexicon.opstamp = opstamp;
        lexicon.gram_terms = pairs.iter().map(|&(_, id)| id).collect();
        for (i, &(gram, _)) in pairs.iter().enumerate() {
            if lexicon.gram_keys.last() != Some(&gram) {
                lexicon.gram_keys.push(gram);
                lexicon.gram_starts.push(i as u32);
            }
        }
        lexicon.gram_starts.push(pairs.len() as u32);
        self.lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close<'a>(lexicon: &'a Lexicon, word: &str, min: f32) -> Vec<&'a str> {
        let mut terms: Vec<&str> =
            lexicon.close_terms(word, min).iter().map(|c| lexicon.term(c.id)).collect();
        terms.sort_unstable();
        terms
    }

    #[test]
    fn close_terms_equal_a_scan_of_every_term() {
        let words = [
            "صواريخ",
            "صاروخ",
            "صارخ",
            "نيوزيلندا",
            "نيوزلندا",
            "لنيوزيلندا",
            "ترامب",
            "ترمب",
            "ترام",
            "عدد",
            "بعدد",
            "لعدد",
            "متعدد",
            "عددهم",
            "باتريوت",
            "باتريروت",
            "لباتريوت",
            "سويسرا",
            "لسويسرا",
            "ب",
            "بب",
            "ببب",
        ];
        let lexicon = Lexicon::from_terms(words.iter().map(|w| (*w, 1)));
        for word in words.iter().chain(&["صواريخها", "xyz", "نيوز"]) {
            for min in [0.3, 0.4, 0.5, 0.7] {
                let q = grams::grams(word).len();
                let mut expected: Vec<&str> = words
                    .iter()
                    .copied()
                    .filter(|t| {
                        t != word
                            && similarity(word, t) >= min
                            && grams::grams(t).len().abs_diff(q) <= MAX_GRAM_DIFFERENCE
                    })
                    .collect();
                expected.sort_unstable();
                expected.dedup();
                assert_eq!(close(&lexicon, word, min), expected, "{word} at {min}");
            }
        }
    }

    #[test]
    fn terms_are_found_with_their_frequencies() {
        let lexicon = Lexicon::from_terms([("صاروخ", 3), ("ترامب", 5), ("صاروخ", 2)]);
        assert_eq!(lexicon.len(), 2);
        assert_eq!(lexicon.doc_freq("صاروخ"), 5);
        assert_eq!(lexicon.doc_freq("ترامب"), 5);
        assert_eq!(lexicon.doc_freq("غائب"), 0);
        assert!(Lexicon::default().close_terms("صاروخ", 0.5).is_empty());
    }
}
