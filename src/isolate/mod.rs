//! Per-file isolation: each file is processed in a worker process that the parent can kill, so a
//! parser that hangs, crashes or eats memory costs one file, never the batch.
//!
//! The parent ([`pool`]) starts `caleido worker` processes and writes one [`Job`] per line (JSON)
//! to a worker's stdin; the worker ([`child`]) answers with one [`DocResult`] per line (JSON).
//! A worker that misses the time limit is killed and restarted; a worker limits its own address
//! space (`RLIMIT_AS`), so an allocation beyond the memory limit ends that worker only.

pub mod child;
pub mod pool;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::ingest::{SourceFile, SourceKind};
use crate::model::DocResult;

/// Per-file limits of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall time allowed for one file.
    pub timeout: Duration,
    /// Address space allowed for one worker process, in bytes.
    pub max_memory: u64,
    /// Largest input file read, in bytes.
    pub max_size: u64,
}

/// One MiB in bytes.
pub const MIB: u64 = 1024 * 1024;

/// A worker's memory per byte of a text file (plain text, Markdown, a web page), with room to
/// spare: a 50 MiB text file peaked at 392 MiB resident (7.8x), 5.4x since lines are cleaned
/// one by one (docs/output.md). A text file larger than
/// `--max-memory` / this is `too-large` without being sent to a worker, so the two limits agree.
pub const TEXT_MEMORY_FACTOR: u64 = 10;

impl Limits {
    /// Limits from the command-line units: seconds and MiB.
    pub fn new(timeout_secs: u64, max_memory_mib: u64, max_size_mib: u64) -> Limits {
        Limits {
            timeout: Duration::from_secs(timeout_secs.max(1)),
            max_memory: max_memory_mib.saturating_mul(MIB),
            max_size: max_size_mib.saturating_mul(MIB),
        }
    }

    /// The largest file of this kind a worker is given: `max_size`, and for text files (plain
    /// text, Markdown, web pages) at most `max_memory` / [`TEXT_MEMORY_FACTOR`].
    pub fn max_size_for(&self, kind: SourceKind) -> u64 {
        match kind {
            SourceKind::Text | SourceKind::Markdown | SourceKind::Html => {
                self.max_size.min(self.max_memory / TEXT_MEMORY_FACTOR)
            }
            _ => self.max_size,
        }
    }
}

/// One file for a worker to process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Where the file is on disk, as raw bytes (paths need not be UTF-8).
    pub path: Vec<u8>,
    /// Path relative to its input folder.
    pub rel: String,
    /// Its format.
    pub kind: SourceKind,
    /// The pages of a saved site (raw bytes), in reading order; empty for a single file.
    #[serde(default)]
    pub pages: Vec<Vec<u8>>,
}

impl Job {
    /// The job for `src`.
    pub fn of(src: &SourceFile) -> Job {
        use std::os::unix::ffi::OsStrExt;
        let bytes = |p: &Path| p.as_os_str().as_bytes().to_vec();
        let pages = src.pages.iter().map(|p| bytes(p)).collect();
        Job { path: bytes(&src.path), rel: src.rel.clone(), kind: src.kind, pages }
    }

    /// The source file this job describes (its root is not needed to process it).
    pub fn source(&self) -> SourceFile {
        use std::os::unix::ffi::OsStrExt;
        let path = |b: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(b));
        let pages = self.pages.iter().map(|p| path(p)).collect();
        SourceFile { path: path(&self.path), rel: self.rel.clone(), kind: self.kind, root: PathBuf::new(), pages }
    }
}

/// True when the files of `src` (a saved site's pages together) are larger than `max_size`
/// bytes (a file that cannot be inspected is left to ingest, which reports why it cannot be read).
pub fn too_large(src: &SourceFile, max_size: u64) -> bool {
    src.files().iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum::<u64>() > max_size
}

