//! The index schema: field names and handles in one place.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use crate::analysis::{ANALYZER_NAME, SOURCE_ANALYZER_NAME};

/// Name of the article id field: the exact id, one term.
pub const ID: &str = "id";
/// Name of the headline field: analyzed and stored.
pub const TITLE: &str = "title";
/// Name of the article text field: analyzed and stored.
pub const BODY: &str = "body";
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
        let analyzed = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER_NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let source = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(SOURCE_ANALYZER_NAME)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
        builder.add_text_field(ID, STRING | STORED);
        builder.add_text_field(TITLE, analyzed.clone());
        builder.add_text_field(BODY, analyzed);
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
            source: field(SOURCE)?,
            date: field(DATE)?,
            url: field(URL)?,
            schema,
        })
    }
}
