//! Scoring a [`QueryPlan`]: each word and its expansions as one BM25 term, the pair bonus, and
//! the best hits found without scoring every match.
//!
//! **One term per word.** A word looks for its stem and the terms it was expanded to, each
//! with a weight. In an article, their occurrences add up, `tf = Σ weight × tf(term)`, before
//! BM25 saturates them, and the idf is that of the word's own stem: the BM25F / Pirkola way of
//! scoring synonyms, so that an article writing the word in two spellings does not count it
//! twice, and a rare misspelling does not weigh more than the word. The same word scores in
//! the headline, at [`SearchRequest::title_boost`](super::SearchRequest::title_boost).
//!
//! **Pairs.** Two neighbouring words of the query, written at most [`PAIR_SLOP`] words apart
//! in the article (in either order), add [`SearchRequest::pair_boost`](super::SearchRequest)
//! times the BM25 of that pair, with the idf of both words.
//!
//! **Finding the best hits, in two stages.** Scoring every article that has a query word would
//! make a search grow with the corpus. The first stage ranks by what makes an article match:
//! the stems and similar stems of the words in the text, each weighted and saturating on its
//! own, their exact forms and phrases. It finds the best [`RERANK_DEPTH`] (or more, for a
//! deeper page) with Tantivy's block-max WAND over a flat union of one term query per term,
//! weighted so that its BM25 is what the term adds to that score (a phrase is bounded by its
//! rarest term, which it never outnumbers): whatever WAND skips cannot reach the top, and every
//! article it proposes is scored exactly. The second stage scores those candidates fully —
//! each word and its spellings as one term, the headline bonus, close spellings, clitic forms
//! and pairs — and orders them again. It can reorder the candidates, not bring in an article
//! from beyond them.

use std::collections::{BinaryHeap, HashMap};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

use super::plan::QueryPlan;
use crate::error::Result;

/// BM25's k1 and b, as Tantivy (and Lucene) fix them.
const K1: Score = 1.2;
const B: Score = 0.75;

/// How far apart the two words of a pair may be: at most this many positions besides their
/// own (a stopword left out of the index still takes its position).
pub const PAIR_SLOP: u32 = 2;

/// How many candidates of the first stage the second stage reorders, at least (see the
/// [module docs](self)).
pub const RERANK_DEPTH: usize = 30;

/// What an exact score takes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// The terms that make an article match, exact forms and phrases.
    Matching,
    /// Everything: close spellings, clitic forms and pairs too.
    Full,
}

/// BM25's inverse document frequency, as Tantivy computes it.
fn idf(doc_freq: u64, docs: u64) -> Score {
    let doc_freq = doc_freq.min(docs);
    (1.0 + ((docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5)).ln()
}

/// The weights a compiled plan needs from its request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Boosts {
    pub title: Score,
    pub exact: Score,
    pub pair: Score,
}

/// The fields a compiled plan scores.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub title: Field,
    pub body: Field,
    /// The exact-form field, when the index fills it.
    pub exact: Option<Field>,
}

/// One term of a clause.
struct ClauseTerm {
    term: Term,
    /// What one occurrence counts, relative to the word's own stem.
    weight: Score,
    /// Whether an article with it matches the word.
    matches: bool,
    /// Whether it scores in the first stage (or only in the second).
    first_stage: bool,
}

/// Terms of one field scored as one BM25 term.
struct Clause {
    /// The query word it belongs to.
    word: usize,
    field: Field,
    terms: Vec<ClauseTerm>,
    /// Its row of `Compiled::norms`.
    norms: usize,
    /// The document frequency of its idf.
    doc_freq: u64,
    /// boost × idf × (k1 + 1).
    weight: Score,
}

/// A pair of neighbouring query words.
struct Pair {
    field: Field,
    /// Its row of `Compiled::norms`.
    norms: usize,
    first: Term,
    second: Term,
    weight: Score,
}

/// A word of several terms, or a quoted phrase: its terms next to each other, scored as
/// Tantivy scores a phrase (the BM25 of the phrase's frequency, with the idf of all its terms).
struct Phrase {
    word: usize,
    field: Field,
    /// Its row of `Compiled::norms`.
    norms: usize,
    /// Each term with its position in the phrase.
    terms: Vec<(u32, Term)>,
    /// The rarest term, whose postings bound the phrase, and its document frequency.
    lead: Term,
    lead_doc_freq: u64,
    /// boost × Σ idf × (k1 + 1).
    weight: Score,
}

