//! The news index: create or open it (on disk or in RAM), write articles, read statistics.
//!
//! An on-disk index is a Tantivy directory plus `fahras.json`, the manifest that records the
//! analyzer name and its settings. Opening an index whose manifest names another analysis is
//! an error that says to re-index: the indexed terms would not match the queries.

use std::collections::HashSet;
use std::fs;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::Value;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    DateTime, Index, IndexReader, IndexSettings, IndexWriter, Order, ReloadPolicy, TantivyDocument,
    TantivyError, Term,
};

use std::sync::{Arc, Mutex};

use crate::analysis::{
    ANALYZER_NAME, Analysis, AnalysisSettings, DICTIONARY_NAME, EXACT_TOKENIZER,
    JAPANESE_ANALYZER_NAME, JapaneseDictionary, SOURCE_ANALYZER_NAME, TEXT_TOKENIZER,
    TRIGRAM_TOKENIZER, source_analyzer,
};
use crate::article::Article;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::lexicon::expand::ExpansionCache;
use crate::schema::NewsSchema;

/// File name of the manifest inside an index directory.
pub const MANIFEST_FILE: &str = "fahras.json";

/// File in an index directory naming the process that holds the writer lock.
pub const WRITER_PID_FILE: &str = "fahras-writer.pid";

/// Version of the on-disk format this fahras reads and writes (the manifest, the schema).
pub const FORMAT_VERSION: u32 = 1;

/// Default memory budget of the index writer, shared by its threads.
pub const DEFAULT_WRITER_MEMORY: usize = 256 << 20;

/// What an index records about how it was built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Version of the on-disk format ([`FORMAT_VERSION`] when written by this fahras).
    #[serde(default = "first_format")]
    pub format: u32,
    /// Versioned name of the text analyzer: `fahras_ar_v1` (CJK as bigrams) or
    /// `fahras_ar_ja_v1` (Japanese segmented with a dictionary).
    pub analyzer: String,
    /// Its options.
    pub settings: AnalysisSettings,
    /// The Japanese dictionary the analyzer needs, if any (`ipadic`).
    #[serde(default)]
    pub dictionary: Option<String>,
    /// The fahras version that created the index.
    pub created_by: String,
}

fn first_format() -> u32 {
    1
}

