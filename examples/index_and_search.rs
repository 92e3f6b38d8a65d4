// # Index Arabic news in memory and search it
//
// This example builds an index in RAM from a handful of articles, searches it with several
// spellings of the same word, and prints each hit with its highlighted snippet.
//
// Run it with `cargo run --example index_and_search`.

//! Indexes a few articles in RAM and prints the hits of some searches.

use fahras::{AnalysisSettings, Article, NewsIndex, SearchRequest, parse_date};

fn main() -> fahras::Result<()> {
    // ## The index
    //
    // `NewsIndex::in_ram` keeps everything in memory; `NewsIndex::open_or_create(dir, ..)`
    // would put it on disk instead. The settings choose the analysis: the defaults remove
    // stopwords and apply the light stemmer.
    let index = NewsIndex::in_ram(AnalysisSettings::default())?;

    // ## Articles
    //
    // Real news text is written inconsistently: with or without hamza, with harakat or
    // tatweel, with clitics glued to words, with Arabic-Indic digits. We index it as it is.
    let mut articles = vec![
        Article::new(
            "n1",
            "بدء الإنتاج المشترك لمنظومة باتريوت",
            "أعلنت الدول الحليفة بدء الإنتاج المشترك للصواريخ الاعتراضية، على أن تسلم \
             أولى الدفعات في عام ٢٠٢٥ بالتعاون مع Lockheed Martin.",
        ),
        Article::new(
            "n2",
            "السفير إِيمَانُويل في زيارة للميناء",
            "تفقد السفير إِيمَانُويل أحواض بناء السفن، وأشاد بسرعة إصلاح السفن الحربية.",
        ),
        Article::new(
            "n3",
            "ايمانويل: الصواريخ جزء من التعاون",
            "قال ايمانويل إن منظومات الباتريوت وصواريخها ستبقى محور التعاون الدفاعي.",
        ),
    ];
    // Optional fields: a source and a date make the filters of `SearchRequest` useful.
    for article in &mut articles {
        article.source = Some("وكالة المثال".to_string());
        article.published = Some(parse_date("2025-03-01")?);
    }

    // ## Writing
    //
    // `upsert` replaces any article with the same id; nothing is searchable before `commit`.
    let mut writer = index.writer()?;
    for article in &articles {
        writer.upsert(article)?;
    }
    writer.commit()?;

    // ## Searching
    //
    // Each query is analyzed like the articles, so `أيمانويل` finds `إِيمَانُويل` and
    // `ايمانويل`, and `الصواريخ` finds `صواريخ`, `للصواريخ` and `وصواريخها`.
    for query in ["أيمانويل", "الصواريخ", "2025", "lockheed"] {
        let results = index.search(&SearchRequest::new(query))?;
        println!("{query}: {} articles", results.total_hits);
        for hit in &results.hits {
            // Highlights are byte ranges into the snippet, pointing at the words as written.
            let mut marked = String::new();
            let mut at = 0;
            for range in &hit.snippet.highlights {
                marked.push_str(&hit.snippet.text[at..range.start]);
                marked.push_str(&format!("[{}]", &hit.snippet.text[range.clone()]));
                at = range.end;
            }
            marked.push_str(&hit.snippet.text[at..]);
            println!("  {}. {:.2}  {}  ({})", hit.rank, hit.score, hit.title, hit.id);
            println!("     {marked}");
        }
    }
    Ok(())
}
