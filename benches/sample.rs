//! The bundled sample corpus, parsed once, shared by the benches (`#[path]`-included).

use fahras::Article;
use fahras::ingest::jsonl::parse_article;

/// The articles of `examples/corpus/articles.jsonl`.
pub fn sample_articles() -> Vec<Article> {
    let jsonl = include_str!("../examples/corpus/articles.jsonl");
    let articles: Vec<Article> = jsonl
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| parse_article(line).expect("valid sample corpus"))
        .collect();
    assert!(articles.len() >= 40, "the sample corpus has {} articles", articles.len());
    articles
}
