//! Searching: a [`SearchRequest`] in, ranked [`Hit`]s with snippets out.
//!
//! The query language is Tantivy's: words are OR-ed and ranked by BM25 over the title
//! (boosted by [`TITLE_BOOST`]) and the body; `"quoted words"` is a phrase; `title:`, `body:`
//! and `source:` restrict a word to one field; `+word` requires it and `-word` excludes it;
//! `*` matches every article. Query words go through the same analyzer as the articles, so
//! `الصواريخ` finds `صواريخها`, and a query made only of stopwords finds nothing.
//!
//! **Other spellings.** A query of plain words, without operators, is [planned](plan) word by
//! word: each word also looks for the stems of the index's [lexicon](crate::lexicon) that
//! spell it otherwise ([`lexicon::expand`](crate::lexicon::expand)). Its similar stems, one
//! edit away from a stem of five letters or more, match too (يتزوج finds تزوج, سويسرا finds
//! لسويسرا); its close spellings and clitic forms only rank the articles that match. A word and
//! its spellings [score as one term](score), and two neighbouring query words written close
//! together in an article add a bonus ([`PAIR_BOOST`]). A query with operators, phrases or
//! field prefixes is searched as written; with [`SearchRequest::all_words`] every word must
//! match by its own stem.
//!
//! **Counting.** Like Lucene and Elasticsearch, a search counts the matching articles exactly
//! up to [`SearchRequest::count_limit`] ([`DEFAULT_COUNT_LIMIT`]) and then reports "more than
//! that" ([`SearchResults::total_hits_exact`] false): the best hits are found without visiting
//! every match, so that a search does not grow with the corpus. [`NewsIndex::count`] counts
//! them all.

pub mod plan;
pub mod score;

use std::collections::HashSet;
use std::ops::{Bound, Range};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, Occur, PhraseQuery, Query, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, TantivyError, Term};

use self::plan::{Planner, QueryPlan, is_plain, query_words};
use self::score::{Boosts, Compiled, Fields};
use crate::analysis::{EXACT_TOKENIZER, TEXT_TOKENIZER, source_analyzer};
use crate::article::format_date;
use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::lexicon::Lexicon;
use crate::lexicon::expand::ExpandOptions;
use crate::snippet::{DEFAULT_SNIPPET_CHARS, Highlighter, Snippet};

pub use self::score::PAIR_SLOP;

/// The weight of the headline bonus: a headline word counts in the `body` field (headline and
/// text) and again, with this weight, in the `title` field.
pub const TITLE_BOOST: f32 = 0.5;

/// The weight of a pair of neighbouring query words written close together (see
/// [`score`](mod@score)), relative to a word.
pub const PAIR_BOOST: f32 = 0.2;

/// How many matching articles a search counts exactly before it reports "more than" that.
pub const DEFAULT_COUNT_LIMIT: usize = 1_000;

const NOTHING_TO_LOOK_FOR: &str = "the query has no word to look for (stopwords such as في and \
    من are not indexed; to list every article except some, write `* -word`)";

/// How the text of a query is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuerySyntax {
    /// Phrases, field prefixes and operators, as described in the [module docs](self). A query
    /// that does not parse is searched as [`QuerySyntax::Words`], with a warning.
    #[default]
    Full,
    /// Every word is a word to look for; quotes, colons and operators are ordinary characters.
    Words,
}

/// How much a word written in the article as in the query (normalized, not stemmed) adds to
/// the score of its stem match, relative to it, in an index that keeps exact forms.
pub const EXACT_BOOST: f32 = 0.25;

/// The order of hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Score,
    /// Latest publication first (articles without a date last).
    Newest,
    /// Earliest publication first.
    Oldest,
}

/// The most hits one request may ask for.
pub const MAX_LIMIT: usize = 10_000;

