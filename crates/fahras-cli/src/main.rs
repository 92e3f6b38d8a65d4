//! `fahras`: the command line over the fahras library. Parsing, calling the library and
//! rendering; the work is done in the library.
//!
//! Exit codes: 0 when a search has hits (or a command succeeded), 1 when a search has none,
//! 2 on error. A closed pipe (`fahras search … | head`) ends quietly.

mod args;
mod config;
mod eval;
mod render;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{CommandFactory, FromArgMatches};
use fahras::analysis::SourceEncoding;
use fahras::ingest::Articles;
use fahras::{
    Analysis, JapaneseDictionary, NewsIndex, SearchRequest, SortOrder, parse_date, parse_date_end,
};

use crate::args::{
    AnalyzeArgs, Cli, ColorChoice, Command, DeleteArgs, DictBuildArgs, DictCommand, Encoding,
    Format, IndexArgs, SearchArgs, Sort, StatsArgs,
};
use crate::config::Settings;
use crate::render::Style;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match run(cli, &matches) {
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

fn run(cli: Cli, matches: &clap::ArgMatches) -> anyhow::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (color, limit) = match &cli.command {
        Command::Search(args) => (args.color, args.limit),
        _ => (None, None),
    };
    let settings = Settings::resolve(matches, cli.index, cli.dict, color, limit)?;
    let dir = settings.index.value.clone();
    let dict = Dictionary { given: settings.dict.value.clone() };
    let code = match cli.command {
        Command::Index(args) => index(&dir, &dict, args, &mut out)?,
        Command::Search(args) => search(&dir, &dict, &settings, args, &mut out)?,
        Command::Analyze(args) => analyze(&dict, args, &mut out)?,
        Command::Stats(args) => stats(&dir, &dict, args, &mut out)?,
        Command::Eval(args) => eval::run(&dir, &dict, args, &mut out)?,
        Command::Dict(DictCommand::Build(args)) => dict_build(&dict, args, &mut out)?,
        Command::Delete(args) => delete(&dir, &dict, args, &mut out)?,
        Command::Optimize => optimize(&dir, &dict, &mut out)?,
        Command::Completions(args) => {
            // Generated into memory first: clap_complete panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "fahras", &mut script);
            out.write_all(&script)?;
            ExitCode::SUCCESS
        }
        Command::Config => {
            settings.print(&mut out)?;
            ExitCode::SUCCESS
        }
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
        let Some(dir) = self.dir() else {
            return Ok(None);
        };
        if self.given.is_none() && !dir.join("dict.words").is_file() {
            return Ok(None);
        }
        Ok(Some(Arc::new(JapaneseDictionary::load(&dir)?)))
    }

    /// The analysis of a new index: with the dictionary if there is one.
    pub fn analysis(&self, settings: fahras::AnalysisSettings) -> anyhow::Result<Analysis> {
        Ok(Self::analysis_with(settings, self.load()?))
    }

    /// The analysis of a new index, with the dictionary already loaded (or none).
    fn analysis_with(
        settings: fahras::AnalysisSettings,
        japanese: Option<Arc<JapaneseDictionary>>,
    ) -> Analysis {
        match japanese {
            Some(dictionary) => Analysis::with_japanese(settings, dictionary),
            None => Analysis::new(settings),
        }
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
    if args.commit_every == Some(0) {
        bail!("--commit-every must be at least 1");
    }
    if args.max_record_mb == 0 {
        bail!("--max-record-mb must be at least 1");
    }
    // A mistyped path is an error before an index is created for it.
    for path in &args.paths {
        std::fs::metadata(path).with_context(|| format!("{}", path.display()))?;
    }
    let started = Instant::now();
    let japanese = dict.load()?;
    let new_analysis = Dictionary::analysis_with(args.analysis.settings(), japanese.clone());
    let opened = match args.analysis.any() {
        true => NewsIndex::open_or_create_with(dir, new_analysis),
        // Without analysis flags, an existing index keeps the analysis it was built with.
        false => match NewsIndex::open_with(dir, japanese) {
            Err(fahras::Error::NoIndex { .. }) => NewsIndex::open_or_create_with(dir, new_analysis),
            opened => opened,
        },
    };
    let index = opened.with_context(|| format!("cannot open the index at {}", dir.display()))?;
    let before = index.num_articles();
    let mut writer = index.writer_with(args.memory << 20, args.threads)?;
    let mut articles = Articles::from_paths(&args.paths).max_record_bytes(args.max_record_mb << 20);
    let mut progress = Progress::new(!args.quiet && !args.json && io::stderr().is_terminal());
    let (mut indexed, mut committed, mut text_bytes) = (0u64, 0u64, 0u64);
    let mut rejected = 0u64;
    while let Some(record) = articles.next() {
        match record {
            Ok(article) => {
                writer.upsert(&article)?;
                indexed += 1;
                text_bytes += (article.title.len() + article.body.len()) as u64;
                if args.commit_every.is_some_and(|n| indexed % n as u64 == 0) {
                    writer.commit()?;
                    committed = indexed;
                }
            }
            Err(bad) if !args.skip_invalid => {
                progress.clear();
                writer.rollback()?;
                eprintln!("fahras: {bad}");
                let kept = match committed {
                    0 => "nothing from this run was indexed".to_string(),
                    n => format!("the {n} articles committed before it were kept, nothing after"),
                };
                eprintln!(
                    "fahras: stopped at this bad record; {kept}. Fix it, or pass --skip-invalid \
                     to index the valid records and list the bad ones"
                );
                return Ok(ExitCode::from(2));
            }
            Err(bad) => {
                rejected += 1;
                if args.verbose || rejected <= 10 {
                    progress.clear();
                    eprintln!("fahras: skipped {bad}");
                }
            }
        }
        progress.tick(indexed, text_bytes, articles.bytes_read(), articles.total_bytes());
    }
    progress.clear();
    writer.finish().context("cannot commit the index")?;
    index.reload()?;
    let after = index.num_articles();
    let replaced = (before + indexed).saturating_sub(after);
    let skipped = articles.skipped_files();
    let seconds = started.elapsed().as_secs_f64();
    let size = index.stats()?.size_bytes;
    if args.json {
        let summary = serde_json::json!({
            "index": dir.display().to_string(),
            "added": indexed - replaced,
            "replaced": replaced,
            "rejected": rejected,
            "skipped_files": skipped.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "articles": after,
            "size_bytes": size,
            "seconds": seconds,
        });
        writeln!(out, "{summary}")?;
    } else if !args.quiet {
        if rejected > 10 && !args.verbose {
            eprintln!(
                "fahras: … and {} more bad records (--verbose lists them all)",
                rejected - 10
            );
        }
        let rate = indexed as f64 / seconds.max(1e-9);
        writeln!(
            out,
            "added {}, replaced {replaced}, skipped {rejected} in {seconds:.2} s ({rate:.0} \
             articles/s); {} holds {}, {}",
            indexed - replaced,
            dir.display(),
            n_articles(after as usize),
            render::human_bytes(size)
        )?;
        if !skipped.is_empty() {
            let shown = if args.verbose { skipped.len() } else { 5 };
            let names: Vec<String> =
                skipped.iter().take(shown).map(|p| p.display().to_string()).collect();
            let more = if skipped.len() > shown { ", …" } else { "" };
            writeln!(
                out,
                "not read ({} files with other extensions): {}{more}",
                skipped.len(),
                names.join(", ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The progress line of `fahras index`, on standard error when it is a terminal.
struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        let now = Instant::now();
        Progress { enabled, started: now, last: now, shown: false }
    }

    fn tick(&mut self, articles: u64, text_bytes: u64, read: u64, total: u64) {
        if !self.enabled || self.last.elapsed().as_millis() < 200 {
            return;
        }
        self.last = Instant::now();
        let seconds = self.started.elapsed().as_secs_f64();
        let eta = if read > 0 && total > read {
            let left = seconds * (total - read) as f64 / read as f64;
            format!(
                " · {:.0}% · ETA {}:{:02}",
                100.0 * read as f64 / total as f64,
                left as u64 / 60,
                left as u64 % 60
            )
        } else {
            String::new()
        };
        eprint!(
            "\r\x1b[K{articles} articles · {} · {:.0} articles/s{eta}",
            render::human_bytes(text_bytes),
            articles as f64 / seconds
        );
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

fn search(
    dir: &Path,
    dict: &Dictionary,
    settings: &Settings,
    args: SearchArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let mut request = SearchRequest::new(args.query.join(" "));
    request.limit = settings.limit.value;
    request.offset = args.offset;
    request.all_words = args.all;
    request.sources = args.source;
    request.snippet_chars = args.snippet_chars;
    request.similar_stems = !args.no_similar;
    (request.since, request.until) = date_filters(&args.since, &args.until)?;
    request.sort = match args.sort {
        Sort::Score => SortOrder::Score,
        Sort::Date => SortOrder::Newest,
        Sort::Oldest => SortOrder::Oldest,
    };
    let index = dict.open(dir)?;
    if args.count {
        let (count, warnings) = index.count(&request)?;
        for warning in &warnings {
            eprintln!("fahras: warning: {warning}");
        }
        writeln!(out, "{count}")?;
        return Ok(if count > 0 { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let format = if args.json { Format::Json } else { args.format };
    let fields = render::Fields::new(&args.fields, format);
    // Load only what is shown: ids and dates come from fast fields.
    request.stored_fields = fields.need_stored();
    if !fields.has(args::Field::Snippet) {
        request.snippet_chars = 0;
    }
    let results = index.search(&request)?;
    for warning in &results.warnings {
        eprintln!("fahras: warning: {warning}");
    }
    match format {
        Format::Json => render::hits_json(out, &results, &fields)?,
        Format::Tsv => render::hits_tsv(out, &results, &fields)?,
        Format::Human => {
            let color = match settings.color.value {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            render::hits_human(out, &results, &fields, Style::new(color))?;
        }
    }
    if results.hits.is_empty() {
        if results.total_hits > 0 {
            let more = if results.total_hits_exact { "" } else { "more than " };
            eprintln!(
                "fahras: no hits past --offset {} ({more}{} in all)",
                request.offset, results.total_hits
            );
        } else if format == Format::Human {
            eprintln!("fahras: no articles match");
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn delete(
    dir: &Path,
    dict: &Dictionary,
    args: DeleteArgs,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let index = dict.open(dir)?;
    let (query, count) = if let Some(text) = &args.query {
        let mut request = SearchRequest::new(text.clone());
        request.sources = args.source.clone();
        (request.since, request.until) = date_filters(&args.since, &args.until)?;
        let (query, warnings) = index.query_for(&request)?;
        if let Some(warning) = warnings.first() {
            bail!("the query cannot be used as written, so nothing was deleted: {warning}");
        }
        let count = index.count_matching(&*query)?;
        (query, count)
    } else {
        let query = index.ids_query(&args.id);
        let count = index.count_matching(&*query)?;
        (query, count)
    };
    if count == 0 {
        writeln!(out, "no articles match; nothing deleted")?;
        return Ok(ExitCode::from(1));
    }
    if !args.yes {
        if !io::stdin().is_terminal() {
            bail!("refusing to delete {} without confirmation: add --yes", n_articles(count));
        }
        eprint!("delete {} from {}? [y/N] ", n_articles(count), dir.display());
        let mut answer = String::new();
        io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            writeln!(out, "nothing deleted")?;
            return Ok(ExitCode::from(1));
        }
    }
    let mut writer = index.writer()?;
    writer.delete_query(query)?;
    writer.finish()?;
    index.reload()?;
    let left = index.num_articles() as usize;
    writeln!(out, "deleted {}; {} holds {}", n_articles(count), dir.display(), n_articles(left))?;
    Ok(ExitCode::SUCCESS)
}

/// The `--since` and `--until` bounds: `--until` a day includes that whole day.
fn date_filters(
    since: &Option<String>,
    until: &Option<String>,
) -> anyhow::Result<(Option<fahras::DateTime>, Option<fahras::DateTime>)> {
    let since = since.as_deref().map(parse_date).transpose().context("--since")?;
    let until = until.as_deref().map(parse_date_end).transpose().context("--until")?;
    Ok((since, until))
}

/// "1 article", "2 articles".
fn n_articles(n: usize) -> String {
    if n == 1 { "1 article".into() } else { format!("{n} articles") }
}

fn optimize(dir: &Path, dict: &Dictionary, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let index = dict.open(dir)?;
    let before = index.stats()?;
    index.writer()?.optimize()?;
    index.reload()?;
    let after = index.stats()?;
    writeln!(
        out,
        "{} segments → {}, {} → {}; {}",
        before.segments,
        after.segments,
        render::human_bytes(before.size_bytes),
        render::human_bytes(after.size_bytes),
        n_articles(after.articles as usize)
    )?;
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
