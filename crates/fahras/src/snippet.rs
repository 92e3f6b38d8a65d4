//! Snippets: the passage of an article that best shows why it matched, with the matched words
//! marked by byte ranges into the snippet.
//!
//! Matching words are found by running the field's own analyzer over the stored text and
//! keeping the tokens whose term the query looked for. Token offsets point at the original
//! text, so a highlight covers the word as written: harakat, tatweel and clitics included.
//! The terms a query word was expanded to ([`lexicon::expand`](crate::lexicon::expand)) are
//! marked as that word, so an article found through another spelling shows it, and a passage
//! is chosen for the number of distinct query words it shows, not of spellings.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

/// Default length of a body snippet, in characters.
pub const DEFAULT_SNIPPET_CHARS: usize = 220;

/// A passage of text with the matched words marked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, with runs of whitespace collapsed to one space.
    pub text: String,
    /// Byte ranges of the matched words in `text`, sorted and not overlapping.
    pub highlights: Vec<Range<usize>>,
    /// Whether the passage starts after the beginning of the text.
    pub cut_before: bool,
    /// Whether the passage stops before the end of the text.
    pub cut_after: bool,
}

/// Finds the words of a text that match a set of terms.
#[derive(Clone)]
pub struct Highlighter {
    analyzer: TextAnalyzer,
    /// Term -> the query word it stands for, to count distinct words in a window.
    terms: HashMap<String, usize>,
}

impl Highlighter {
    /// A highlighter for `terms` as produced by `analyzer`, each term a word of its own.
    pub fn new(analyzer: TextAnalyzer, terms: impl IntoIterator<Item = String>) -> Highlighter {
        Highlighter::for_words(analyzer, terms.into_iter().map(|term| [term]))
    }

    /// A highlighter for the terms of several query words: each word's terms (its stem and
    /// the spellings it was expanded to) count as that word.
    pub fn for_words<W: IntoIterator<Item = String>>(
        analyzer: TextAnalyzer,
        words: impl IntoIterator<Item = W>,
    ) -> Highlighter {
        let mut map = HashMap::new();
        for (word, terms) in words.into_iter().enumerate() {
            for term in terms {
                map.entry(term).or_insert(word);
            }
        }
        Highlighter { analyzer, terms: map }
    }

    /// Whether there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The byte ranges of matching words in `text`, each with the id of its term.
    fn matches(&mut self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out: Vec<(Range<usize>, usize)> = Vec::new();
        if self.is_empty() {
            return out;
        }
        let terms = &self.terms;
        self.analyzer.token_stream(text).process(&mut |token| {
            if let Some(&id) = terms.get(&token.text) {
                let range = token.offset_from..token.offset_to;
                // CJK bigrams overlap, and Japanese words touch: merge them into one highlight.
                match out.last_mut() {
                    Some((last, _)) if last.end >= range.start => {
                        last.end = last.end.max(range.end)
                    }
                    _ => out.push((range, id)),
                }
            }
        });
        out
    }

    /// All matching words of a short text such as a title, which is kept whole.
    pub fn highlight_all(&mut self, text: &str) -> Vec<Range<usize>> {
        self.matches(text).into_iter().map(|(range, _)| range).collect()
    }

    /// The passage of at most `max_chars` characters with the most distinct matching words,
    /// or the opening of the text when nothing matches.
    pub fn snippet(&mut self, text: &str, max_chars: usize) -> Snippet {
        let matches = self.matches(text);
        best_snippet(text, &matches, max_chars.max(1))
    }
}

