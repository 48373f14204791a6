//! Evaluation against hand-coded gold: align sentences, then precision, recall and F1
//! per mirror and question, word shares per document, and the errors to read.

pub mod align;
pub mod interval;
pub mod metrics;
pub mod render;
mod sampled;

use std::collections::{BTreeMap, BTreeSet};

use crate::ingest::gold::{GoldDoc, GoldSentence};
use crate::model::{DocResult, Passage};
use crate::score::percent;
use crate::text::word_count;

pub use align::{Alignment, align};
pub use interval::{Interval, PairedDifference};
pub use metrics::{Counts, macro_f1, macro_f1_supported, spearman};
pub use sampled::evaluate_sampled;

/// Mirrors with fewer gold sentences than this in a set are left out of the headline macro-F1.
pub const MIN_SUPPORT: usize = 5;

/// Which part of the gold a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Split {
    /// Documents no rule may be written from: their figures are the headline.
    Check,
    /// Documents whose errors may be read when writing rules.
    Tune,
}

impl Split {
    /// `check` or `tune`.
    pub fn label(self) -> &'static str {
        match self {
            Split::Check => "check",
            Split::Tune => "tune",
        }
    }
}

/// One of the sets reported apart: a split, and whole documents or sampled sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SetKey {
    /// Check or tune.
    pub split: Split,
    /// True for sampled sentences (only listed sentences count).
    pub sampled: bool,
}

impl SetKey {
    /// The name used in the files: `check`, `tune`, `check-sampled`, `tune-sampled`.
    pub fn label(self) -> String {
        if self.sampled { format!("{}-sampled", self.split.label()) } else { self.split.label().to_string() }
    }

    /// A heading for the summary.
    pub fn title(self) -> String {
        let what = if self.sampled { "sampled sentences (only listed sentences count)" } else { "whole documents" };
        format!("{} split, {what}", self.split.label())
    }
}

/// The 15 codebook questions, in order.
pub const QUESTIONS: [&str; 15] =
    ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"];

/// A false positive or a false negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorKind {
    /// Caleido predicted the mirror; no aligned gold sentence has it.
    FalsePositive,
    /// The gold has the mirror; no aligned caleido sentence was predicted for it.
    FalseNegative,
}

impl ErrorKind {
    /// `fp` or `fn`.
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::FalsePositive => "fp",
            ErrorKind::FalseNegative => "fn",
        }
    }
}

/// One error to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRow {
    /// Mirror 1 to 5.
    pub mirror: u8,
    /// False positive or negative.
    pub kind: ErrorKind,
    /// Page of the sentence (caleido's for a false positive, the gold's for a false negative).
    pub page: u32,
    /// Rules that fired on the sentence (for a false negative: on its aligned sentences, any mirror).
    pub rules: Vec<String>,
    /// Caleido's sentence for a false positive, the gold sentence for a false negative.
    pub sentence: String,
    /// The coder's notes of the aligned gold sentences; `unaligned` when there were none to align.
    pub note: String,
}

/// The evaluation of one programme.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEval {
    /// The gold file stem.
    pub stem: String,
    /// Check or tune.
    pub split: Split,
    /// True for sampled gold: counts are over the listed sentences only, and there are no shares.
    pub sampled: bool,
    /// The programme as found among the inputs.
    pub file: String,
    /// Gold sentences listed (hard negatives included).
    pub gold_sentences: usize,
    /// Of those, aligned with caleido's sentences.
    pub aligned: usize,
    /// Of the aligned, gold sentences that caleido split over several sentences.
    pub split_by_caleido: usize,
    /// Mean coverage of the aligned gold sentences.
    pub mean_coverage: f64,
    /// Words caleido counted in the programme.
    pub words: usize,
    /// Counts per mirror.
    pub mirrors: [Counts; 5],
    /// Counts per codebook question.
    pub questions: BTreeMap<String, Counts>,
    /// Caleido's share of words per mirror, then any mirror, in percent.
    pub predicted_share: [f64; 6],
    /// The same share from the aligned gold sentences.
    pub gold_share: [f64; 6],
    /// The errors, by mirror, kind and page.
    pub errors: Vec<ErrorRow>,
}

