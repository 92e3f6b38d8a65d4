//! The lexicon on disk: one file beside the segments, replaced whole at every commit.
//!
//! Little-endian, in this order: the magic bytes `FAHRASLX`, the format version (u32), the
//! opstamp of the commit (u64), the numbers of terms, text bytes, grams and gram entries (u32
//! each), then the arrays of [`Lexicon`] (the terms' text, their ends, document frequencies
//! and gram counts, the gram keys, starts and term ids), and last a CRC-32 of everything
//! before it. A file that does not pass every check is reported as damaged, never half read.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::Lexicon;
use crate::error::{Error, Result};

/// File name of the lexicon inside an index directory.
pub const LEXICON_FILE: &str = "fahras.lexicon";

const MAGIC: &[u8; 8] = b"FAHRASLX";
const VERSION: u32 = 1;

impl Lexicon {
    /// The file's bytes.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            48 + self.text.len()
                + 9 * self.ends.len()
                + 8 * self.gram_keys.len()
                + 4 * (self.gram_starts.len() + self.gram_terms.len()),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.opstamp.to_le_bytes());
        for n in [self.ends.len(), self.text.len(), self.gram_keys.len(), self.gram_terms.len()] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        out.extend_from_slice(self.text.as_bytes());
        for v in self.ends.iter().chain(&self.doc_freq) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.gram_count);
        for v in &self.gram_keys {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in self.gram_starts.iter().chain(&self.gram_terms) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    /// Reads a lexicon from the file's bytes; the reason when they do not make one.
    fn from_bytes(bytes: &[u8]) -> std::result::Result<Lexicon, String> {
        let Some((body, crc)) = bytes.split_last_chunk::<4>() else {
            return Err("too short".into());
        };
        if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
            return Err("checksum mismatch".into());
        }
        let mut r = Reader(body);
        if r.take(8)? != MAGIC {
            return Err("not a lexicon file".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!("format {version}, this fahras reads {VERSION}"));
        }
        let opstamp = r.u64()?;
        let [terms, text, keys, entries] =
            [r.u32()?, r.u32()?, r.u32()?, r.u32()?].map(|n| n as usize);
        let text = std::str::from_utf8(r.take(text)?).map_err(|e| e.to_string())?.to_string();
        let lexicon = Lexicon {
            opstamp,
            text,
            ends: r.u32s(terms)?,
            doc_freq: r.u32s(terms)?,
            gram_count: r.take(terms)?.to_vec(),
            gram_keys: r.u64s(keys)?,
            gram_starts: r.u32s(keys + 1)?,
            gram_terms: r.u32s(entries)?,
        };
        if !r.0.is_empty() {
            return Err("trailing bytes".into());
        }
        lexicon.check()?;
        Ok(lexicon)
    }

    /// Checks that every offset and id points where it may, so that no lookup can go out of
    /// bounds or split a character.
    fn check(&self) -> std::result::Result<(), String> {
        let mut start = 0;
        for &end in &self.ends {
            let end = end as usize;
            if end < start || end > self.text.len() || !self.text.is_char_boundary(end) {
                return Err("a term ends out of place".into());
            }
            start = end;
        }
        if start != self.text.len() {
            return Err("text after the last term".into());
        }
        if !self.gram_keys.windows(2).all(|w| w[0] < w[1])
            || self.gram_starts.first() != Some(&0)
            || self.gram_starts.last().map(|&n| n as usize) != Some(self.gram_terms.len())
            || !self.gram_starts.windows(2).all(|w| w[0] <= w[1])
            || self.gram_terms.iter().any(|&id| id as usize >= self.ends.len())
        {
            return Err("the gram index is inconsistent".into());
        }
        Ok(())
    }

    /// Writes the lexicon into the index directory `dir`, atomically: to a temporary file,
    /// flushed to disk, then renamed over the previous one.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(LEXICON_FILE);
        let tmp = dir.join(format!(".{LEXICON_FILE}.tmp"));
        let written = fs::File::create(&tmp).and_then(|mut file| {
            file.write_all(&self.to_bytes())?;
            file.sync_all()
        });
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(&tmp, e));
        }
        fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
    }

    /// Reads the lexicon of the index directory `dir`: `None` if there is none, an error
    /// naming the file if it is damaged.
    pub fn read(dir: &Path) -> Result<Option<Lexicon>> {
        let path = dir.join(LEXICON_FILE);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        Lexicon::from_bytes(&bytes).map(Some).map_err(|reason| Error::Damaged { path, reason })
    }
}

/// A cursor over the bytes of a file.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("truncated".into());
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn u32(&mut self) -> std::result::Result<u32, String> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn u64(&mut self) -> std::result::Result<u64, String> {
        let mut out = [0u8; 8];
        out.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(out))
    }

    fn u32s(&mut self, n: usize) -> std::result::Result<Vec<u32>, String> {
        let bytes = self.take(n.checked_mul(4).ok_or("too large")?)?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }

    fn u64s(&mut self, n: usize) -> std::result::Result<Vec<u64>, String> {
        let bytes = self.take(n.checked_mul(8).ok_or("too large")?)?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| {
                let mut out = [0u8; 8];
                out.copy_from_slice(c);
                u64::from_le_bytes(out)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_survives_the_round_trip_and_damage_is_caught() {
        let lexicon = Lexicon::from_terms([("صاروخ", 3), ("ترامب", 5), ("باتريوت", 1)]);
        let bytes = lexicon.to_bytes();
        assert_eq!(Lexicon::from_bytes(&bytes), Ok(lexicon.clone()));
        for cut in [0, 3, 20, bytes.len() - 1] {
            assert!(Lexicon::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[30] ^= 1;
        assert!(Lexicon::from_bytes(&flipped).is_err());
        let empty = Lexicon::from_terms([]);
        assert_eq!(Lexicon::from_bytes(&empty.to_bytes()), Ok(empty));
    }
}
