//! Searching: a [`SearchRequest`] in, ranked [`Hit`]s with snippets out.
//!
//! The query language is Tantivy's: words are OR-ed and ranked by BM25 over the title
//! (boosted by [`TITLE_BOOST`]) and the body; `"quoted words"` is a phrase; `title:`, `body:`
//! and `source:` restrict a word to one field; `+word` requires it and `-word` excludes it;
//! `*` matches every article. Query words go through the same analyzer as the articles, so
//! `الصواريخ` finds `صواريخها`, and a query made only of stopwords finds nothing.
//!
//! **Similar spellings.** A query of plain words, without operators, also finds the articles
//! with a stem one edit away from a query stem of five letters or more
//! ([`analysis::similar`](mod@crate::analysis::similar)): يتزوج finds تزوج, سويسرا finds
//! لسويسرا. And in an index with letter trigrams (the default, see
//! [`analysis::trigrams`](mod@crate::analysis::trigrams)), every trigram an article shares with a
//! query word adds to its score, weighted by [`TRIGRAM_BOOST`], so that among the articles
//! that match, the one that writes the query's words, in whatever form, ranks first. A query
//! with operators, phrases or field prefixes is searched as written; with
//! [`SearchRequest::all_words`] nothing is added to what matches, only to the ranking.

use std::collections::HashSet;
use std::ops::{Bound, Range};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, FuzzyTermQuery, Occur, PhraseQuery, Query,
    QueryParser, QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, DocAddress, Order, TantivyDocument, TantivyError, Term};

use crate::analysis::{
    EXACT_TOKENIZER, TEXT_TOKENIZER, TRIGRAM_TOKENIZER, has_similar, source_analyzer,
};
use crate::article::format_date;
use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::snippet::{DEFAULT_SNIPPET_CHARS, Highlighter, Snippet};

/// The weight of the headline bonus: a headline word counts in the `body` field (headline and
/// text) and again, with this weight, in the `title` field.
pub const TITLE_BOOST: f32 = 0.5;

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
/// the score of its stem match, relative to it.
pub const EXACT_BOOST: f32 = 0.25;

/// The weight of a trigram that an article shares with a query word, relative to a stem
/// match (see [similar spellings](self#similar-spellings)).
pub const TRIGRAM_BOOST: f32 = 0.5;

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
    /// The weight of the trigrams an article shares with the query words (see
    /// [`TRIGRAM_BOOST`]); 0 for none.
    pub trigram_boost: f32,
    /// Also find the articles with a stem similar to a query stem (see
    /// [similar spellings](self#similar-spellings)).
    pub similar_stems: bool,
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
            trigram_boost: TRIGRAM_BOOST,
            similar_stems: true,
            sort: SortOrder::Score,
            stored_fields: true,
        }
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// How many articles match in all (not only the ones returned).
    pub total_hits: usize,
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

impl NewsIndex {
    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        if !(1..=MAX_LIMIT).contains(&request.limit) {
            return Err(Error::InvalidArgument(format!(
                "the limit must be between 1 and {MAX_LIMIT}, not {}",
                request.limit
            )));
        }
        let Found { written, query, similar, warnings } = self.found(request)?;
        let query = self.with_exact_forms(query, request)?;
        let fields = self.fields();
        let query = self.with_filters(query, request);

        let searcher = self.reader().searcher();
        let page = TopDocs::with_limit(request.limit).and_offset(request.offset);
        let (total_hits, top): (usize, Vec<(f32, DocAddress)>) = match request.sort {
            SortOrder::Score => searcher.search(&*query, &(Count, page.order_by_score()))?,
            SortOrder::Newest | SortOrder::Oldest => {
                let order =
                    if request.sort == SortOrder::Newest { Order::Desc } else { Order::Asc };
                let by_date = page.order_by_fast_field::<DateTime>(crate::schema::DATE, order);
                let (count, docs) = searcher.search(&*query, &(Count, by_date))?;
                let mut scored = Vec::with_capacity(docs.len());
                for (_, address) in docs {
                    scored.push((query.explain(&searcher, address)?.value(), address));
                }
                (count, scored)
            }
        };

