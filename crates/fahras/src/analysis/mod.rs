//! Text analysis: how article text and queries become index terms.
//!
//! One analyzer handles news text in any mix of Arabic, Latin and CJK, in this order:
//!
//! ```text
//! NewsTokenizer   words by script; Arabic words keep their harakat and tatweel
//!   -> RemoveLong   drop tokens over MAX_TOKEN_BYTES (base64, URLs glued to text)
//!   -> CaseFolder   Latin, Greek, Cyrillic lowercased; café -> cafe; Arabic untouched
//!   -> ArabicNormalizer   hamza/alef forms, harakat, tatweel, ى/ي, ة/ه, digits
//!   -> stopwords    a curated list, normalized once at load
//!   -> ArabicStemmer      Light10: clitics and light affixes
//! ```
//!
//! As an option, the exact forms fill one more field from the same chain stopped before the
//! stemmer. The other spellings of a word are not indexed: a query finds them in the
//! [lexicon](crate::lexicon) of the index's own vocabulary.
//!
//! Why this order: the normalizer runs before the stopword filter so that one list matches
//! every spelling (في and فى, إلى and الى); stemming runs last, on normalized text, because
//! its affix tables are written in normalized letters.
//!
//! Filters only ever rewrite a token's text. Offsets stay byte offsets into the original
//! text, so a snippet highlights `إِيمَانُويل` or `إيمانـــويل` exactly as the article wrote it.
//!
//! The analyzer is registered under a versioned name ([`ANALYZER_NAME`]) that the index
//! records with its [`AnalysisSettings`]; a change to the rules gets a new name.

pub mod case_fold;
pub mod japanese;
pub mod letters;
pub mod normalize;
pub mod stem;
pub mod stopwords;
pub mod tokenizer;
pub mod trigrams;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, RemoveLongFilter, StopWordFilter, TextAnalyzer, Token,
};

pub use self::case_fold::{
    CaseFolder, CaseFolderFilter, CaseFolderTokenStream, case_fold, case_fold_into,
};
pub use self::japanese::{
    BuildReport, DICTIONARY_NAME, JapaneseDictionary, SourceEncoding, build_dictionary,
    default_dictionary_dir,
};
pub use self::normalize::{
    ArabicNormalizer, ArabicNormalizerFilter, ArabicNormalizerTokenStream, needs_normalization,
    normalize, normalize_into,
};
pub use self::stem::{
    ArabicStemmer, ArabicStemmerFilter, ArabicStemmerTokenStream, MIN_STEM, MIN_WAW_WORD, PREFIXES,
    SUFFIXES, light_stem, light_stem_range, stem_in_place,
};
pub use self::stopwords::{STOPWORDS_SOURCE, is_stopword, stopwords};
pub use self::tokenizer::{NewsTokenStream, NewsTokenizer, Script};
pub use self::trigrams::{
    GRAM, TrigramSplitter, TrigramSplitterFilter, TrigramSplitterTokenStream, trigram_ranges,
    trigrams,
};

/// Name and version of the text analyzer that splits CJK into bigrams, as recorded in an index.
pub const ANALYZER_NAME: &str = "fahras_ar_v1";

/// Name and version of the text analyzer that segments Japanese with a dictionary.
pub const JAPANESE_ANALYZER_NAME: &str = "fahras_ar_ja_v1";

/// Name under which an index registers its text analyzer (the `title` and `body` fields).
pub const TEXT_TOKENIZER: &str = "fahras_text";

/// Name under which an index registers its exact-form analyzer: the same chain without the
/// stemmer, for the field that lets a word written as in the query outrank its other forms.
pub const EXACT_TOKENIZER: &str = "fahras_exact";

/// Name under which an index registers its trigram analyzer: the same chain without the
/// stemmer, each word split into its letter trigrams (see [`trigrams`](mod@trigrams)).
pub const TRIGRAM_TOKENIZER: &str = "fahras_trigrams";

/// Name of the analyzer of the `source` field: the whole value, lowercased and normalized.
pub const SOURCE_ANALYZER_NAME: &str = "fahras_source_v1";