/// A plan compiled against a searcher: exact scoring, the bound that drives the search, and
/// the query that decides what matches.
pub(crate) struct Compiled {
    clauses: Vec<Clause>,
    pairs: Vec<Pair>,
    phrases: Vec<Phrase>,
    words: usize,
    all_words: bool,
    /// K(len) = k1 × (1 − b + b × len / average len), by fieldnorm id, one row per field.
    norms: Vec<[Score; 256]>,
    /// The flat union whose BM25 bounds the exact score.
    bound: Box<dyn Query>,
    /// Document frequencies the bound's term queries are weighted with.
    bound_doc_freqs: HashMap<Term, u64>,
    /// The query that decides which articles match.
    pub matching: Box<dyn Query>,
    /// Whether a filter restricts what matches.
    filtered: bool,
}

/// Statistics for the bound: the given document frequencies, the searcher's for the rest.
struct BoundStatistics<'a> {
    searcher: &'a Searcher,
    doc_freqs: &'a HashMap<Term, u64>,
}

impl Bm25StatisticsProvider for BoundStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.doc_freqs.get(term) {
            Some(&n) => Ok(n),
            None => self.searcher.doc_freq(term),
        }
    }
}

/// The rows of `Compiled::norms`, one per field, made as fields are met.
#[derive(Default)]
struct Norms {
    fields: Vec<Field>,
    rows: Vec<[Score; 256]>,
}

impl Norms {
    /// The row of `field`, made from the searcher's average field length the first time.
    fn row(&mut self, field: Field, searcher: &Searcher) -> Result<usize> {
        if let Some(row) = self.fields.iter().position(|&f| f == field) {
            return Ok(row);
        }
        let docs = searcher.total_num_docs()?.max(1);
        let average = searcher.total_num_tokens(field)? as Score / docs as Score;
        let mut table = [0.0; 256];
        for (id, norm) in table.iter_mut().enumerate() {
            let len = FieldNormReader::id_to_fieldnorm(id as u8) as Score;
            *norm = K1 * (1.0 - B + B * len / average.max(Score::MIN_POSITIVE));
        }
        self.fields.push(field);
        self.rows.push(table);
        Ok(self.rows.len() - 1)
    }
}

