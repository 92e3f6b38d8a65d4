// # Benchmark fahras on a corpus of your own
//
// This example indexes a JSON Lines file (`.jsonl`, or `.jsonl.gz`) into a fresh on-disk
// index in a temporary directory, then times a list of queries against it, one at a time.
// With `--baseline` it does the same with plain Tantivy and its default analyzer, and prints
// how fahras compares.
//
// ```text
// cargo run --release --example corpus_bench -- --corpus news.jsonl.gz \
//     [--queries queries.tsv] [--threads N] [--memory MB] [--rounds R] [--baseline] \
//     [--per-query] [--tmp DIR] [--json]
// ```
//
// What it reports, for each engine:
//
// - **indexing**: articles, seconds (reading, analysis, writing, the final commit and the
//   merges it triggers), articles per second, MB per second of title and body text, the size
//   of the index directory, and the peak resident memory of the process (`VmHWM`);
// - **queries**: after one untimed warm-up round, `--rounds` rounds over every query, each
//   query timed alone on one thread, top 10, with snippets and without; the median and the
//   99th percentile over all the samples, in milliseconds.
//
// Sizes and rates are in MB of 10^6 bytes; `--memory` is in MiB, like `fahras index --memory`.

//! Indexes a JSON Lines corpus with fahras (and, with `--baseline`, with plain Tantivy) and
//! reports indexing throughput, index size, peak memory and query latency.

use std::error::Error;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use fahras::eval::{EvalQuery, read_queries};
use fahras::ingest::Articles;
use fahras::tantivy::collector::{Count, TopDocs};
use fahras::tantivy::query::QueryParser;
use fahras::tantivy::schema::{Field, STORED, Schema, TEXT, Value};
use fahras::tantivy::snippet::SnippetGenerator;
use fahras::tantivy::{Index, ReloadPolicy, TantivyDocument};
use fahras::{AnalysisSettings, Article, DEFAULT_SNIPPET_CHARS, NewsIndex, SearchRequest};
use serde::{Deserialize, Serialize};

type BoxResult<T> = Result<T, Box<dyn Error>>;

/// The queries used when `--queries` is not given: Arabic news of 2014–2018.
const DEFAULT_QUERIES: &str = include_str!("../benches/data/news-queries.tsv");

/// How many hits each query asks for.
const TOP_K: usize = 10;

const USAGE: &str = "\
usage: corpus_bench --corpus FILE [options]

  --corpus FILE     JSON Lines articles (.jsonl, .jsonl.gz): id, title, body, source, date, url
  --queries FILE    queries, qid<TAB>query per line (default: benches/data/news-queries.tsv)
  --threads N       indexing threads (default 0: one per core, at most 4)
  --memory MB       indexing memory in MiB, shared by the threads (default 256)
  --rounds R        timed rounds over the queries, after one warm-up round (default 10)
  --baseline        also run plain Tantivy with its default analyzer, and print ratios
  --per-query       also print the hits and median latency of every query
  --tmp DIR         where to create the temporary index directories (default: the system's)
  --json            print one JSON object instead of the tables";

// ## The command line
//
// The library has no argument parser among its dependencies, so the flags are read by hand.
// `--only ENGINE` is hidden: the example runs the baseline in a child process of itself with
// it, so that each engine's peak memory is its own (`VmHWM` is per process).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Engine {
    Fahras,
    Baseline,
}

impl Engine {
    fn label(self) -> &'static str {
        match self {
            Engine::Fahras => "fahras",
            Engine::Baseline => "tantivy default",
        }
    }
}

#[derive(Clone, Debug)]
struct Args {
    corpus: PathBuf,
    queries: Option<PathBuf>,
    /// Indexing threads, resolved (never 0).
    threads: usize,
    memory_mb: usize,
    rounds: usize,
    baseline: bool,
    per_query: bool,
    tmp: Option<PathBuf>,
    json: bool,
    only: Option<Engine>,
}

