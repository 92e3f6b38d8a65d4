//! Output: everything the CLI prints goes through these functions, into any `impl Write`.

use std::io::{self, Write};
use std::ops::Range;

use fahras::{Hit, IndexStats, SearchResults, TokenTrace, format_date};
use serde_json::json;

use crate::args::{Field, Format};

/// Terminal styles, or none.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    color: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const TITLE_MATCH: &str = "\x1b[1;4;31m";

impl Style {
    /// Colour on or off.
    pub fn new(color: bool) -> Style {
        Style { color }
    }

    fn paint(self, w: &mut impl Write, code: &str, text: &str) -> io::Result<()> {
        if text.is_empty() {
            Ok(())
        } else if self.color && !code.is_empty() {
            write!(w, "{code}{text}{RESET}")
        } else {
            write!(w, "{text}")
        }
    }

    /// Writes `text` with its `highlights` marked: in colour, or between brackets.
    fn marked(
        self,
        w: &mut impl Write,
        text: &str,
        highlights: &[Range<usize>],
        base: &str,
        mark: &str,
    ) -> io::Result<()> {
        let mut at = 0;
        for range in highlights {
            self.paint(w, base, &text[at..range.start])?;
            if self.color {
                self.paint(w, mark, &text[range.clone()])?;
            } else {
                write!(w, "[{}]", &text[range.clone()])?;
            }
            at = range.end;
        }
        self.paint(w, base, &text[at..])
    }
}

/// The fields of a hit to show.
pub struct Fields(Vec<Field>);

impl Fields {
    /// The fields asked for, or the defaults of the format.
    pub fn new(asked: &[Field], format: Format) -> Fields {
        if !asked.is_empty() {
            return Fields(asked.to_vec());
        }
        Fields(match format {
            Format::Tsv => {
                vec![Field::Rank, Field::Score, Field::Id, Field::Date, Field::Source, Field::Title]
            }
            Format::Human | Format::Json => vec![
                Field::Rank,
                Field::Score,
                Field::Id,
                Field::Title,
                Field::Source,
                Field::Date,
                Field::Url,
                Field::Snippet,
            ],
        })
    }

    /// Whether `field` is shown.
    pub fn has(&self, field: Field) -> bool {
        self.0.contains(&field)
    }

    /// Whether any shown field needs the stored document (rank, score, id and date do not).
    pub fn need_stored(&self) -> bool {
        self.0
            .iter()
            .any(|f| matches!(f, Field::Title | Field::Source | Field::Url | Field::Snippet))
    }
}

/// Ranked hits for people: rank, score, title; source, date and id; snippet.
pub fn hits_human(
    w: &mut impl Write,
    results: &SearchResults,
    fields: &Fields,
    style: Style,
) -> io::Result<()> {
    for hit in &results.hits {
        hit_human(w, hit, fields, style)?;
    }
    if let (Some(first), Some(last)) = (results.hits.first(), results.hits.last()) {
        let total = results.total_hits;
        let noun = if total == 1 && results.total_hits_exact { "article" } else { "articles" };
        let line = if results.total_hits_exact {
            format!("{}–{} of {total} {noun}", first.rank, last.rank)
        } else {
            format!("{}–{} of more than {total} {noun}", first.rank, last.rank)
        };
        style.paint(w, DIM, &line)?;
        writeln!(w)?;
    }
    Ok(())
}

fn hit_human(w: &mut impl Write, hit: &Hit, fields: &Fields, style: Style) -> io::Result<()> {
    let mut first_line = false;
    if fields.has(Field::Rank) {
        style.paint(w, BOLD, &format!("{:>2}. ", hit.rank))?;
        first_line = true;
    }
    if fields.has(Field::Score) {
        style.paint(w, DIM, &format!("{:.2}  ", hit.score))?;
        first_line = true;
    }
    if fields.has(Field::Title) {
        let title = if hit.title.is_empty() { "(untitled)" } else { hit.title.as_str() };
        style.marked(w, title, &hit.title_highlights, BOLD, TITLE_MATCH)?;
        first_line = true;
    }
    if first_line {
        writeln!(w)?;
    }
    let mut meta: Vec<String> = Vec::new();
    if fields.has(Field::Source) {
        meta.extend(hit.source.clone());
    }
    if fields.has(Field::Date) {
        meta.extend(hit.date.map(format_date));
    }
    if fields.has(Field::Id) {
        meta.push(hit.id.clone());
    }
    if fields.has(Field::Url) {
        meta.extend(hit.url.clone());
    }
    if !meta.is_empty() {
        write!(w, "    ")?;
        style.paint(w, DIM, &meta.join(" · "))?;
        writeln!(w)?;
    }
    let snippet = &hit.snippet;
    if fields.has(Field::Snippet) && !snippet.text.is_empty() {
        write!(w, "    {}", if snippet.cut_before { "…" } else { "" })?;
        style.marked(w, &snippet.text, &snippet.highlights, "", MATCH)?;
        writeln!(w, "{}", if snippet.cut_after { "…" } else { "" })?;
    }
    writeln!(w)
}

fn ranges(ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    ranges.iter().map(|r| [r.start, r.end]).collect()
}

