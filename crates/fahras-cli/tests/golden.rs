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

/// Asserts the whole of stdout (with the index path replaced by IDX), stderr and exit code.
fn expect(dir: &Path, args: &[&str], code: i32, stdout: &str, stderr: &str) {
    let out = fahras(dir, args);
    let idx = dir.join("idx").display().to_string();
    let got_out = String::from_utf8(out.stdout).unwrap().replace(&idx, "IDX");
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
    expect(dir.path(), &["search", "-n", "2", "باتريوت"], 0, " 1. 7.99  [الباتريوت] في المعرض الدفاعي
    Test Wire · 2024-02-01T08:30:00Z · t02 · https://news.example/t02
    عرضت الشركات منظومة [الباتريوت] إلى جانب رادارات حديثة، وقال المنظمون إن الإقبال كان كبيرا.

 2. 5.46  وصول دفعة جديدة من صواريخ [باتريوت]
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
            r#"{"date":"2024-02-01T08:30:00Z","highlights":[[37,55]],"id":"t02","rank":1,"score":7.985500335693359,"snippet":"عرضت الشركات منظومة الباتريوت إلى جانب رادارات حديثة، وقال المنظمون إن الإقبال كان كبيرا.","source":"Test Wire","title":"الباتريوت في المعرض الدفاعي","title_highlights":[[0,18]],"url":"https://news.example/t02"}"#,
            "\n",
            r#"{"date":"2024-01-10","highlights":[],"id":"t01","rank":2,"score":5.457292079925537,"snippet":"وصلت إلى الميناء صباح اليوم دفعة جديدة من الصواريخ الاعتراضية ضمن برنامج الإنتاج المشترك بين الحلفاء.","source":"وكالة الاختبار","title":"وصول دفعة جديدة من صواريخ باتريوت","title_highlights":[[47,61]],"url":"https://news.example/t01"}"#,
            "\n",
        ),
        "",
    );
    expect(
        dir.path(),
        &["search", "--format", "tsv", "صواريخ"],
        0,
        "\
1\t6.4112\tt09\t2022-09-09\tوكالة الاختبار\tمخزون الذخائر
2\t6.3374\tt01\t2024-01-10\tوكالة الاختبار\tوصول دفعة جديدة من صواريخ باتريوت
3\t6.0182\tt10\t2022-10-10\tTest Wire\tمصنع جديد
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
        r#"{"analyzer":"fahras_ar_v1 (stopwords, light stemming, trigrams)","articles":16,"deleted":0,"dictionary":null,"index":"IDX","newest":"2025-01-01","oldest":"2022-09-09","segments":1,"size_bytes":0,"sources":[["Test Wire",8],["وكالة الاختبار",8]]}"#
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
