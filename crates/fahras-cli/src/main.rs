//! `fahras`: the command line over the fahras library. Parsing, calling the library and
//! rendering; the work is done in the library.
//!
//! Exit codes: 0 when a search has hits (or a command succeeded), 1 when a search has none,
//! 2 on error. A closed pipe (`fahras search … | head`) ends quietly.

mod args;
mod eval;
mod render;

/// The index directory when neither `--index` nor `FAHRAS_INDEX` names one.
const DEFAULT_INDEX: &str = "fahras-index";

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;
use fahras::ingest::Articles;
use fahras::{NewsIndex, SearchRequest, parse_date, parse_date_end};

use crate::args::{AnalyzeArgs, Cli, ColorChoice, Command, IndexArgs, SearchArgs, StatsArgs};
use crate::render::Style;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fahras: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let given_index = cli.index.clone();
    let dir = cli.index.unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX));
    let code = match cli.command {
        Command::Index(args) => index(&dir, args, &mut out)?,
        Command::Search(args) => search(&dir, args, &mut out)?,
        Command::Analyze(args) => analyze(args, &mut out)?,
        Command::Stats(args) => stats(&dir, args, &mut out)?,
        Command::Eval(args) => eval::run(given_index.as_deref(), &dir, args, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}

fn index(dir: &std::path::Path, args: IndexArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if args.commit_every == 0 {
        bail!("--commit-every must be at least 1");
    }
    let started = Instant::now();
    let index = NewsIndex::open_or_create(dir, args.analysis.settings())
        .with_context(|| format!("cannot open the index at {}", dir.display()))?;
    let before = index.num_articles();
    let mut writer = index.writer_with(args.memory << 20, args.threads)?;
    let mut articles = Articles::from_paths(&args.paths);
    let (mut read, mut rejected, mut since_commit) = (0u64, 0u64, 0usize);
    for record in &mut articles {
        match record {
            Ok(article) => {
                writer.upsert(&article)?;
                read += 1;
                since_commit += 1;
                if since_commit == args.commit_every {
                    writer.commit()?;
                    since_commit = 0;
                }
            }
            Err(bad) => {
                rejected += 1;
                eprintln!("fahras: skipped {bad}");
            }
        }
    }
    writer.finish().context("cannot commit the index")?;
    index.reload()?;
    let after = index.num_articles();
    let skipped = articles.skipped_files();
    let seconds = started.elapsed().as_secs_f64();
    if args.json {
        let summary = serde_json::json!({
            "index": dir.display().to_string(),
            "indexed": read,
            "rejected": rejected,
            "skipped_files": skipped.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "articles": after,
            "seconds": seconds,
        });
        writeln!(out, "{summary}")?;
    } else {
        writeln!(
            out,
            "indexed {read} articles into {} in {seconds:.2} s; it holds {after} (was {before})",
            dir.display()
        )?;
        if !skipped.is_empty() {
            let names: Vec<String> =
                skipped.iter().take(5).map(|p| p.display().to_string()).collect();
            let more = if skipped.len() > 5 { ", …" } else { "" };
            writeln!(
                out,
                "not read ({} files with other extensions): {}{more}",
                skipped.len(),
                names.join(", ")
            )?;
        }
    }
    if rejected > 0 {
        eprintln!(
            "fahras: {rejected} records were skipped (see above); the other articles are indexed"
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

fn search(
    dir: &std::path::Path,
    args: SearchArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let mut request = SearchRequest::new(args.query.join(" "));
    request.limit = args.limit;
    request.offset = args.offset;
    request.all_words = args.all;
    request.sources = args.source;
    request.snippet_chars = args.snippet_chars;
    request.since = args.since.as_deref().map(parse_date).transpose().context("--since")?;
    request.until = args.until.as_deref().map(parse_date_end).transpose().context("--until")?;
    let index = NewsIndex::open(dir)?;
    let results = index.search(&request)?;
    for warning in &results.warnings {
        eprintln!("fahras: warning: {warning}");
    }
    if args.json {
        render::hits_json(out, &results)?;
    } else {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        render::hits_human(out, &results, Style::new(color))?;
    }
    if results.hits.is_empty() {
        if results.total_hits > 0 {
            eprintln!(
                "fahras: no hits past --offset {} ({} in all)",
                request.offset, results.total_hits
            );
        } else if !args.json {
            eprintln!("fahras: no articles match");
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn analyze(args: AnalyzeArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let traces = args.analysis.settings().explain(&args.text.join(" "));
    if args.json {
        render::tokens_json(out, &traces)?;
    } else {
        render::tokens_human(out, &traces)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(dir: &std::path::Path, args: StatsArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let index = NewsIndex::open(dir)?;
    let stats = index.stats()?;
    let name = dir.display().to_string();
    if args.json {
        render::stats_json(out, &name, &stats)?;
    } else {
        render::stats_human(out, &name, &stats)?;
    }
    Ok(ExitCode::SUCCESS)
}
