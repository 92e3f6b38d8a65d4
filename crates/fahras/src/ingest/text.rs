//! Plain-text articles: one article per file.
//!
//! The first non-empty line is the title and the rest is the body; the id is the file's path
//! relative to the directory that was given (or its name, for a file given by itself).

use std::io::Read;
use std::path::Path;

use super::open;
use crate::article::Article;
use crate::error::RecordError;

/// Splits the text of a file into title and body.
pub fn split_title(text: &str) -> (&str, &str) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).trim_start();
    match text.split_once('\n') {
        Some((title, body)) => (title.trim(), body.trim()),
        None => (text.trim(), ""),
    }
}

/// Reads one plain-text file as an article with the given id.
/// Files over `max_bytes` are rejected.
pub fn read_text_article(
    path: &Path,
    id: String,
    max_bytes: usize,
) -> Result<Article, RecordError> {
    let error = |reason: String| RecordError { file: path.to_path_buf(), line: None, reason };
    let mut bytes = Vec::new();
    open(path)
        .and_then(|r| r.take(max_bytes as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| error(e.to_string()))?;
    if bytes.len() > max_bytes {
        return Err(error(format!(
            "file larger than {max_bytes} bytes (raise the limit with --max-record-mb)"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        error(format!("not UTF-8 text (invalid byte at offset {at})"))
    })?;
    if text.contains('\0') {
        return Err(error("binary file (contains NUL bytes), not text".into()));
    }
    let (title, body) = split_title(&text);
    if title.is_empty() {
        return Err(error("empty file".into()));
    }
    Ok(Article::new(id, title, body))
}