/// Tokens longer than this many bytes are dropped (40 Arabic letters, 100 Latin ones).
pub const MAX_TOKEN_BYTES: usize = 100;

/// The options of the text analyzer. An index records them, and opening an index with other
/// settings is an error: they change the indexed terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisSettings {
    /// Remove Arabic stopwords.
    pub stopwords: bool,
    /// Apply the light stemmer.
    pub stemming: bool,
    /// Also index the normalized, unstemmed form of every word, so that a word written as in
    /// the query ranks first. Beside the other spellings of the lexicon it is worth −0.004 to
    /// +0.002 nDCG@10 on the test collections of `docs/relevance.md`, for about 40% more
    /// indexing time; kept for those who want it.
    #[serde(default)]
    pub exact_forms: bool,
    /// Also index the letter trigrams of every word (see [`trigrams`](mod@trigrams)). Indexes
    /// made by fahras 0.1 before the [lexicon](crate::lexicon) did, to rank other spellings;
    /// searches now find them in the lexicon and no longer read this field, which writers
    /// still fill in such indexes so that they stay whole. New indexes leave it out.
    #[serde(default)]
    pub trigrams: bool,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings { stopwords: true, stemming: true, exact_forms: false, trigrams: false }
    }
}

/// How far along the chain an analyzer goes; used to show each stage's output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Tokenize,
    Lowercase,
    Normalize,
    Stopwords,
    Stem,
    /// Not after [`Stage::Stem`] but beside it: the unstemmed words split into trigrams.
    Trigrams,
}

impl AnalysisSettings {
    /// The text analyzer (CJK as bigrams), for indexing and for queries.
    pub fn analyzer(&self) -> TextAnalyzer {
        Analysis::new(*self).analyzer()
    }

    /// What the text analyzer (CJK as bigrams) makes of every word: see [`Analysis::explain`].
    pub fn explain(&self, text: &str) -> Vec<TokenTrace> {
        Analysis::new(*self).explain(text)
    }
}

/// A complete analysis: the settings, and the Japanese dictionary if CJK is segmented with one.
#[derive(Clone, Debug)]
pub struct Analysis {
    settings: AnalysisSettings,
    japanese: Option<Arc<JapaneseDictionary>>,
}

impl Analysis {
    /// Analysis with CJK as bigrams.
    pub fn new(settings: AnalysisSettings) -> Analysis {
        Analysis { settings, japanese: None }
    }

    /// Analysis that segments Japanese with `dictionary`.
    pub fn with_japanese(
        settings: AnalysisSettings,
        dictionary: Arc<JapaneseDictionary>,
    ) -> Analysis {
        Analysis { settings, japanese: Some(dictionary) }
    }

    /// The settings.
    pub fn settings(&self) -> AnalysisSettings {
        self.settings
    }

    /// The Japanese dictionary, if there is one.
    pub fn japanese(&self) -> Option<&Arc<JapaneseDictionary>> {
        self.japanese.as_ref()
    }

