//! Japanese in Arabic news: segmented with a dictionary (Lindera), or as bigrams without one.
//!
//! The tiny dictionary in `tests/data/mecab-tiny` is built by the tests themselves. When
//! `FAHRAS_TEST_IPADIC` names a compiled IPADIC directory (CI builds one from Debian's
//! `mecab-ipadic`), the same searches run against it too.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fahras::analysis::{JapaneseDictionary, SourceEncoding, build_dictionary};
use fahras::{Analysis, AnalysisSettings, Article, Error, NewsIndex, SearchRequest};

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mecab-tiny");

fn tiny_dictionary(dir: &Path) -> Arc<JapaneseDictionary> {
    let out = dir.join("tiny");
    let report = build_dictionary(Path::new(TINY), SourceEncoding::Utf8, &out).unwrap();
    assert_eq!(report.files, 4);
    Arc::new(JapaneseDictionary::load(&out).unwrap())
}

fn articles() -> Vec<Article> {
    vec![
        Article::new(
            "j1",
            "منحة دراسية في اليابان",
            "حصل الطالب على منحة من 京都大学 لدراسة الهندسة.",
        ),
        Article::new("j2", "تصنيع الصواريخ", "تتولى شركة 三菱重工業 إنتاج صواريخ باتريوت بترخيص."),
        Article::new("j3", "رئيس الوزراء الياباني", "قال 岸田文雄 إن بلاده ستواصل التعاون."),
        Article::new("j4", "طوكيو", "زار الوفد 東京 وأجرى محادثات."),
    ]
}

fn index_with(analysis: Analysis) -> NewsIndex {
    let index = NewsIndex::in_ram_with(analysis).unwrap();
    let mut writer = index.writer_with(50 << 20, 1).unwrap();
    for article in articles() {
        writer.upsert(&article).unwrap();
    }
    writer.commit().unwrap();
    index
}

/// Ids found for `query`, and the words highlighted in their snippets.
fn find(index: &NewsIndex, query: &str) -> Vec<(String, Vec<String>)> {
    let hits = index.search(&SearchRequest::new(query)).unwrap().hits;
    hits.into_iter()
        .map(|h| {
            let marks = h.snippet.highlights.iter().map(|r| h.snippet.text[r.clone()].to_string());
            (h.id.clone(), marks.collect())
        })
        .collect()
}

fn check_japanese_searches(index: &NewsIndex) {
    let ids = |query| find(index, query).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(ids("京都"), ["j1"], "京都 finds 京都大学");
    assert_eq!(ids("京都大学"), ["j1"]);
    assert_eq!(ids("三菱"), ["j2"]);
    assert_eq!(ids("三菱重工業"), ["j2"]);
    assert_eq!(ids("岸田"), ["j3"]);
    // The Arabic and the Japanese query find the same article, with correct highlights.
    assert_eq!(find(index, "باتريوت"), [("j2".to_string(), vec!["باتريوت".to_string()])]);
    let (_, marks) = &find(index, "京都")[0];
    assert_eq!(marks, &["京都"]);
}

#[test]
fn the_tiny_dictionary_segments_in_decompose_mode() {
    let dir = tempfile::tempdir().unwrap();
    let dictionary = tiny_dictionary(dir.path());
    assert_eq!(dictionary.words("京都大学"), ["京都", "大学"]);
    assert_eq!(dictionary.words("三菱重工業"), ["三菱", "重工業"]);
    assert_eq!(dictionary.words("岸田文雄"), ["岸田", "文雄"]);
}

#[test]
fn searches_with_the_tiny_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let analysis =
        Analysis::with_japanese(AnalysisSettings::default(), tiny_dictionary(dir.path()));
    let index = index_with(analysis);
    check_japanese_searches(&index);
    let traces = index.analysis().explain("京都大学 و RTX");
    let scripts: Vec<&str> = traces.iter().map(|t| t.script.unwrap().name()).collect();
    assert_eq!(scripts, ["japanese", "japanese", "arabic", "latin"]);
}

#[test]
fn searches_with_ipadic_when_it_is_available() {
    let Some(dir) = std::env::var_os("FAHRAS_TEST_IPADIC").map(PathBuf::from) else {
        eprintln!("FAHRAS_TEST_IPADIC is not set: the IPADIC searches are checked in CI");
        return;
    };
    let dictionary = Arc::new(JapaneseDictionary::load(&dir).unwrap());
    assert_eq!(dictionary.words("京都大学"), ["京都", "大学"]);
    let index = index_with(Analysis::with_japanese(AnalysisSettings::default(), dictionary));
    check_japanese_searches(&index);
    let ids = |query| find(&index, query).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(ids("東京"), ["j4"]);
}

#[test]
fn bigrams_without_a_dictionary_find_the_same_articles() {
    let index = index_with(Analysis::new(AnalysisSettings::default()));
    let ids = |query| find(&index, query).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(ids("三菱重工"), ["j2"]);
    assert_eq!(ids("京都大学"), ["j1"]);
    assert_eq!(ids("岸田"), ["j3"]);
    assert_eq!(find(&index, "三菱重工")[0].1, ["三菱重工"], "bigram highlights merge");
}

#[test]
fn an_index_built_with_a_dictionary_refuses_to_open_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let dictionary = tiny_dictionary(dir.path());
    let path = dir.path().join("idx");
    let analysis = Analysis::with_japanese(AnalysisSettings::default(), dictionary.clone());
    NewsIndex::open_or_create_with(&path, analysis).unwrap();
    let err = NewsIndex::open(&path).err().unwrap();
    assert!(matches!(err, Error::DictionaryRequired { .. }), "{err}");
    assert!(err.to_string().contains("fahras dict build"), "{err}");
    let index = NewsIndex::open_with(&path, Some(dictionary)).unwrap();
    assert_eq!(index.manifest().analyzer, "fahras_ar_ja_v1");
    assert_eq!(index.manifest().dictionary.as_deref(), Some("ipadic"));
}

#[test]
fn bad_dictionary_sources_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let err =
        build_dictionary(dir.path(), SourceEncoding::Utf8, &dir.path().join("out")).err().unwrap();
    assert!(err.to_string().contains("char.def is missing"), "{err}");
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    for file in ["char.def", "unk.def", "matrix.def"] {
        std::fs::copy(Path::new(TINY).join(file), src.join(file)).unwrap();
    }
    std::fs::write(src.join("words.csv"), "京都,0,0,notanumber,名詞\n").unwrap();
    let out = dir.path().join("out");
    assert!(build_dictionary(&src, SourceEncoding::Utf8, &out).is_err());
    assert!(!out.exists(), "a failed build leaves nothing behind");
    let err = JapaneseDictionary::load(dir.path()).err().unwrap();
    assert!(err.to_string().contains("fahras dict build"), "{err}");
}