/// A search: the query and its filters.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    /// The query, in the syntax described in the [module docs](self).
    pub query: String,
    /// How many hits to return (1..=[`MAX_LIMIT`]).
    pub limit: usize,
    /// How many of the best hits to skip, for paging.
    pub offset: usize,
    /// Require every word instead of ranking articles that have any of them.
    pub all_words: bool,
    /// Keep only articles from one of these sources (case-insensitive, whole name).
    pub sources: Vec<String>,
    /// Keep only articles published at or after this time.
    pub since: Option<DateTime>,
    /// Keep only articles published at or before this time.
    pub until: Option<DateTime>,
    /// Length of body snippets in characters; 0 for no snippets.
    pub snippet_chars: usize,
    /// How the query text is read.
    pub syntax: QuerySyntax,
    /// The weight of the headline bonus (see [`TITLE_BOOST`]).
    pub title_boost: f32,
    /// How much an exact-form match adds, relative to the stem match (0 to rank by stems only),
    /// in an index built with [`AnalysisSettings::exact_forms`](crate::AnalysisSettings).
    pub exact_boost: f32,
    /// The weight of a pair of query words written close together (see [`PAIR_BOOST`]); 0 for
    /// none.
    pub pair_boost: f32,
    /// Also find the articles with a stem similar to a query stem (see the
    /// [expansion rules](crate::lexicon::expand)).
    pub similar_stems: bool,
    /// Also rank by the close spellings and clitic forms of the query words (see the
    /// [expansion rules](crate::lexicon::expand)).
    pub close_spellings: bool,
    /// Count the matching articles exactly up to this many, then report "more than" (see
    /// [`DEFAULT_COUNT_LIMIT`]); `None` counts them all, at the cost of visiting every match.
    pub count_limit: Option<usize>,
    /// The order of hits.
    pub sort: SortOrder,
    /// Load each hit's stored fields (title, source, url, the text for the snippet). Without
    /// them a hit has its id, score, rank and date only, read from fast fields: the document
    /// store is never opened, which is what a caller that shows ids (an evaluation, a
    /// pipeline) needs.
    pub stored_fields: bool,
}

impl SearchRequest {
    /// A request for the ten best hits of `query`, with snippets.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            all_words: false,
            sources: Vec::new(),
            since: None,
            until: None,
            snippet_chars: DEFAULT_SNIPPET_CHARS,
            syntax: QuerySyntax::Full,
            title_boost: TITLE_BOOST,
            exact_boost: EXACT_BOOST,
            pair_boost: PAIR_BOOST,
            similar_stems: true,
            close_spellings: true,
            count_limit: Some(DEFAULT_COUNT_LIMIT),
            sort: SortOrder::Score,
            stored_fields: true,
        }
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// How many articles match in all (not only the ones returned); when
    /// `total_hits_exact` is false, at least this many.
    pub total_hits: usize,
    /// Whether `total_hits` counts every match, or stopped at the request's
    /// [`count_limit`](SearchRequest::count_limit).
    pub total_hits_exact: bool,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Parts of the query that could not be understood and were left out.
    pub warnings: Vec<String>,
}

/// One matching article.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// 1-based rank among all hits (offset included).
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// Article id.
    pub id: String,
    /// Headline, whole.
    pub title: String,
    /// Byte ranges of the matched words in `title`.
    pub title_highlights: Vec<Range<usize>>,
    /// Publisher.
    pub source: Option<String>,
    /// Publication date.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<DateTime>,
    /// Address of the original.
    pub url: Option<String>,
    /// The best passage of the body.
    pub snippet: Snippet,
}

fn serialize_date<S: serde::Serializer>(d: &Option<DateTime>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&format_date(*d)),
        None => s.serialize_none(),
    }
}

/// What the text of a request looks for.
enum TextQuery {
    /// Plain words, planned.
    Words(QueryPlan),
    /// A query with operators, searched as Tantivy's parser reads it.
    Parsed(Box<dyn Query>),
    /// Nothing: only stopwords, or only excluded words.
    Nothing,
}

/// What a request finds: its text query, and how the query was read.
struct Found {
    text: TextQuery,
    warnings: Vec<String>,
}