/// Ranked hits as JSON Lines, one object per hit.
pub fn hits_json(w: &mut impl Write, results: &SearchResults, fields: &Fields) -> io::Result<()> {
    for hit in &results.hits {
        let mut line = serde_json::Map::new();
        for field in &fields.0 {
            match field {
                Field::Rank => line.insert("rank".into(), json!(hit.rank)),
                Field::Score => line.insert("score".into(), json!(hit.score)),
                Field::Id => line.insert("id".into(), json!(hit.id)),
                Field::Title => {
                    line.insert("title_highlights".into(), json!(ranges(&hit.title_highlights)));
                    line.insert("title".into(), json!(hit.title))
                }
                Field::Source => line.insert("source".into(), json!(hit.source)),
                Field::Date => line.insert("date".into(), json!(hit.date.map(format_date))),
                Field::Url => line.insert("url".into(), json!(hit.url)),
                Field::Snippet => {
                    line.insert("highlights".into(), json!(ranges(&hit.snippet.highlights)));
                    line.insert("snippet".into(), json!(hit.snippet.text))
                }
            };
        }
        writeln!(w, "{}", serde_json::Value::Object(line))?;
    }
    Ok(())
}

/// Ranked hits as tab-separated values, one line per hit; tabs and line breaks inside values
/// become spaces.
pub fn hits_tsv(w: &mut impl Write, results: &SearchResults, fields: &Fields) -> io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for hit in &results.hits {
        let cells: Vec<String> = fields
            .0
            .iter()
            .map(|field| match field {
                Field::Rank => hit.rank.to_string(),
                Field::Score => format!("{:.4}", hit.score),
                Field::Id => clean(&hit.id),
                Field::Title => clean(&hit.title),
                Field::Source => clean(hit.source.as_deref().unwrap_or("")),
                Field::Date => hit.date.map(format_date).unwrap_or_default(),
                Field::Url => clean(hit.url.as_deref().unwrap_or("")),
                Field::Snippet => clean(&hit.snippet.text),
            })
            .collect();
        writeln!(w, "{}", cells.join("\t"))?;
    }
    Ok(())
}

/// The token table of `fahras analyze`.
pub fn tokens_human(w: &mut impl Write, traces: &[TokenTrace]) -> io::Result<()> {
    let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let rows: Vec<[String; 7]> = traces
        .iter()
        .map(|t| {
            let term = match (&t.term, t.removed_by) {
                (Some(term), _) => term.clone(),
                (None, Some(why)) => format!("({why})"),
                (None, None) => "-".into(),
            };
            [
                t.position.to_string(),
                format!("{}..{}", t.offsets.0, t.offsets.1),
                t.script.map_or("-", |s| s.name()).to_string(),
                t.original.clone(),
                show(&t.lowercased),
                show(&t.normalized),
                term,
            ]
        })
        .collect();
    let header = ["pos", "bytes", "script", "original", "lowercased", "normalized", "term"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |w: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut out = String::new();
        for (cell, width) in cells.iter().zip(widths) {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', width - cell.chars().count() + 2));
        }
        writeln!(w, "{}", out.trim_end())
    };
    line(w, &header)?;
    for row in &rows {
        line(w, &row.each_ref().map(String::as_str))?;
    }
    Ok(())
}

/// The tokens of `fahras analyze` as JSON Lines.
pub fn tokens_json(w: &mut impl Write, traces: &[TokenTrace]) -> io::Result<()> {
    for trace in traces {
        let line = serde_json::to_string(trace).map_err(io::Error::other)?;
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// Sizes for people: `1.2 MB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// `fahras stats` for people.
pub fn stats_human(w: &mut impl Write, index: &str, stats: &IndexStats) -> io::Result<()> {
    writeln!(w, "index      {index}")?;
    writeln!(w, "articles   {}", stats.articles)?;
    writeln!(w, "analyzer   {}", stats.analyzer)?;
    if let Some(dictionary) = &stats.dictionary {
        writeln!(w, "dictionary {dictionary}")?;
    }
    writeln!(w, "size       {}", human_bytes(stats.size_bytes))?;
    let deleted = match stats.deleted {
        0 => String::new(),
        n => format!(" ({n} deleted or replaced articles awaiting merge)"),
    };
    writeln!(w, "segments   {}{deleted}", stats.segments)?;
    if let (Some(oldest), Some(newest)) = (stats.oldest, stats.newest) {
        writeln!(w, "dates      {} .. {}", format_date(oldest), format_date(newest))?;
    }
    for (i, (source, count)) in stats.sources.iter().enumerate() {
        let label = if i == 0 { "sources" } else { "" };
        writeln!(w, "{label:<10} {count:>6}  {source}")?;
    }
    Ok(())
}

/// `fahras stats --json`.
pub fn stats_json(w: &mut impl Write, index: &str, stats: &IndexStats) -> io::Result<()> {
    let mut value = serde_json::to_value(stats).map_err(io::Error::other)?;
    value["index"] = json!(index);
    writeln!(w, "{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_without_colour_use_brackets() {
        let mut out = Vec::new();
        let text = "وصلت الصواريخ أمس";
        let start = text.find("الصواريخ").unwrap_or(0);
        let range = start..start + "الصواريخ".len();
        Style::new(false).marked(&mut out, text, &[range], "", MATCH).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "وصلت [الصواريخ] أمس");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_234_567), "1.2 MB");
    }
}