impl Manifest {
    fn of(analysis: &Analysis) -> Manifest {
        Manifest {
            format: FORMAT_VERSION,
            analyzer: analysis.name().to_string(),
            settings: analysis.settings(),
            dictionary: analysis.japanese().map(|_| DICTIONARY_NAME.to_string()),
            created_by: format!("fahras {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// The analyzer and its settings, as shown in messages: `fahras_ar_v1 (stopwords, stemming)`.
    pub fn describe(&self) -> String {
        describe(&self.analyzer, self.settings)
    }

    fn read(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_FILE);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| Error::NotAnIndex {
                path: dir.to_path_buf(),
                reason: format!("{MANIFEST_FILE} is unreadable: {e}"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Writes the manifest atomically: to a temporary file, then renamed into place.
    fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        let tmp = dir.join(format!(".{MANIFEST_FILE}.tmp"));
        let json =
            serde_json::to_vec_pretty(self).map_err(|e| Error::InvalidArgument(e.to_string()))?;
        fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }
}

fn describe(analyzer: &str, settings: AnalysisSettings) -> String {
    let mut options = Vec::new();
    options.push(if settings.stopwords { "stopwords" } else { "no stopwords" });
    options.push(if settings.stemming { "light stemming" } else { "no stemming" });
    if settings.exact_forms {
        options.push("exact forms");
    }
    if settings.trigrams {
        options.push("trigrams");
    }
    format!("{analyzer} ({})", options.join(", "))
}

/// An index of news articles.
#[derive(Clone)]
pub struct NewsIndex {
    index: Index,
    reader: IndexReader,
    fields: NewsSchema,
    manifest: Manifest,
    analysis: Analysis,
    path: Option<PathBuf>,
    lexicon: LexiconCache,
}

/// The lexicon of the searcher generation it was made for, and the expansions made from it,
/// shared by an index's clones and its writer.
type LexiconCache = Arc<Mutex<Option<(u64, Vocabulary)>>>;

/// A lexicon and the expansions made from it.
#[derive(Clone, Debug)]
pub(crate) struct Vocabulary {
    pub lexicon: Arc<Lexicon>,
    pub expansions: Arc<ExpansionCache>,
}

impl Vocabulary {
    fn new(lexicon: Lexicon) -> Vocabulary {
        Vocabulary { lexicon: Arc::new(lexicon), expansions: Arc::default() }
    }
}

impl NewsIndex {
    /// Creates an index in memory, for tests and embedded use.
    pub fn in_ram(settings: AnalysisSettings) -> Result<NewsIndex> {
        Self::in_ram_with(Analysis::new(settings))
    }

    /// Creates an index in memory with the given analysis (for Japanese with a dictionary).
    pub fn in_ram_with(analysis: Analysis) -> Result<NewsIndex> {
        let fields = NewsSchema::build();
        let index = Index::builder()
            .schema(fields.schema.clone())
            .settings(index_settings())
            .create_in_ram()?;
        Self::wrap(index, fields, &analysis, None)
    }

    /// Opens the index in `dir` with the analysis it records. An index that segments
    /// Japanese with a dictionary needs [`NewsIndex::open_with`].
    pub fn open(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        Self::open_with(dir, None)
    }

    /// Opens the index in `dir` with the analysis it records, using `japanese` if the index
    /// segments Japanese with a dictionary (and ignoring it otherwise).
    pub fn open_with(
        dir: impl AsRef<Path>,
        japanese: Option<Arc<JapaneseDictionary>>,
    ) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        if !dir.join("meta.json").is_file() {
            return Err(
                if dir.join(MANIFEST_FILE).is_file() || !dir.exists() || is_empty_dir(dir)? {
                    Error::NoIndex { path: dir.to_path_buf() }
                } else {
                    Error::NotAnIndex { path: dir.to_path_buf(), reason: "no meta.json".into() }
                },
            );
        }
        let manifest = Manifest::read(dir)?.ok_or_else(|| Error::NotAnIndex {
            path: dir.to_path_buf(),
            reason: format!("a Tantivy index without {MANIFEST_FILE}"),
        })?;
        if manifest.format > FORMAT_VERSION {
            return Err(Error::NewerFormat {
                path: dir.to_path_buf(),
                found: manifest.format,
                supported: FORMAT_VERSION,
                created_by: manifest.created_by.clone(),
            });
        }
        let analysis = match (manifest.analyzer.as_str(), japanese) {
            (ANALYZER_NAME, _) => Analysis::new(manifest.settings),
            (JAPANESE_ANALYZER_NAME, Some(dictionary)) => {
                Analysis::with_japanese(manifest.settings, dictionary)
            }
            (JAPANESE_ANALYZER_NAME, None) => {
                return Err(Error::DictionaryRequired {
                    path: dir.to_path_buf(),
                    dictionary: manifest
                        .dictionary
                        .clone()
                        .unwrap_or_else(|| DICTIONARY_NAME.into()),
                });
            }
            _ => {
                return Err(Error::AnalysisMismatch {
                    path: dir.to_path_buf(),
                    found: manifest.describe(),
                    expected: format!("{ANALYZER_NAME} or {JAPANESE_ANALYZER_NAME}"),
                });
            }
        };
        let index = Index::open_in_dir(dir)?;
        let fields = NewsSchema::from_schema(index.schema())
            .filter(|f| f.body_trigrams.is_some() || !manifest.settings.trigrams)
            .ok_or_else(|| Error::NotAnIndex {
                path: dir.to_path_buf(),
                reason: "its schema lacks fields of this version; re-index it".into(),
            })?;
        Self::wrap(index, fields, &analysis, Some(dir.to_path_buf()))
    }

    /// Opens the index in `dir`, creating it (and the directory) if there is none yet.
    ///
    /// Fails with [`Error::AnalysisMismatch`] if the index exists with other settings, and
    /// with [`Error::NotAnIndex`] if `dir` holds other files.
    pub fn open_or_create(dir: impl AsRef<Path>, settings: AnalysisSettings) -> Result<NewsIndex> {
        Self::open_or_create_with(dir, Analysis::new(settings))
    }

    /// Opens the index in `dir`, creating it with `analysis` if there is none yet. An existing
    /// index keeps the analysis it was built with (Japanese by dictionary or by bigrams), but
    /// must have the same settings.
    pub fn open_or_create_with(dir: impl AsRef<Path>, analysis: Analysis) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        match Self::open_with(dir, analysis.japanese().cloned()) {
            Ok(index) if index.manifest.settings == analysis.settings() => Ok(index),
            Ok(index) => Err(Error::AnalysisMismatch {
                path: dir.to_path_buf(),
                found: index.manifest.describe(),
                expected: describe(&index.manifest.analyzer, analysis.settings()),
            }),
            Err(Error::NoIndex { .. }) => Self::create(dir, &analysis),
            Err(e) => Err(e),
        }
    }

    fn create(dir: &Path, analysis: &Analysis) -> Result<NewsIndex> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // The manifest goes first: a directory with a manifest and no Tantivy meta.json is
        // an index whose creation was interrupted, and is created again.
        Manifest::of(analysis).write(dir)?;
        let fields = NewsSchema::build();
        let index = Index::builder()
            .schema(fields.schema.clone())
            .settings(index_settings())
            .create_in_dir(dir)?;
        Self::wrap(index, fields, analysis, Some(dir.to_path_buf()))
    }

    fn wrap(
        mut index: Index,
        fields: NewsSchema,
        analysis: &Analysis,
        path: Option<PathBuf>,
    ) -> Result<NewsIndex> {
        index.tokenizers().register(TEXT_TOKENIZER, analysis.analyzer());
        index.tokenizers().register(EXACT_TOKENIZER, analysis.exact_analyzer());
        index.tokenizers().register(TRIGRAM_TOKENIZER, analysis.trigram_analyzer());
        index.tokenizers().register(SOURCE_ANALYZER_NAME, source_analyzer());
        index.set_default_multithread_executor()?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let manifest = Manifest::of(analysis);
        Ok(NewsIndex {
            index,
            reader,
            fields,
            manifest,
            analysis: analysis.clone(),
            path,
            lexicon: LexiconCache::default(),
        })
    }

    /// The Tantivy index, for what this API does not cover.
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }

