//! Query latency, top 10, with snippets and without, on an in-RAM index of the sample corpus
//! repeated to about 2,000 articles with distinct ids. The index is built once, outside the
//! timed loop. Run with `cargo bench --bench search`.
//!
//! Every iteration checks the hit count found before timing, so a query that stopped
//! matching cannot pass for a fast one.

use std::hint::black_box;

#[path = "sample.rs"]
mod sample;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fahras::{AnalysisSettings, NewsIndex, SearchRequest};

/// About how many articles the index holds.
const TARGET_ARTICLES: usize = 2_000;

/// The queries: a name and the query text, as a user would type it.
const QUERIES: &[(&str, &str)] = &[
    ("patriot", "باتريوت"),
    ("emmanuel-hamza", "أيمانويل"),
    ("missiles-article", "الصواريخ"),
    ("two-words", "صواريخ باتريوت"),
    ("phrase", "\"بناء السفن\""),
    ("latin", "lockheed"),
    ("indic-digits", "٢٠٢٤"),
];

/// The sample corpus in an in-RAM index, repeated to about [`TARGET_ARTICLES`] articles;
/// returns the index and how many copies of each article it holds.
fn sample_index() -> (NewsIndex, usize) {
    let sample = sample::sample_articles();
    let copies = TARGET_ARTICLES.div_ceil(sample.len());
    let index = NewsIndex::in_ram(AnalysisSettings::default()).expect("an in-RAM index");
    let mut writer = index.writer_with(64 << 20, 1).expect("a writer");
    for copy in 0..copies {
        for article in &sample {
            let mut article = article.clone();
            article.id = format!("{}#{copy}", article.id);
            writer.upsert(&article).expect("upsert");
        }
    }
    writer.finish().expect("commit");
    assert_eq!(index.num_articles(), (sample.len() * copies) as u64);
    (index, copies)
}

fn search(c: &mut Criterion) {
    let (index, copies) = sample_index();
    let mut group = c.benchmark_group("search/top10");
    for &(name, query) in QUERIES {
        let mut with = SearchRequest::new(query);
        with.limit = 10;
        let mut without = with.clone();
        without.snippet_chars = 0;

        // What each query finds, once, before timing: every copy of each matching article,
        // counted up to the default limit.
        let first = index.search(&with).expect("search");
        let expected = first.total_hits;
        if first.total_hits_exact {
            assert!(expected > 0 && expected % copies == 0, "{name}: {expected} hits");
        } else {
            assert_eq!(expected, fahras::DEFAULT_COUNT_LIMIT, "{name}: counted past the limit");
        }
        let returned = expected.min(10);

        group.bench_with_input(BenchmarkId::new("snippets", name), &with, |b, request| {
            b.iter(|| {
                let results = index.search(request).expect("search");
                assert_eq!((results.total_hits, results.hits.len()), (expected, returned));
                assert!(!results.hits[0].snippet.text.is_empty(), "{name}: no snippet");
                black_box(results)
            })
        });
        group.bench_with_input(BenchmarkId::new("no-snippets", name), &without, |b, request| {
            b.iter(|| {
                let results = index.search(request).expect("search");
                assert_eq!((results.total_hits, results.hits.len()), (expected, returned));
                black_box(results)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