impl Args {
    /// Parses the arguments; `Ok(None)` when help was asked for.
    fn parse(mut raw: impl Iterator<Item = String>) -> BoxResult<Option<Args>> {
        let mut corpus = None;
        let mut args = Args {
            corpus: PathBuf::new(),
            queries: None,
            threads: 0,
            memory_mb: 256,
            rounds: 10,
            baseline: false,
            per_query: false,
            tmp: None,
            json: false,
            only: None,
        };
        while let Some(arg) = raw.next() {
            // Accept both `--flag value` and `--flag=value`.
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value)),
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| -> BoxResult<String> {
                match inline.map(str::to_string).or_else(|| raw.next()) {
                    Some(v) => Ok(v),
                    None => Err(format!("{name} needs a value").into()),
                }
            };
            let number = |name: &str, text: String| -> BoxResult<usize> {
                text.parse().map_err(|_| format!("{name}: not a number: {text:?}").into())
            };
            match flag.as_str() {
                "--corpus" => corpus = Some(PathBuf::from(value("--corpus")?)),
                "--queries" => args.queries = Some(PathBuf::from(value("--queries")?)),
                "--threads" => args.threads = number("--threads", value("--threads")?)?,
                "--memory" => args.memory_mb = number("--memory", value("--memory")?)?,
                "--rounds" => args.rounds = number("--rounds", value("--rounds")?)?,
                "--tmp" => args.tmp = Some(PathBuf::from(value("--tmp")?)),
                "--baseline" => args.baseline = true,
                "--per-query" => args.per_query = true,
                "--json" => args.json = true,
                "--only" => {
                    args.only = Some(match value("--only")?.as_str() {
                        "fahras" => Engine::Fahras,
                        "baseline" => Engine::Baseline,
                        other => return Err(format!("--only: unknown engine {other:?}").into()),
                    })
                }
                "-h" | "--help" => return Ok(None),
                other => return Err(format!("unknown argument {other:?}").into()),
            }
        }
        args.corpus = corpus.ok_or("--corpus is required")?;
        if args.rounds == 0 {
            return Err("--rounds must be at least 1".into());
        }
        // The same rule as `NewsIndex::writer_with`, resolved here so that both engines get
        // the same number of threads and the report can say how many.
        if args.threads == 0 {
            args.threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
        }
        Ok(Some(args))
    }

    fn memory_bytes(&self) -> usize {
        self.memory_mb << 20
    }

    /// A fresh temporary directory for one index; removed when dropped.
    fn temp_dir(&self, engine: Engine) -> BoxResult<tempfile::TempDir> {
        let mut builder = tempfile::Builder::new();
        let prefix = format!(
            "corpus-bench-{}-",
            if engine == Engine::Fahras { "fahras" } else { "tantivy" }
        );
        builder.prefix(&prefix);
        Ok(match &self.tmp {
            Some(dir) => builder.tempdir_in(dir)?,
            None => builder.tempdir()?,
        })
    }
}

// ## What is measured
//
// One `EngineReport` per engine. The baseline's comes back from the child process as JSON,
// which is why these types are (de)serializable.

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Latency {
    median_ms: f64,
    p99_ms: f64,
    samples: usize,
}

