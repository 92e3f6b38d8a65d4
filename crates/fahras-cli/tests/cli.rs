//! End-to-end tests of the `fahras` binary against a temporary index.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fahras/tests/data/articles.jsonl");

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A temporary directory with the test articles indexed in `idx`.
    fn indexed() -> Env {
        let env = Env { dir: tempfile::tempdir().unwrap() };
        let out = env.run(&["index", ARTICLES]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        env
    }

    fn index_dir(&self) -> PathBuf {
        self.dir.path().join("idx")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fahras"));
        cmd.args(args).env("FAHRAS_INDEX", self.index_dir()).env_remove("NO_COLOR");
        // No dictionary unless a test names one: CJK as bigrams.
        cmd.env_remove("FAHRAS_DICT").env("XDG_DATA_HOME", self.dir.path().join("data"));
        cmd.stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn index_reports_what_it_did_and_reindexing_replaces() {
    let env = Env::indexed();
    let again = env.run(&["index", ARTICLES]);
    assert_eq!(again.status.code(), Some(0));
    let summary = text(&again.stdout);
    assert!(summary.starts_with("added 0, replaced 16, skipped 0 in "), "{summary}");
    assert!(summary.contains("idx holds 16 articles"), "{summary}");
}

#[test]
fn search_prints_ranked_hits_with_marked_words() {
    let env = Env::indexed();
    let out = env.run(&["search", "باتريوت"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(" 1. "), "{stdout}");
    assert!(stdout.contains("[باتريوت]") && stdout.contains("[الباتريوت]"), "{stdout}");
    assert!(stdout.contains("وكالة الاختبار · 2024-01-10 · t01"), "{stdout}");
    assert!(stdout.contains("1–3 of 3 articles"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "no colour when piped");
    let coloured = text(&env.run(&["search", "--color", "always", "باتريوت"]).stdout);
    assert!(coloured.contains("\x1b[1;4;31mباتريوت\x1b[0m"), "title match: {coloured}");
    assert!(coloured.contains("\x1b[1;31mالباتريوت\x1b[0m"), "snippet match: {coloured}");
}

#[test]
fn json_lines_with_highlights_on_the_words_as_written() {
    let env = Env::indexed();
    let out = env.run(&["search", "--json", "--limit", "20", "ايمانويل"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let hits: Vec<serde_json::Value> =
        stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(hits.len(), 5);
    let spellings = ["ايمانويل", "إيمانويل", "أيمانويل", "إِيمَانُويل", "إيمانـــويل"];
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(hit["rank"], i + 1);
        for key in ["id", "score", "title", "source", "date", "url", "snippet", "highlights"] {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
        let snippet = hit["snippet"].as_str().unwrap();
        let highlights = hit["highlights"].as_array().unwrap();
        assert!(!highlights.is_empty(), "{hit}");
        for range in highlights {
            let (start, end) =
                (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
            assert!(snippet.is_char_boundary(start) && snippet.is_char_boundary(end));
            assert!(spellings.contains(&&snippet[start..end]), "{}", &snippet[start..end]);
        }
    }
}

#[test]
fn exit_codes_hits_none_and_errors() {
    let env = Env::indexed();
    let none = env.run(&["search", "غواصة"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let stopwords = env.run(&["search", "في", "من"]);
    assert_eq!(stopwords.status.code(), Some(1));
    assert!(stopwords.stdout.is_empty());
    assert!(text(&stopwords.stderr).contains("no word to look for"));
    let bad_date = env.run(&["search", "--since", "yesterday", "باتريوت"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(
        text(&bad_date.stderr).contains("--since: invalid date \"yesterday\""),
        "{}",
        text(&bad_date.stderr)
    );
    let no_index =
        env.run(&["--index", env.dir.path().join("nothing").to_str().unwrap(), "search", "x"]);
    assert_eq!(no_index.status.code(), Some(2));
    assert!(text(&no_index.stderr).contains("no index at"), "{}", text(&no_index.stderr));
}

#[test]
fn filters_from_the_command_line() {
    let env = Env::indexed();
    let ids = |args: &[&str]| -> Vec<String> {
        let out = env.run(&[&["search", "--json"], args].concat());
        text(&out.stdout)
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(ids(&["--source", "test wire", "باتريوت"]), ["t02"]);
    assert_eq!(ids(&["--since", "2024-01-01", "--until", "2024-01-31", "باتريوت"]), ["t01"]);
    assert_eq!(ids(&["--all", "صواريخ", "باتريوت"]), ["t01"]);
    assert_eq!(ids(&["\"صواريخ باتريوت\""]), ["t01"]);
    assert_eq!(ids(&["--limit", "1", "--offset", "4", "إيمانويل"]).len(), 1);
}

#[test]
fn a_bad_record_stops_the_run_unless_told_to_skip() {
    let env = Env::indexed();
    let bad = env.dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"n1\",\"title\":\"غواصة جديدة\"}\n{\"id\":\"n2\",\n").unwrap();
    let out = env.run(&["index", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{}:2: invalid JSON", bad.display())), "{stderr}");
    assert!(stderr.contains("nothing from this run was indexed"), "{stderr}");
    assert_eq!(env.run(&["search", "غواصة"]).status.code(), Some(1), "n1 was not committed");
    assert_eq!(
        env.run(&["search", "باتريوت"]).status.code(),
        Some(0),
        "earlier articles are intact"
    );

    let out = env.run(&["index", "--skip-invalid", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(&format!("skipped {}:2: invalid JSON", bad.display())));
    assert!(
        text(&out.stdout).starts_with("added 1, replaced 0, skipped 1 in "),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(env.run(&["search", "غواصة"]).status.code(), Some(0));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::indexed();
    let mut child = env
        .command(&["search", "--limit", "16", "--json", "*"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn analyze_shows_every_stage() {
    let env = Env { dir: tempfile::tempdir().unwrap() };
    let out = env.run(&["analyze", "والصواريخ في إِيمَانُويل ٢٠٢٤"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("pos"), "{stdout}");
    assert!(lines[1].contains("0..18") && lines[1].ends_with("صواريخ"), "{stdout}");
    assert!(lines[2].ends_with("(stopword)"), "{stdout}");
    assert!(lines[3].contains("إِيمَانُويل") && lines[3].ends_with("ايمانويل"), "{stdout}");
    assert!(lines[4].contains("digits") && lines[4].ends_with("2024"), "{stdout}");
    let json = env.run(&["analyze", "--json", "RTX"]);
    let token: serde_json::Value = serde_json::from_str(text(&json.stdout).trim()).unwrap();
    assert_eq!(token["term"], "rtx");
    assert_eq!(token["script"], "latin");
}

#[test]
fn stats_describe_the_index() {
    let env = Env::indexed();
    let out = env.run(&["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).unwrap();
    assert_eq!(stats["articles"], 16);
    assert_eq!(stats["oldest"], "2022-09-09");
    assert_eq!(stats["newest"], "2025-01-01");
    assert_eq!(stats["sources"][0][1], 8);
    let human = text(&env.run(&["stats"]).stdout);
    assert!(human.contains("articles   16") && human.contains("fahras_ar_v1"), "{human}");
}

#[test]
fn an_index_made_with_other_settings_asks_to_reindex() {
    let env = Env::indexed();
    let out = env.run(&["index", "--no-stemming", ARTICLES]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("re-index"), "{}", text(&out.stderr));
    let _ = Path::new(ARTICLES);
}

#[test]
fn japanese_with_a_dictionary_built_by_the_cli() {
    let env = Env { dir: tempfile::tempdir().unwrap() };
    let tiny = concat!(env!("CARGO_MANIFEST_DIR"), "/../fahras/tests/data/mecab-tiny");
    let dict = env.dir.path().join("dict");
    let dict = dict.to_str().unwrap();
    let built = env.run(&["dict", "build", "--from", tiny, "--encoding", "utf-8", "--out", dict]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stderr));
    assert!(
        text(&built.stdout).starts_with("built the Japanese dictionary"),
        "{}",
        text(&built.stdout)
    );
    let corpus = env.dir.path().join("ja.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"k\",\"title\":\"منحة\",\"body\":\"منحة من 京都大学 للطلاب\"}\n",
    )
    .unwrap();
    let indexed = env.run(&["--dict", dict, "index", corpus.to_str().unwrap()]);
    assert_eq!(indexed.status.code(), Some(0), "{}", text(&indexed.stderr));
    let found = env.run(&["--dict", dict, "search", "--json", "京都"]);
    assert_eq!(found.status.code(), Some(0), "{}", text(&found.stderr));
    let hit: serde_json::Value = serde_json::from_str(text(&found.stdout).trim()).unwrap();
    let snippet = hit["snippet"].as_str().unwrap();
    let range = &hit["highlights"][0];
    let (start, end) = (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
    assert_eq!(&snippet[start..end], "京都");
    // Without the dictionary the index cannot be searched, and says how to get one.
    let missing =
        env.run(&["--dict", env.dir.path().join("none").to_str().unwrap(), "search", "京都"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("fahras dict build"), "{}", text(&missing.stderr));
    let analyzed = env.run(&["--dict", dict, "analyze", "京都大学"]);
    assert!(text(&analyzed.stdout).contains("japanese"), "{}", text(&analyzed.stdout));
}

#[test]
fn similar_stems_can_be_turned_off_per_search() {
    let env = Env::indexed();
    // افتتحت (t13) is one letter from افتتح (t06, t10, t14).
    let count = |args: &[&str]| text(&env.run(args).stdout).trim().to_string();
    assert_eq!(count(&["search", "--count", "افتتحت"]), "4");
    assert_eq!(count(&["search", "--count", "--no-similar", "افتتحت"]), "1");
    let stats = text(&env.run(&["stats"]).stdout);
    assert!(stats.contains("(stopwords, light stemming)\n"), "{stats}");
}

#[test]
fn adding_to_an_index_without_analysis_flags_keeps_its_analysis() {
    let env = Env { dir: tempfile::tempdir().unwrap() };
    let out = env.run(&["index", "--no-stopwords", ARTICLES]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = env.run(&["index", ARTICLES]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("replaced 16"), "{}", text(&again.stdout));
    let stats = text(&env.run(&["stats"]).stdout);
    assert!(stats.contains("(no stopwords, light stemming)\n"), "{stats}");
    // Flags that differ from the index's are refused.
    let other = env.run(&["index", "--no-stemming", ARTICLES]);
    assert_eq!(other.status.code(), Some(2));
}