        if !request.stored_fields {
            let hits = self.hits_from_fast_fields(&searcher, request, top)?;
            return Ok(SearchResults { total_hits, hits, warnings });
        }
        let analyzer = self.registered_analyzer(TEXT_TOKENIZER)?;
        let mut title_marks = Highlighter::new(analyzer.clone(), terms_of(&*written, fields.title));
        let mut body_marks = Highlighter::new(analyzer, terms_of(&*written, fields.body));
        let similar_stems: Vec<String> =
            similar.into_iter().filter_map(|word| word.similar_stem).collect();
        if !similar_stems.is_empty() {
            title_marks = title_marks.with_similar_stems(similar_stems.clone());
            body_marks = body_marks.with_similar_stems(similar_stems);
        }
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
        Ok(SearchResults { total_hits, hits, warnings })
    }

    /// Hits with their id and date from the fast fields, without opening the document store.
    fn hits_from_fast_fields(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>> {
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            let segment = searcher.segment_reader(address.segment_ord);
            let fast = segment.fast_fields();
            let mut id = String::new();
            if let Some(ids) = fast.str(crate::schema::ID)?
                && let Some(ord) = ids.ords().first(address.doc_id)
            {
                ids.ord_to_str(ord, &mut id).map_err(TantivyError::from)?;
            }
            let date = match fast.date(crate::schema::DATE) {
                Ok(dates) => dates.first(address.doc_id),
                Err(_) => None,
            };
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

    /// How many articles match, as [`SearchResults::total_hits`] counts them, without fetching
    /// any; and warnings about how the query was read (as in [`SearchResults::warnings`]).
    pub fn count(&self, request: &SearchRequest) -> Result<(usize, Vec<String>)> {
        let Found { query, warnings, .. } = self.found(request)?;
        let query = self.with_filters(query, request);
        Ok((self.reader().searcher().search(&*query, &Count)?, warnings))
    }

    /// What a request finds, before the exact-form bonus and the filters.
    fn found(&self, request: &SearchRequest) -> Result<Found> {
        let (written, warnings) = self.text_query(request)?;
        let similar = self.similar_words(request)?;
        let query = self.with_similar_words(written.box_clone(), request, &similar);
        Ok(Found { written, query, similar, warnings })
    }

    /// The Tantivy query of a request, filters included, to count, delete or explore with
    /// Tantivy's own collectors; and warnings about how the query was read. A warning means
    /// the query is not what was written (it did not parse and became its plain words, or
    /// nothing was left to look for): check them before deleting what it matches.
    ///
    /// This query matches the words as written, without
    /// [similar spellings](self#similar-spellings): deleting what it matches never removes an
    /// article only because one of its words resembles a query word.
    pub fn query_for(&self, request: &SearchRequest) -> Result<(Box<dyn Query>, Vec<String>)> {
        let (text_query, warnings) = self.text_query(request)?;
        Ok((self.with_filters(text_query, request), warnings))
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
        Ok(self.reader().searcher().search(query, &Count)?)
    }

    /// The query for the text of the request, and warnings about how it was read.
    fn text_query(&self, request: &SearchRequest) -> Result<(Box<dyn Query>, Vec<String>)> {
        if request.query.trim().is_empty() {
            return Err(Error::InvalidArgument("the query is empty".into()));
        }
        if request.syntax == QuerySyntax::Words {
            return self.words_query(request, Vec::new());
        }
        let fields = self.fields();
        let mut parser =
            QueryParser::for_index(self.tantivy_index(), vec![fields.title, fields.body]);
        parser.set_field_boost(fields.title, request.title_boost);
        if request.all_words {
            parser.set_conjunction_by_default();
        }
        match parser.parse_query(&request.query) {
            Ok(query) => match query
                .weight(EnableScoring::disabled_from_searcher(&self.reader().searcher()))
            {
                Ok(_) => Ok((query, Vec::new())),
                // It parses but cannot run, e.g. `title:*` (which needs a fast field).
                Err(error) => {
                    let warning = format!("{error}; searched for the words of the query instead");
                    self.words_query(request, vec![warning])
                }
            },
            Err(QueryParserError::AllButQueryForbidden) => {
                // Nothing left to look for: only stopwords, or only excluded words.
                Ok((Box::new(EmptyQuery), vec![NOTHING_TO_LOOK_FOR.to_string()]))
            }
            Err(error) => {
                let warning = format!("{error}; searched for the words of the query instead");
                self.words_query(request, vec![warning])
            }
        }
    }

    /// Every word of `text` as a word to look for, without operators, ranked as the query
    /// parser ranks them: each word in the title (boosted) or the body, words OR-ed (or all
    /// required); a word that analyzes to several terms (`F-35`, CJK) is a phrase.
    fn words_query(
        &self,
        request: &SearchRequest,
        mut warnings: Vec<String>,
    ) -> Result<(Box<dyn Query>, Vec<String>)> {
        let text = request.query.as_str();
        let fields = self.fields();
        let mut analyzer = self.registered_analyzer(TEXT_TOKENIZER)?;
        let occur = if request.all_words { Occur::Must } else { Occur::Should };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in query_words(text) {
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

    /// Adds to the score of each match the words that the article writes as the query does
    /// (normalized, not stemmed): `الصواريخ` first finds `الصواريخ`, then `صواريخها`. The set
    /// of matching articles does not change.
    fn with_exact_forms(
        &self,
        query: Box<dyn Query>,
        request: &SearchRequest,
    ) -> Result<Box<dyn Query>> {
        if request.exact_boost <= 0.0 || !self.analysis().settings().exact_forms {
            return Ok(query);
        }
        let fields = self.fields();
        let mut analyzer = self.registered_analyzer(EXACT_TOKENIZER)?;
        let mut boosts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in query_words(&request.query) {
            let mut terms = Vec::new();
            analyzer.token_stream(word).process(&mut |t| terms.push(t.text.clone()));
            // Words of several terms (F-35, CJK) are left to the phrase of the main query.
            if let [term] = &terms[..] {
                let term = Term::from_field_text(fields.body_exact, term);
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                boosts.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), request.exact_boost)),
                ));
            }
        }
        if boosts.is_empty() {
            return Ok(query);
        }
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Should, Box::new(BooleanQuery::new(boosts))),
        ])))
    }

    /// What each query word adds to a plain-word query: its similar stems and its trigrams.
    /// Empty for a query with operators. A word that the analyzer splits in several (`F-35`,
    /// CJK) is left to the phrase of the main query.
    fn similar_words(&self, request: &SearchRequest) -> Result<Vec<SimilarWord>> {
        let plain = request.syntax == QuerySyntax::Words || is_plain(&request.query);
        let trigrams = request.trigram_boost > 0.0
            && self.analysis().settings().trigrams
            && self.fields().body_trigrams.is_some();
        let stems = request.similar_stems && !request.all_words;
        if !plain || !(trigrams || stems) {
            return Ok(Vec::new());
        }
        let mut stemmer = self.registered_analyzer(TEXT_TOKENIZER)?;
        let mut splitter = self.registered_analyzer(TRIGRAM_TOKENIZER)?;
        let mut words = Vec::new();
        for word in query_words(&request.query) {
            let mut terms = Vec::new();
            stemmer.token_stream(word).process(&mut |t| terms.push(t.text.clone()));
            let [stem] = <[String; 1]>::try_from(terms).unwrap_or_default();
            if stem.is_empty() {
                continue;
            }
            let mut grams = Vec::new();
            if trigrams {
                splitter.token_stream(word).process(&mut |t| grams.push(t.text.clone()));
            }
            let similar_stem = (stems && has_similar(&stem)).then_some(stem);
            words.push(SimilarWord { similar_stem, grams });
        }
        Ok(words)
    }

    /// Adds [similar spellings](self#similar-spellings) to a query: the articles with a stem
    /// similar to one of `words` match too, and every trigram of `words` adds to the score of
    /// the articles that hold it.
    fn with_similar_words(
        &self,
        query: Box<dyn Query>,
        request: &SearchRequest,
        words: &[SimilarWord],
    ) -> Box<dyn Query> {
        let fields = self.fields();
        let mut matches: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut scores: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in words {
            if let Some(stem) = &word.similar_stem {
                let term = Term::from_field_text(fields.body, stem);
                let similar = FuzzyTermQuery::new(term, 1, true);
                // Matching only: the trigrams do the ranking.
                matches.push((Occur::Should, Box::new(BoostQuery::new(Box::new(similar), 0.0))));
            }
            let Some(field) = fields.body_trigrams else {
                continue;
            };
            for gram in &word.grams {
                let term = Term::from_field_text(field, gram);
                let query = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                let boosted = BoostQuery::new(query, request.trigram_boost);
                scores.push((Occur::Should, Box::new(boosted)));
            }
        }
        let matching: Box<dyn Query> = if matches.is_empty() {
            query
        } else {
            matches.insert(0, (Occur::Should, query));
            Box::new(BooleanQuery::new(matches))
        };
        if scores.is_empty() {
            return matching;
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, matching),
            (Occur::Should, Box::new(BooleanQuery::new(scores))),
        ]))
    }

    /// The analyzer the index registered under `name`.
    fn registered_analyzer(&self, name: &str) -> Result<TextAnalyzer> {
        self.tantivy_index()
            .tokenizers()
            .get(name)
            .ok_or_else(|| Error::InvalidArgument(format!("the analyzer {name} is not registered")))
    }

    fn with_filters(&self, text_query: Box<dyn Query>, request: &SearchRequest) -> Box<dyn Query> {
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
        if clauses.is_empty() {
            return text_query;
        }
        clauses.push((Occur::Must, text_query));
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The characters of the query syntax.
const SYNTAX: &str = "\\:()\"[]{}^~+!*<>=";

/// The words of a query, split on whitespace and on the characters of the query syntax, so
/// `title:(باتريوت` gives `title` and `باتريوت`.
fn query_words(text: &str) -> impl Iterator<Item = &str> {
    let syntax = |c: char| c.is_whitespace() || SYNTAX.contains(c);
    text.split(syntax).filter(|w| !w.is_empty())
}

/// What a request finds, before the exact-form bonus and the filters.
struct Found {
    /// The query as written: its terms are the words that snippets mark.
    written: Box<dyn Query>,
    /// The query with similar spellings.
    query: Box<dyn Query>,
    /// What each query word added to it.
    similar: Vec<SimilarWord>,
    /// How the query was read (see [`SearchResults::warnings`]).
    warnings: Vec<String>,
}

/// What one word of a plain-word query adds to it.
#[derive(Clone, Debug)]
struct SimilarWord {
    /// The word's stem, if similar stems match it.
    similar_stem: Option<String>,
    /// The word's letter trigrams, if they score.
    grams: Vec<String>,
}

/// Whether a query is plain words: no character of the query syntax, no `-word`, and none of
/// the operators AND, OR, NOT and IN.
fn is_plain(text: &str) -> bool {
    !text.contains(|c: char| SYNTAX.contains(c) || c == '\'')
        && !text
            .split_whitespace()
            .any(|w| w.starts_with('-') || matches!(w, "AND" | "OR" | "NOT" | "IN" | "&&" | "||"))
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