impl Latency {
    /// Median and 99th percentile (nearest rank) of the samples, in milliseconds.
    fn of(mut samples: Vec<f64>) -> Latency {
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        if n == 0 {
            return Latency::default();
        }
        let median =
            if n % 2 == 1 { samples[n / 2] } else { (samples[n / 2 - 1] + samples[n / 2]) / 2.0 };
        let rank = (0.99 * n as f64).ceil() as usize;
        Latency { median_ms: median, p99_ms: samples[rank.clamp(1, n) - 1], samples: n }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct QueryReport {
    qid: String,
    query: String,
    hits: usize,
    snippets_median_ms: f64,
    no_snippets_median_ms: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct EngineReport {
    engine: Engine,
    articles: u64,
    skipped: u64,
    text_bytes: u64,
    index_seconds: f64,
    docs_per_sec: f64,
    mb_per_sec: f64,
    index_bytes: u64,
    segments: usize,
    /// `VmHWM` when indexing is done, in MB.
    peak_rss_indexing_mb: f64,
    /// `VmHWM` at the end, queries included, in MB.
    peak_rss_mb: f64,
    snippets: Latency,
    no_snippets: Latency,
    queries_with_hits: usize,
    queries: Vec<QueryReport>,
}

// ## Reading the corpus
//
// Both engines read the corpus the same way: `fahras::ingest::Articles` streams the file one
// line at a time (gunzip included), and yields an `Article` or the reason a record is bad.
// Bad records are counted and skipped, as `fahras index` does.

#[derive(Clone, Copy, Debug, Default)]
struct Ingested {
    articles: u64,
    skipped: u64,
    text_bytes: u64,
}

fn read_corpus(
    corpus: &Path,
    mut add: impl FnMut(&Article) -> BoxResult<()>,
) -> BoxResult<Ingested> {
    let mut counts = Ingested::default();
    for record in Articles::from_paths(&[corpus]) {
        match record {
            Ok(article) => {
                add(&article)?;
                counts.articles += 1;
                counts.text_bytes += (article.title.len() + article.body.len()) as u64;
            }
            Err(error) => {
                if counts.skipped < 5 {
                    eprintln!("corpus_bench: skipped {error}");
                }
                counts.skipped += 1;
            }
        }
    }
    if counts.articles == 0 {
        return Err(format!("{}: no article could be read", corpus.display()).into());
    }
    Ok(counts)
}

fn load_queries(path: Option<&Path>) -> BoxResult<Vec<EvalQuery>> {
    let queries = match path {
        Some(path) => {
            let (queries, errors) = read_queries(path)?;
            if let Some(error) = errors.first() {
                return Err(error.to_string().into());
            }
            queries
        }
        None => DEFAULT_QUERIES
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(qid, text)| EvalQuery { qid: qid.trim().into(), text: text.trim().into() })
            .collect(),
    };
    if queries.is_empty() {
        return Err("there are no queries to run".into());
    }
    Ok(queries)
}

// ## Timing queries
//
// `run(i, snippets)` runs query `i` and returns its total number of hits. It runs once per
// query and variant untimed, to warm the caches, then `rounds` times timed. The hit count must
// not change between runs: a query that silently failed would otherwise look fast.

struct QueryTimes {
    snippets: Latency,
    no_snippets: Latency,
    queries_with_hits: usize,
    per_query: Vec<QueryReport>,
}

fn time_queries(
    queries: &[EvalQuery],
    rounds: usize,
    mut run: impl FnMut(usize, bool) -> BoxResult<usize>,
) -> BoxResult<QueryTimes> {
    let mut hits = Vec::with_capacity(queries.len());
    for (i, query) in queries.iter().enumerate() {
        let with = run(i, true)?;
        let without = run(i, false)?;
        if with != without {
            return Err(format!(
                "query {}: {with} hits with snippets, {without} without",
                query.qid
            )
            .into());
        }
        hits.push(with);
    }
    let mut times = [
        vec![Vec::with_capacity(rounds); queries.len()],
        vec![Vec::with_capacity(rounds); queries.len()],
    ];
    for _ in 0..rounds {
        for (i, query) in queries.iter().enumerate() {
            for (variant, snippets) in [(0, true), (1, false)] {
                let start = Instant::now();
                let n = run(i, snippets)?;
                times[variant][i].push(start.elapsed().as_secs_f64() * 1e3);
                if n != hits[i] {
                    return Err(format!("query {}: {} hits, then {n}", query.qid, hits[i]).into());
                }
            }
        }
    }
    let per_query = queries
        .iter()
        .enumerate()
        .map(|(i, query)| QueryReport {
            qid: query.qid.clone(),
            query: query.text.clone(),
            hits: hits[i],
            snippets_median_ms: Latency::of(times[0][i].clone()).median_ms,
            no_snippets_median_ms: Latency::of(times[1][i].clone()).median_ms,
        })
        .collect();
    let [with, without] = times;
    Ok(QueryTimes {
        snippets: Latency::of(with.into_iter().flatten().collect()),
        no_snippets: Latency::of(without.into_iter().flatten().collect()),
        queries_with_hits: hits.iter().filter(|&&n| n > 0).count(),
        per_query,
    })
}

// ## fahras
//
// `NewsIndex::open_or_create` makes an index directory with the fahras schema and analysis
// (stopwords and light stemming by default). `writer_with(memory, threads)` opens the writer,
// `upsert` adds each article (replacing any earlier one with the same id), and `finish`
// commits and waits for the merges. Each query is a `SearchRequest` with the defaults of
// `fahras search` (the full query syntax, its ranking), top 10.

fn run_fahras(args: &Args, queries: &[EvalQuery]) -> BoxResult<EngineReport> {
    let tmp = args.temp_dir(Engine::Fahras)?;
    let dir = tmp.path().join("index");
    eprintln!("fahras: indexing {} into {}", args.corpus.display(), dir.display());

    let start = Instant::now();
    let settings = AnalysisSettings::default();
    let index = NewsIndex::open_or_create(&dir, settings)?;
    let mut writer = index.writer_with(args.memory_bytes(), args.threads)?;
    let ingested = read_corpus(&args.corpus, |article| Ok(writer.upsert(article)?))?;
    writer.finish()?;
    let seconds = start.elapsed().as_secs_f64();
    let peak_rss_indexing_mb = peak_rss_mb()?;

    // `finish` made the commit visible before the last merges ended; look again so the
    // searches (and the segment count) see the merged index.
    index.reload()?;
    let segments = index.tantivy_index().searchable_segment_ids()?.len();
    let index_bytes = dir_size(&dir)?;
    eprintln!(
        "fahras: {} articles in {seconds:.1} s; timing {} queries",
        ingested.articles,
        queries.len()
    );

    let requests: Vec<[SearchRequest; 2]> = queries
        .iter()
        .map(|query| {
            let mut with = SearchRequest::new(query.text.clone());
            with.limit = TOP_K;
            with.snippet_chars = DEFAULT_SNIPPET_CHARS;
            // Without snippets a hit needs only its id (and date), which fahras reads from fast
            // fields without opening the document store, as the Lucene peer loads only ids.
            let mut without = with.clone();
            without.snippet_chars = 0;
            without.stored_fields = false;
            [with, without]
        })
        .collect();
    let times = time_queries(queries, args.rounds, |i, snippets| {
        let results = index.search(&requests[i][usize::from(!snippets)])?;
        let total = results.total_hits;
        black_box(results);
        Ok(total)
    })?;
    report(Engine::Fahras, ingested, seconds, index_bytes, segments, peak_rss_indexing_mb, times)
}

// ## The baseline: plain Tantivy
//
// The same articles go into a Tantivy index whose `title` and `body` are `TEXT | STORED`:
// Tantivy's "default" tokenizer (`SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser`), the
// same writer memory and threads. Its reader searches segments in parallel, as fahras's does
// (`set_default_multithread_executor`), so the comparison is about analysis and search, not
// executors. Queries go through Tantivy's `QueryParser` over title and body, top 10; each hit's
// stored document is loaded, as fahras loads it to build a hit, and with snippets a
// `SnippetGenerator` makes a body snippet of the same length.
//
// The fahras index holds more than this one: an id term per article (and a delete for each
// `upsert`), the source, date and url, and the extra fields its ranking uses. Those costs are
// fahras's, so they are part of the ratios.

fn run_baseline(args: &Args, queries: &[EvalQuery]) -> BoxResult<EngineReport> {
    let tmp = args.temp_dir(Engine::Baseline)?;
    let dir = tmp.path().join("index");
    std::fs::create_dir_all(&dir)?;
    eprintln!("baseline: indexing {} into {}", args.corpus.display(), dir.display());

    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    let schema = builder.build();

    let start = Instant::now();
    let mut index = Index::create_in_dir(&dir, schema)?;
    index.set_default_multithread_executor()?;
    let mut writer = index.writer_with_num_threads(args.threads, args.memory_bytes())?;
    let ingested = read_corpus(&args.corpus, |article| {
        let mut doc = TantivyDocument::default();
        doc.add_text(title, &article.title);
        doc.add_text(body, &article.body);
        writer.add_document(doc)?;
        Ok(())
    })?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    let seconds = start.elapsed().as_secs_f64();
    let peak_rss_indexing_mb = peak_rss_mb()?;

    let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    let segments = index.searchable_segment_ids()?.len();
    let index_bytes = dir_size(&dir)?;
    eprintln!(
        "baseline: {} articles in {seconds:.1} s; timing {} queries",
        ingested.articles,
        queries.len()
    );

    let parser = QueryParser::for_index(&index, vec![title, body]);
    let searcher = reader.searcher();
    let stored = |doc: &TantivyDocument, field: Field| {
        doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
    };
    let times = time_queries(queries, args.rounds, |i, snippets| {
        // Lenient, like fahras, which searches the words of a query that does not parse.
        let (query, _errors) = parser.parse_query_lenient(&queries[i].text);
        let top = TopDocs::with_limit(TOP_K).order_by_score();
        let (total, top) = searcher.search(&*query, &(Count, top))?;
        let generator = if snippets {
            let mut generator = SnippetGenerator::create(&searcher, &*query, body)?;
            generator.set_max_num_chars(DEFAULT_SNIPPET_CHARS);
            Some(generator)
        } else {
            None
        };
        for (_score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            black_box(stored(&doc, title));
            if let Some(generator) = &generator {
                black_box(generator.snippet_from_doc(&doc));
            }
        }
        Ok(total)
    })?;
    report(Engine::Baseline, ingested, seconds, index_bytes, segments, peak_rss_indexing_mb, times)
}

fn report(
    engine: Engine,
    ingested: Ingested,
    seconds: f64,
    index_bytes: u64,
    segments: usize,
    peak_rss_indexing_mb: f64,
    times: QueryTimes,
) -> BoxResult<EngineReport> {
    Ok(EngineReport {
        engine,
        articles: ingested.articles,
        skipped: ingested.skipped,
        text_bytes: ingested.text_bytes,
        index_seconds: seconds,
        docs_per_sec: ingested.articles as f64 / seconds,
        mb_per_sec: ingested.text_bytes as f64 / 1e6 / seconds,
        index_bytes,
        segments,
        peak_rss_indexing_mb,
        peak_rss_mb: peak_rss_mb()?,
        snippets: times.snippets,
        no_snippets: times.no_snippets,
        queries_with_hits: times.queries_with_hits,
        queries: times.per_query,
    })
}

// ## Running the baseline apart
//
// The baseline runs in a child process: this same program with `--only baseline`, which
// prints its `EngineReport` as JSON on standard output. Its progress goes to our standard
// error.

fn run_child(args: &Args, engine: Engine) -> BoxResult<EngineReport> {
    let mut command = Command::new(std::env::current_exe()?);
    let only = if engine == Engine::Fahras { "fahras" } else { "baseline" };
    command.arg("--only").arg(only).arg("--corpus").arg(&args.corpus);
    command.arg("--threads").arg(args.threads.to_string());
    command.arg("--memory").arg(args.memory_mb.to_string());
    command.arg("--rounds").arg(args.rounds.to_string());
    if let Some(queries) = &args.queries {
        command.arg("--queries").arg(queries);
    }
    if let Some(tmp) = &args.tmp {
        command.arg("--tmp").arg(tmp);
    }
    let output = command.stdin(Stdio::null()).stderr(Stdio::inherit()).output()?;
    if !output.status.success() {
        return Err(format!("the {only} run failed ({})", output.status).into());
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

// ## Memory and disk

/// The peak resident set size of this process so far (`VmHWM`), in MB.
fn peak_rss_mb() -> BoxResult<f64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .ok_or("no VmHWM line in /proc/self/status")?;
    Ok(kib * 1024.0 / 1e6)
}

fn dir_size(dir: &Path) -> BoxResult<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() { dir_size(&entry.path())? } else { meta.len() };
    }
    Ok(total)
}

// ## Putting it together
//
// Without `--only`, the corpus is first read once on its own, which warms the page cache for
// both engines and says how much of the indexing time is gunzip and JSON. Then fahras runs in
// this process and, with `--baseline`, the baseline in a child.

fn main() -> Result<(), Box<dyn Error>> {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return Ok(());
        }
        Err(error) => {
            eprintln!("{USAGE}\n");
            return Err(error);
        }
    };
    let queries = load_queries(args.queries.as_deref())?;

    if let Some(engine) = args.only {
        let report = match engine {
            Engine::Fahras => run_fahras(&args, &queries)?,
            Engine::Baseline => run_baseline(&args, &queries)?,
        };
        println!("{}", serde_json::to_string(&report)?);
        return Ok(());
    }

    eprintln!("reading {} once on its own", args.corpus.display());
    let start = Instant::now();
    let read = read_corpus(&args.corpus, |article| {
        black_box(article);
        Ok(())
    })?;
    let read_seconds = start.elapsed().as_secs_f64();

    let fahras = run_fahras(&args, &queries)?;
    let baseline = if args.baseline { Some(run_child(&args, Engine::Baseline)?) } else { None };

    let summary = Summary {
        corpus: args.corpus.display().to_string(),
        articles: read.articles,
        skipped: read.skipped,
        text_mb: read.text_bytes as f64 / 1e6,
        read_seconds,
        threads: args.threads,
        memory_mb: args.memory_mb,
        rounds: args.rounds,
        queries: queries.len(),
        top_k: TOP_K,
        snippet_chars: DEFAULT_SNIPPET_CHARS,
        ratios: baseline.as_ref().map(|b| Ratios::of(&fahras, b)),
        fahras,
        baseline,
    };
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        print_tables(&summary, args.per_query);
    }
    Ok(())
}