impl NewsIndex {
    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        if !(1..=MAX_LIMIT).contains(&request.limit) {
            return Err(Error::InvalidArgument(format!(
                "the limit must be between 1 and {MAX_LIMIT}, not {}",
                request.limit
            )));
        }
        let searcher = self.reader().searcher();
        let Found { text, warnings } = self.found(request, &searcher)?;
        let wanted = request.offset.saturating_add(request.limit);
        let filter = self.filter(request);
        let (top, total_hits, total_hits_exact, marks) = match &text {
            TextQuery::Nothing => (Vec::new(), 0, true, Marks::None),
            TextQuery::Words(plan) => {
                let compiled = self.compile(plan, request, &searcher, filter)?;
                let top = match request.sort {
                    SortOrder::Score => compiled.top(&searcher, wanted)?,
                    SortOrder::Newest | SortOrder::Oldest => {
                        let addresses = by_date(&searcher, &*compiled.matching, request, wanted)?;
                        let scores = compiled.scores(&searcher, &addresses)?;
                        scores.into_iter().zip(addresses).collect()
                    }
                };
                let (total, exact) = compiled.count(&searcher, request.count_limit)?;
                (top, total, exact, Marks::Plan(plan))
            }
            TextQuery::Parsed(query) => {
                let query = with_filter(query.box_clone(), filter);
                let top = match request.sort {
                    SortOrder::Score => {
                        let page = TopDocs::with_limit(wanted).order_by_score();
                        searcher.search(&*query, &page)?
                    }
                    SortOrder::Newest | SortOrder::Oldest => {
                        let mut scored = Vec::new();
                        for address in by_date(&searcher, &*query, request, wanted)? {
                            scored.push((query.explain(&searcher, address)?.value(), address));
                        }
                        scored
                    }
                };
                let (total, exact) = score::count(&searcher, &*query, request.count_limit)?;
                (top, total, exact, Marks::Query(query))
            }
        };
        let top: Vec<(f32, DocAddress)> = top.into_iter().skip(request.offset).collect();
        let hits = if request.stored_fields {
            self.hits_with_stored_fields(&searcher, request, top, &marks)?
        } else {
            self.hits_from_fast_fields(&searcher, request, top)?
        };
        Ok(SearchResults { total_hits, total_hits_exact, hits, warnings })
    }

    /// The plan of a request's text compiled against `searcher`.
    pub(crate) fn compile(
        &self,
        plan: &QueryPlan,
        request: &SearchRequest,
        searcher: &Searcher,
        filter: Option<Box<dyn Query>>,
    ) -> Result<Compiled> {
        let fields = self.fields();
        let exact = self.analysis().settings().exact_forms.then_some(fields.body_exact);
        let fields = Fields { title: fields.title, body: fields.body, exact };
        let boosts = Boosts {
            title: request.title_boost,
            exact: request.exact_boost,
            pair: request.pair_boost,
        };
        Compiled::new(plan, fields, boosts, searcher, filter)
    }

    /// Hits with their stored fields, snippets and highlights.
    fn hits_with_stored_fields(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        top: Vec<(f32, DocAddress)>,
        marks: &Marks<'_>,
    ) -> Result<Vec<Hit>> {
        let fields = self.fields();
        let analyzer = self.registered_analyzer(TEXT_TOKENIZER)?;
        let (mut title_marks, mut body_marks) = match marks {
            Marks::Plan(plan) => {
                let words = || plan.words.iter().map(|w| w.marked_terms().map(str::to_string));
                (
                    Highlighter::for_words(analyzer.clone(), words()),
                    Highlighter::for_words(analyzer, words()),
                )
            }
            Marks::Query(query) => (
                Highlighter::new(analyzer.clone(), terms_of(&**query, fields.title)),
                Highlighter::new(analyzer, terms_of(&**query, fields.body)),
            ),
            Marks::None => (Highlighter::new(analyzer.clone(), []), Highlighter::new(analyzer, [])),
        };
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text =
                |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
            let title = text(fields.title).unwrap_or_default();
            let snippet = match request.snippet_chars {
                0 => Snippet::default(),
                chars => body_marks.snippet(&text(fields.body_stored).unwrap_or_default(), chars),
            };
            let title_highlights = title_marks.highlight_all(&title);
            hits.push(Hit {
                rank: request.offset + i + 1,
                score,
                id: text(fields.id).unwrap_or_default(),
                title_highlights,
                title,
                source: text(fields.source),
                date: doc.get_first(fields.date).and_then(|v| v.as_datetime()),
                url: text(fields.url),
                snippet,
            });
        }
        Ok(hits)
    }

    /// Hits with their id and date from the fast fields, without opening the document store.
    fn hits_from_fast_fields(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>> {
        let mut hits = Vec::with_capacity(top.len());
        // The id and date columns of the segment of the hit before, opened once per segment.
        let mut columns = None;
        for (i, (score, address)) in top.into_iter().enumerate() {
            let (ids, dates) = match &columns {
                Some((ord, ids, dates)) if *ord == address.segment_ord => (ids, dates),
                _ => {
                    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                    let ids = fast.str(crate::schema::ID)?;
                    let dates = fast.date(crate::schema::DATE).ok();
                    let (_, ids, dates) = columns.insert((address.segment_ord, ids, dates));
                    (&*ids, &*dates)
                }
            };
            let mut id = String::new();
            if let Some(ids) = ids
                && let Some(ord) = ids.ords().first(address.doc_id)
            {
                ids.ord_to_str(ord, &mut id).map_err(TantivyError::from)?;
            }
            let date = dates.as_ref().and_then(|dates| dates.first(address.doc_id));
            hits.push(Hit {
                rank: request.offset + i + 1,
                score,
                id,
                title: String::new(),
                title_highlights: Vec::new(),
                source: None,
                date,
                url: None,
                snippet: Snippet::default(),
            });
        }
        Ok(hits)
    }

    /// How many articles match, counting every one of them (whatever the request's
    /// [`count_limit`](SearchRequest::count_limit)); and warnings about how the query was
    /// read (as in [`SearchResults::warnings`]).
    pub fn count(&self, request: &SearchRequest) -> Result<(usize, Vec<String>)> {
        let searcher = self.reader().searcher();
        let Found { text, warnings } = self.found(request, &searcher)?;
        let filter = self.filter(request);
        let total = match text {
            TextQuery::Nothing => 0,
            TextQuery::Words(plan) => {
                let compiled = self.compile(&plan, request, &searcher, filter)?;
                compiled.count(&searcher, None)?.0
            }
            TextQuery::Parsed(query) => {
                score::count(&searcher, &*with_filter(query, filter), None)?.0
            }
        };
        Ok((total, warnings))
    }

    /// The plan of a request's text, if it is plain words (see [`plan`]): what each word looks
    /// for in this index. `None` for a query with operators, which is searched as written.
    pub fn plan(&self, request: &SearchRequest) -> Result<Option<QueryPlan>> {
        let searcher = self.reader().searcher();
        Ok(match self.found(request, &searcher)?.text {
            TextQuery::Words(plan) => Some(plan),
            TextQuery::Parsed(_) | TextQuery::Nothing => None,
        })
    }

    /// What the text of a request looks for, and how it was read.
    fn found(&self, request: &SearchRequest, searcher: &Searcher) -> Result<Found> {
        if request.query.trim().is_empty() {
            return Err(Error::InvalidArgument("the query is empty".into()));
        }
        let words = |warnings: Vec<String>| -> Result<Found> {
            // Quotes make phrases when the query was read in the full syntax; a query that
            // did not parse is read as its words alone.
            let quotes = request.syntax == QuerySyntax::Full && warnings.is_empty();
            let plan = self.words_plan(request, searcher, quotes)?;
            if plan.is_empty() {
                let mut warnings = warnings;
                warnings.push(NOTHING_TO_LOOK_FOR.to_string());
                return Ok(Found { text: TextQuery::Nothing, warnings });
            }
            Ok(Found { text: TextQuery::Words(plan), warnings })
        };
        if request.syntax == QuerySyntax::Words || is_plain(&request.query) {
            return words(Vec::new());
        }
        match self.parse(request) {
            Ok(query) => match query.weight(EnableScoring::disabled_from_searcher(searcher)) {
                Ok(_) => Ok(Found { text: TextQuery::Parsed(query), warnings: Vec::new() }),
                // It parses but cannot run, e.g. `title:*` (which needs a fast field).
                Err(error) => {
                    words(vec![format!("{error}; searched for the words of the query instead")])
                }
            },
            Err(QueryParserError::AllButQueryForbidden) => {
                // Nothing left to look for: only stopwords, or only excluded words.
                let warnings = vec![NOTHING_TO_LOOK_FOR.to_string()];
                Ok(Found { text: TextQuery::Nothing, warnings })
            }
            Err(error) => {
                words(vec![format!("{error}; searched for the words of the query instead")])
            }
        }
    }

    /// The query of a request in Tantivy's syntax.
    fn parse(
        &self,
        request: &SearchRequest,
    ) -> std::result::Result<Box<dyn Query>, QueryParserError> {
        let fields = self.fields();
        let mut parser =
            QueryParser::for_index(self.tantivy_index(), vec![fields.title, fields.body]);
        parser.set_field_boost(fields.title, request.title_boost);
        if request.all_words {
            parser.set_conjunction_by_default();
        }
        parser.parse_query(&request.query)
    }

    /// The plan of a request read as plain words, with the expansions it asks for.
    fn words_plan(
        &self,
        request: &SearchRequest,
        searcher: &Searcher,
        quotes: bool,
    ) -> Result<QueryPlan> {
        let expand = ExpandOptions {
            // Required words match by their own stems.
            similar_stems: request.similar_stems && !request.all_words,
            close_spellings: request.close_spellings,
        };
        let vocabulary = if expand.similar_stems || expand.close_spellings {
            Some(self.vocabulary(searcher)?)
        } else {
            None
        };
        let empty = Lexicon::default();
        let exact_analyzer = if self.analysis().settings().exact_forms && request.exact_boost > 0.0
        {
            Some(self.registered_analyzer(EXACT_TOKENIZER)?)
        } else {
            None
        };
        let mut planner = Planner {
            analyzer: self.registered_analyzer(TEXT_TOKENIZER)?,
            exact_analyzer,
            lexicon: vocabulary.as_ref().map_or(&empty, |v| &v.lexicon),
            cache: vocabulary.as_ref().map(|v| &*v.expansions),
            expand,
            pairs: request.pair_boost > 0.0,
        };
        Ok(QueryPlan::words(&request.query, quotes, request.all_words, &mut planner))
    }

    /// The Tantivy query of a request, filters included, to count, delete or explore with
    /// Tantivy's own collectors; and warnings about how the query was read. A warning means
    /// the query is not what was written (it did not parse and became its plain words, or
    /// nothing was left to look for): check them before deleting what it matches.
    ///
    /// This query matches the words as written, without their
    /// [other spellings](self#other-spellings): deleting what it matches never removes an
    /// article only because one of its words resembles a query word.
    pub fn query_for(&self, request: &SearchRequest) -> Result<(Box<dyn Query>, Vec<String>)> {
        if request.query.trim().is_empty() {
            return Err(Error::InvalidArgument("the query is empty".into()));
        }
        let (text_query, warnings) = if request.syntax == QuerySyntax::Words {
            self.words_query(request, Vec::new())?
        } else {
            match self.parse(request) {
                Ok(query) => match query
                    .weight(EnableScoring::disabled_from_searcher(&self.reader().searcher()))
                {
                    Ok(_) => (query, Vec::new()),
                    Err(error) => {
                        let warning =
                            format!("{error}; searched for the words of the query instead");
                        self.words_query(request, vec![warning])?
                    }
                },
                Err(QueryParserError::AllButQueryForbidden) => {
                    (Box::new(EmptyQuery) as Box<dyn Query>, vec![NOTHING_TO_LOOK_FOR.to_string()])
                }
                Err(error) => {
                    let warning = format!("{error}; searched for the words of the query instead");
                    self.words_query(request, vec![warning])?
                }
            }
        };
        Ok((with_filter(text_query, self.filter(request)), warnings))
    }

    /// Every word of the request's text as a word to look for, without operators nor other
    /// spellings, as the query parser reads them: each word in the title (boosted) or the
    /// body, words OR-ed (or all required); a word that analyzes to several terms (`F-35`,
    /// CJK) is a phrase.
    fn words_query(
        &self,
        request: &SearchRequest,
        mut warnings: Vec<String>,
    ) -> Result<(Box<dyn Query>, Vec<String>)> {
        let fields = self.fields();
        let mut analyzer = self.registered_analyzer(TEXT_TOKENIZER)?;
        let occur = if request.all_words { Occur::Must } else { Occur::Should };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in query_words(&request.query) {
            let mut terms = Vec::new();
            analyzer.token_stream(word).process(&mut |t| terms.push((t.position, t.text.clone())));
            if terms.is_empty() {
                continue;
            }
            let in_field = |field: Field| -> Box<dyn Query> {
                if terms.len() == 1 {
                    let term = Term::from_field_text(field, &terms[0].1);
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                } else {
                    let terms = terms
                        .iter()
                        .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                        .collect();
                    Box::new(PhraseQuery::new_with_offset(terms))
                }
            };
            let title: Box<dyn Query> =
                Box::new(BoostQuery::new(in_field(fields.title), request.title_boost));
            let either = BooleanQuery::new(vec![
                (Occur::Should, title),
                (Occur::Should, in_field(fields.body)),
            ]);
            clauses.push((occur, Box::new(either)));
        }
        if clauses.is_empty() {
            warnings.push(NOTHING_TO_LOOK_FOR.to_string());
            return Ok((Box::new(EmptyQuery), warnings));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), warnings))
    }

    /// A query matching the articles with these ids.
    pub fn ids_query(&self, ids: &[String]) -> Box<dyn Query> {
        let clauses = ids
            .iter()
            .map(|id| {
                let term = Term::from_field_text(self.fields().id, id);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// How many articles a query matches.
    pub fn count_matching(&self, query: &dyn Query) -> Result<usize> {
        Ok(score::count(&self.reader().searcher(), query, None)?.0)
    }

    /// The analyzer the index registered under `name`.
    fn registered_analyzer(&self, name: &str) -> Result<TextAnalyzer> {
        self.tantivy_index()
            .tokenizers()
            .get(name)
            .ok_or_else(|| Error::InvalidArgument(format!("the analyzer {name} is not registered")))
    }

    /// The source and date filters of a request, if it has any.
    fn filter(&self, request: &SearchRequest) -> Option<Box<dyn Query>> {
        let fields = self.fields();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !request.sources.is_empty() {
            let any_source = request
                .sources
                .iter()
                .map(|source| {
                    let term = Term::from_field_text(fields.source, &source_term(source));
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_source))));
        }
        if request.since.is_some() || request.until.is_some() {
            let bound = |date: Option<DateTime>| match date {
                Some(date) => Bound::Included(Term::from_field_date(fields.date, date)),
                None => Bound::Unbounded,
            };
            let range = RangeQuery::new(bound(request.since), bound(request.until));
            clauses.push((Occur::Must, Box::new(range)));
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }
}

/// What snippets mark: the terms of a plan's words, or of a parsed query.
enum Marks<'a> {
    Plan(&'a QueryPlan),
    Query(Box<dyn Query>),
    None,
}

/// `query`, restricted by `filter` if there is one.
fn with_filter(query: Box<dyn Query>, filter: Option<Box<dyn Query>>) -> Box<dyn Query> {
    match filter {
        None => query,
        Some(filter) => {
            Box::new(BooleanQuery::new(vec![(Occur::Must, filter), (Occur::Must, query)]))
        }
    }
}

/// The first `wanted` articles that `query` matches, by publication date.
fn by_date(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    wanted: usize,
) -> Result<Vec<DocAddress>> {
    let order = if request.sort == SortOrder::Newest { Order::Desc } else { Order::Asc };
    let by_date =
        TopDocs::with_limit(wanted).order_by_fast_field::<DateTime>(crate::schema::DATE, order);
    Ok(searcher.search(query, &by_date)?.into_iter().map(|(_, address)| address).collect())
}

/// The indexed form of a source name: trimmed, lowercased, normalized.
pub fn source_term(source: &str) -> String {
    let mut analyzer = source_analyzer();
    let mut term = String::new();
    analyzer.token_stream(source.trim()).process(&mut |token| term = token.text.clone());
    term
}

/// The text terms a query looks for in one field.
fn terms_of(query: &dyn Query, field: Field) -> HashSet<String> {
    let mut terms = HashSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field
            && let Some(text) = term.value().as_str()
        {
            terms.insert(text.to_string());
        }
    });
    terms
}
