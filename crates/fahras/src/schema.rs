//! The index schema: field names and handles in one place.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use crate::analysis::{EXACT_TOKENIZER, SOURCE_ANALYZER_NAME, TEXT_TOKENIZER, TRIGRAM_TOKENIZER};

/// Name of the article id field: the exact id, one term; stored, and a fast field so that
/// a search that shows only ids never opens the document store.
pub const ID: &str = "id";
/// Name of the headline field: analyzed and stored.
pub const TITLE: &str = "title";
/// Name of the field searched for the text of an article: the headline and the body,
/// analyzed, not stored. A headline word is part of what the article says, and counts here;
/// the `title` field adds a bonus for headline matches on top.
pub const BODY: &str = "body";
/// Name of the exact-form field: the headline and the body as normalized, unstemmed words;
/// indexed with frequencies only, to let a word written as in the query rank first. Filled
/// only in indexes built with `AnalysisSettings::exact_forms`.
pub const BODY_EXACT: &str = "body_exact";
/// Name of the trigram field: the letter trigrams of the headline and the body, indexed with
/// frequencies only. Filled only in indexes built with `AnalysisSettings::trigrams` (fahras
/// 0.1 before the [lexicon](crate::lexicon)), and read by no search any more.
pub const BODY_TRIGRAMS: &str = "body_trigrams";
/// Name of the stored text of the article, as written (for snippets); not indexed.
pub const BODY_STORED: &str = "body_stored";
/// Name of the publisher field: one lowercased, normalized term; stored as written.
pub const SOURCE: &str = "source";
/// Name of the publication date field: indexed, fast and stored.
pub const DATE: &str = "date";
/// Name of the address field: stored only.
pub const URL: &str = "url";

/// The fields of a news index.
#[derive(Clone, Debug)]
pub struct NewsSchema {
    /// The Tantivy schema.
    pub schema: Schema,
    /// See [`ID`].
    pub id: Field,
    /// See [`TITLE`].
    pub title: Field,
    /// See [`BODY`].
    pub body: Field,
    /// See [`BODY_EXACT`].
    pub body_exact: Field,
    /// See [`BODY_TRIGRAMS`]; `None` in an index made before the field.
    pub body_trigrams: Option<Field>,
    /// See [`BODY_STORED`].
    pub body_stored: Field,
    /// See [`SOURCE`].
    pub source: Field,
    /// See [`DATE`].
    pub date: Field,
    /// See [`URL`].
    pub url: Field,
}

impl NewsSchema {
    /// Builds the schema of a new index.
    pub fn build() -> NewsSchema {
        let mut builder = Schema::builder();
        let analyzed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let exact = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let trigrams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TRIGRAM_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let source = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(SOURCE_ANALYZER_NAME)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
        builder.add_text_field(ID, STRING | STORED | FAST);
        builder.add_text_field(TITLE, analyzed.clone().set_stored());
        builder.add_text_field(BODY, analyzed);
        builder.add_text_field(BODY_EXACT, exact);
        builder.add_text_field(BODY_TRIGRAMS, trigrams);
        builder.add_text_field(BODY_STORED, STORED);
        builder.add_text_field(SOURCE, source);
        let date = DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds);
        builder.add_date_field(DATE, date);
        builder.add_text_field(URL, STORED);
        Self::from_schema(builder.build()).expect("the fields were just added")
    }

    /// Finds the fields in the schema of an existing index; `None` if one is missing.
    pub fn from_schema(schema: Schema) -> Option<NewsSchema> {
        let field = |name| schema.get_field(name).ok();
        Some(NewsSchema {
            id: field(ID)?,
            title: field(TITLE)?,
            body: field(BODY)?,
            body_exact: field(BODY_EXACT)?,
            body_trigrams: field(BODY_TRIGRAMS),
            body_stored: field(BODY_STORED)?,
            source: field(SOURCE)?,
            date: field(DATE)?,
            url: field(URL)?,
            schema,
        })
    }
}