    /// The versioned name of the text analyzer.
    pub fn name(&self) -> &'static str {
        if self.japanese.is_some() { JAPANESE_ANALYZER_NAME } else { ANALYZER_NAME }
    }

    /// The analyzer of the `title` and `body` fields, for indexing and for queries.
    pub fn analyzer(&self) -> TextAnalyzer {
        self.analyzer_upto(Stage::Stem)
    }

    /// The analyzer of the exact-form field: normalized and without stopwords, not stemmed.
    pub fn exact_analyzer(&self) -> TextAnalyzer {
        self.analyzer_upto(Stage::Stopwords)
    }

    /// The analyzer of the trigram field: the exact forms, each split into its letter trigrams.
    pub fn trigram_analyzer(&self) -> TextAnalyzer {
        self.analyzer_upto(Stage::Trigrams)
    }

    fn tokenizer(&self) -> NewsTokenizer {
        match &self.japanese {
            Some(dictionary) => NewsTokenizer::with_japanese(dictionary.clone()),
            None => NewsTokenizer::default(),
        }
    }

    fn analyzer_upto(&self, stage: Stage) -> TextAnalyzer {
        if stage == Stage::Tokenize {
            return TextAnalyzer::from(self.tokenizer());
        }
        let lowercased = TextAnalyzer::builder(self.tokenizer())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(CaseFolder);
        if stage == Stage::Lowercase {
            return lowercased.build();
        }
        let normalized = lowercased.filter(ArabicNormalizer);
        let without_stopwords = || StopWordFilter::remove(stopwords().iter().cloned());
        // The chains of the default settings are built with their types known, so that one
        // filter calls the next without dynamic dispatch; the others are assembled at run time.
        match stage {
            Stage::Stem if self.settings.stopwords && self.settings.stemming => {
                return normalized.filter(without_stopwords()).filter(ArabicStemmer).build();
            }
            Stage::Stopwords if self.settings.stopwords => {
                return normalized.filter(without_stopwords()).build();
            }
            _ => {}
        }
        let mut builder = normalized.dynamic();
        if stage >= Stage::Stopwords && self.settings.stopwords {
            builder = builder.filter_dynamic(without_stopwords());
        }
        if stage == Stage::Trigrams {
            builder = builder.filter_dynamic(TrigramSplitter);
        } else if stage >= Stage::Stem && self.settings.stemming {
            builder = builder.filter_dynamic(ArabicStemmer);
        }
        builder.build()
    }

    /// Runs `text` through the analyzer one stage at a time and reports what each stage made
    /// of every word: the tool for finding out why a search did or did not match.
    pub fn explain(&self, text: &str) -> Vec<TokenTrace> {
        let stages = [Stage::Lowercase, Stage::Normalize, Stage::Stopwords, Stage::Stem]
            .map(|stage| tokens(&mut self.analyzer_upto(stage), text));
        tokens(&mut self.analyzer_upto(Stage::Tokenize), text)
            .into_iter()
            .map(|token| {
                let [lowercased, normalized, kept, stemmed] =
                    stages.each_ref().map(|tokens| text_at(tokens, token.offset_from));
                let original = &text[token.offset_from..token.offset_to];
                let removed_by = if lowercased.is_none() {
                    Some("too-long")
                } else if normalized.is_none() {
                    Some("only-marks")
                } else if kept.is_none() {
                    Some("stopword")
                } else {
                    None
                };
                let script = match Script::of_word(original) {
                    Some(Script::Cjk) if self.japanese.is_some() => Some(Script::Japanese),
                    script => script,
                };
                TokenTrace {
                    position: token.position,
                    offsets: (token.offset_from, token.offset_to),
                    original: original.to_string(),
                    script,
                    lowercased,
                    normalized,
                    term: stemmed,
                    removed_by,
                }
            })
            .collect()
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    analyzer.token_stream(text).process(&mut |token| out.push(token.clone()));
    out
}

fn text_at(tokens: &[Token], offset_from: usize) -> Option<String> {
    tokens
        .binary_search_by_key(&offset_from, |t| t.offset_from)
        .ok()
        .map(|i| tokens[i].text.clone())
}

/// What the analyzer made of one word of the input; see [`AnalysisSettings::explain`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TokenTrace {
    /// Position of the word in the token stream.
    pub position: usize,
    /// Byte offsets of the word in the input, `[from, to)`.
    pub offsets: (usize, usize),
    /// The word as written.
    pub original: String,
    /// The script that decided how the word was split.
    pub script: Option<Script>,
    /// After lowercasing and ASCII folding (`None` if dropped as too long).
    pub lowercased: Option<String>,
    /// After the Arabic normalizer.
    pub normalized: Option<String>,
    /// The indexed term, after stopwords and stemming (`None` if removed).
    pub term: Option<String>,
    /// The stage that removed the word, if one did: `too-long`, `only-marks` or `stopword`.
    pub removed_by: Option<&'static str>,
}

/// The text analyzer with the default [`AnalysisSettings`].
pub fn news_analyzer() -> TextAnalyzer {
    AnalysisSettings::default().analyzer()
}

/// The analyzer of the `source` field: the whole trimmed value as one term, lowercased and
/// normalized, so `--source "bbc arabic"` matches `BBC Arabic`.
pub fn source_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(ArabicNormalizer)
        .build()
}
