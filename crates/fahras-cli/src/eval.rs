//! `fahras eval`: ranking quality and query latency on a test collection.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use fahras::eval::{Latency, Qrels, Run, evaluate, read_queries};
use fahras::ingest::Articles;
use fahras::{NewsIndex, QuerySyntax, SearchRequest};

use crate::Dictionary;
use crate::args::EvalArgs;

/// Runs the evaluation: on `--corpus` in memory, or on the index in `dir`.
pub fn run(
    dir: &Path,
    dict: &Dictionary,
    args: EvalArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    if !(1..=fahras::MAX_LIMIT).contains(&args.limit) {
        bail!("--limit must be between 1 and {}", fahras::MAX_LIMIT);
    }
    let (queries, bad_queries) = read_queries(&args.queries)?;
    for bad in &bad_queries {
        eprintln!("fahras: skipped {bad}");
    }
    if queries.is_empty() {
        bail!("{}: no queries (expected `qid<TAB>query` lines)", args.queries.display());
    }
    let qrels = args.qrels.as_deref().map(Qrels::read).transpose()?;

    let index = match &args.corpus {
        Some(corpus) => {
            let started = Instant::now();
            let index = NewsIndex::in_ram_with(dict.analysis(args.analysis.settings())?)?;
            // One indexing thread: the same segment layout, so the same order of tied scores.
            let mut writer = index.writer_with(fahras::DEFAULT_WRITER_MEMORY, 1)?;
            let mut rejected = 0;
            for record in Articles::from_paths(&[corpus]) {
                match record {
                    Ok(article) => writer.upsert(&article)?,
                    Err(bad) => {
                        rejected += 1;
                        eprintln!("fahras: skipped {bad}");
                    }
                }
            }
            writer.finish()?;
            index.reload()?;
            eprintln!(
                "fahras: indexed {} documents in {:.2} s{}",
                index.num_articles(),
                started.elapsed().as_secs_f64(),
                if rejected > 0 { format!(" ({rejected} skipped)") } else { String::new() }
            );
            index
        }
        None => dict.open(dir).with_context(|| {
            format!("no --corpus given, so searching the index at {}", dir.display())
        })?,
    };

    let mut run = Run::default();
    let mut millis = Vec::with_capacity(queries.len());
    for query in &queries {
        let mut request = SearchRequest::new(&query.text);
        request.limit = args.limit;
        request.snippet_chars = 0;
        request.stored_fields = false;
        request.syntax = QuerySyntax::Words;
        request.title_boost = args.title_boost;
        request.exact_boost = args.exact_boost;
        request.pair_boost = args.pair_boost;
        request.similar_stems = !args.no_similar;
        request.close_spellings = !args.no_close;
        // A run needs no hit count.
        request.count_limit = Some(0);
        let started = Instant::now();
        let results = index.search(&request)?;
        millis.push(started.elapsed().as_secs_f64() * 1000.0);
        // Scores as written to the run file, so the measures equal those of the file.
        let ranked = results
            .hits
            .into_iter()
            .map(|hit| (hit.id, format!("{}", hit.score).parse().unwrap_or(f64::from(hit.score))))
            .collect();
        run.insert(&query.qid, ranked);
    }
    if let Some(path) = &args.run {
        let file = std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
        let mut file = std::io::BufWriter::new(file);
        run.write_trec(&mut file, "fahras")
            .and_then(|()| file.flush())
            .with_context(|| format!("{}", path.display()))?;
    }
    let latency = Latency::of(&millis);
    let evaluation = qrels.as_ref().map(|qrels| evaluate(qrels, &run));
    if args.json {
        let mut value = serde_json::json!({
            "queries_run": queries.len(),
            "latency": latency,
        });
        if let Some(e) = &evaluation {
            value["metrics"] = serde_json::to_value(e.mean)?;
            value["queries_judged"] = e.queries.into();
            value["missing_from_run"] = e.missing_from_run.into();
        }
        writeln!(out, "{value}")?;
    } else {
        if let Some(e) = &evaluation {
            let m = e.mean;
            writeln!(
                out,
                "nDCG@10={:.4}\tMRR@10={:.4}\tRecall@100={:.4}\tMAP={:.4}",
                m.ndcg_10, m.mrr_10, m.recall_100, m.map
            )?;
            writeln!(out, "queries={} missing_from_run={}", e.queries, e.missing_from_run)?;
        }
        writeln!(
            out,
            "latency over {} queries: mean {:.3} ms, median {:.3} ms, p99 {:.3} ms",
            queries.len(),
            latency.mean_ms,
            latency.median_ms,
            latency.p99_ms
        )?;
    }
    Ok(if bad_queries.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}
