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
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;
use fahras::analysis::SourceEncoding;
use fahras::ingest::Articles;
use fahras::{Analysis, JapaneseDictionary, NewsIndex, SearchRequest, parse_date, parse_date_end};

use crate::args::{
    AnalyzeArgs, Cli, ColorChoice, Command, DictBuildArgs, DictCommand, Encoding, IndexArgs,
    SearchArgs, StatsArgs,
};
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
    let dict = Dictionary { given: cli.dict };
    let code = match cli.command {
        Command::Index(args) => index(&dir, &dict, args, &mut out)?,
        Command::Search(args) => search(&dir, &dict, args, &mut out)?,
        Command::Analyze(args) => analyze(&dict, args, &mut out)?,
        Command::Stats(args) => stats(&dir, &dict, args, &mut out)?,
        Command::Eval(args) => eval::run(given_index.as_deref(), &dir, &dict, args, &mut out)?,
        Command::Dict(DictCommand::Build(args)) => dict_build(&dict, args, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}

/// Where the Japanese dictionary is: named by `--dict`/`FAHRAS_DICT`, or the default.
pub struct Dictionary {
    given: Option<PathBuf>,
}

impl Dictionary {
    /// The directory to build into or load from.
    fn dir(&self) -> Option<PathBuf> {
        self.given.clone().or_else(fahras::analysis::default_dictionary_dir)
    }

    /// Loads the dictionary: one named explicitly must load; the default one is used only if
    /// it is there.
    pub fn load(&self) -> anyhow::Result<Option<Arc<JapaneseDictionary>>> {
        match &self.given {
            Some(dir) => Ok(Some(Arc::new(JapaneseDictionary::load(dir)?))),
            None => match fahras::analysis::default_dictionary_dir() {
                Some(dir) if dir.join("dict.words").is_file() => {
                    Ok(Some(Arc::new(JapaneseDictionary::load(&dir)?)))
                }
                _ => Ok(None),
            },
        }
    }

    /// The analysis of a new index: with the dictionary if there is one.
    pub fn analysis(&self, settings: fahras::AnalysisSettings) -> anyhow::Result<Analysis> {
        Ok(match self.load()? {
            Some(dictionary) => Analysis::with_japanese(settings, dictionary),
            None => Analysis::new(settings),
        })
    }

    /// Opens an existing index, with the dictionary if it needs one.
    pub fn open(&self, dir: &Path) -> anyhow::Result<NewsIndex> {
        Ok(NewsIndex::open_with(dir, self.load()?)?)
    }
}

fn dict_build(
    dict: &Dictionary,
    args: DictBuildArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(target) = args.out.or_else(|| dict.dir()) else {
        bail!("no place for the dictionary: give --out DIR (HOME is not set)");
    };
    let encoding = match args.encoding {
        Encoding::EucJp => SourceEncoding::EucJp,
        Encoding::Utf8 => SourceEncoding::Utf8,
    };
    let report = fahras::analysis::build_dictionary(&args.from, encoding, &target)?;
    writeln!(
        out,
        "built the Japanese dictionary in {} from {} files of {} in {:.1} s ({})",
        target.display(),
        report.files,
        args.from.display(),
        report.seconds,
        render::human_bytes(report.bytes)
    )?;
    if Some(&target) == dict.dir().as_ref() {
        writeln!(out, "new indexes will segment Japanese with it")?;
    } else {
        writeln!(out, "use it with --dict {} (or FAHRAS_DICT)", target.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn index(
    dir: &Path,
    dict: &Dictionary,
    args: IndexArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    if args.commit_every == 0 {
        bail!("--commit-every must be at least 1");
    }
    let started = Instant::now();
    let index = NewsIndex::open_or_create_with(dir, dict.analysis(args.analysis.settings())?)
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
    dir: &Path,
    dict: &Dictionary,
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
    let index = dict.open(dir)?;
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

fn analyze(dict: &Dictionary, args: AnalyzeArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let analysis = if args.bigrams {
        Analysis::new(args.analysis.settings())
    } else {
        dict.analysis(args.analysis.settings())?
    };
    let traces = analysis.explain(&args.text.join(" "));
    if args.json {
        render::tokens_json(out, &traces)?;
    } else {
        render::tokens_human(out, &traces)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(
    dir: &Path,
    dict: &Dictionary,
    args: StatsArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let index = dict.open(dir)?;
    let stats = index.stats()?;
    let name = dir.display().to_string();
    if args.json {
        render::stats_json(out, &name, &stats)?;
    } else {
        render::stats_human(out, &name, &stats)?;
    }
    Ok(ExitCode::SUCCESS)
}