impl Compiled {
    /// Compiles `plan` against `searcher`; `filter`, if any, must match too.
    pub fn new(
        plan: &QueryPlan,
        fields: Fields,
        boosts: Boosts,
        searcher: &Searcher,
        filter: Option<Box<dyn Query>>,
    ) -> Result<Compiled> {
        let docs = searcher.total_num_docs()?.max(1);
        let mut clauses = Vec::new();
        let mut phrases = Vec::new();
        let mut norms = Norms::default();
        // Each phrase as Tantivy's query, to count what matches.
        let mut phrase_queries: Vec<(usize, Box<dyn Query>)> = Vec::new();
        // The idf of each word's stem, for its pairs.
        let mut stem_idf: Vec<Score> = vec![0.0; plan.words.len()];
        for (i, word) in plan.words.iter().enumerate() {
            let Some(stem) = word.stem() else {
                for (field, boost) in [(fields.title, boosts.title), (fields.body, 1.0)] {
                    if boost <= 0.0 {
                        continue;
                    }
                    let mut terms = Vec::with_capacity(word.terms.len());
                    let (mut idf_sum, mut lead) = (0.0, None::<(Term, u64)>);
                    for (position, text) in &word.terms {
                        let term = Term::from_field_text(field, text);
                        let doc_freq = searcher.doc_freq(&term)?;
                        idf_sum += idf(doc_freq, docs);
                        if lead.as_ref().is_none_or(|(_, n)| doc_freq < *n) {
                            lead = Some((term.clone(), doc_freq));
                        }
                        terms.push((*position as u32, term));
                    }
                    let Some((lead, lead_doc_freq)) = lead else {
                        continue;
                    };
                    let phrase_query = PhraseQuery::new_with_offset(
                        terms.iter().map(|(p, t)| (*p as usize, t.clone())).collect(),
                    );
                    phrase_queries.push((i, Box::new(phrase_query)));
                    phrases.push(Phrase {
                        word: i,
                        field,
                        norms: norms.row(field, searcher)?,
                        terms,
                        lead,
                        lead_doc_freq: lead_doc_freq.max(1),
                        weight: boost * idf_sum * (1.0 + K1),
                    });
                }
                continue;
            };
            let doc_freq = searcher.doc_freq(&Term::from_field_text(fields.body, stem))?.max(1);
            let word_idf = idf(doc_freq, docs);
            stem_idf[i] = word_idf;
            for (field, boost) in [(fields.body, 1.0), (fields.title, boosts.title)] {
                if boost <= 0.0 {
                    continue;
                }
                let stem = ClauseTerm {
                    term: Term::from_field_text(field, stem),
                    weight: 1.0,
                    matches: true,
                    // The headline bonus only ranks: the body holds the headline's words too.
                    first_stage: field == fields.body,
                };
                // In the headline only the word itself counts: its other spellings add nothing
                // measurable there (docs/relevance.md), and would cost a term each.
                let expansions =
                    word.expansions.iter().filter(|_| field == fields.body).map(|e| ClauseTerm {
                        term: Term::from_field_text(field, &e.term),
                        weight: e.weight,
                        matches: e.matches,
                        first_stage: e.matches && field == fields.body,
                    });
                let terms = std::iter::once(stem).chain(expansions).collect();
                let weight = boost * word_idf * (1.0 + K1);
                let norms = norms.row(field, searcher)?;
                clauses.push(Clause { word: i, field, terms, norms, doc_freq, weight });
            }
            if let (Some(field), Some(exact)) = (fields.exact, &word.exact)
                && boosts.exact > 0.0
            {
                let term = Term::from_field_text(field, exact);
                let doc_freq = searcher.doc_freq(&term)?.max(1);
                // A bonus only: every article with the exact form has the stem.
                let weight = boosts.exact * idf(doc_freq, docs) * (1.0 + K1);
                let terms =
                    vec![ClauseTerm { term, weight: 1.0, matches: false, first_stage: true }];
                let norms = norms.row(field, searcher)?;
                clauses.push(Clause { word: i, field, terms, norms, doc_freq, weight });
            }
        }
        let mut pairs = Vec::new();
        if boosts.pair > 0.0 {
            for &(a, b) in &plan.pairs {
                let (Some(first), Some(second)) = (plan.words[a].stem(), plan.words[b].stem())
                else {
                    continue;
                };
                pairs.push(Pair {
                    field: fields.body,
                    norms: norms.row(fields.body, searcher)?,
                    first: Term::from_field_text(fields.body, first),
                    second: Term::from_field_text(fields.body, second),
                    weight: boosts.pair * (stem_idf[a] + stem_idf[b]) * (1.0 + K1),
                });
            }
        }
        // The bound: per word (for all_words) or for the whole query, every term once, with
        // the sum of the weights it can contribute. Its term query is weighted with the
        // document frequency of the first clause it is in; the boost makes up the rest.
        let mut bound_doc_freqs: HashMap<Term, u64> = HashMap::new();
        for clause in &clauses {
            for t in &clause.terms {
                bound_doc_freqs.entry(t.term.clone()).or_insert(clause.doc_freq);
            }
        }
        let group_of = |word: usize| if plan.all_words { word } else { 0 };
        let groups = if plan.all_words { plan.words.len() } else { 1 };
        let mut bound_terms: Vec<Vec<(Term, Score)>> = vec![Vec::new(); groups];
        let mut add = |group: usize, term: &Term, weight: Score| {
            let terms = &mut bound_terms[group];
            match terms.iter_mut().find(|(t, _)| t == term) {
                Some(entry) => entry.1 += weight,
                None => terms.push((term.clone(), weight)),
            }
        };
        for clause in &clauses {
            for t in clause.terms.iter().filter(|t| t.first_stage) {
                add(group_of(clause.word), &t.term, clause.weight * t.weight);
            }
        }
        // A phrase occurs no more often than its rarest term.
        for phrase in &phrases {
            bound_doc_freqs.entry(phrase.lead.clone()).or_insert(phrase.lead_doc_freq);
            add(group_of(phrase.word), &phrase.lead, phrase.weight);
        }
        let mut group_queries: Vec<Vec<(Occur, Box<dyn Query>)>> =
            (0..groups).map(|_| Vec::new()).collect();
        for (group, terms) in bound_terms.into_iter().enumerate() {
            for (term, weight) in terms {
                let doc_freq = *bound_doc_freqs.entry(term.clone()).or_insert(1);
                // Tantivy scores it as boost × idf(doc_freq) × (k1+1) × tf-part.
                let boost = weight / ((1.0 + K1) * idf(doc_freq, docs));
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                group_queries[group]
                    .push((Occur::Should, Box::new(BoostQuery::new(Box::new(query), boost))));
            }
        }
        let text_bound: Box<dyn Query> = if plan.all_words {
            let musts = group_queries
                .into_iter()
                .filter(|g| !g.is_empty())
                .map(|g| (Occur::Must, Box::new(BooleanQuery::new(g)) as Box<dyn Query>))
                .collect();
            Box::new(BooleanQuery::new(musts))
        } else {
            Box::new(BooleanQuery::new(group_queries.into_iter().flatten().collect()))
        };

        // What matches: the terms that match, by word.
        let mut word_matches: Vec<Vec<(Occur, Box<dyn Query>)>> =
            plan.words.iter().map(|_| Vec::new()).collect();
        for clause in &clauses {
            for t in clause.terms.iter().filter(|t| t.matches) {
                let query = TermQuery::new(t.term.clone(), IndexRecordOption::Basic);
                word_matches[clause.word].push((Occur::Should, Box::new(query)));
            }
        }
        for (word, query) in &phrase_queries {
            word_matches[*word].push((Occur::Should, query.box_clone()));
        }
        let occur = if plan.all_words { Occur::Must } else { Occur::Should };
        let text_matching: Box<dyn Query> = Box::new(BooleanQuery::new(
            word_matches
                .into_iter()
                .filter(|m| !m.is_empty())
                .map(|m| (occur, Box::new(BooleanQuery::new(m)) as Box<dyn Query>))
                .collect(),
        ));
        let filtered = filter.is_some();
        let (bound, matching) = match filter {
            None => (text_bound, text_matching),
            Some(filter) => {
                let unscored: Box<dyn Query> = Box::new(BoostQuery::new(filter.box_clone(), 0.0));
                (
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, unscored),
                        (Occur::Must, text_bound),
                    ])) as Box<dyn Query>,
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, filter),
                        (Occur::Must, text_matching),
                    ])) as Box<dyn Query>,
                )
            }
        };
        Ok(Compiled {
            clauses,
            pairs,
            phrases,
            words: plan.words.len(),
            all_words: plan.all_words,
            norms: norms.rows,
            bound,
            bound_doc_freqs,
            matching,
            filtered,
        })
    }

    /// The best `k` hits, best first (ties: the earlier article first), with their scores:
    /// the two stages of the [module docs](self). Segments are searched one after the other
    /// on the caller's thread, each starting from the threshold the ones before reached:
    /// handing segments to search threads cost more than it saved, even on a million articles.
    pub fn top(&self, searcher: &Searcher, k: usize) -> Result<Vec<(Score, DocAddress)>> {
        let statistics = BoundStatistics { searcher, doc_freqs: &self.bound_doc_freqs };
        let bound = self
            .bound
            .weight(EnableScoring::enabled_from_statistics_provider(&statistics, searcher))?;
        let mut top = TopK::new(k.max(RERANK_DEPTH));
        // Each segment's cursors as they were before the first stage moved them, for the second.
        let mut unmoved = Vec::with_capacity(searcher.segment_readers().len());
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let scorer = SegmentScorer::open(self, reader)?;
            let mut exact = scorer.fork();
            unmoved.push(scorer);
            let alive = reader.alive_bitset();
            let mut threshold = top.threshold();
            bound.for_each_pruning(threshold, reader, &mut |doc, _bound| {
                if !alive.is_some_and(|a| a.is_deleted(doc))
                    && let Some(score) = exact.score(doc, Stage::Matching)
                {
                    top.push(score, DocAddress::new(ord as u32, doc));
                    threshold = top.threshold();
                }
                threshold
            })?;
        }
        let mut candidates: Vec<DocAddress> =
            top.into_sorted().into_iter().map(|(_, address)| address).collect();
        candidates.sort_unstable();
        let mut reranked = TopK::new(k);
        for address in candidates {
            let scorer = &mut unmoved[address.segment_ord as usize];
            reranked.push(scorer.score(address.doc_id, Stage::Full).unwrap_or(0.0), address);
        }
        Ok(reranked.into_sorted())
    }

    /// How many articles match, counting up to `limit` (all with `None`), and whether that is
    /// all of them. When any word may match, every article with one of the terms that match
    /// is a match, so a segment without deletions holds at least as many matches as its most
    /// frequent such term: when those already pass the limit, nothing is visited.
    pub fn count(&self, searcher: &Searcher, limit: Option<usize>) -> Result<(usize, bool)> {
        if let Some(limit) = limit
            && !self.all_words
            && !self.filtered
        {
            let mut at_least = 0u64;
            for reader in searcher.segment_readers() {
                if reader.num_deleted_docs() > 0 {
                    at_least = 0;
                    break;
                }
                let mut most = 0;
                for clause in &self.clauses {
                    let inverted = reader.inverted_index(clause.field)?;
                    for t in clause.terms.iter().filter(|t| t.matches) {
                        most = most
                            .max(inverted.doc_freq(&t.term).map_err(tantivy::TantivyError::from)?);
                    }
                }
                at_least += u64::from(most);
            }
            if at_least > limit as u64 {
                return Ok((limit, false));
            }
        }
        count(searcher, &*self.matching, limit)
    }

    /// The full scores of these articles (which must match), in the order given.
    pub fn scores(&self, searcher: &Searcher, addresses: &[DocAddress]) -> Result<Vec<Score>> {
        let mut order: Vec<usize> = (0..addresses.len()).collect();
        order.sort_by_key(|&i| addresses[i]);
        let mut scores = vec![0.0; addresses.len()];
        let mut current: Option<(u32, SegmentScorer)> = None;
        for i in order {
            let address = addresses[i];
            if current.as_ref().is_none_or(|(ord, _)| *ord != address.segment_ord) {
                let reader = searcher.segment_reader(address.segment_ord);
                current = Some((address.segment_ord, SegmentScorer::open(self, reader)?));
            }
            if let Some((_, scorer)) = &mut current {
                scores[i] = scorer.score(address.doc_id, Stage::Full).unwrap_or(0.0);
            }
        }
        Ok(scores)
    }
}