/// Writes one line of the worker protocol (a result as JSON and a line break) to `out`, as it is
/// serialised.
pub fn encode_to(out: &mut impl std::io::Write, result: &DocResult) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, result).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Answers up to this size are read whole and parsed from memory (several times faster than
/// from the pipe); a longer one is parsed as it streams in, so no answer is ever one buffer of
/// its full size.
const WHOLE_ANSWER: u64 = 16 * MIB;

/// Reads the worker protocol's answers from `pipe` and hands each to `each`, until the pipe ends,
/// an answer is garbled (handed on as an error, then reading stops) or `each` returns false.
pub fn read_answers(pipe: impl std::io::Read, mut each: impl FnMut(Result<DocResult, String>) -> bool) {
    read_answers_within(pipe, WHOLE_ANSWER, &mut each);
}

fn read_answers_within(pipe: impl std::io::Read, whole: u64, each: &mut impl FnMut(Result<DocResult, String>) -> bool) {
    use std::io::{BufRead, Read};
    let mut reader = std::io::BufReader::with_capacity(1 << 16, pipe);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = match (&mut reader).take(whole).read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(n) => n as u64,
            Err(e) => {
                each(Err(e.to_string()));
                return;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let answer = if n == whole && line.last() != Some(&b'\n') {
            let rest = std::io::Cursor::new(&line[..]).chain(&mut reader);
            DocResult::deserialize(&mut serde_json::Deserializer::from_reader(rest))
        } else {
            serde_json::from_slice(&line)
        };
        let stop = answer.is_err();
        if !each(answer.map_err(|e| e.to_string())) || stop {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocScore, Meta, Status};

    fn answers(pipe: &[u8], whole: u64) -> Vec<Result<DocResult, String>> {
        let mut got = Vec::new();
        read_answers_within(pipe, whole, &mut |a| {
            got.push(a);
            true
        });
        got
    }

    #[test]
    fn answers_are_read_whole_or_streamed_alike() {
        let mut a = DocResult::scored("a.txt", Vec::new(), Vec::new());
        a.shingles = vec![(4, vec![1, u64::MAX]), (2, Vec::new())];
        let b = DocResult::scored("b \\ \"c\".txt", Vec::new(), Vec::new());
        let mut pipe = Vec::new();
        encode_to(&mut pipe, &a).unwrap();
        pipe.extend_from_slice(b"\n");
        encode_to(&mut pipe, &b).unwrap();
        let want = vec![Ok(a), Ok(b)];
        assert_eq!(answers(&pipe, WHOLE_ANSWER), want);
        // Every answer longer than the limit: each is parsed from the stream.
        assert_eq!(answers(&pipe, 16), want);
    }

    #[test]
    fn a_garbled_answer_ends_the_reading() {
        let got = answers(b"{\"file\": 3}\n{}\n", WHOLE_ANSWER);
        assert_eq!(got.len(), 1);
        assert!(got[0].is_err());
    }

    #[test]
    fn a_result_survives_the_round_trip_bit_for_bit() {
        let score = DocScore {
            initiative_pct: 100.0 / 3.0,
            mirror_pct: [0.1, 0.2, 0.3, 1e-300, 2.0 / 7.0],
            ..Default::default()
        };
        let result = DocResult {
            file: "a/b.pdf".into(),
            meta: Meta { party: "Groen".into(), place: "Dorp".into(), year: "2026".into(), ..Meta::default() },
            status: Status::Damaged("bad \"xref\"\nline".into()),
            warnings: vec!["read as Windows-1252".into()],
            source_url: "https://example.org/p".into(),
            sources: vec![(3, "https://example.org/p".into())],
            sentences: Vec::new(),
            sentence_words: Vec::new(),
            shingles: Vec::new(),
            passages: Vec::new(),
            score,
        };
        let mut line = Vec::new();
        encode_to(&mut line, &result).unwrap();
        assert!(!line[..line.len() - 1].contains(&b'\n'));
        assert_eq!(answers(&line, WHOLE_ANSWER), [Ok(result)]);
    }

    #[test]
    fn a_job_keeps_paths_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9.pdf"));
        let src = SourceFile::single(path.clone(), "caf.pdf".into(), SourceKind::Pdf, PathBuf::new());
        let job = Job::of(&src);
        let back: Job = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        assert_eq!(back.source().path, path);
        assert_eq!(back.source().kind, SourceKind::Pdf);
    }

    #[test]
    fn limits_are_given_in_seconds_and_mib() {
        let l = Limits::new(0, 2, 3);
        assert_eq!(l.timeout, Duration::from_secs(1));
        assert_eq!((l.max_memory, l.max_size), (2 * MIB, 3 * MIB));
    }

    #[test]
    fn a_text_file_may_be_at_most_a_tenth_of_a_workers_memory() {
        let l = Limits::new(60, 1024, 256);
        assert_eq!(l.max_size_for(SourceKind::Text), 1024 * MIB / TEXT_MEMORY_FACTOR);
        assert_eq!(l.max_size_for(SourceKind::Html), 1024 * MIB / TEXT_MEMORY_FACTOR);
        assert_eq!(l.max_size_for(SourceKind::Pdf), 256 * MIB);
        assert_eq!(Limits::new(60, 4096, 256).max_size_for(SourceKind::Text), 256 * MIB);
    }
}