// ## The report

#[derive(Serialize)]
struct Summary {
    corpus: String,
    articles: u64,
    skipped: u64,
    text_mb: f64,
    read_seconds: f64,
    threads: usize,
    memory_mb: usize,
    rounds: usize,
    queries: usize,
    top_k: usize,
    snippet_chars: usize,
    fahras: EngineReport,
    baseline: Option<EngineReport>,
    ratios: Option<Ratios>,
}

/// fahras divided by the baseline: above 1 means fahras indexes faster, makes a bigger index,
/// or answers more slowly.
#[derive(Serialize)]
struct Ratios {
    docs_per_sec: f64,
    index_size: f64,
    peak_rss: f64,
    snippets_median: f64,
    no_snippets_median: f64,
}

impl Ratios {
    fn of(fahras: &EngineReport, baseline: &EngineReport) -> Ratios {
        Ratios {
            docs_per_sec: fahras.docs_per_sec / baseline.docs_per_sec,
            index_size: fahras.index_bytes as f64 / baseline.index_bytes as f64,
            peak_rss: fahras.peak_rss_mb / baseline.peak_rss_mb,
            snippets_median: fahras.snippets.median_ms / baseline.snippets.median_ms,
            no_snippets_median: fahras.no_snippets.median_ms / baseline.no_snippets.median_ms,
        }
    }
}