/// The best hits seen so far.
struct TopK {
    k: usize,
    /// A min-heap: the worst hit on top.
    heap: BinaryHeap<Ranked>,
}

/// A hit ordered by score, then by address (the earlier address is the better).
#[derive(Clone, Copy, PartialEq)]
struct Ranked(Score, DocAddress);

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Reversed: the heap's top is the worst hit.
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK { k, heap: BinaryHeap::with_capacity(k + 1) }
    }

    /// The score a hit must beat to enter.
    fn threshold(&self) -> Score {
        if self.heap.len() < self.k {
            Score::MIN
        } else {
            self.heap.peek().map_or(Score::MIN, |r| r.0)
        }
    }

    fn push(&mut self, score: Score, address: DocAddress) {
        if self.k == 0 {
            return;
        }
        let hit = Ranked(score, address);
        if self.heap.len() < self.k {
            self.heap.push(hit);
        } else if self.heap.peek().is_some_and(|worst| hit < *worst) {
            self.heap.pop();
            self.heap.push(hit);
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut hits: Vec<Ranked> = self.heap.into_vec();
        hits.sort();
        hits.into_iter().map(|Ranked(score, address)| (score, address)).collect()
    }
}

/// The exact scorer of one segment: cursors over the postings of every term of the plan,
/// moved forward to each article asked about.
struct SegmentScorer<'a> {
    compiled: &'a Compiled,
    /// One per clause of the plan.
    clauses: Vec<ClauseCursor>,
    /// One per pair of the plan; `None` where the segment lacks one of its terms.
    pairs: Vec<Option<PairCursor>>,
    /// One per phrase of the plan; `None` where the segment lacks one of its terms.
    phrases: Vec<Option<PhraseCursor>>,
    matched: Vec<bool>,
    positions: (Vec<u32>, Vec<u32>),
}

