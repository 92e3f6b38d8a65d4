//! Whole outputs of each subcommand, plain and JSON, errors included, on the test articles.
//! A failure prints both sides between rulers.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fahras/tests/data/articles.jsonl");

fn fahras(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fahras"))
        .args(args)
        .env("FAHRAS_INDEX", dir.join("idx"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("FAHRAS_DICT")
        .env_remove("FAHRAS_CONFIG")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn indexed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = fahras(dir.path(), &["index", "--threads", "1", ARTICLES]);
    assert_eq!(out.status.code(), Some(0));
    dir
}

/// Scores replaced by `S`: the human `rank. score`, the JSON `"score":…` and the TSV score
/// column. Goldens check what is shown and in which order; a change in how BM25 is computed
/// must not break them for that reason alone (`scores_fall_with_rank` checks the scores).
fn mask_scores(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let masked = if let Some(at) = line.find("\"score\":") {
            let from = at + "\"score\":".len();
            let len = line[from..].find([',', '}']).unwrap_or(0);
            format!("{}S{}", &line[..from], &line[from + len..])
        } else if let Some((rank, rest)) = line.split_once(". ")
            && !rank.is_empty()
            && rank.trim().chars().all(|c| c.is_ascii_digit())
            && let Some((score, tail)) = rest.split_once("  ")
            && score.parse::<f32>().is_ok()
        {
            format!("{rank}. S  {tail}")
        } else {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() > 2 && cells[0].parse::<u32>().is_ok() && cells[1].parse::<f32>().is_ok()
            {
                let mut cells = cells;
                cells[1] = "S";
                cells.join("\t")
            } else {
                line.to_string()
            }
        };
        out.push_str(&masked);
    }
    out
}

/// Asserts the whole of stdout (with the index path replaced by IDX and scores by S, see
/// `mask_scores`), stderr and exit code.
fn expect(dir: &Path, args: &[&str], code: i32, stdout: &str, stderr: &str) {
    let out = fahras(dir, args);
    let idx = dir.join("idx").display().to_string();
    let got_out = mask_scores(&String::from_utf8(out.stdout).unwrap().replace(&idx, "IDX"));
    let got_err = String::from_utf8(out.stderr).unwrap().replace(&idx, "IDX");
    let ruler = "-".repeat(60);
    assert_eq!(
        (got_out.as_str(), got_err.as_str(), out.status.code()),
        (stdout, stderr, Some(code)),
        "\nfahras {}\n{ruler}\nstdout:\n{got_out}{ruler}\nstderr:\n{got_err}{ruler}",
        args.join(" ")
    );
}

#[test]
fn search_plain() {
    let dir = indexed();
    expect(dir.path(), &["search", "-n", "2", "باتريوت"], 0, " 1. S  [الباتريوت] في المعرض الدفاعي
    Test Wire · 2024-02-01T08:30:00Z · t02 · https://news.example/t02
    عرضت الشركات منظومة [الباتريوت] إلى جانب رادارات حديثة، وقال المنظمون إن الإقبال كان كبيرا.

 2. S  وصول دفعة جديدة من صواريخ [باتريوت]
    وكالة الاختبار · 2024-01-10 · t01 · https://news.example/t01
    وصلت إلى الميناء صباح اليوم دفعة جديدة من الصواريخ الاعتراضية ضمن برنامج الإنتاج المشترك بين الحلفاء.

1–2 of 3 articles
", "");
}

#[test]
fn search_json_tsv_count_and_fields() {
    let dir = indexed();
    expect(
        dir.path(),
        &["search", "--json", "-n", "2", "باتريوت"],
        0,
        concat!(
            r#"{"date":"2024-02-01T08:30:00Z","highlights":[[37,55]],"id":"t02","rank":1,"score":S,"snippet":"عرضت الشركات منظومة الباتريوت إلى جانب رادارات حديثة، وقال المنظمون إن الإقبال كان كبيرا.","source":"Test Wire","title":"الباتريوت في المعرض الدفاعي","title_highlights":[[0,18]],"url":"https://news.example/t02"}"#,
            "\n",
            r#"{"date":"2024-01-10","highlights":[],"id":"t01","rank":2,"score":S,"snippet":"وصلت إلى الميناء صباح اليوم دفعة جديدة من الصواريخ الاعتراضية ضمن برنامج الإنتاج المشترك بين الحلفاء.","source":"وكالة الاختبار","title":"وصول دفعة جديدة من صواريخ باتريوت","title_highlights":[[47,61]],"url":"https://news.example/t01"}"#,
            "\n",
        ),
        "",
    );
    expect(
        dir.path(),
        &["search", "--format", "tsv", "صواريخ"],
        0,
        "\
1\tS\tt01\t2024-01-10\tوكالة الاختبار\tوصول دفعة جديدة من صواريخ باتريوت
2\tS\tt09\t2022-09-09\tوكالة الاختبار\tمخزون الذخائر
3\tS\tt10\t2022-10-10\tTest Wire\tمصنع جديد
",
        "",
    );
    expect(
        dir.path(),
        &["search", "--sort", "date", "--format", "tsv", "--fields", "date,id", "إيمانويل"],
        0,
        "2024-06-01\tt08\n2024-05-15\tt07\n2024-04-02\tt06\n2024-03-20\tt05\n2024-03-03\tt04\n",
        "",
    );
    expect(
        dir.path(),
        &["search", "--json", "-n", "1", "--fields", "id,title", "باتريوت"],
        0,
        "{\"id\":\"t02\",\"title\":\"الباتريوت في المعرض الدفاعي\",\"title_highlights\":[[0,18]]}\n",
        "",
    );
    expect(dir.path(), &["search", "--count", "المدينة"], 0, "2\n", "");
    expect(dir.path(), &["search", "--count", "غواصة"], 1, "0\n", "");
}

#[test]
fn scores_fall_with_rank() {
    let dir = indexed();
    let out = fahras(dir.path(), &["search", "--json", "--fields", "score", "صواريخ باتريوت"]);
    let scores: Vec<f64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["score"].as_f64().unwrap())
        .collect();
    assert!(scores.len() > 2, "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores.iter().all(|&s| s > 0.0));
}

#[test]
fn search_errors_and_empty_results() {
    let dir = indexed();
    expect(dir.path(), &["search", "في", "من"], 1, "", "\
fahras: warning: the query has no word to look for (stopwords such as في and من are not indexed; to list every article except some, write `* -word`)
fahras: no articles match
");
    expect(dir.path(), &["search", "--json", "غواصة"], 1, "", "");
    expect(
        dir.path(),
        &["search", "--limit", "0", "x"],
        2,
        "",
        "fahras: error: the limit must be between 1 and 10000, not 0\n",
    );
    expect(
        dir.path(),
        &["search", "--until", "soon", "x"],
        2,
        "",
        "fahras: error: --until: invalid date \"soon\": expected YYYY-MM-DD, RFC 3339 (2024-03-05T09:30:00Z) or a date and time (2024-03-05 09:30)\n",
    );
    expect(
        dir.path(),
        &["--index", "/nonexistent/idx", "search", "x"],
        2,
        "",
        "fahras: error: no index at /nonexistent/idx: create one with `fahras index FILE...`\n",
    );
}

#[test]
fn analyze_plain_and_json() {
    let dir = tempfile::tempdir().unwrap();
    expect(
        dir.path(),
        &["analyze", "وللطلاب في ٢٠٢٤ RTX"],
        0,
        "\
pos  bytes   script  original  lowercased  normalized  term
0    0..14   arabic  وللطلاب   وللطلاب     وللطلاب     طلاب
1    15..19  arabic  في        في          في          (stopword)
2    20..28  digits  ٢٠٢٤      ٢٠٢٤        2024        2024
3    29..32  latin   RTX       rtx         rtx         rtx
",
        "",
    );
    expect(
        dir.path(),
        &["analyze", "--json", "وللطلاب ٢٠٢٤"],
        0,
        concat!(
            r#"{"position":0,"offsets":[0,14],"original":"وللطلاب","script":"arabic","lowercased":"وللطلاب","normalized":"وللطلاب","term":"طلاب","removed_by":null}"#,
            "\n",
            r#"{"position":1,"offsets":[15,23],"original":"٢٠٢٤","script":"digits","lowercased":"٢٠٢٤","normalized":"2024","term":"2024","removed_by":null}"#,
            "\n",
        ),
        "",
    );
}

#[test]
fn stats_delete_optimize_config_and_completions() {
    let dir = indexed();
    let out = fahras(dir.path(), &["stats", "--json"]);
    let mut stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(stats["size_bytes"].as_u64().unwrap() > 1000);
    stats["size_bytes"] = 0.into();
    stats["index"] = "IDX".into();
    assert_eq!(
        stats.to_string(),
        r#"{"analyzer":"fahras_ar_v1 (stopwords, light stemming)","articles":16,"deleted":0,"dictionary":null,"index":"IDX","newest":"2025-01-01","oldest":"2022-09-09","segments":1,"size_bytes":0,"sources":[["Test Wire",8],["وكالة الاختبار",8]]}"#
    );

    expect(
        dir.path(),
        &["delete", "--id", "t13"],
        2,
        "",
        "fahras: error: refusing to delete 1 article without confirmation: add --yes\n",
    );
    expect(
        dir.path(),
        &["delete", "--id", "t13", "nope", "--yes"],
        0,
        "deleted 1 article; IDX holds 15 articles\n",
        "",
    );
    expect(
        dir.path(),
        &["delete", "--query", "المدينة", "--source", "Test Wire", "--yes"],
        0,
        "deleted 1 article; IDX holds 14 articles\n",
        "",
    );
    expect(
        dir.path(),
        &["delete", "--id", "t13", "--yes"],
        1,
        "no articles match; nothing deleted\n",
        "",
    );
    let out = fahras(dir.path(), &["optimize"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(" segments → 1, ") && text.ends_with("; 14 articles\n"), "{text}");

    std::fs::create_dir_all(dir.path().join("config/fahras")).unwrap();
    std::fs::write(
        dir.path().join("config/fahras/config.toml"),
        "# mine\nlimit = 3\ncolor = \"never\"\n",
    )
    .unwrap();
    let config = dir.path().join("config/fahras/config.toml").display().to_string();
    let data = dir.path().join("data/fahras/ipadic").display().to_string();
    expect(
        dir.path(),
        &["config"],
        0,
        &format!(
            "\
config file  {config}
index        IDX{pad}environment (FAHRAS_INDEX)
dict         (none; {data} is not built) default
color        never                            {config}:3
limit        3                                {config}:2
",
            pad = " ".repeat(33 - dir.path().join("idx").display().to_string().chars().count())
        ),
        "",
    );
    let out = fahras(dir.path(), &["search", "--format", "tsv", "--fields", "id", "إيمانويل"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        3,
        "limit from the config file"
    );
    for shell in ["bash", "zsh", "fish"] {
        let out = fahras(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8(out.stdout).unwrap().contains("fahras"));
    }
    std::fs::write(dir.path().join("config/fahras/config.toml"), "limits = 3\n").unwrap();
    expect(
        dir.path(),
        &["config"],
        2,
        "",
        &format!(
            "fahras: error: {config}:1: unknown setting \"limits\" (index, dict, color, limit)\n"
        ),
    );
}
