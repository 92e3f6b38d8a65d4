//! Reading articles from files, and the life of an on-disk index.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use std::fs;
use std::io::Write;
use std::path::Path;

use fahras::ingest::Articles;
use fahras::{AnalysisSettings, Article, Error, NewsIndex, RecordError, SearchRequest};

fn read(paths: &[&Path]) -> Vec<Result<Article, RecordError>> {
    Articles::from_paths(paths).collect()
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn json_lines_fields_aliases_and_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("news.jsonl");
    write(
        &file,
        concat!(
            "\u{FEFF}{\"id\":\"a\",\"title\":\"عنوان\",\"body\":\"نص\",\"source\":\" BBC \",\"date\":\"2024-03-05\",\"url\":\"https://x\",\"tags\":[1]}\n",
            "\n",
            "{\"id\":7,\"text\":\"نص فقط\",\"date\":\"2024-03-05T09:30:00+03:00\",\"source\":null}\n",
            "{\"id\":\"c\",\"title\":\"ت\",\"date\":\"2017-01-22T18:56:00\"}\n",
        ),
    );
    let records = read(&[&file]);
    assert_eq!(records.len(), 3);
    let a = records[0].as_ref().unwrap();
    assert_eq!((a.id.as_str(), a.title.as_str(), a.body.as_str()), ("a", "عنوان", "نص"));
    assert_eq!(a.source.as_deref(), Some("BBC"));
    assert_eq!(a.published.map(fahras::format_date).as_deref(), Some("2024-03-05"));
    let b = records[1].as_ref().unwrap();
    assert_eq!((b.id.as_str(), b.title.as_str(), b.body.as_str()), ("7", "", "نص فقط"));
    assert_eq!(b.published.map(fahras::format_date).as_deref(), Some("2024-03-05T06:30:00Z"));
    assert_eq!(b.source, None);
    let c = records[2].as_ref().unwrap();
    assert_eq!(c.published.map(fahras::format_date).as_deref(), Some("2017-01-22T18:56:00Z"));
}

#[test]
fn bad_records_name_file_line_and_reason_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"{\"id\":\"ok1\",\"title\":\"t\"}\n");
    bytes.extend_from_slice(b"{\"id\":\"x\",\"title\":\n"); // 2: truncated JSON
    bytes.extend_from_slice(b"{\"title\":\"no id\"}\n"); // 3
    bytes.extend_from_slice(b"{\"id\":\"d\",\"title\":\"t\",\"date\":\"05/03/2024\"}\n"); // 4
    bytes.extend_from_slice(b"{\"id\":\"e\",\"title\":\"\",\"body\":\"  \"}\n"); // 5
    bytes.extend_from_slice(b"{\"id\":\"f\",\"title\":\"\xff\xfe\"}\n"); // 6: not UTF-8
    bytes.extend_from_slice(b"[1,2]\n"); // 7
    bytes.extend_from_slice(b"{\"id\":\"y\",\"title\":\"t\",\"date\":\"9999-12-31\"}\n"); // 8
    bytes.extend_from_slice(b"{\"id\":12345678901234567890123,\"title\":\"t\"}\n"); // 9
    bytes.extend_from_slice(b"{\"id\":\"ok2\",\"body\":\"b\"}"); // 10, no final newline
    fs::write(&file, bytes).unwrap();
    let records = read(&[&file]);
    let ok: Vec<&str> =
        records.iter().filter_map(|r| r.as_ref().ok()).map(|a| a.id.as_str()).collect();
    assert_eq!(ok, ["ok1", "ok2"]);
    let errors: Vec<String> =
        records.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    let name = file.display().to_string();
    let expected = [
        (2, "invalid JSON"),
        (3, "missing field `id`"),
        (4, "invalid date \"05/03/2024\""),
        (5, "neither a title nor a body"),
        (6, "not valid UTF-8 (byte 19 of the line)"),
        (7, "invalid JSON"),
        (8, "outside the years 1678 to 2261"),
        (9, "not an exact integer: write it as a string"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, (line, reason)) in errors.iter().zip(expected) {
        assert!(error.starts_with(&format!("{name}:{line}: ")), "{error}");
        assert!(error.contains(reason), "{error} should say {reason}");
    }
}

#[test]
fn gzip_is_read_transparently() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("news.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..100 {
        writeln!(gz, "{{\"id\":\"g{i}\",\"title\":\"عنوان {i}\"}}").unwrap();
    }
    fs::write(&file, gz.finish().unwrap()).unwrap();
    let records = read(&[&file]);
    assert_eq!(records.len(), 100);
    assert!(records.iter().all(Result::is_ok));
    // A truncated gzip stream is reported, not silently cut short.
    let bytes = fs::read(&file).unwrap();
    let cut = dir.path().join("cut.jsonl.gz");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let records = read(&[&cut]);
    assert!(
        records.last().unwrap().as_ref().is_err_and(|e| e.reason.contains("read error")),
        "{records:?}"
    );
}