#[derive(Clone)]
struct PhraseCursor {
    /// The postings of each term, with positions.
    postings: Vec<SegmentPostings>,
    fieldnorms: FieldNormReader,
}

#[derive(Clone)]
struct ClauseCursor {
    /// The postings of the clause's terms that the segment has, with their index in the
    /// clause.
    postings: Vec<(SegmentPostings, usize)>,
    fieldnorms: FieldNormReader,
}

#[derive(Clone)]
struct PairCursor {
    first: SegmentPostings,
    second: SegmentPostings,
    fieldnorms: FieldNormReader,
}

/// Moves `postings` to `doc` or past it; whether it is on `doc`.
fn reach(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc
}

impl<'a> SegmentScorer<'a> {
    fn open(compiled: &'a Compiled, reader: &SegmentReader) -> Result<SegmentScorer<'a>> {
        let postings_of = |field: Field, term: &Term, option| {
            let inverted = reader.inverted_index(field)?;
            Ok::<_, tantivy::TantivyError>(inverted.read_postings(term, option)?)
        };
        let mut clauses = Vec::with_capacity(compiled.clauses.len());
        for clause in &compiled.clauses {
            let mut postings = Vec::with_capacity(clause.terms.len());
            for (i, t) in clause.terms.iter().enumerate() {
                if let Some(p) = postings_of(clause.field, &t.term, IndexRecordOption::WithFreqs)? {
                    postings.push((p, i));
                }
            }
            let fieldnorms = reader.get_fieldnorms_reader(clause.field)?;
            clauses.push(ClauseCursor { postings, fieldnorms });
        }
        let mut pairs = Vec::with_capacity(compiled.pairs.len());
        for pair in &compiled.pairs {
            let option = IndexRecordOption::WithFreqsAndPositions;
            pairs.push(
                match (
                    postings_of(pair.field, &pair.first, option)?,
                    postings_of(pair.field, &pair.second, option)?,
                ) {
                    (Some(first), Some(second)) => {
                        let fieldnorms = reader.get_fieldnorms_reader(pair.field)?;
                        Some(PairCursor { first, second, fieldnorms })
                    }
                    _ => None,
                },
            );
        }
        let mut phrases = Vec::with_capacity(compiled.phrases.len());
        for phrase in &compiled.phrases {
            let mut postings = Vec::with_capacity(phrase.terms.len());
            for (_, term) in &phrase.terms {
                match postings_of(phrase.field, term, IndexRecordOption::WithFreqsAndPositions)? {
                    Some(p) => postings.push(p),
                    None => break,
                }
            }
            phrases.push(if postings.len() == phrase.terms.len() {
                Some(PhraseCursor {
                    postings,
                    fieldnorms: reader.get_fieldnorms_reader(phrase.field)?,
                })
            } else {
                None
            });
        }
        Ok(SegmentScorer {
            compiled,
            clauses,
            pairs,
            phrases,
            matched: vec![false; compiled.words],
            positions: (Vec::new(), Vec::new()),
        })
    }

    /// A scorer with the same cursors where these are now, without looking the terms up again.
    fn fork(&self) -> SegmentScorer<'a> {
        SegmentScorer {
            compiled: self.compiled,
            clauses: self.clauses.clone(),
            pairs: self.pairs.clone(),
            phrases: self.phrases.clone(),
            matched: self.matched.clone(),
            positions: (Vec::new(), Vec::new()),
        }
    }

