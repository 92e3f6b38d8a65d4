//! Readers that turn files into [`Article`]s, one record at a time.
//!
//! - **JSON Lines** (`.jsonl`, `.ndjson`, `.json`): one article per line, see [`jsonl`].
//! - **Plain text** (any other file): the first non-empty line is the title, the rest the body,
//!   see [`text`].
//! - **Directories** are walked recursively, in name order. Inside them only `.jsonl`,
//!   `.ndjson`, `.txt`, `.text` and `.md` files are read (hidden files are skipped); the others
//!   are listed in [`Articles::skipped_files`]. A text file's id is its path relative to the
//!   directory given.
//! - **gzip**: any file that starts with the gzip magic bytes is decompressed on the fly; a
//!   `.gz` suffix is ignored when choosing the format (`news.jsonl.gz` is JSON Lines).
//!
//! Reading streams: one line (or one text file) is in memory at a time, so a 10 GB dump is
//! read in constant memory. A bad record is yielded as a [`RecordError`] naming file, line and
//! reason, and reading goes on with the next one.

pub mod jsonl;
pub mod text;

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::MultiGzDecoder;

use crate::article::Article;
use crate::error::RecordError;

/// The longest line or text file accepted by default, in bytes (64 MiB); longer records are
/// reported as bad records. [`Articles::max_record_bytes`] changes it.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// How a file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    JsonLines,
    /// One article per file.
    Text,
}

impl Format {
    /// The format of a file given by name on the command line (any file is accepted).
    pub fn of_file(path: &Path) -> Format {
        match extension(path).as_deref() {
            Some("jsonl" | "ndjson" | "json") => Format::JsonLines,
            _ => Format::Text,
        }
    }

    /// The format of a file found while walking a directory, `None` for files to skip.
    pub fn of_dir_entry(path: &Path) -> Option<Format> {
        match extension(path).as_deref() {
            Some("jsonl" | "ndjson") => Some(Format::JsonLines),
            Some("txt" | "text" | "md") => Some(Format::Text),
            _ => None,
        }
    }
}

/// The lowercased extension, looking through a final `.gz`.
fn extension(path: &Path) -> Option<String> {
    let ext = |p: &Path| p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext(path) {
        Some(gz) if gz == "gz" => path.file_stem().and_then(|stem| ext(Path::new(stem))),
        other => other,
    }
}

/// Opens a file for buffered reading, decompressing it if it is gzip.
pub fn open(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    open_counted(path, Arc::new(AtomicU64::new(0)))
}

/// A reader that adds the bytes it reads from the file to a shared counter.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Like [`open`], counting the bytes read from the file (compressed bytes, for gzip).
fn open_counted(path: &Path, count: Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let file = Counted { inner: File::open(path)?, count };
    let mut reader = BufReader::with_capacity(256 << 10, file);
    let head = reader.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(256 << 10, MultiGzDecoder::new(reader))))
    } else {
        Ok(Box::new(reader))
    }
}

struct Input {
    path: PathBuf,
    format: Format,
    /// The id of a text file.
    id: String,
}

/// Streams the articles of files and directories, yielding each record or its error.
pub struct Articles {
    inputs: VecDeque<Input>,
    max_record_bytes: usize,
    /// Bytes read from the input files so far, and their total size.
    bytes_read: Arc<AtomicU64>,
    total_bytes: u64,
    /// Directories walked so far (canonical paths), to stop at symbolic-link cycles.
    visited: HashSet<PathBuf>,
    current: Option<Box<dyn Iterator<Item = Result<Article, RecordError>> + Send>>,
    skipped: Vec<PathBuf>,
    pending_errors: VecDeque<RecordError>,
}

impl Articles {
    /// Reads the given files and directories, in order.
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Articles {
        let mut articles = Articles {
            inputs: VecDeque::new(),
            max_record_bytes: MAX_RECORD_BYTES,
            bytes_read: Arc::new(AtomicU64::new(0)),
            total_bytes: 0,
            visited: HashSet::new(),
            current: None,
            skipped: Vec::new(),
            pending_errors: VecDeque::new(),
        };
        for path in paths {
            articles.add_path(path.as_ref());
        }
        articles
    }

