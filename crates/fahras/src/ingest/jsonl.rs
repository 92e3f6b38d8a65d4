//! JSON Lines articles: one JSON object per line.
//!
//! Fields: `id` (string or number, required), `title`, `body` (or its alias `text`),
//! `source`, `date` (`YYYY-MM-DD` or RFC 3339) and `url`; `null` counts as absent and unknown
//! fields are ignored. An article needs a title or a body. Blank lines are skipped, and a
//! UTF-8 byte-order mark at the start of the file is ignored.

use std::io::{BufRead, Read};
use std::path::PathBuf;

use serde::Deserialize;

use super::MAX_RECORD_BYTES;
use crate::article::{Article, parse_date};
use crate::error::RecordError;

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize)]
struct RawArticle {
    id: Option<Id>,
    title: Option<String>,
    #[serde(alias = "text")]
    body: Option<String>,
    source: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// Parses one line of JSON into an article, or says why it is not one.
pub fn parse_article(line: &str) -> Result<Article, String> {
    let raw: RawArticle = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        format!("invalid JSON at column {}: {message}", e.column())
    })?;
    let id = match raw.id {
        Some(Id::Text(id)) => id.trim().to_string(),
        // A number that is not an exact integer (too large, or with a fraction) would be
        // rounded, and two articles could share an id.
        Some(Id::Number(n)) if n.is_f64() => {
            return Err(format!("id {n} is not an exact integer: write it as a string"));
        }
        Some(Id::Number(n)) => n.to_string(),
        None => return Err("missing field `id`".into()),
    };
    if id.is_empty() {
        return Err("empty `id`".into());
    }
    let title = raw.title.unwrap_or_default();
    let body = raw.body.unwrap_or_default();
    if title.trim().is_empty() && body.trim().is_empty() {
        return Err(format!("article {id:?} has neither a title nor a body"));
    }
    let published = match raw.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(date) => Some(parse_date(date).map_err(|e| format!("article {id:?}: {e}"))?),
    };
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Article {
        id,
        title,
        body,
        source: non_empty(raw.source),
        published,
        url: non_empty(raw.url),
    })
}

/// Reads articles from a JSON Lines stream, yielding one result per non-blank line.
pub struct JsonLines<R> {
    reader: R,
    file: PathBuf,
    line: u64,
    buffer: Vec<u8>,
    done: bool,
    max_line_bytes: usize,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads `reader`; `file` names it in errors.
    pub fn new(reader: R, file: PathBuf) -> Self {
        JsonLines {
            reader,
            file,
            line: 0,
            buffer: Vec::new(),
            done: false,
            max_line_bytes: MAX_RECORD_BYTES,
        }
    }

    /// Sets the longest line accepted, in bytes ([`MAX_RECORD_BYTES`] by default).
    pub fn max_line_bytes(mut self, bytes: usize) -> Self {
        self.max_line_bytes = bytes;
        self
    }

    fn error(&self, reason: impl Into<String>) -> RecordError {
        RecordError { file: self.file.clone(), line: Some(self.line), reason: reason.into() }
    }

    /// Reads the next line into the buffer; `Ok(false)` at the end of the input.
    fn read_line(&mut self) -> Result<bool, RecordError> {
        self.buffer.clear();
        self.line += 1;
        let limit = self.max_line_bytes as u64 + 1;
        let read = (&mut self.reader).take(limit).read_until(b'\n', &mut self.buffer);
        match read {
            Ok(0) => Ok(false),
            Ok(_) if self.buffer.len() > self.max_line_bytes && !self.buffer.ends_with(b"\n") => {
                // Skip the rest of the over-long line, without keeping it, so the next record
                // starts cleanly and a huge line costs no memory.
                self.buffer = Vec::new();
                let skipped = skip_line(&mut self.reader);
                match skipped {
                    Ok(_) => Err(self.error(format!(
                        "line longer than {} bytes (raise the limit with --max-record-mb)",
                        self.max_line_bytes
                    ))),
                    Err(e) => Err(self.error(format!("read error: {e}"))),
                }
            }
            Ok(_) => Ok(true),
            Err(e) => Err(self.error(format!("read error: {e}"))),
        }
    }
}

/// Consumes the input up to and including the next line break, discarding it.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            match self.read_line() {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) if e.reason.starts_with("read error") => {
                    // A broken stream (truncated gzip, I/O error) ends this file.
                    self.done = true;
                    return Some(Err(e));
                }
                Err(e) => return Some(Err(e)),
            }
            let bytes = match self.buffer.strip_prefix(b"\xEF\xBB\xBF") {
                Some(rest) if self.line == 1 => rest,
                _ => &self.buffer[..],
            };
            // simdutf8 checks a line of Arabic text twenty times faster than the standard
            // library, which only finds where the error is when there is one.
            let text = match simdutf8::basic::from_utf8(bytes) {
                Ok(text) => text.trim(),
                Err(_) => {
                    let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
                    return Some(Err(
                        self.error(format!("not valid UTF-8 (byte {at} of the line)"))
                    ));
                }
            };
            if text.is_empty() {
                continue;
            }
            return Some(parse_article(text).map_err(|reason| self.error(reason)));
        }
    }
}