    /// The score of `doc` at this stage, or `None` if it does not match. Calls must come in
    /// increasing order of `doc`.
    fn score(&mut self, doc: DocId, stage: Stage) -> Option<Score> {
        let compiled = self.compiled;
        self.matched.fill(false);
        let mut total = 0.0;
        for (cursor, clause) in self.clauses.iter_mut().zip(&compiled.clauses) {
            let norm = compiled.norms[clause.norms][cursor.fieldnorms.fieldnorm_id(doc) as usize];
            let mut tf = 0.0;
            let mut matched = false;
            for (postings, i) in &mut cursor.postings {
                let term = &clause.terms[*i];
                if (stage == Stage::Full || term.first_stage) && reach(postings, doc) {
                    let freq = postings.term_freq() as Score;
                    match stage {
                        // One term: the occurrences of the word and its spellings add up.
                        Stage::Full => tf += term.weight * freq,
                        // Each term saturates on its own, weighted: what the bound is made of.
                        Stage::Matching => {
                            total += clause.weight * term.weight * freq / (freq + norm)
                        }
                    }
                    matched |= term.matches;
                }
            }
            if tf > 0.0 {
                total += clause.weight * tf / (tf + norm);
            }
            self.matched[clause.word] |= matched;
        }
        for (cursor, phrase) in self.phrases.iter_mut().zip(&compiled.phrases) {
            let Some(cursor) = cursor else {
                continue;
            };
            if !cursor.postings.iter_mut().all(|p| reach(p, doc)) {
                continue;
            }
            let count = phrase_count(&mut cursor.postings, &phrase.terms, &mut self.positions);
            if count > 0 {
                let tf = count as Score;
                let norm =
                    compiled.norms[phrase.norms][cursor.fieldnorms.fieldnorm_id(doc) as usize];
                total += phrase.weight * tf / (tf + norm);
                self.matched[phrase.word] = true;
            }
        }
        let enough = if compiled.all_words {
            self.matched.iter().all(|&m| m)
        } else {
            self.matched.iter().any(|&m| m)
        };
        if !enough {
            return None;
        }
        if stage == Stage::Full {
            total += self.pair_bonus(doc);
        }
        Some(total)
    }

