//! Retrieval evaluation: query files, TREC runs and qrels, and the measures of `trec_eval`.
//!
//! Definitions (those of `trec_eval` 9.x, as used by most published Arabic IR results):
//!
//! - a document is **relevant** when its qrels grade is at least 1;
//! - a run is **ranked** by score, descending, ties broken by document id, descending (the
//!   rank column of a run file is ignored);
//! - **nDCG@10**: gain = grade, discount log2(rank + 1), ideal ranking from all judged documents;
//! - **MRR@10**: 1 / rank of the first relevant document in the top 10, else 0;
//! - **Recall@100**: relevant documents in the top 100 / all relevant documents;
//! - **MAP**: average precision over the whole run;
//! - means are taken over every qrels query with a relevant document; a query the run does not
//!   answer scores 0, and run queries missing from the qrels are ignored.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, RecordError, Result};

/// One query of a query file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalQuery {
    /// Query id.
    pub qid: String,
    /// Query text.
    pub text: String,
}

/// Reads a query file, `qid<TAB>query` per line. Blank lines are skipped; malformed lines are
/// returned as errors beside the good queries, so the caller can report them all.
pub fn read_queries(path: &Path) -> Result<(Vec<EvalQuery>, Vec<RecordError>)> {
    let reader = crate::ingest::open(path).map_err(|e| Error::io(path, e))?;
    let (mut queries, mut errors) = (Vec::new(), Vec::new());
    for (n, line) in reader.lines().enumerate() {
        let error = |reason: &str| RecordError {
            file: path.to_path_buf(),
            line: Some(n as u64 + 1),
            reason: reason.to_string(),
        };
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                errors.push(error(&format!("unreadable: {e}")));
                continue;
            }
        };
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(&line).trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        match line.split_once('\t') {
            Some((qid, text)) if !qid.trim().is_empty() && !text.trim().is_empty() => {
                queries.push(EvalQuery { qid: qid.trim().into(), text: text.trim().into() })
            }
            _ => errors.push(error("expected `qid<TAB>query`")),
        }
    }
    Ok((queries, errors))
}

/// Relevance judgments: query id -> document id -> grade.
#[derive(Clone, Debug, Default)]
pub struct Qrels {
    judged: BTreeMap<String, HashMap<String, i64>>,
}

impl Qrels {
    /// Reads TREC qrels (`qid iter docid grade` per line).
    pub fn read(path: &Path) -> Result<Qrels> {
        let reader = crate::ingest::open(path).map_err(|e| Error::io(path, e))?;
        let mut qrels = Qrels::default();
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(path, e))?;
            let error = |reason: String| {
                Error::Record(RecordError { file: path.into(), line: Some(n as u64 + 1), reason })
            };
            let fields: Vec<&str> = line.split_whitespace().collect();
            match fields[..] {
                [] => continue,
                [qid, _, docid, grade] => {
                    let grade: f64 = grade
                        .parse()
                        .map_err(|_| error(format!("grade {grade:?} is not a number")))?;
                    qrels.add(qid, docid, grade as i64);
                }
                _ => return Err(error(format!("expected `qid iter docid grade`, got {line:?}"))),
            }
        }
        Ok(qrels)
    }

    /// Records one judgment.
    pub fn add(&mut self, qid: &str, docid: &str, grade: i64) {
        self.judged.entry(qid.to_string()).or_default().insert(docid.to_string(), grade);
    }
}

/// A run: query id -> (document id, score), in any order.
#[derive(Clone, Debug, Default)]
pub struct Run {
    results: BTreeMap<String, Vec<(String, f64)>>,
}

impl Run {
    /// Adds a query's results.
    pub fn insert(&mut self, qid: &str, results: Vec<(String, f64)>) {
        self.results.insert(qid.to_string(), results);
    }

    /// The results of one query in `trec_eval` order: score descending, then id descending.
    pub fn ranked(&self, qid: &str) -> Vec<&str> {
        trec_order(self.results.get(qid).map_or(&[], Vec::as_slice))
            .into_iter()
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Writes the run in TREC format, `qid Q0 docid rank score tag`, in `trec_eval` order.
    pub fn write_trec(&self, w: &mut impl Write, tag: &str) -> std::io::Result<()> {
        for (qid, results) in &self.results {
            for (rank, (docid, score)) in trec_order(results).into_iter().enumerate() {
                writeln!(w, "{qid} Q0 {docid} {} {score} {tag}", rank + 1)?;
            }
        }
        Ok(())
    }
}

/// Results in `trec_eval` order: score descending, then document id descending.
fn trec_order(results: &[(String, f64)]) -> Vec<&(String, f64)> {
    let mut docs: Vec<&(String, f64)> = results.iter().collect();
    docs.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    docs
}

/// The measures of one query, or their means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// nDCG@10.
    #[serde(rename = "nDCG@10")]
    pub ndcg_10: f64,
    /// MRR@10.
    #[serde(rename = "MRR@10")]
    pub mrr_10: f64,
    /// Recall@100.
    #[serde(rename = "Recall@100")]
    pub recall_100: f64,
    /// MAP.
    #[serde(rename = "MAP")]
    pub map: f64,
}

/// The outcome of [`evaluate`].
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    /// Means over the evaluated queries.
    pub mean: Metrics,
    /// Per query, in query id order.
    #[serde(skip)]
    pub per_query: Vec<(String, Metrics)>,
    /// Queries evaluated (qrels queries with a relevant document).
    pub queries: usize,
    /// Of those, queries the run has no results for (absent from a run file).
    pub missing_from_run: usize,
}

