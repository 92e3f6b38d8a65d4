//! The Arabic stopword list: function words that carry no topic of their own.
//!
//! The list lives in `stopwords-ar.txt` beside this file, written for this project. Each entry
//! is passed through [`normalize`](super::normalize()) once when the list is loaded, because the
//! filter runs after the normalizer: a list spelled with hamza would otherwise never match.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::normalize::normalize;

/// The list as written, one word per line, `#` starting a comment.
pub const STOPWORDS_SOURCE: &str = include_str!("stopwords-ar.txt");

static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    STOPWORDS_SOURCE
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|word| !word.is_empty())
        .map(normalize)
        .collect()
});

/// The normalized stopwords.
pub fn stopwords() -> &'static HashSet<String> {
    &STOPWORDS
}

/// Whether a normalized token is a stopword.
pub fn is_stopword(normalized: &str) -> bool {
    STOPWORDS.contains(normalized)
}
