//! # fahras: Arabic-first full-text search
//!
//! fahras (فهرس, "index") indexes news articles into [Tantivy](tantivy) with an analyzer made
//! for Arabic as it is really written: with and without hamza, harakat and tatweel, with
//! clitics attached, with Arabic-Indic digits, next to Latin and Japanese names. Searches
//! return ranked hits with snippets whose highlights point at the words as the article wrote
//! them.
//!
//! ```
//! use fahras::{AnalysisSettings, Article, NewsIndex, SearchRequest};
//!
//! let index = NewsIndex::in_ram(AnalysisSettings::default())?;
//! let mut writer = index.writer()?;
//! writer.upsert(&Article::new("a1", "وصول صواريخ باتريوت", "وصلت الصواريخ إلى الميناء."))?;
//! writer.upsert(&Article::new("a2", "السفير إِيمَانُويل", "قدّم السفير أوراق اعتماده."))?;
//! writer.commit()?;
//!
//! let results = index.search(&SearchRequest::new("ايمانويل"))?;
//! let hit = &results.hits[0];
//! assert_eq!(hit.id, "a2");
//! assert_eq!(&hit.title[hit.title_highlights[0].clone()], "إِيمَانُويل");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The modules, in the order data flows through them: [`ingest`] reads JSON Lines and text
//! files into [`Article`]s; [`analysis`] turns text into terms; [`NewsIndex`] stores them
//! (on disk or in RAM), with the [`lexicon`] of their vocabulary; [`NewsIndex::search`]
//! answers a [`SearchRequest`] by a [plan](search::plan) of what each query word looks for.

#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub mod analysis;
mod article;
mod error;
pub mod eval;
mod index;
pub mod ingest;
pub mod lexicon;
pub mod schema;
pub mod search;
pub mod snippet;

pub use crate::analysis::{Analysis, AnalysisSettings, JapaneseDictionary, TokenTrace};
pub use crate::article::{Article, format_date, parse_date, parse_date_end};
pub use crate::error::{Error, RecordError, Result};
pub use crate::index::{
    DEFAULT_WRITER_MEMORY, FORMAT_VERSION, IndexStats, MANIFEST_FILE, Manifest, NewsIndex,
    NewsWriter, WRITER_PID_FILE,
};
pub use crate::search::{
    DEFAULT_COUNT_LIMIT, EXACT_BOOST, Hit, MAX_LIMIT, PAIR_BOOST, QuerySyntax, SearchRequest,
    SearchResults, SortOrder, TITLE_BOOST, source_term,
};
pub use crate::snippet::{DEFAULT_SNIPPET_CHARS, Highlighter, Snippet};
pub use tantivy;
pub use tantivy::DateTime;