/// Scores a run against qrels.
pub fn evaluate(qrels: &Qrels, run: &Run) -> Evaluation {
    let mut per_query = Vec::new();
    let mut missing = 0;
    for (qid, judged) in &qrels.judged {
        let relevant = judged.values().filter(|&&g| g >= 1).count();
        if relevant == 0 {
            continue;
        }
        if run.results.get(qid).is_none_or(Vec::is_empty) {
            missing += 1;
        }
        per_query.push((qid.clone(), score_query(judged, relevant, &run.ranked(qid))));
    }
    let n = per_query.len().max(1) as f64;
    let sum = |f: fn(&Metrics) -> f64| per_query.iter().map(|(_, m)| f(m)).sum::<f64>() / n;
    Evaluation {
        mean: Metrics {
            ndcg_10: sum(|m| m.ndcg_10),
            mrr_10: sum(|m| m.mrr_10),
            recall_100: sum(|m| m.recall_100),
            map: sum(|m| m.map),
        },
        queries: per_query.len(),
        missing_from_run: missing,
        per_query,
    }
}

fn score_query(judged: &HashMap<String, i64>, relevant: usize, ranking: &[&str]) -> Metrics {
    let grade = |doc: &str| judged.get(doc).copied().unwrap_or(0);
    let mut m = Metrics::default();
    let (mut hits, mut precision_sum) = (0usize, 0.0);
    for (i, doc) in ranking.iter().enumerate() {
        let rank = i + 1;
        if grade(doc) >= 1 {
            hits += 1;
            precision_sum += hits as f64 / rank as f64;
            if rank <= 10 && m.mrr_10 == 0.0 {
                m.mrr_10 = 1.0 / rank as f64;
            }
        }
        if rank == 100 {
            m.recall_100 = hits as f64 / relevant as f64;
        }
    }
    if ranking.len() < 100 {
        m.recall_100 = hits as f64 / relevant as f64;
    }
    m.map = precision_sum / relevant as f64;
    let discount = |rank: usize| (rank as f64 + 1.0).log2();
    let dcg: f64 = ranking
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, d)| grade(d) > 0)
        .map(|(i, d)| grade(d) as f64 / discount(i + 1))
        .sum();
    let mut ideal: Vec<i64> = judged.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 =
        ideal.iter().take(10).enumerate().map(|(i, &g)| g as f64 / discount(i + 1)).sum();
    m.ndcg_10 = if idcg > 0.0 { dcg / idcg } else { 0.0 };
    m
}

/// Latency figures in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Latency {
    /// Mean.
    pub mean_ms: f64,
    /// Median.
    pub median_ms: f64,
    /// 99th percentile (nearest rank).
    pub p99_ms: f64,
}

impl Latency {
    /// Summarizes durations given in milliseconds.
    pub fn of(samples: &[f64]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank =
            |q: f64| sorted[((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1];
        let median = if sorted.len() % 2 == 1 {
            sorted[sorted.len() / 2]
        } else {
            (sorted[sorted.len() / 2 - 1] + sorted[sorted.len() / 2]) / 2.0
        };
        Latency {
            mean_ms: sorted.iter().sum::<f64>() / sorted.len() as f64,
            median_ms: median,
            p99_ms: rank(0.99),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rows: &[(&str, &str, f64)]) -> Run {
        let mut run = Run::default();
        let mut by_query: BTreeMap<&str, Vec<(String, f64)>> = BTreeMap::new();
        for (q, d, s) in rows {
            by_query.entry(q).or_default().push((d.to_string(), *s));
        }
        for (q, docs) in by_query {
            run.insert(q, docs);
        }
        run
    }

    #[test]
    fn measures_of_a_hand_computed_case() {
        let mut qrels = Qrels::default();
        qrels.add("q1", "d2", 1);
        qrels.add("q1", "d9", 1); // never retrieved
        qrels.add("q1", "d3", 0); // judged, not relevant
        qrels.add("q2", "d1", 2);
        qrels.add("q3", "d1", 1); // not in the run: scores 0
        qrels.add("q4", "d1", 0); // no relevant document: not evaluated
        let run = run(&[
            ("q1", "d1", 3.0),
            ("q1", "d2", 2.0),
            ("q1", "d3", 1.0),
            ("q2", "d1", 1.0),
            ("q2", "d0", 1.0), // tie: d1 > d0 by id, so d1 ranks first
            ("q5", "d1", 1.0), // not in the qrels: ignored
        ]);
        let e = evaluate(&qrels, &run);
        assert_eq!((e.queries, e.missing_from_run), (3, 1));
        let q1 = e.per_query[0].1;
        assert!((q1.mrr_10 - 0.5).abs() < 1e-12);
        assert!((q1.recall_100 - 0.5).abs() < 1e-12);
        assert!((q1.map - 0.25).abs() < 1e-12);
        let ndcg = (1.0 / 3f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((q1.ndcg_10 - ndcg).abs() < 1e-12);
        assert_eq!(
            e.per_query[1].1,
            Metrics { ndcg_10: 1.0, mrr_10: 1.0, recall_100: 1.0, map: 1.0 }
        );
        assert_eq!(e.per_query[2].1, Metrics::default());
        assert!((e.mean.mrr_10 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn latency_summary() {
        let l = Latency::of(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!((l.mean_ms, l.median_ms, l.p99_ms), (2.5, 2.5, 4.0));
    }
}