    /// What the pairs add to the score of `doc`.
    fn pair_bonus(&mut self, doc: DocId) -> Score {
        let compiled = self.compiled;
        let mut total = 0.0;
        for (cursor, pair) in self.pairs.iter_mut().zip(&compiled.pairs) {
            let Some(cursor) = cursor else {
                continue;
            };
            if reach(&mut cursor.first, doc) && reach(&mut cursor.second, doc) {
                let (first, second) = &mut self.positions;
                // As a phrase of two terms does: the first shifted by one.
                cursor.first.positions_with_offset(1, first);
                cursor.second.positions(second);
                let count = pairs_within(first, second, PAIR_SLOP);
                if count > 0 {
                    let tf = count as Score;
                    let norm =
                        compiled.norms[pair.norms][cursor.fieldnorms.fieldnorm_id(doc) as usize];
                    total += pair.weight * tf / (tf + norm);
                }
            }
        }
        total
    }
}

/// How many times the terms of a phrase, whose postings are all on the same article, stand at
/// their places in it: the positions of the first term from which every other term is found
/// at its own offset.
fn phrase_count(
    postings: &mut [SegmentPostings],
    terms: &[(u32, Term)],
    (starts, other): &mut (Vec<u32>, Vec<u32>),
) -> usize {
    // The places the phrase could start, from the first term, then kept where every other
    // term is at its offset.
    let first = terms[0].0;
    postings[0].positions(starts);
    starts.retain(|&p| p >= first);
    starts.iter_mut().for_each(|p| *p -= first);
    for (p, (offset, _)) in postings.iter_mut().zip(terms).skip(1) {
        p.positions(other);
        let mut at = 0;
        starts.retain(|&start| {
            let want = start + offset;
            while at < other.len() && other[at] < want {
                at += 1;
            }
            at < other.len() && other[at] == want
        });
        if starts.is_empty() {
            break;
        }
    }
    starts.len()
}

/// How many positions of `right` have a position of `left` within `slop` (each used once,
/// both sorted): the count of Tantivy's sloppy phrase of two terms.
fn pairs_within(left: &[u32], right: &[u32], slop: u32) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        if left[i].abs_diff(right[j]) <= slop {
            while i + 1 < left.len() && left[i + 1] <= right[j] {
                i += 1;
            }
            count += 1;
            i += 1;
            j += 1;
        } else if left[i] < right[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    count
}