/// How a row of the table shows one engine's figure.
type Cell = fn(&EngineReport) -> String;

fn print_tables(summary: &Summary, per_query: bool) {
    let s = summary;
    println!("corpus     {}", s.corpus);
    println!(
        "articles   {} ({} skipped), {:.1} MB of title and body",
        s.articles, s.skipped, s.text_mb
    );
    println!(
        "reading    {:.2} s alone (gunzip and JSON; part of each indexing time)",
        s.read_seconds
    );
    println!("writer     {} thread(s), {} MiB", s.threads, s.memory_mb);
    println!(
        "queries    {} × {} rounds after a warm-up, top {}, one at a time; snippets of {} chars",
        s.queries, s.rounds, s.top_k, s.snippet_chars
    );
    println!();

    let engines: Vec<&EngineReport> =
        [Some(&s.fahras), s.baseline.as_ref()].into_iter().flatten().collect();
    let ratio = |f: &dyn Fn(&Ratios) -> f64| s.ratios.as_ref().map(|r| format!("{:.2}", f(r)));
    let rows: Vec<(&str, Cell, Option<String>)> = vec![
        ("indexing s", |e| format!("{:.2}", e.index_seconds), None),
        ("articles/s", |e| format!("{:.0}", e.docs_per_sec), ratio(&|r| r.docs_per_sec)),
        ("MB/s", |e| format!("{:.2}", e.mb_per_sec), None),
        (
            "index size MB",
            |e| format!("{:.1}", e.index_bytes as f64 / 1e6),
            ratio(&|r| r.index_size),
        ),
        ("segments", |e| e.segments.to_string(), None),
        ("peak RSS MB, indexing", |e| format!("{:.0}", e.peak_rss_indexing_mb), None),
        ("peak RSS MB, whole run", |e| format!("{:.0}", e.peak_rss_mb), ratio(&|r| r.peak_rss)),
        ("queries with hits", |e| e.queries_with_hits.to_string(), None),
        (
            "median ms, snippets",
            |e| format!("{:.3}", e.snippets.median_ms),
            ratio(&|r| r.snippets_median),
        ),
        ("p99 ms, snippets", |e| format!("{:.3}", e.snippets.p99_ms), None),
        (
            "median ms, no snippets",
            |e| format!("{:.3}", e.no_snippets.median_ms),
            ratio(&|r| r.no_snippets_median),
        ),
        ("p99 ms, no snippets", |e| format!("{:.3}", e.no_snippets.p99_ms), None),
    ];
    print!("{:<24}", "");
    for engine in &engines {
        print!("{:>17}", engine.engine.label());
    }
    if s.ratios.is_some() {
        print!("{:>17}", "fahras/baseline");
    }
    println!();
    for (name, value, ratio) in &rows {
        print!("{name:<24}");
        for engine in &engines {
            print!("{:>17}", value(engine));
        }
        if let Some(ratio) = ratio {
            print!("{ratio:>17}");
        }
        println!();
    }

    if per_query {
        println!();
        print!("{:<8}{:>9}{:>10}{:>10}", "qid", "hits", "snip ms", "plain ms");
        if s.baseline.is_some() {
            print!("{:>11}{:>10}{:>10}", "base hits", "snip ms", "plain ms");
        }
        println!("  query");
        for (i, q) in s.fahras.queries.iter().enumerate() {
            print!(
                "{:<8}{:>9}{:>10.3}{:>10.3}",
                q.qid, q.hits, q.snippets_median_ms, q.no_snippets_median_ms
            );
            if let Some(b) = s.baseline.as_ref().and_then(|b| b.queries.get(i)) {
                print!(
                    "{:>11}{:>10.3}{:>10.3}",
                    b.hits, b.snippets_median_ms, b.no_snippets_median_ms
                );
            }
            println!("  {}", q.query);
        }
    }
}
