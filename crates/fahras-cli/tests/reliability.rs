//! Reliability: bad input never half-indexes, a killed import never corrupts the index, and a
//! search runs while another process indexes. These run the real binary.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

fn fahras(index: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fahras"));
    cmd.arg("--index").arg(index).args(args).stdin(Stdio::null());
    cmd.env_remove("FAHRAS_DICT").env("XDG_DATA_HOME", index.with_extension("data"));
    cmd
}

fn run(index: &Path, args: &[&str]) -> Output {
    fahras(index, args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The number of articles in the index, read by a separate process.
fn count(index: &Path) -> u64 {
    let out = run(index, &["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0), "stats: {}", text(&out.stderr));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    stats["articles"].as_u64().unwrap()
}

/// `n` articles with ids `{prefix}{i}`, as JSON Lines.
fn articles(path: &Path, prefix: &str, n: usize) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let body = "وصلت الصواريخ إلى الميناء صباح اليوم ضمن برنامج الإنتاج المشترك. ".repeat(3);
        let line = serde_json::json!({"id": format!("{prefix}{i}"), "title": format!("خبر {i}"), "body": body});
        writeln!(file, "{line}").unwrap();
    }
}

/// A small pseudo-random generator, seeded from the clock and printed, so a failure can be
/// replayed with FAHRAS_TEST_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("FAHRAS_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64
            });
        eprintln!("FAHRAS_TEST_SEED={seed}");
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn every_kind_of_bad_input_is_named_and_leaves_the_index_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let good = dir.path().join("good.jsonl");
    articles(&good, "g", 5);
    assert_eq!(run(&index, &["index", good.to_str().unwrap()]).status.code(), Some(0));

    let ok = "{\"id\":\"ok\",\"title\":\"عنوان\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(ok.repeat(200).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "malformed.jsonl",
            format!("{ok}{{\"id\":\"x\",\"title\":\"t\"\n").into_bytes(),
            ":2: invalid JSON",
        ),
        ("not-object.jsonl", format!("{ok}[\"id\",\"x\"]\n").into_bytes(), ":2: invalid JSON"),
        (
            "wrong-type.jsonl",
            format!("{ok}{{\"id\":\"x\",\"title\":5}}\n").into_bytes(),
            "invalid type: integer `5`",
        ),
        (
            "no-text.jsonl",
            format!("{ok}{{\"id\":\"x\"}}\n").into_bytes(),
            "neither a title nor a body",
        ),
        (
            "bad-utf8.jsonl",
            [ok.as_bytes(), b"{\"id\":\"x\",\"title\":\"\xc3\x28\"}\n"].concat(),
            ":2: not valid UTF-8",
        ),
        ("truncated.jsonl.gz", gz[..gz.len() / 2].to_vec(), "read error"),
        (
            "huge.jsonl",
            format!("{{\"id\":\"x\",\"body\":\"{}\"}}\n", "ب".repeat(600_000)).into_bytes(),
            "line longer than 1048576 bytes",
        ),
    ];
    let before = count(&index);
    for (name, bytes, reason) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&index, &["index", "--max-record-mb", "1", path.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(path.to_str().unwrap()) && stderr.contains(reason),
            "{name}: {stderr}"
        );
        assert!(stderr.contains("nothing from this run was indexed"), "{name}: {stderr}");
        assert_eq!(count(&index), before, "{name} changed the index");
    }

    // Harmless irregularities are read: a byte-order mark, CRLF line ends, blank lines.
    let fine = dir.path().join("fine.jsonl");
    std::fs::write(
        &fine,
        "\u{FEFF}{\"id\":\"b1\",\"title\":\"أ\"}\r\n\r\n\n{\"id\":\"b2\",\"title\":\"ب\"}\r\n",
    )
    .unwrap();
    let out = run(&index, &["index", fine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(count(&index), before + 2);

    // A missing file, and a directory whose symbolic link leads back to itself.
    let missing = dir.path().join("gone.jsonl");
    let out = run(&index, &["index", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("gone.jsonl: No such file"), "{}", text(&out.stderr));
    let looped = dir.path().join("loop");
    std::fs::create_dir(&looped).unwrap();
    std::fs::write(looped.join("a.txt"), "عنوان\nنص").unwrap();
    std::os::unix::fs::symlink(&looped, looped.join("again")).unwrap();
    let out = run(&index, &["index", "--skip-invalid", looped.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("leads back to a directory already read"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(count(&index), before + 3);

    // An enormous article within the limit is indexed whole.
    let big = dir.path().join("big.jsonl");
    let body = "كلمة ".repeat(2_000_000); // 10 MB
    std::fs::write(
        &big,
        format!("{{\"id\":\"big\",\"title\":\"ضخم\",\"body\":\"{body} نهاية\"}}\n"),
    )
    .unwrap();
    let out = run(&index, &["index", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(run(&index, &["search", "نهاية"]).status.code(), Some(0));
}

fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn a_killed_import_leaves_exactly_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let base = dir.path().join("base.jsonl");
    articles(&base, "b", 100);
    assert_eq!(run(&index, &["index", base.to_str().unwrap()]).status.code(), Some(0));
    let input = dir.path().join("big.jsonl");
    articles(&input, "n", 12_000);
    let mut rng = Rng::new();
    let mut kills = 0;
    for round in 0..8 {
        let mut child = fahras(
            &index,
            &["index", "--commit-every", "1500", "--threads", "1", input.to_str().unwrap()],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(2500)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        let n = count(&index);
        assert!(
            n >= 100 && (n - 100).is_multiple_of(1500) && n <= 12_100,
            "round {round}: {n} articles"
        );
        assert_eq!(run(&index, &["search", "-n", "1", "الصواريخ"]).status.code(), Some(0));
    }
    eprintln!("{kills} imports killed");
    // The next import proceeds normally: no stale lock.
    let mut child =
        fahras(&index, &["index", input.to_str().unwrap()]).stdout(Stdio::null()).spawn().unwrap();
    let status =
        wait_with_timeout(&mut child, Duration::from_secs(120)).expect("the import finishes");
    assert!(status.success());
    assert_eq!(count(&index), 12_100);
}

#[test]
fn searches_run_while_another_process_indexes_and_a_second_writer_is_told_who_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let index: PathBuf = dir.path().join("idx");
    let base = dir.path().join("base.jsonl");
    articles(&base, "b", 50);
    assert_eq!(run(&index, &["index", base.to_str().unwrap()]).status.code(), Some(0));
    let input = dir.path().join("big.jsonl");
    articles(&input, "n", 12_000);
    let mut writer = fahras(&index, &["index", "--commit-every", "2000", input.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the writer to take the lock.
    let pid_file = index.join("fahras-writer.pid");
    let started = Instant::now();
    while !pid_file.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut searches = 0;
    let mut second_writer_refused = false;
    while writer.try_wait().unwrap().is_none() {
        let out = run(&index, &["search", "-n", "3", "الصواريخ"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        searches += 1;
        if !second_writer_refused {
            let out = run(&index, &["index", base.to_str().unwrap()]);
            let stderr = text(&out.stderr);
            if writer.try_wait().unwrap().is_none() {
                assert_eq!(out.status.code(), Some(2), "{stderr}");
                let pid = format!("(pid {})", writer.id());
                assert!(
                    stderr.contains("locked by another process") && stderr.contains(&pid),
                    "{stderr}"
                );
                second_writer_refused = true;
            }
        }
    }
    assert!(writer.wait().unwrap().success());
    assert!(second_writer_refused, "the writer finished before a second one could try");
    assert!(searches >= 2, "{searches} searches");
    assert_eq!(count(&index), 12_050);
}
