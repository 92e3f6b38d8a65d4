//! The one error type of the library.

use std::io;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in fahras.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// One input record could not be read as an article.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// There is no index at this path yet.
    #[error("no index at {}: create one with `fahras index FILE...`", path.display())]
    NoIndex {
        /// The index directory.
        path: PathBuf,
    },
    /// The directory holds something that is not a fahras index.
    #[error("{} is not a fahras index ({reason}); choose a new or empty directory", path.display())]
    NotAnIndex {
        /// The directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The index was built with other analysis settings than the ones asked for.
    #[error(
        "the index at {} was built with analysis {found}, but {expected} was asked for; \
         its terms would not match: re-index into a new directory (or delete {} and run \
         `fahras index` again)",
        path.display(),
        path.display()
    )]
    AnalysisMismatch {
        /// The index directory.
        path: PathBuf,
        /// The analysis recorded in the index.
        found: String,
        /// The analysis this program uses or was asked to use.
        expected: String,
    },
    /// Another writer holds the index lock.
    #[error(
        "the index at {} is locked by another process{} that is writing to it (is `fahras \
         index` running?); try again when it has finished",
        path.display(),
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
    )]
    Locked {
        /// The index directory.
        path: PathBuf,
        /// The process holding the lock, when it said so.
        pid: Option<u32>,
    },
    /// The index was written by a newer fahras, in a format this one does not know.
    #[error(
        "the index at {} has format {found} (written by {created_by}), newer than the format \
         {supported} this fahras reads: upgrade fahras, or re-index into a new directory",
        path.display()
    )]
    NewerFormat {
        /// The index directory.
        path: PathBuf,
        /// The format recorded in the index.
        found: u32,
        /// The newest format this fahras reads.
        supported: u32,
        /// The program that wrote it.
        created_by: String,
    },
    /// A Japanese dictionary could not be built or loaded.
    #[error("Japanese dictionary {}: {reason}", path.display())]
    Dictionary {
        /// The dictionary (or source) directory.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The index segments Japanese with a dictionary that is not available.
    #[error(
        "the index at {} segments Japanese with the {dictionary} dictionary, which is not \
         available: build it with `fahras dict build --from /usr/share/mecab/dic/ipadic` (Debian \
         package mecab-ipadic) and name it with --dict or FAHRAS_DICT"
    , path.display())]
    DictionaryRequired {
        /// The index directory.
        path: PathBuf,
        /// The dictionary name recorded in the index.
        dictionary: String,
    },
    /// A date that is not `YYYY-MM-DD`, RFC 3339, nor a date and time without offset.
    #[error(
        "invalid date {0:?}: expected YYYY-MM-DD, RFC 3339 (2024-03-05T09:30:00Z) or a date and time \
         (2024-03-05 09:30)"
    )]
    InvalidDate(String),
    /// A file of the index does not hold what it should.
    #[error("index file {} is damaged ({reason})", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// An argument outside its allowed range.
    #[error("{0}")]
    InvalidArgument(String),
    /// An error from the Tantivy search engine.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// A record of the input that is not a valid article: which file, which line, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {reason}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct RecordError {
    /// The input file.
    pub file: PathBuf,
    /// The line (1-based), when the file holds one article per line.
    pub line: Option<u64>,
    /// Why the record was rejected.
    pub reason: String,
}