    fn add_path(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.walk(path, path),
            Ok(meta) => {
                let id = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let id = id.unwrap_or_else(|| path.display().to_string());
                let format = Format::of_file(path);
                self.total_bytes += meta.len();
                self.inputs.push_back(Input { path: path.to_path_buf(), format, id });
            }
            Err(e) => self.pending_errors.push_back(file_error(path, &e)),
        }
    }

    /// Sets the longest record accepted, in bytes (a JSON line, or a whole text file).
    pub fn max_record_bytes(mut self, bytes: usize) -> Articles {
        self.max_record_bytes = bytes;
        self
    }

    fn walk(&mut self, root: &Path, dir: &Path) {
        match std::fs::canonicalize(dir) {
            Ok(canonical) if !self.visited.insert(canonical.clone()) => {
                let reason = "a symbolic link leads back to a directory already read; skipped";
                return self.pending_errors.push_back(RecordError {
                    file: dir.to_path_buf(),
                    line: None,
                    reason: reason.into(),
                });
            }
            Ok(_) => {}
            Err(e) => return self.pending_errors.push_back(file_error(dir, &e)),
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.pending_errors.push_back(file_error(dir, &e)),
        };
        let mut paths: Vec<(PathBuf, bool)> = Vec::new();
        for entry in entries {
            match entry.and_then(|e| Ok((e.path(), e.file_type()?))) {
                Ok((path, kind)) => {
                    if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                        // Follow symbolic links to files and directories alike.
                        let is_dir = kind.is_dir() || (kind.is_symlink() && path.is_dir());
                        paths.push((path, is_dir));
                    }
                }
                Err(e) => self.pending_errors.push_back(file_error(dir, &e)),
            }
        }
        paths.sort();
        for (path, is_dir) in paths {
            if is_dir {
                self.walk(root, &path);
            } else if let Some(format) = Format::of_dir_entry(&path) {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let id = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                self.total_bytes += std::fs::metadata(&path).map_or(0, |m| m.len());
                self.inputs.push_back(Input { path, format, id });
            } else {
                self.skipped.push(path);
            }
        }
    }

    /// Bytes read from the input files so far (compressed bytes for gzip files).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// The total size of the input files, to compare with [`Articles::bytes_read`].
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Files inside the given directories that were not read because of their extension.
    pub fn skipped_files(&self) -> &[PathBuf] {
        &self.skipped
    }

    /// The number of files still to be opened.
    pub fn files_left(&self) -> usize {
        self.inputs.len()
    }
}

fn file_error(path: &Path, error: &io::Error) -> RecordError {
    RecordError { file: path.to_path_buf(), line: None, reason: error.to_string() }
}

impl Iterator for Articles {
    type Item = Result<Article, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(error) = self.pending_errors.pop_front() {
                return Some(Err(error));
            }
            if let Some(record) = self.current.as_mut().and_then(Iterator::next) {
                return Some(record);
            }
            let input = self.inputs.pop_front()?;
            match input.format {
                Format::JsonLines => match open_counted(&input.path, self.bytes_read.clone()) {
                    Ok(reader) => {
                        let lines = jsonl::JsonLines::new(reader, input.path)
                            .max_line_bytes(self.max_record_bytes);
                        self.current = Some(Box::new(lines));
                    }
                    Err(e) => return Some(Err(file_error(&input.path, &e))),
                },
                Format::Text => {
                    self.current = None;
                    let max = self.max_record_bytes;
                    let article = text::read_text_article(&input.path, input.id, max);
                    let size = std::fs::metadata(&input.path).map_or(0, |m| m.len());
                    self.bytes_read.fetch_add(size, Ordering::Relaxed);
                    return Some(article);
                }
            }
        }
    }
}