/// What caleido predicted and the gold said for each caleido sentence.
struct SentenceLabels<'a> {
    passages: Vec<Vec<&'a Passage>>,
    gold_mirrors: Vec<BTreeSet<u8>>,
    gold_questions: Vec<BTreeSet<&'a str>>,
    notes: Vec<Vec<&'a str>>,
}

impl<'a> SentenceLabels<'a> {
    fn build(gold: &'a GoldDoc, result: &'a DocResult, alignments: &[Alignment]) -> Self {
        let n = result.sentences.len();
        let mut labels = SentenceLabels {
            passages: vec![Vec::new(); n],
            gold_mirrors: vec![BTreeSet::new(); n],
            gold_questions: vec![BTreeSet::new(); n],
            notes: vec![Vec::new(); n],
        };
        for p in &result.passages {
            labels.passages[p.sentence].push(p);
        }
        for (g, a) in gold.sentences.iter().zip(alignments) {
            for &s in &a.sentences {
                labels.gold_mirrors[s].extend(g.mirrors.iter().copied());
                labels.gold_questions[s].extend(g.questions.iter().map(String::as_str));
                if !g.note.is_empty() && !labels.notes[s].contains(&g.note.as_str()) {
                    labels.notes[s].push(&g.note);
                }
            }
        }
        labels
    }

    fn predicts_mirror(&self, s: usize, m: u8) -> bool {
        self.passages[s].iter().any(|p| p.mirror == m)
    }

    fn predicts_question(&self, s: usize, q: &str) -> bool {
        self.passages[s].iter().any(|p| p.questions.iter().any(|x| x == q))
    }

    fn rules_on(&self, sentences: &[usize]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in sentences.iter().flat_map(|&s| &self.passages[s]) {
            for r in &p.rules {
                if !out.contains(r) {
                    out.push(r.clone());
                }
            }
        }
        out
    }
}

/// Evaluates one programme's result against its gold.
pub fn evaluate_doc(gold: &GoldDoc, result: &DocResult) -> DocEval {
    let alignments = align(&gold.sentences, &result.sentences);
    let labels = SentenceLabels::build(gold, result, &alignments);
    let aligned: Vec<f64> = alignments.iter().filter(|a| a.is_aligned()).map(|a| a.coverage).collect();
    let mut errors = Vec::new();
    let mut mirrors = [Counts::default(); 5];
    for (k, counts) in mirrors.iter_mut().enumerate() {
        *counts = mirror_counts(k as u8 + 1, gold, result, &alignments, &labels, &mut errors);
    }
    errors.sort_by_key(|e| (e.mirror, e.kind, e.page));
    let questions = QUESTIONS.iter().map(|q| (q.to_string(), question_counts(q, gold, &alignments, &labels))).collect();
    DocEval {
        stem: gold.stem.clone(),
        split: Split::Tune,
        sampled: false,
        file: result.file.clone(),
        gold_sentences: gold.sentences.len(),
        aligned: aligned.len(),
        split_by_caleido: alignments.iter().filter(|a| is_split(a, &result.sentences)).count(),
        mean_coverage: if aligned.is_empty() { 0.0 } else { aligned.iter().sum::<f64>() / aligned.len() as f64 },
        words: result.score.words,
        mirrors,
        questions,
        predicted_share: predicted_share(result),
        gold_share: gold_share(gold, &alignments, result.score.words),
        errors,
    }
}

/// True when the gold sentence spans several consecutive caleido sentences (not mere repeats).
fn is_split(a: &Alignment, sentences: &[crate::model::Sentence]) -> bool {
    a.sentences.windows(2).any(|w| w[1] == w[0] + 1 && sentences[w[0]].text != sentences[w[1]].text)
}

