//! Analyzer throughput, beside Tantivy's default analyzer on the same text in the same run:
//! Arabic news (the sample corpus), mixed Arabic/Latin/Japanese text, and Japanese text
//! segmented with the Japanese dictionary. Run with `cargo bench --bench analyzer`.
//!
//! The Japanese dictionary is the one named by `FAHRAS_DICT` or found in the default place
//! (see `fahras dict build`); without one, the bench builds the tiny test dictionary, whose
//! figures say little about IPADIC's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

#[path = "sample.rs"]
mod sample;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fahras::analysis::{
    JapaneseDictionary, SourceEncoding, build_dictionary, default_dictionary_dir,
};
use fahras::tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use fahras::{Analysis, AnalysisSettings};

/// The bodies of the bundled sample articles, joined: Arabic news text with Latin and CJK names.
fn arabic_news() -> String {
    sample::sample_articles().iter().map(|a| format!("{}\n", a.body)).collect()
}

const JAPANESE: &str = include_str!("data/japanese.txt");

/// Arabic sentences with Latin and Japanese names, as world news quotes them.
fn mixed() -> String {
    let mut text = String::new();
    for (arabic, japanese) in arabic_news().lines().zip(JAPANESE.lines().cycle()) {
        text.push_str(arabic);
        text.push_str(" Lockheed Martin و RTX ");
        text.push_str(japanese);
        text.push('\n');
    }
    text
}

fn dictionary(scratch: &Path) -> Arc<JapaneseDictionary> {
    let named = std::env::var_os("FAHRAS_DICT").map(PathBuf::from).or_else(default_dictionary_dir);
    if let Some(dir) = named.filter(|d| d.join("dict.words").is_file()) {
        eprintln!("Japanese dictionary: {}", dir.display());
        return Arc::new(JapaneseDictionary::load(&dir).expect("the dictionary loads"));
    }
    eprintln!("no Japanese dictionary (FAHRAS_DICT): using the tiny test dictionary");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mecab-tiny");
    let out = scratch.join("tiny");
    build_dictionary(&src, SourceEncoding::Utf8, &out).expect("the tiny dictionary builds");
    Arc::new(JapaneseDictionary::load(&out).expect("the tiny dictionary loads"))
}

fn count_tokens(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut count = 0;
    while stream.advance() {
        count += 1;
    }
    count
}

fn compare(c: &mut Criterion, name: &str, text: &str, analyzers: Vec<(&str, TextAnalyzer)>) {
    let mut group = c.benchmark_group(format!("analyzer/{name}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    for (label, mut analyzer) in analyzers {
        let expected = count_tokens(&mut analyzer, text);
        assert!(expected > 100, "{label} finds only {expected} tokens in {name}");
        group.bench_function(label, |b| {
            b.iter(|| assert_eq!(count_tokens(&mut analyzer, text), expected))
        });
    }
    group.finish();
}

fn analyzers(c: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let japanese = dictionary(scratch.path());
    let tantivy_default = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .build()
    };
    let settings = AnalysisSettings::default();
    let with_dictionary = || Analysis::with_japanese(settings, japanese.clone()).analyzer();
    let bigrams = || Analysis::new(settings).analyzer();

    compare(
        c,
        "arabic-news",
        &arabic_news(),
        vec![("tantivy-default", tantivy_default()), ("fahras_ar_v1", bigrams())],
    );
    compare(
        c,
        "mixed",
        &mixed(),
        vec![
            ("tantivy-default", tantivy_default()),
            ("fahras_ar_v1", bigrams()),
            ("fahras_ar_ja_v1", with_dictionary()),
        ],
    );
    compare(
        c,
        "japanese",
        &JAPANESE.repeat(20),
        vec![
            ("tantivy-default", tantivy_default()),
            ("fahras_ar_v1", bigrams()),
            ("fahras_ar_ja_v1", with_dictionary()),
        ],
    );
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
