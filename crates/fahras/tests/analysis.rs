//! Table-driven and property tests of the Arabic analysis.
//!
//! Each table in `tests/data` has one row per documented rule; a failing run lists every
//! failing row with its line number, not only the first.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is a failure with its message.

use fahras::analysis::{
    AnalysisSettings, GRAM, STOPWORDS_SOURCE, light_stem, news_analyzer, normalize, stopwords,
    trigrams,
};
use fahras::lexicon::Lexicon;
use fahras::lexicon::expand::{ExpandOptions, Kind, expand, one_edit_apart, spelling_edit};
use proptest::prelude::*;

/// Rows of a TSV table: (line number, columns), with `\u{XXXX}` escapes decoded.
fn table(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(i, line)| (i + 1, line.split('\t').map(unescape).collect()))
        .collect()
}

fn unescape(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("closing brace") + at;
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex escape");
        out.push(char::from_u32(code).expect("a valid code point"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn check_table(name: &str, text: &str, column: usize, f: impl Fn(&str) -> String) {
    let mut failures = Vec::new();
    let rows = table(text);
    assert!(!rows.is_empty(), "{name} has no rows");
    for (line, cells) in &rows {
        let (input, expected) = (&cells[column], &cells[column + 1]);
        let got = f(input);
        if &got != expected {
            failures.push(format!("{name}:{line}: {input:?} -> {got:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn normalizer_rules() {
    check_table("arabic-normalize.tsv", include_str!("data/arabic-normalize.tsv"), 0, normalize);
}

#[test]
fn stemmer_rules() {
    check_table("arabic-stem.tsv", include_str!("data/arabic-stem.tsv"), 0, |w| {
        light_stem(w).to_string()
    });
}

#[test]
fn trigram_rules() {
    check_table("arabic-trigrams.tsv", include_str!("data/arabic-trigrams.tsv"), 0, |w| {
        trigrams(w).join(" ")
    });
}

#[test]
fn expansion_rules() {
    let mut failures = Vec::new();
    for (line, cells) in table(include_str!("data/arabic-expand.tsv")) {
        let (query, term, expected) = (&cells[0], &cells[1], cells[3].as_str());
        let lexicon = Lexicon::from_terms([(term.as_str(), 1)]);
        let found = expand(query, &lexicon, ExpandOptions::default());
        let expansion = found.iter().find(|e| e.term == *term);
        let (got, weight) = match expansion {
            _ if query == term => ("itself", 1.0),
            None => ("none", 0.0),
            Some(e) => {
                let kind = match e.kind {
                    Kind::SimilarStem => "similar-stem",
                    Kind::CloseSpelling => "close-spelling",
                    Kind::CliticForm => "clitic-form",
                };
                (kind, e.weight)
            }
        };
        if query == term && !found.is_empty() {
            failures.push(format!("arabic-expand.tsv:{line}: {query} expands to itself"));
        }
        if got != expected {
            failures
                .push(format!("arabic-expand.tsv:{line}: {query} {term}: {got}, not {expected}"));
        }
        if let Some(w) = cells.get(4)
            && format!("{weight:.2}") != *w
        {
            failures.push(format!(
                "arabic-expand.tsv:{line}: {query} {term}: weight {weight:.2}, not {w}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_documented_rule_has_a_table_row() {
    let cases = [
        (include_str!("../src/analysis/normalize.rs"), include_str!("data/arabic-normalize.tsv")),
        (include_str!("../src/analysis/stem.rs"), include_str!("data/arabic-stem.tsv")),
        (include_str!("../src/analysis/trigrams.rs"), include_str!("data/arabic-trigrams.tsv")),
        (include_str!("../src/lexicon/expand.rs"), include_str!("data/arabic-expand.tsv")),
    ];
    for (source, data) in cases {
        let rules: Vec<&str> = source
            .lines()
            .filter_map(|l| l.strip_prefix("//! - **"))
            .filter_map(|l| l.split("**").next())
            .collect();
        assert!(rules.len() >= 3);
        let covered: Vec<String> = table(data).into_iter().map(|(_, c)| c[2].clone()).collect();
        for rule in rules {
            assert!(covered.iter().any(|c| c == rule), "rule {rule:?} has no test row");
        }
    }
}

#[test]
fn lucene_test_vectors() {
    let text = include_str!("data/lucene-arabic-cases.tsv");
    let rows = table(text);
    assert_eq!(rows.len(), 35, "Lucene's tests have 35 pairs");
    let normalizer: String = rows
        .iter()
        .filter(|(_, c)| c[0] == "ArabicNormalizationFilter")
        .map(|(l, c)| format!("{l}\t{}\t{}\n", c[1], c[2]))
        .collect();
    let stemmer: String = rows
        .iter()
        .filter(|(_, c)| c[0] == "ArabicStemFilter")
        .map(|(l, c)| format!("{l}\t{}\t{}\n", c[1], c[2]))
        .collect();
    check_table("lucene normalization", &normalizer, 1, normalize);
    check_table("lucene stemming", &stemmer, 1, |w| light_stem(w).to_string());
}

/// Inputs the property tests found, kept as regressions: presentation forms of harakat
/// (U+FE70, U+FE73) once made empty tokens, and a presentation form without a decomposition
/// (U+FE73 then, U+FD3E now) recursed without end.
#[test]
fn presentation_forms_found_by_the_property_tests() {
    assert!(terms("\u{FE70}").is_empty());
    assert!(terms("\u{FE73}").is_empty());
    assert_eq!(normalize("\u{FD3E}"), "\u{FD3E}");
    assert_eq!(terms("ﺑﺎﺗﺮﻳﻮﺕ\u{FE70}"), ["باتريوت"]);
}

#[test]
fn stopwords_are_fixed_points_of_the_normalizer() {
    for word in stopwords() {
        assert_eq!(&normalize(word), word);
    }
    // The list is written with hamza; the set holds the normalized forms.
    assert!(STOPWORDS_SOURCE.contains("إلى"));
    assert!(stopwords().contains("الي") && !stopwords().contains("إلى"));
}

/// The terms the full analyzer makes of `text`.
fn terms(text: &str) -> Vec<String> {
    let mut analyzer = news_analyzer();
    let mut out = Vec::new();
    analyzer.token_stream(text).process(&mut |t| out.push(t.text.clone()));
    out
}

#[test]
fn analyzer_conflates_what_readers_conflate() {
    let same = [
        &["ايمانويل", "إيمانويل", "أيمانويل", "إِيمَانُويل", "إيمانـــويل"][..],
        &["باتريوت", "الباتريوت", "وباتريوت"],
        &["صواريخ", "الصواريخ", "والصواريخ", "بالصواريخ", "للصواريخ", "صواريخها", "الصَّوَارِيخ"],
        &["أحواض", "الاحواض", "وأحواض", "الأحواض"],
        &["المدينة", "المدينه"],
        &["مستشفى", "مستشفي", "مُسْتَشْفَى"],
        &["2024", "٢٠٢٤", "۲۰۲۴"],
        &["Lockheed", "lockheed", "LOCKHEED"],
    ];
    for group in same {
        let expected = terms(group[0]);
        assert_eq!(expected.len(), 1, "{:?}", group[0]);
        for word in group {
            assert_eq!(terms(word), expected, "{word} should index like {}", group[0]);
        }
    }
}

#[test]
fn stopwords_are_removed_in_any_spelling() {
    assert!(terms("في من على الى إلى فى").is_empty());
    assert_eq!(terms("صواريخ في الميناء"), ["صواريخ", "ميناء"]);
}

#[test]
fn explain_shows_each_stage() {
    let traces = AnalysisSettings::default().explain("والصواريخ في إِيمَانُويل");
    assert_eq!(traces.len(), 3);
    assert_eq!(traces[0].term.as_deref(), Some("صواريخ"));
    assert_eq!(traces[1].removed_by, Some("stopword"));
    assert_eq!(traces[2].normalized.as_deref(), Some("ايمانويل"));
    assert_eq!(traces[2].original, "إِيمَانُويل");
}

#[test]
fn settings_switch_stages_off() {
    let plain =
        AnalysisSettings { stopwords: false, stemming: false, exact_forms: false, trigrams: false };
    let mut analyzer = plain.analyzer();
    let mut out = Vec::new();
    analyzer.token_stream("في الصواريخ").process(&mut |t| out.push(t.text.clone()));
    assert_eq!(out, ["في", "الصواريخ"]);
}

/// The optimal string alignment distance (insertions, deletions, replacements and swaps of
/// neighbours), by the textbook dynamic programme: the reference for `one_edit_apart`.
fn osa_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Text drawn from the characters that matter: Arabic letters and marks, joiners, digits,
/// Latin, CJK, presentation forms, spaces and punctuation.
fn news_like_text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        8 => (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).unwrap_or('ا')),
        3 => (0x064Bu32..=0x065F).prop_map(|c| char::from_u32(c).unwrap_or('َ')),
        1 => Just('\u{0640}'),
        1 => prop::sample::select(vec!['\u{200C}', '\u{200D}', '\u{200F}', '\u{0670}', '\u{06D6}']),
        2 => (0x0660u32..=0x0669).prop_map(|c| char::from_u32(c).unwrap_or('٠')),
        2 => prop::sample::select(vec!['ى', 'ة', 'أ', 'إ', 'آ', 'ؤ', 'ئ', 'ی', 'ک']),
        2 => (0xFE70u32..=0xFEFC).prop_map(|c| char::from_u32(c).unwrap_or('ﻻ')),
        3 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('0', '9'),
        2 => prop::char::range('\u{4E00}', '\u{4E20}'),
        4 => Just(' '),
        1 => prop::sample::select(vec!['،', '.', '-', '«', '»', '\n', 'é']),
    ];
    prop::collection::vec(chars, 0..60).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn normalization_is_idempotent(text in news_like_text()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn stems_are_non_empty_substrings(word in "[\u{0621}-\u{064A}]{1,12}") {
        let stem = light_stem(&word);
        prop_assert!(!stem.is_empty());
        prop_assert!(word.contains(stem));
        prop_assert!(stem.chars().count() >= 2.min(word.chars().count()));
    }

    #[test]
    fn trigrams_are_substrings_that_cover_the_word(word in "[\u{0621}-\u{064A}]{1,12}") {
        // The trigram splitter sees normalized words: no tatweel, no hamza forms.
        let word = normalize(&word);
        prop_assume!(!word.is_empty());
        let grams = trigrams(&word);
        let letters = word.chars().count();
        prop_assert_eq!(grams.len(), letters.saturating_sub(GRAM - 1).max(1));
        for gram in &grams {
            prop_assert!(word.contains(gram));
            prop_assert_eq!(gram.chars().count(), GRAM.min(letters));
        }
        // Consecutive trigrams overlap by two letters, so they spell the word again.
        let mut spelled: String = grams[0].to_string();
        for gram in &grams[1..] {
            spelled.extend(gram.chars().last());
        }
        prop_assert_eq!(spelled, word);
    }

    #[test]
    fn a_spelling_edit_is_one_edit_and_goes_both_ways(
        a in "[\u{0621}-\u{064A}]{1,8}",
        b in "[\u{0621}-\u{064A}]{1,8}",
    ) {
        let edit = spelling_edit(&a, &b);
        prop_assert_eq!(edit, spelling_edit(&b, &a));
        if edit.is_some() {
            prop_assert!(one_edit_apart(&a, &b) && a != b);
        }
    }

    #[test]
    fn one_edit_apart_is_symmetric_and_holds_for_one_edit(
        word in "[\u{0621}-\u{064A}]{1,10}",
        at in 0usize..10,
        letter in "[\u{0621}-\u{064A}]",
    ) {
        let chars: Vec<char> = word.chars().collect();
        let at = at % (chars.len() + 1);
        let letter = letter.chars().next().unwrap();
        let mut inserted = chars.clone();
        inserted.insert(at, letter);
        let inserted: String = inserted.into_iter().collect();
        prop_assert!(one_edit_apart(&word, &inserted) && one_edit_apart(&inserted, &word));
        if at < chars.len() {
            let mut replaced = chars.clone();
            replaced[at] = letter;
            let replaced: String = replaced.into_iter().collect();
            prop_assert!(one_edit_apart(&word, &replaced) && one_edit_apart(&replaced, &word));
            let mut deleted = chars.clone();
            deleted.remove(at);
            let deleted: String = deleted.into_iter().collect();
            prop_assert!(one_edit_apart(&word, &deleted));
            // Two insertions are two edits.
            let mut twice: Vec<char> = word.chars().collect();
            twice.insert(at, letter);
            twice.insert(at, letter);
            let twice: String = twice.into_iter().collect();
            prop_assert!(!one_edit_apart(&word, &twice));
        }
    }

    #[test]
    fn one_edit_apart_agrees_with_the_edit_distance(a in "[ابت]{0,6}", b in "[ابت]{0,6}") {
        prop_assert_eq!(one_edit_apart(&a, &b), osa_distance(&a, &b) <= 1, "{} {}", a, b);
    }

    #[test]
    fn token_offsets_are_char_boundaries_in_order(text in news_like_text()) {
        let mut analyzer = news_analyzer();
        let mut last = 0;
        let mut stream = analyzer.token_stream(&text);
        while let Some(token) = stream.next() {
            prop_assert!(text.is_char_boundary(token.offset_from));
            prop_assert!(text.is_char_boundary(token.offset_to));
            prop_assert!(token.offset_from < token.offset_to);
            prop_assert!(token.offset_from >= last);
            prop_assert!(!token.text.is_empty());
            last = token.offset_from;
        }
    }

    #[test]
    fn explain_agrees_with_the_analyzer(text in news_like_text()) {
        let explained: Vec<String> = AnalysisSettings::default()
            .explain(&text)
            .into_iter()
            .filter_map(|t| t.term)
            .collect();
        prop_assert_eq!(explained, terms(&text));
    }
}
