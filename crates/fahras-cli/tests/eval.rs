//! `fahras eval` on a tiny test collection written for fahras (tests/data/eval-tiny), and,
//! when the shared Arabic IR data is beside the checkout, against its `eval.py`.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use std::path::Path;
use std::process::Command;

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval-tiny");

fn eval(run: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fahras"))
        .args(["eval", "--corpus", &format!("{TINY}/corpus.jsonl")])
        .args(["--queries", &format!("{TINY}/queries.tsv")])
        .args(["--qrels", &format!("{TINY}/qrels.txt")])
        .arg("--run")
        .arg(run)
        .args(extra)
        .env_remove("FAHRAS_DICT")
        .env("XDG_DATA_HOME", run.with_extension("data"))
        .output()
        .unwrap()
}

#[test]
fn measures_a_tiny_collection_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run.trec");
    let out = eval(&run, &["--json"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad query line: {stderr}");
    assert!(stderr.contains("queries.tsv:7: expected `qid<TAB>query`"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["queries_run"], 8);
    assert_eq!(report["queries_judged"], 9);
    assert_eq!(report["missing_from_run"], 1, "q9 is judged but never asked");
    let metric = |name: &str| report["metrics"][name].as_f64().unwrap();
    // q1–q8 each find an answer first (q8's d4, for رياح, before d7, for الفرقاطات, which is
    // judged not relevant); q8's other answer (d3) has none of its words, and q9 is never
    // asked: MRR 8/9, Recall (7 + 1/2)/9. Hand-checked, and equal to eval.py's figures.
    assert!((metric("MRR@10") - 8.0 / 9.0).abs() < 1e-9, "{report}");
    assert!((metric("Recall@100") - 7.5 / 9.0).abs() < 1e-9, "{report}");
    for line in std::fs::read_to_string(&run).unwrap().lines() {
        let cols: Vec<&str> = line.split(' ').collect();
        assert_eq!((cols.len(), cols[1], cols[5]), (6, "Q0", "fahras"), "{line}");
    }
}

#[test]
fn measures_equal_those_of_eval_py_when_it_is_available() {
    let eval_py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ir/eval.py");
    if !eval_py.is_file() || Command::new("python3").arg("--version").output().is_err() {
        eprintln!("{} or python3 is not here: compared in CI", eval_py.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run.trec");
    let ours = eval(&run, &[]);
    let ours = String::from_utf8(ours.stdout).unwrap();
    let theirs = Command::new("python3")
        .arg(&eval_py)
        .arg(format!("{TINY}/qrels.txt"))
        .arg(&run)
        .output()
        .unwrap();
    let theirs = String::from_utf8(theirs.stdout).unwrap();
    // Both print `nDCG@10=… MRR@10=… Recall@100=… MAP=…` first, to four decimals.
    let first_four =
        |s: &str| s.lines().next().unwrap().split('\t').take(4).collect::<Vec<_>>().join("\t");
    assert_eq!(first_four(&ours), first_four(&theirs));
}