fn mirror_counts(
    m: u8,
    gold: &GoldDoc,
    result: &DocResult,
    alignments: &[Alignment],
    labels: &SentenceLabels,
    errors: &mut Vec<ErrorRow>,
) -> Counts {
    let mut c = Counts::default();
    for p in result.passages.iter().filter(|p| p.mirror == m) {
        c.predicted += 1;
        if labels.gold_mirrors[p.sentence].contains(&m) {
            c.predicted_right += 1;
        } else {
            let note = labels.notes[p.sentence].join(" | ");
            let (page, rules, sentence) = (p.page, p.rules.clone(), p.text.clone());
            errors.push(ErrorRow { mirror: m, kind: ErrorKind::FalsePositive, page, rules, sentence, note });
        }
    }
    for (g, a) in gold.sentences.iter().zip(alignments).filter(|(g, _)| g.mirrors.contains(&m)) {
        c.gold += 1;
        if a.sentences.iter().any(|&s| labels.predicts_mirror(s, m)) {
            c.gold_found += 1;
        } else {
            errors.push(false_negative(m, g, a, labels));
        }
    }
    c
}

fn false_negative(m: u8, g: &GoldSentence, a: &Alignment, labels: &SentenceLabels) -> ErrorRow {
    let note = match (a.is_aligned(), g.note.is_empty()) {
        (true, _) => g.note.clone(),
        (false, true) => "unaligned".to_string(),
        (false, false) => format!("unaligned; {}", g.note),
    };
    let rules = labels.rules_on(&a.sentences);
    ErrorRow { mirror: m, kind: ErrorKind::FalseNegative, page: g.page, rules, sentence: g.text.clone(), note }
}

fn question_counts(q: &str, gold: &GoldDoc, alignments: &[Alignment], labels: &SentenceLabels) -> Counts {
    let mut c = Counts::default();
    for s in 0..labels.passages.len() {
        if labels.predicts_question(s, q) {
            c.predicted += 1;
            c.predicted_right += usize::from(labels.gold_questions[s].contains(q));
        }
    }
    for (_, a) in gold.sentences.iter().zip(alignments).filter(|(g, _)| g.questions.iter().any(|x| x == q)) {
        c.gold += 1;
        c.gold_found += usize::from(a.sentences.iter().any(|&s| labels.predicts_question(s, q)));
    }
    c
}

fn predicted_share(result: &DocResult) -> [f64; 6] {
    let s = &result.score;
    let mut out = [0.0; 6];
    out[..5].copy_from_slice(&s.mirror_pct);
    out[5] = s.initiative_pct;
    out
}

/// Words of the aligned gold sentences of each mirror (and of any mirror) as a share of
/// the programme's words; unaligned gold sentences are left out, as caleido could not see them.
fn gold_share(gold: &GoldDoc, alignments: &[Alignment], words: usize) -> [f64; 6] {
    let mut sums = [0usize; 6];
    for (g, _) in gold.sentences.iter().zip(alignments).filter(|(g, a)| a.is_aligned() && !g.mirrors.is_empty()) {
        let n = word_count(&g.text);
        for &m in &g.mirrors {
            sums[usize::from(m) - 1] += n;
        }
        sums[5] += n;
    }
    sums.map(|n| percent(n, words))
}

/// The evaluation of a whole gold set.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// One per gold document that was found and scored, in gold file order.
    pub docs: Vec<DocEval>,
    /// Gold documents without a programme among the inputs, or whose programme failed: (stem, why).
    pub skipped: Vec<(String, String)>,
}

impl Evaluation {
    /// The sets present, check before tune, whole documents before sampled sentences.
    pub fn sets(&self) -> Vec<SetKey> {
        let set: BTreeSet<SetKey> = self.docs.iter().map(|d| SetKey { split: d.split, sampled: d.sampled }).collect();
        set.into_iter().collect()
    }

