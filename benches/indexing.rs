//! Indexing throughput: the bundled sample corpus, repeated with distinct ids, written into an
//! in-RAM fahras index, beside plain Tantivy with its default analyzer indexing the same
//! titles and bodies in the same run. Run with `cargo bench --bench indexing`.
//!
//! Both writers get one thread and the same memory, and each iteration starts from an empty
//! index and ends with a commit (and the merges it triggers), then checks the article count.

#[path = "sample.rs"]
mod sample;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fahras::tantivy::schema::{STORED, Schema, TEXT};
use fahras::tantivy::{Index, IndexWriter, TantivyDocument};
use fahras::{AnalysisSettings, Article, NewsIndex};

/// How many times the 47 sample articles are indexed per iteration (about 0.8 MB of text).
const REPEATS: usize = 20;

/// Writer memory for both engines, with one indexing thread each.
const MEMORY: usize = 64 << 20;

/// The sample articles, parsed once, repeated `REPEATS` times with distinct ids.
fn articles() -> Vec<Article> {
    let sample = sample::sample_articles();
    let mut articles = Vec::with_capacity(sample.len() * REPEATS);
    for copy in 0..REPEATS {
        for article in &sample {
            let mut article = article.clone();
            article.id = format!("{}#{copy}", article.id);
            articles.push(article);
        }
    }
    articles
}

fn indexing(c: &mut Criterion) {
    let articles = articles();
    let expected = articles.len() as u64;
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();

    let mut group = c.benchmark_group("indexing/sample-x20");
    group.throughput(Throughput::Bytes(bytes as u64));
    // Each iteration takes tens of milliseconds: a few samples of one iteration each.
    group.sampling_mode(SamplingMode::Flat).sample_size(10);

    // Plain Tantivy: title and body as `TEXT | STORED`, its "default" tokenizer.
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    let schema = builder.build();
    group.bench_function("tantivy-default", |b| {
        b.iter(|| {
            let index = Index::create_in_ram(schema.clone());
            let mut writer: IndexWriter =
                index.writer_with_num_threads(1, MEMORY).expect("a Tantivy writer");
            for article in &articles {
                let mut doc = TantivyDocument::default();
                doc.add_text(title, &article.title);
                doc.add_text(body, &article.body);
                writer.add_document(doc).expect("add a document");
            }
            writer.commit().expect("commit");
            writer.wait_merging_threads().expect("merges");
            let reader = index.reader().expect("a reader");
            assert_eq!(reader.searcher().num_docs(), expected);
        })
    });

    // fahras: the news schema, `fahras_ar_v1`, one `upsert` per article.
    group.bench_function("fahras_ar_v1", |b| {
        b.iter(|| {
            let index = NewsIndex::in_ram(AnalysisSettings::default()).expect("an in-RAM index");
            let mut writer = index.writer_with(MEMORY, 1).expect("a fahras writer");
            for article in &articles {
                writer.upsert(article).expect("upsert");
            }
            writer.finish().expect("commit");
            assert_eq!(index.num_articles(), expected);
        })
    });
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