/// How many articles `query` matches, counting up to `limit` (all of them with `None`); and
/// whether that is all of them.
pub(crate) fn count(
    searcher: &Searcher,
    query: &dyn Query,
    limit: Option<usize>,
) -> Result<(usize, bool)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut total = 0usize;
    for reader in searcher.segment_readers() {
        if limit.is_none() {
            total += weight.count(reader)? as usize;
            continue;
        }
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if !alive.is_some_and(|a| a.is_deleted(doc)) {
                total += 1;
                if limit.is_some_and(|limit| total > limit) {
                    return Ok((total - 1, false));
                }
            }
            doc = scorer.advance();
        }
    }
    Ok((total, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchRequest;
    use crate::{AnalysisSettings, Article, NewsIndex};

    /// Articles made of a small vocabulary, with clitics and spellings the lexicon joins, so
    /// that many articles tie or nearly tie and every expansion kind occurs.
    fn articles() -> Vec<Article> {
        let words = [
            "الصواريخ",
            "صواريخ",
            "باتريوت",
            "لباتريوت",
            "بباتريوت",
            "ترامب",
            "لترامب",
            "ترمب",
            "سويسرا",
            "لسويسرا",
            "اجتماع",
            "اجتمع",
            "الاجتماعات",
            "المدينة",
            "مدينة",
            "الميناء",
            "السفن",
            "بناء",
            "أسعار",
            "النفط",
            "باسعار",
            "نفطا",
        ];
        // A fixed pseudo-random sequence: the same articles at every run.
        let mut state = 0x2545_f491_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        (0..300)
            .map(|i| {
                let len = 3 + next(40);
                let body: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
                let title: Vec<&str> = (0..next(4)).map(|_| words[next(words.len())]).collect();
                Article::new(format!("a{i}"), title.join(" "), body.join(" "))
            })
            .collect()
    }

    /// The two stages the slow way: the first-stage score of every article that matches,
    /// the best `RERANK_DEPTH` of them, then their full scores.
    fn brute_force(index: &NewsIndex, compiled: &Compiled, k: usize) -> Vec<(Score, DocAddress)> {
        let searcher = index.reader().searcher();
        let mut first = TopK::new(k.max(RERANK_DEPTH));
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = SegmentScorer::open(compiled, reader).unwrap();
            for doc in 0..reader.max_doc() {
                if let Some(score) = scorer.score(doc, Stage::Matching) {
                    first.push(score, DocAddress::new(ord as u32, doc));
                }
            }
        }
        let candidates: Vec<DocAddress> = first.into_sorted().into_iter().map(|(_, a)| a).collect();
        let scores = compiled.scores(&searcher, &candidates).unwrap();
        let mut full = TopK::new(k);
        for (score, address) in scores.into_iter().zip(candidates) {
            full.push(score, address);
        }
        full.into_sorted()
    }

    #[test]
    fn the_pruned_search_finds_what_scoring_every_article_finds() {
        let index = NewsIndex::in_ram(AnalysisSettings::default()).unwrap();
        // Small segments, so that the search crosses several.
        let mut writer = index.writer_with(15_000_000, 1).unwrap();
        for (i, article) in articles().into_iter().enumerate() {
            writer.upsert(&article).unwrap();
            if i % 100 == 99 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let queries = [
            "باتريوت",
            "الصواريخ باتريوت",
            "ترامب سويسرا",
            "أسعار النفط",
            "\"بناء السفن\" الميناء",
            "الاجتماعات المدينة ترامب",
            "صواريخ صواريخ",
        ];
        for query in queries {
            for (k, all_words) in [(1, false), (10, false), (50, false), (10, true)] {
                let mut request = SearchRequest::new(query);
                request.all_words = all_words;
                let plan = index.plan(&request).unwrap().unwrap();
                let compiled = index.compile(&plan, &request, &searcher, None).unwrap();
                let pruned = compiled.top(&searcher, k).unwrap();
                let everything = brute_force(&index, &compiled, k);
                assert_eq!(pruned, everything, "{query} top {k}, all words {all_words}");
            }
        }
    }

    #[test]
    fn pairs_count_like_a_sloppy_phrase() {
        // First word's positions shifted by one, as in `score`.
        assert_eq!(pairs_within(&[1], &[1], 0), 1); // adjacent
        assert_eq!(pairs_within(&[1], &[3], 2), 1); // two words between
        assert_eq!(pairs_within(&[1], &[4], 2), 0);
        assert_eq!(pairs_within(&[5], &[4], 2), 1); // the other order
        assert_eq!(pairs_within(&[1, 2], &[2], 0), 1);
        assert_eq!(pairs_within(&[], &[2], 2), 0);
    }

    #[test]
    fn top_k_keeps_the_best_and_breaks_ties_by_address() {
        let mut top = TopK::new(2);
        for (score, doc) in [(1.0, 3), (3.0, 1), (2.0, 5), (3.0, 0)] {
            top.push(score, DocAddress::new(0, doc));
        }
        let hits: Vec<u32> = top.into_sorted().into_iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(hits, [0, 1]);
    }
}
