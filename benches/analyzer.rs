//! Analyzer throughput on the sample corpus, beside Tantivy's default analyzer on the same
//! text in the same run. Run with `cargo bench --bench analyzer`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fahras::analysis::news_analyzer;
use fahras::tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};

/// The bodies of the bundled sample articles, joined: Arabic news text with Latin and CJK names.
fn corpus() -> String {
    let jsonl = include_str!("../examples/corpus/articles.jsonl");
    let mut text = String::new();
    for line in jsonl.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("valid sample corpus");
        let body = value.get("body").or_else(|| value.get("text")).and_then(|b| b.as_str());
        text.push_str(body.unwrap_or_default());
        text.push('\n');
    }
    text
}

fn count_tokens(analyzer: &mut TextAnalyzer, text: &str) -> usize {
    let mut stream = analyzer.token_stream(text);
    let mut count = 0;
    while stream.advance() {
        count += 1;
    }
    count
}

fn analyzers(c: &mut Criterion) {
    let text = corpus();
    let mut group = c.benchmark_group("analyzer/arabic-news");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut tantivy_default = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    let mut fahras = news_analyzer();
    let expected_default = count_tokens(&mut tantivy_default, &text);
    let expected_fahras = count_tokens(&mut fahras, &text);
    assert!(
        expected_default > 3_000 && expected_fahras > 2_000,
        "{expected_default} {expected_fahras}"
    );
    group.bench_function("tantivy-default", |b| {
        b.iter(|| assert_eq!(count_tokens(&mut tantivy_default, &text), expected_default))
    });
    group.bench_function("fahras_ar_v1", |b| {
        b.iter(|| assert_eq!(count_tokens(&mut fahras, &text), expected_fahras))
    });
    group.finish();
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