    /// The fields.
    pub fn fields(&self) -> &NewsSchema {
        &self.fields
    }

    /// The analysis of the index.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// What the index records about its analysis.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The directory of an on-disk index.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// The lexicon of what `searcher` shows (see [`lexicon`](mod@crate::lexicon)): the one the
    /// last writer saved, if it is as recent as the index, or else one built from the index.
    pub fn lexicon(&self, searcher: &tantivy::Searcher) -> Result<Arc<Lexicon>> {
        Ok(self.vocabulary(searcher)?.lexicon)
    }

    /// The lexicon of what `searcher` shows, with the expansions made from it so far.
    pub(crate) fn vocabulary(&self, searcher: &tantivy::Searcher) -> Result<Vocabulary> {
        let generation = searcher.generation().generation_id();
        if let Some((cached, vocabulary)) = lock(&self.lexicon).as_ref()
            && *cached == generation
        {
            return Ok(vocabulary.clone());
        }
        let opstamp = self.index.load_metas()?.opstamp;
        // A damaged or missing file is no loss: the lexicon is rebuilt from the index.
        let saved = match &self.path {
            Some(path) => Lexicon::read(path).ok().flatten().filter(|l| l.opstamp() >= opstamp),
            None => None,
        };
        let vocabulary = Vocabulary::new(match saved {
            Some(lexicon) => lexicon,
            None => Lexicon::build(searcher, self.fields.body, opstamp)?,
        });
        *lock(&self.lexicon) = Some((generation, vocabulary.clone()));
        Ok(vocabulary)
    }

    /// Picks up changes committed since the index was opened (by this or another process).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Opens the index for writing with the default memory budget. One writer at a time:
    /// a second one, in this process or another, fails with [`Error::Locked`].
    pub fn writer(&self) -> Result<NewsWriter> {
        self.writer_with(DEFAULT_WRITER_MEMORY, 0)
    }