#[test]
fn text_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root.join("a.txt"), "\n\n  عنوان أول  \n\nالسطر الأول.\nالسطر الثاني.\n");
    write(&root.join("sub/b.md"), "عنوان ثان");
    write(&root.join("sub/more.jsonl"), "{\"id\":\"j1\",\"title\":\"من ملف\"}\n");
    write(&root.join("photo.jpg"), "not text");
    write(&root.join(".hidden.txt"), "hidden");
    write(&root.join("empty.txt"), " \n ");
    let mut articles = Articles::from_paths(&[&root]);
    let records: Vec<_> = (&mut articles).collect();
    let ok: Vec<(String, String, String)> = records
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|a| (a.id.clone(), a.title.clone(), a.body.clone()))
        .collect();
    assert_eq!(
        ok,
        [
            ("a.txt".into(), "عنوان أول".into(), "السطر الأول.\nالسطر الثاني.".into()),
            ("sub/b.md".into(), "عنوان ثان".into(), String::new()),
            ("j1".into(), "من ملف".into(), String::new()),
        ]
    );
    let errors: Vec<_> = records.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().ends_with("empty.txt: empty file"), "{}", errors[0]);
    assert_eq!(articles.skipped_files(), [root.join("photo.jpg")]);
    // A missing path is an error record too.
    let missing = read(&[&root.join("nope.jsonl")]);
    assert!(missing[0].as_ref().is_err_and(|e| e.to_string().contains("nope.jsonl")));
}

fn count(index: &NewsIndex, query: &str) -> usize {
    index.search(&SearchRequest::new(query)).unwrap().total_hits
}

#[test]
fn an_index_on_disk_keeps_articles_across_runs_and_upserts_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    {
        let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
        let mut writer = index.writer_with(50 << 20, 1).unwrap();
        writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الأول")).unwrap();
        writer.upsert(&Article::new("2", "السفير", "نص آخر")).unwrap();
        writer.finish().unwrap();
    }
    let index = NewsIndex::open(&path).unwrap();
    assert_eq!(index.num_articles(), 2);
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الجديد")).unwrap();
    writer.finish().unwrap();
    let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    assert_eq!(index.num_articles(), 2);
    assert_eq!(count(&index, "باتريوت"), 1);
    assert_eq!(count(&index, "الجديد"), 1);
    assert_eq!(count(&index, "الأول"), 0);
    let stats = index.stats().unwrap();
    assert_eq!(stats.articles, 2);
    assert!(stats.size_bytes > 0);
    assert_eq!(stats.analyzer, "fahras_ar_v1 (stopwords, light stemming)");
}

/// A writer on an empty index skips the delete of an id it has not written yet; an id written
/// twice, before or after a commit, still replaces, and so does a writer on a full index.
#[test]
fn upserts_replace_in_an_empty_index_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الأول")).unwrap();
    writer.upsert(&Article::new("2", "السفير", "نص آخر")).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الثاني")).unwrap();
    writer.commit().unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الثالث")).unwrap();
    writer.delete("2");
    writer.upsert(&Article::new("2", "السفير", "نص جديد")).unwrap();
    writer.finish().unwrap();
    index.reload().unwrap();
    assert_eq!(index.num_articles(), 2);
    assert_eq!(count(&index, "باتريوت"), 1);
    assert_eq!((count(&index, "الأول"), count(&index, "الثاني")), (0, 0));
    assert_eq!(count(&index, "الثالث"), 1);
    assert_eq!((count(&index, "آخر"), count(&index, "جديد")), (0, 1));
    // A writer opened on an index that has articles replaces those already there.
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الرابع")).unwrap();
    writer.upsert(&Article::new("3", "الطقس", "مشمس")).unwrap();
    writer.finish().unwrap();
    index.reload().unwrap();
    assert_eq!(index.num_articles(), 3);
    assert_eq!((count(&index, "الثالث"), count(&index, "الرابع")), (0, 1));
    // After a rollback the writer still replaces what it wrote before it.
    let empty = NewsIndex::in_ram(AnalysisSettings::default()).unwrap();
    let mut writer = empty.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الأول")).unwrap();
    writer.commit().unwrap();
    writer.upsert(&Article::new("9", "الطقس", "ممطر")).unwrap();
    writer.rollback().unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "النص الخامس")).unwrap();
    writer.upsert(&Article::new("9", "الطقس", "مشمس")).unwrap();
    writer.finish().unwrap();
    empty.reload().unwrap();
    assert_eq!(empty.num_articles(), 2);
    assert_eq!((count(&empty, "الأول"), count(&empty, "الخامس")), (0, 1));
}