fn best_snippet(text: &str, matches: &[(Range<usize>, usize)], max_chars: usize) -> Snippet {
    // Byte offset of every character, plus the end of the text.
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
    let total = bounds.len() - 1;
    if total <= max_chars {
        return collapse(text, 0..text.len(), matches);
    }
    // Choose the window that starts at a match and holds the most distinct terms.
    let mut best: Option<(usize, usize, usize)> = None; // (score, first match, last match)
    for (i, (first, _)) in matches.iter().enumerate() {
        let limit = char_at(first.start) + max_chars;
        let mut seen: Vec<usize> = Vec::new();
        let mut last = i;
        for (j, (range, term)) in matches.iter().enumerate().skip(i) {
            if char_at(range.end) > limit {
                break;
            }
            if !seen.contains(term) {
                seen.push(*term);
            }
            last = j;
        }
        let score = seen.len() * 1000 + (last - i + 1);
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, i, last));
        }
    }
    let (first_char, last_char) = match best {
        Some((_, i, j)) => (char_at(matches[i].0.start), char_at(matches[j].0.end)),
        None => (0, 0),
    };
    // Give up to a quarter of the room to the words before the first match.
    let room = max_chars - (last_char - first_char).min(max_chars);
    let mut start = first_char - first_char.min(room.min(max_chars / 4));
    let mut end = (start + max_chars).min(total);
    // Start and stop at word boundaries where possible.
    if start > 0 {
        let words =
            (start..first_char).find(|&c| text[bounds[c - 1]..].starts_with(char::is_whitespace));
        start = words.unwrap_or(first_char);
    }
    if end < total {
        let stop = (last_char.max(start + 1)..=end)
            .rev()
            .find(|&c| text[bounds[c]..].starts_with(char::is_whitespace));
        end = stop.unwrap_or(end);
    }
    let mut snippet = collapse(text, bounds[start]..bounds[end], matches);
    snippet.cut_before = start > 0;
    snippet.cut_after = end < total;
    snippet
}

/// Copies `text[window]` with whitespace runs collapsed and trimmed, moving the highlights
/// that lie wholly inside the window along with it.
fn collapse(text: &str, window: Range<usize>, matches: &[(Range<usize>, usize)]) -> Snippet {
    let mut out = String::with_capacity(window.len());
    let mut highlights = Vec::new();
    let mut inside = matches
        .iter()
        .map(|(range, _)| range.clone())
        .filter(|range| range.start >= window.start && range.end <= window.end)
        .peekable();
    let mut pending_space = false;
    let mut open: Option<usize> = None;
    let mut close_at: Option<usize> = None;
    for (i, c) in text[window.clone()].char_indices() {
        let at = window.start + i;
        if close_at == Some(at) {
            if let Some(from) = open.take() {
                highlights.push(from..out.len());
            }
            close_at = None;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if inside.peek().is_some_and(|range| range.start == at) {
            let range = inside.next().unwrap_or(at..at);
            open = Some(out.len());
            close_at = Some(range.end);
        }
        out.push(c);
    }
    if let Some(from) = open {
        highlights.push(from..out.len());
    }
    Snippet { text: out, highlights, cut_before: false, cut_after: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::news_analyzer;

    fn snippet(text: &str, terms: &[&str], max: usize) -> (String, Vec<String>) {
        let mut h = Highlighter::new(news_analyzer(), terms.iter().map(|t| t.to_string()));
        let s = h.snippet(text, max);
        let marked = s.highlights.iter().map(|r| s.text[r.clone()].to_string()).collect();
        (s.text, marked)
    }

    #[test]
    fn highlights_cover_the_word_as_written() {
        let (text, marked) = snippet("قال السفير إِيمَانُويل اليوم", &["ايمانويل"], 100);
        assert_eq!(text, "قال السفير إِيمَانُويل اليوم");
        assert_eq!(marked, ["إِيمَانُويل"]);
        let (_, marked) = snippet("وصلت الصـــواريخ أمس", &["صواريخ"], 100);
        assert_eq!(marked, ["الصـــواريخ"]);
    }

    #[test]
    fn whitespace_is_collapsed_and_highlights_follow() {
        let (text, marked) = snippet("  أول\n\n سطر   باتريوت\tهنا ", &["باتريوت"], 100);
        assert_eq!(text, "أول سطر باتريوت هنا");
        assert_eq!(marked, ["باتريوت"]);
    }

    #[test]
    fn long_texts_are_cut_around_the_matches_at_word_boundaries() {
        let filler = "كلمة ".repeat(100);
        let text = format!("{filler}ثم وصلت صواريخ باتريوت إلى الميناء {filler}");
        let (snip, marked) = snippet(&text, &["صواريخ", "باتريوت"], 60);
        assert!(snip.chars().count() <= 60, "{snip}");
        assert_eq!(marked, ["صواريخ", "باتريوت"]);
        assert!(snip.starts_with("كلمة") && snip.ends_with(|c: char| !c.is_whitespace()));
    }

    #[test]
    fn no_match_gives_the_opening() {
        let text = "عنوان ".repeat(100);
        let (snip, marked) = snippet(&text, &["باتريوت"], 30);
        assert!(marked.is_empty());
        assert!(snip.starts_with("عنوان") && snip.chars().count() <= 30);
    }
}