    /// Opens the index for writing with `memory_bytes` of indexing memory shared by `threads`
    /// threads (0 picks one per core, at most 4).
    pub fn writer_with(&self, memory_bytes: usize, threads: usize) -> Result<NewsWriter> {
        let threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get()).min(4)
        } else {
            threads
        };
        let min = threads * 15_000_000;
        if memory_bytes < min {
            return Err(Error::InvalidArgument(format!(
                "the writer needs at least 15 MB per thread ({} MB for {threads})",
                min.div_ceil(1 << 20)
            )));
        }
        let writer =
            self.index.writer_with_num_threads(threads, memory_bytes).map_err(|e| {
                match (&e, &self.path) {
                    (TantivyError::LockFailure(LockError::LockBusy, _), Some(path)) => {
                        let pid = fs::read_to_string(path.join(WRITER_PID_FILE))
                            .ok()
                            .and_then(|pid| pid.trim().parse().ok());
                        Error::Locked { path: path.clone(), pid }
                    }
                    _ => Error::Tantivy(e),
                }
            })?;
        // Tantivy's lock is released by the operating system when a process dies, so a killed
        // writer never leaves the index locked; this file only names the holder in messages.
        let pid_file = self.path.as_ref().map(|p| p.join(WRITER_PID_FILE));
        if let Some(file) = &pid_file {
            fs::write(file, std::process::id().to_string()).map_err(|e| Error::io(file, e))?;
        }
        // Read with the lock held: no other writer can add to the index from now on.
        let empty = self.index.searchable_segment_metas()?.iter().all(|m| m.num_docs() == 0);
        Ok(NewsWriter {
            writer,
            fresh: empty.then(FreshIds::default),
            fields: self.fields.clone(),
            reader: self.reader.clone(),
            text_fields: self.text_fields(),
            path: self.path.clone(),
            lexicon: self.lexicon.clone(),
            _pid_file: PidFile(pid_file),
        })
    }

    /// The fields a writer fills with the headline and the body.
    fn text_fields(&self) -> Vec<Field> {
        let settings = self.analysis.settings();
        let exact = settings.exact_forms.then_some(self.fields.body_exact);
        let trigrams = self.fields.body_trigrams.filter(|_| settings.trigrams);
        std::iter::once(self.fields.body).chain(exact).chain(trigrams).collect()
    }

    /// The number of articles, as of the last reload.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Statistics about the index.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let mut sources: Vec<(String, u64)> = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.source)?;
            let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
            while terms.advance() {
                let term = String::from_utf8_lossy(terms.key()).into_owned();
                if !sources.iter().any(|(s, _)| *s == term) {
                    sources.push((term, 0));
                }
            }
        }
        for (term, count) in &mut sources {
            // Counted by query, so replaced articles are not; shown as first written.
            let query = TermQuery::new(
                Term::from_field_text(self.fields.source, term),
                IndexRecordOption::Basic,
            );
            let (n, first) =
                searcher.search(&query, &(Count, TopDocs::with_limit(1).order_by_score()))?;
            *count = n as u64;
            if let Some((_, address)) = first.first() {
                let doc: TantivyDocument = searcher.doc(*address)?;
                if let Some(written) = doc.get_first(self.fields.source).and_then(|v| v.as_str()) {
                    *term = written.to_string();
                }
            }
        }
        sources.retain(|(_, count)| *count > 0);
        // The earliest and latest dates of the articles that can be found (a column's own
        // minimum and maximum would count replaced and deleted ones until they merge).
        let date_at = |order| -> Result<Option<DateTime>> {
            let first =
                TopDocs::with_limit(1).order_by_fast_field::<DateTime>(crate::schema::DATE, order);
            Ok(searcher.search(&AllQuery, &first)?.into_iter().next().and_then(|(date, _)| date))
        };
        let (oldest, newest) = (date_at(Order::Asc)?, date_at(Order::Desc)?);
        sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let size_bytes = match &self.path {
            Some(path) => dir_size(path)?,
            None => 0,
        };
        Ok(IndexStats {
            articles: searcher.num_docs(),
            segments: searcher.segment_readers().len(),
            deleted: searcher
                .segment_readers()
                .iter()
                .map(|s| u64::from(s.num_deleted_docs()))
                .sum(),
            size_bytes,
            analyzer: self.manifest.describe(),
            dictionary: self
                .analysis
                .japanese()
                .map(|d| format!("{DICTIONARY_NAME} ({})", d.path().display())),
            sources,
            oldest,
            newest,
        })
    }
}

/// Stored text is compressed with zstd in 16 KiB blocks: news text compresses to about 60%
/// of what lz4 gives in blocks of the same size, and a hit's block decompresses in about
/// 15 µs (64 KiB blocks compress 10% better but made a page of ten snippets 40% slower).
fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor { compression_level: Some(3) }),
        docstore_blocksize: 16 << 10,
        ..IndexSettings::default()
    }
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    Ok(entries.next().is_none())
}

fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let meta = entry.and_then(|e| e.metadata()).map_err(|e| Error::io(dir, e))?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}

/// Statistics about an index; see [`NewsIndex::stats`].
#[derive(Clone, Debug, Serialize)]
pub struct IndexStats {
    /// Articles that can be found.
    pub articles: u64,
    /// Tantivy segments.
    pub segments: usize,
    /// Replaced or deleted articles still taking space until segments merge (`fahras optimize`).
    pub deleted: u64,
    /// Size of the index directory in bytes (0 for an in-RAM index).
    pub size_bytes: u64,
    /// The analyzer and its settings.
    pub analyzer: String,
    /// The Japanese dictionary in use, if the index segments Japanese with one.
    pub dictionary: Option<String>,
    /// Sources with their article counts, largest first.
    pub sources: Vec<(String, u64)>,
    /// The earliest publication date.
    #[serde(serialize_with = "serialize_opt_date")]
    pub oldest: Option<DateTime>,
    /// The latest publication date.
    #[serde(serialize_with = "serialize_opt_date")]
    pub newest: Option<DateTime>,
}

