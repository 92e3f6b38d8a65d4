//! Settings and where they come from: flags, then the environment (`FAHRAS_INDEX`,
//! `FAHRAS_DICT`), then the config file, then the defaults.
//!
//! The config file is `$FAHRAS_CONFIG`, or `$XDG_CONFIG_HOME/fahras/config.toml`, or
//! `~/.config/fahras/config.toml`. It holds `key = value` lines (a small subset of TOML):
//! `index`, `dict`, `color` (auto, always, never) and `limit`; `#` starts a comment.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::ArgMatches;
use clap::parser::ValueSource;

use crate::args::ColorChoice;

/// The index directory when nothing names one.
pub const DEFAULT_INDEX: &str = "fahras-index";

/// The default number of hits of a search.
pub const DEFAULT_LIMIT: usize = 10;

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag.
    Flag,
    /// An environment variable.
    Env(&'static str),
    /// A line of the config file.
    File(PathBuf, usize),
    /// The built-in default.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag => write!(f, "command line"),
            Origin::Env(var) => write!(f, "environment ({var})"),
            Origin::File(path, line) => write!(f, "{}:{line}", path.display()),
            Origin::Default => write!(f, "default"),
        }
    }
}

/// A setting's value and where it came from.
#[derive(Clone, Debug)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

/// The settings in effect.
#[derive(Debug)]
pub struct Settings {
    /// The config file, and whether it exists.
    pub file: Option<(PathBuf, bool)>,
    /// The index directory.
    pub index: Setting<PathBuf>,
    /// The Japanese dictionary directory, if one is named.
    pub dict: Setting<Option<PathBuf>>,
    /// When to colour search output.
    pub color: Setting<ColorChoice>,
    /// Hits per search.
    pub limit: Setting<usize>,
}

/// The values of the config file, each with its line number.
#[derive(Default, Debug)]
struct FileValues {
    index: Option<(PathBuf, usize)>,
    dict: Option<(PathBuf, usize)>,
    color: Option<(ColorChoice, usize)>,
    limit: Option<(usize, usize)>,
}

/// The config file's path: `$FAHRAS_CONFIG`, else the user's config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FAHRAS_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("fahras").join("config.toml"))
}

fn read_file(path: &Path) -> anyhow::Result<FileValues> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let mut values = FileValues::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let at = || format!("{}:{line_no}", path.display());
        let Some((key, value)) = line.split_once('=') else {
            bail!("{}: expected `key = value`, got {line:?}", at());
        };
        let value = value.trim().trim_matches('"');
        match key.trim() {
            "index" => values.index = Some((PathBuf::from(value), line_no)),
            "dict" => values.dict = Some((PathBuf::from(value), line_no)),
            "color" => {
                let color = match value {
                    "auto" => ColorChoice::Auto,
                    "always" => ColorChoice::Always,
                    "never" => ColorChoice::Never,
                    _ => bail!("{}: color must be auto, always or never, not {value:?}", at()),
                };
                values.color = Some((color, line_no));
            }
            "limit" => {
                let limit = value
                    .parse()
                    .ok()
                    .filter(|&n: &usize| n >= 1)
                    .with_context(|| format!("{}: limit must be a positive number", at()))?;
                values.limit = Some((limit, line_no));
            }
            other => bail!("{}: unknown setting {other:?} (index, dict, color, limit)", at()),
        }
    }
    Ok(values)
}

/// Where a flag's value came from, looking at the subcommand too (global flags).
fn source(matches: &ArgMatches, id: &str) -> Option<ValueSource> {
    let at = |m: &ArgMatches| m.try_get_raw(id).ok().flatten().and_then(|_| m.value_source(id));
    let top = at(matches);
    let sub = matches.subcommand().and_then(|(_, m)| at(m));
    top.into_iter().chain(sub).max()
}

fn pick<T>(
    matches: &ArgMatches,
    id: &str,
    env: &'static str,
    given: Option<T>,
    file: Option<(T, usize)>,
    file_path: &Option<(PathBuf, bool)>,
) -> Option<Setting<T>> {
    if let Some(value) = given {
        let origin = match source(matches, id) {
            Some(ValueSource::EnvVariable) => Origin::Env(env),
            _ => Origin::Flag,
        };
        return Some(Setting { value, origin });
    }
    let (value, line) = file?;
    let path = file_path.as_ref().map(|(p, _)| p.clone()).unwrap_or_default();
    Some(Setting { value, origin: Origin::File(path, line) })
}

impl Settings {
    /// Resolves the settings from the parsed flags (and their sources) and the config file.
    pub fn resolve(
        matches: &ArgMatches,
        index: Option<PathBuf>,
        dict: Option<PathBuf>,
        color: Option<ColorChoice>,
        limit: Option<usize>,
    ) -> anyhow::Result<Settings> {
        let file = config_path().map(|p| {
            let exists = p.is_file();
            (p, exists)
        });
        let values = match &file {
            Some((path, true)) => read_file(path)?,
            _ => FileValues::default(),
        };
        let index = pick(matches, "index", "FAHRAS_INDEX", index, values.index, &file)
            .unwrap_or(Setting { value: PathBuf::from(DEFAULT_INDEX), origin: Origin::Default });
        let dict = match pick(matches, "dict", "FAHRAS_DICT", dict, values.dict, &file) {
            Some(Setting { value, origin }) => Setting { value: Some(value), origin },
            None => Setting { value: None, origin: Origin::Default },
        };
        let color = pick(matches, "color", "", color, values.color, &file)
            .unwrap_or(Setting { value: ColorChoice::Auto, origin: Origin::Default });
        let limit = pick(matches, "limit", "", limit, values.limit, &file)
            .unwrap_or(Setting { value: DEFAULT_LIMIT, origin: Origin::Default });
        Ok(Settings { file, index, dict, color, limit })
    }

    /// `fahras config`: every setting, its value and where it came from.
    pub fn print(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        let file = match &self.file {
            Some((path, true)) => path.display().to_string(),
            Some((path, false)) => format!("{} (not present)", path.display()),
            None => "(none: neither XDG_CONFIG_HOME nor HOME is set)".into(),
        };
        writeln!(w, "config file  {file}")?;
        let row = |w: &mut dyn std::io::Write, key: &str, value: String, origin: &Origin| {
            writeln!(w, "{key:<12} {value:<32} {origin}")
        };
        row(w, "index", self.index.value.display().to_string(), &self.index.origin)?;
        let dict = match &self.dict.value {
            Some(dir) => dir.display().to_string(),
            None => match fahras::analysis::default_dictionary_dir() {
                Some(dir) if dir.join("dict.words").is_file() => dir.display().to_string(),
                Some(dir) => format!("(none; {} is not built)", dir.display()),
                None => "(none)".into(),
            },
        };
        row(w, "dict", dict, &self.dict.origin)?;
        let color = format!("{:?}", self.color.value).to_lowercase();
        row(w, "color", color, &self.color.origin)?;
        row(w, "limit", self.limit.value.to_string(), &self.limit.origin)
    }
}