    /// The documents of one set.
    pub fn subset(&self, key: SetKey) -> Evaluation {
        let docs = self.docs.iter().filter(|d| d.split == key.split && d.sampled == key.sampled).cloned().collect();
        Evaluation { docs, skipped: Vec::new() }
    }

    /// Macro-F1 over the mirrors with at least [`MIN_SUPPORT`] gold sentences, and those mirrors.
    pub fn macro_f1_supported(&self) -> (Option<f64>, Vec<u8>) {
        macro_f1_supported(&self.mirror_totals(), MIN_SUPPORT)
    }

    /// The 95% interval of [`Evaluation::macro_f1_supported`] when whole documents are drawn
    /// again (see [`interval`]); `None` for fewer than two documents or no supported mirror.
    pub fn macro_f1_interval(&self) -> Option<Interval> {
        let (_, kept) = self.macro_f1_supported();
        interval::macro_f1_interval(&self.per_doc_mirrors(), &kept)
    }

    /// The difference of [`Evaluation::macro_f1_supported`] from `old`, the same gold scored with
    /// other rules, over the mirrors supported here; documents are paired by gold name and
    /// programme file. `None` when the two do not hold the same documents, or as
    /// [`interval::paired_difference`].
    pub fn difference_from(&self, old: &Evaluation) -> Option<PairedDifference> {
        let key = |d: &DocEval| (d.stem.clone(), d.sampled, d.file.clone());
        let old_by_key: BTreeMap<_, _> = old.docs.iter().map(|d| (key(d), d.mirrors)).collect();
        let paired: Option<Vec<[Counts; 5]>> = self.docs.iter().map(|d| old_by_key.get(&key(d)).copied()).collect();
        if old_by_key.len() != self.docs.len() {
            return None;
        }
        let (_, kept) = self.macro_f1_supported();
        interval::paired_difference(&self.per_doc_mirrors(), &paired?, &kept)
    }

    /// The 95% interval of each mirror's F1 when whole documents are drawn again; `None` for
    /// fewer than two documents.
    pub fn mirror_f1_intervals(&self) -> Option<[Interval; 5]> {
        interval::mirror_f1_intervals(&self.per_doc_mirrors())
    }

    fn per_doc_mirrors(&self) -> Vec<[Counts; 5]> {
        self.docs.iter().map(|d| d.mirrors).collect()
    }

    /// Counts per mirror over all documents.
    pub fn mirror_totals(&self) -> [Counts; 5] {
        let mut out = [Counts::default(); 5];
        for d in &self.docs {
            for (o, c) in out.iter_mut().zip(&d.mirrors) {
                o.add(c);
            }
        }
        out
    }

    /// Counts per question over all documents.
    pub fn question_totals(&self) -> BTreeMap<String, Counts> {
        let mut out: BTreeMap<String, Counts> = QUESTIONS.iter().map(|q| (q.to_string(), Counts::default())).collect();
        for (q, c) in self.docs.iter().flat_map(|d| &d.questions) {
            out.entry(q.clone()).or_default().add(c);
        }
        out
    }

    /// Macro-F1 over the five mirrors.
    pub fn macro_f1(&self) -> f64 {
        macro_f1(&self.mirror_totals())
    }

    /// Spearman's rank correlation across documents of predicted and gold share,
    /// per mirror (0..5) and for any mirror (5).
    pub fn share_spearman(&self, k: usize) -> Option<f64> {
        let p: Vec<f64> = self.docs.iter().map(|d| d.predicted_share[k]).collect();
        let g: Vec<f64> = self.docs.iter().map(|d| d.gold_share[k]).collect();
        spearman(&p, &g)
    }

    /// Gold sentences that could not be aligned, over all documents.
    pub fn unaligned(&self) -> usize {
        self.docs.iter().map(|d| d.gold_sentences - d.aligned).sum()
    }
}