fn serialize_opt_date<S: serde::Serializer>(d: &Option<DateTime>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&crate::article::format_date(*d)),
        None => s.serialize_none(),
    }
}

/// Writes articles into a [`NewsIndex`]. Nothing is visible, or durable, before [`commit`].
///
/// [`commit`]: NewsWriter::commit
pub struct NewsWriter {
    writer: IndexWriter<TantivyDocument>,
    /// The ids written so far, when the index had no articles as the writer opened.
    fresh: Option<FreshIds>,
    fields: NewsSchema,
    reader: IndexReader,
    /// The fields that receive the headline and the body: `body`, and `body_exact` and
    /// `body_trigrams` when the settings fill them.
    text_fields: Vec<Field>,
    /// The index directory, where the lexicon is saved.
    path: Option<PathBuf>,
    lexicon: LexiconCache,
    _pid_file: PidFile,
}

/// The ids a writer on an index that had no articles has written: an id not among them
/// cannot be in the index, and its upsert needs no delete (which costs Tantivy a query, built
/// as the article is added and run when the segment is written). Kept as hashes: two ids
/// with one hash only make a delete that finds nothing.
#[derive(Default)]
struct FreshIds {
    hasher: RandomState,
    seen: HashSet<u64>,
}

impl FreshIds {
    /// Records `id`, and says whether it was written before.
    fn insert(&mut self, id: &str) -> bool {
        !self.seen.insert(self.hasher.hash_one(id))
    }
}

/// The lexicon cache, whatever a panicking holder left in it (a lexicon is whole or absent).
fn lock(cache: &LexiconCache) -> std::sync::MutexGuard<'_, Option<(u64, Vocabulary)>> {
    cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes the writer's pid file when the writer goes away.
struct PidFile(Option<PathBuf>);

impl Drop for PidFile {
    fn drop(&mut self) {
        if let Some(file) = &self.0 {
            let _ = fs::remove_file(file);
        }
    }
}

impl NewsWriter {
    /// Adds an article, replacing any article with the same id (in the index, or added
    /// earlier through this writer).
    pub fn upsert(&mut self, article: &Article) -> Result<()> {
        let f = &self.fields;
        let written_before = self.fresh.as_mut().is_none_or(|fresh| fresh.insert(&article.id));
        if written_before {
            self.writer.delete_term(Term::from_field_text(f.id, &article.id));
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &article.id);
        doc.add_text(f.title, &article.title);
        // The searched text is the headline and the body; the body alone is stored.
        for &field in &self.text_fields {
            doc.add_text(field, &article.title);
            doc.add_text(field, &article.body);
        }
        doc.add_text(f.body_stored, &article.body);
        if let Some(source) = &article.source {
            doc.add_text(f.source, source.trim());
        }
        if let Some(date) = article.published {
            doc.add_date(f.date, date);
        }
        if let Some(url) = &article.url {
            doc.add_text(f.url, url);
        }
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Deletes the article with this id, if there is one.
    pub fn delete(&mut self, id: &str) {
        self.writer.delete_term(Term::from_field_text(self.fields.id, id));
    }

    /// Makes everything written so far durable and visible to searches, and saves the
    /// lexicon of the new commit beside it (see [`lexicon`](mod@crate::lexicon)).
    pub fn commit(&mut self) -> Result<()> {
        let opstamp = self.writer.commit()?;
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let lexicon = Lexicon::build(&searcher, self.fields.body, opstamp)?;
        if let Some(path) = &self.path {
            lexicon.write(path)?;
        }
        let generation = searcher.generation().generation_id();
        *lock(&self.lexicon) = Some((generation, Vocabulary::new(lexicon)));
        Ok(())
    }

    /// Deletes every article that `query` matches (see [`NewsIndex::query_for`]).
    pub fn delete_query(&mut self, query: Box<dyn tantivy::query::Query>) -> Result<()> {
        self.writer.delete_query(query)?;
        Ok(())
    }

    /// Commits, then merges all segments into one and removes the files no longer used: a
    /// smaller index on disk, and slightly faster searches.
    pub fn optimize(mut self) -> Result<()> {
        self.commit()?;
        let segments = self.writer.index().searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait()?;
        }
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    /// Drops everything written since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Commits, then waits for background merges to finish.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