#[test]
fn other_analysis_settings_are_refused_with_a_hint_to_reindex() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    let other = AnalysisSettings { stemming: false, ..AnalysisSettings::default() };
    let err = NewsIndex::open_or_create(&path, other).err().unwrap();
    assert!(matches!(err, Error::AnalysisMismatch { .. }));
    assert!(err.to_string().contains("re-index"), "{err}");
    // An index made by another analyzer version.
    let manifest = fs::read_to_string(path.join(fahras::MANIFEST_FILE)).unwrap();
    fs::write(path.join(fahras::MANIFEST_FILE), manifest.replace("fahras_ar_v1", "fahras_ar_v0"))
        .unwrap();
    let err = NewsIndex::open(&path).err().unwrap();
    assert!(
        err.to_string().contains("fahras_ar_v0") && err.to_string().contains("re-index"),
        "{err}"
    );
}

#[test]
fn indexes_from_before_the_lexicon_open_and_are_searched() {
    let dir = tempfile::tempdir().unwrap();
    // A manifest without the `trigrams` key (the first format) is an index without them,
    // which is what fahras makes now.
    let path = dir.path().join("idx");
    let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "تزوج الأمير")).unwrap();
    writer.finish().unwrap();
    let file = path.join(fahras::MANIFEST_FILE);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let settings = manifest["settings"].as_object_mut().unwrap();
    assert_eq!(settings.remove("trigrams"), Some(serde_json::Value::Bool(false)));
    fs::write(&file, manifest.to_string()).unwrap();
    let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    assert_eq!(index.stats().unwrap().analyzer, "fahras_ar_v1 (stopwords, light stemming)");
    assert_eq!(count(&index, "يتزوج"), 1, "similar stems come from the lexicon");

    // An index that indexed letter trigrams keeps them when written to, and is searched by
    // its stems and lexicon.
    let old = dir.path().join("old");
    let with = AnalysisSettings { trigrams: true, ..AnalysisSettings::default() };
    let index = NewsIndex::open_or_create(&old, with).unwrap();
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "صواريخ باتريوت", "تزوج الأمير")).unwrap();
    writer.finish().unwrap();
    let index = NewsIndex::open(&old).unwrap();
    assert_eq!(index.manifest().settings, with);
    assert_eq!(count(&index, "يتزوج"), 1);
    // Adding to it with the default settings would mix two analyses: re-index instead.
    let err = NewsIndex::open_or_create(&old, AnalysisSettings::default()).err().unwrap();
    assert!(matches!(err, Error::AnalysisMismatch { .. }), "{err}");
}

#[test]
fn missing_foreign_and_locked_indexes_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none");
    assert!(matches!(NewsIndex::open(&missing), Err(Error::NoIndex { .. })));
    let foreign = dir.path().join("photos");
    write(&foreign.join("cat.jpg"), "meow");
    let err = NewsIndex::open_or_create(&foreign, AnalysisSettings::default()).err().unwrap();
    assert!(matches!(err, Error::NotAnIndex { .. }), "{err}");
    assert!(foreign.join("cat.jpg").exists() && !foreign.join("meta.json").exists());

    let path = dir.path().join("idx");
    let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    let _writer = index.writer_with(50 << 20, 1).unwrap();
    let second = NewsIndex::open(&path).unwrap();
    let err = second.writer_with(50 << 20, 1).err().unwrap();
    assert!(matches!(err, Error::Locked { .. }), "{err}");
}

#[test]
fn each_commit_saves_the_lexicon_and_a_damaged_or_stale_one_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idx");
    let lexicon_file = path.join(fahras::lexicon::LEXICON_FILE);
    let index = NewsIndex::open_or_create(&path, AnalysisSettings::default()).unwrap();
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    writer.upsert(&Article::new("1", "", "تزوج الأمير في سويسرا")).unwrap();
    writer.commit().unwrap();
    let first = fs::read(&lexicon_file).unwrap();
    writer.upsert(&Article::new("2", "", "وصلت صواريخ باتريوت")).unwrap();
    writer.finish().unwrap();
    let second = fs::read(&lexicon_file).unwrap();
    assert_ne!(first, second, "the lexicon of the new commit");
    let saved = fahras::lexicon::Lexicon::read(&path).unwrap().unwrap();
    assert!(saved.doc_freq("باتريوت") > 0);
    // يتزوج finds تزوج, and لباتريوت finds باتريوت (of the second commit), through the lexicon.
    let finds = |index: &NewsIndex| (count(index, "يتزوج"), count(index, "لباتريوت"));
    assert_eq!(finds(&NewsIndex::open(&path).unwrap()), (1, 1));
    // A damaged file is rebuilt from the index, and so is one older than the index.
    fs::write(&lexicon_file, &second[..second.len() / 2]).unwrap();
    assert!(fahras::lexicon::Lexicon::read(&path).is_err());
    assert_eq!(finds(&NewsIndex::open(&path).unwrap()), (1, 1));
    fs::write(&lexicon_file, &first).unwrap();
    assert_eq!(finds(&NewsIndex::open(&path).unwrap()), (1, 1));
    fs::remove_file(&lexicon_file).unwrap();
    assert_eq!(finds(&NewsIndex::open(&path).unwrap()), (1, 1));
}
