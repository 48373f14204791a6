//! Evaluation on sampled gold: only the listed sentences count, so precision and recall
//! are both counted over the coder's sentences (a listed sentence is predicted for a mirror
//! when a caleido sentence it aligns with is).

use std::collections::{BTreeMap, BTreeSet};

use super::{Counts, DocEval, ErrorKind, ErrorRow, QUESTIONS, Split, align};
use crate::ingest::gold::{GoldDoc, GoldSentence};
use crate::model::{DocResult, Passage};

/// What caleido predicted for one listed sentence, through the sentences it aligned with.
struct Predicted {
    mirrors: BTreeSet<u8>,
    questions: BTreeSet<String>,
    rules: Vec<String>,
}

fn predicted(sentences: &[usize], by_sentence: &BTreeMap<usize, Vec<&Passage>>) -> Predicted {
    let mut out = Predicted { mirrors: BTreeSet::new(), questions: BTreeSet::new(), rules: Vec::new() };
    for p in sentences.iter().filter_map(|s| by_sentence.get(s)).flatten() {
        out.mirrors.insert(p.mirror);
        out.questions.extend(p.questions.iter().cloned());
        for r in &p.rules {
            if !out.rules.contains(r) {
                out.rules.push(r.clone());
            }
        }
    }
    out
}

fn count(c: &mut Counts, predicted: bool, gold: bool) {
    c.predicted += usize::from(predicted);
    c.predicted_right += usize::from(predicted && gold);
    c.gold += usize::from(gold);
    c.gold_found += usize::from(predicted && gold);
}

fn error(m: u8, kind: ErrorKind, g: &GoldSentence, p: &Predicted, aligned: bool) -> ErrorRow {
    let note = match (aligned, g.note.is_empty()) {
        (true, _) => g.note.clone(),
        (false, true) => "unaligned".to_string(),
        (false, false) => format!("unaligned; {}", g.note),
    };
    ErrorRow { mirror: m, kind, page: g.page, rules: p.rules.clone(), sentence: g.text.clone(), note }
}

/// Evaluates one programme's result against its sampled gold sentences.
pub fn evaluate_sampled(gold: &GoldDoc, result: &DocResult) -> DocEval {
    let alignments = align(&gold.sentences, &result.sentences);
    let mut by_sentence: BTreeMap<usize, Vec<&Passage>> = BTreeMap::new();
    for p in &result.passages {
        by_sentence.entry(p.sentence).or_default().push(p);
    }
    let mut mirrors = [Counts::default(); 5];
    let mut questions: BTreeMap<String, Counts> =
        QUESTIONS.iter().map(|q| (q.to_string(), Counts::default())).collect();
    let mut errors = Vec::new();
    for (g, a) in gold.sentences.iter().zip(&alignments) {
        let p = predicted(&a.sentences, &by_sentence);
        for (k, c) in mirrors.iter_mut().enumerate() {
            let m = k as u8 + 1;
            let (pm, gm) = (p.mirrors.contains(&m), g.mirrors.contains(&m));
            count(c, pm, gm);
            if pm != gm {
                let kind = if pm { ErrorKind::FalsePositive } else { ErrorKind::FalseNegative };
                errors.push(error(m, kind, g, &p, a.is_aligned()));
            }
        }
        for (q, c) in questions.iter_mut() {
            count(c, p.questions.contains(q), g.questions.contains(q));
        }
    }
    errors.sort_by_key(|e| (e.mirror, e.kind, e.page));
    let aligned: Vec<f64> = alignments.iter().filter(|a| a.is_aligned()).map(|a| a.coverage).collect();
    DocEval {
        stem: gold.stem.clone(),
        split: Split::Tune,
        sampled: true,
        file: result.file.clone(),
        gold_sentences: gold.sentences.len(),
        aligned: aligned.len(),
        split_by_caleido: alignments.iter().filter(|a| a.sentences.len() > 1).count(),
        mean_coverage: if aligned.is_empty() { 0.0 } else { aligned.iter().sum::<f64>() / aligned.len() as f64 },
        words: result.score.words,
        mirrors,
        questions,
        predicted_share: [0.0; 6],
        gold_share: [0.0; 6],
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sentence;
    use crate::rules::Stance;

    fn sentence(index: usize, text: &str) -> Sentence {
        let words = crate::text::word_count(text);
        Sentence { index, page: 1, text: text.into(), words, heading: false, section: None, line: 0 }
    }

    fn gold(mirrors: Vec<u8>, text: &str) -> GoldSentence {
        GoldSentence {
            page: 1,
            mirrors,
            questions: vec![],
            stance: String::new(),
            text: text.into(),
            note: String::new(),
            stratum_size: Some(10),
        }
    }

    #[test]
    fn only_listed_sentences_count() {
        let texts = [
            "Inwoners krijgen een eigen wijkbudget per buurt.",
            "De dijken worden verhoogd langs de rivier.",
            "Elke wijk krijgt een eigen wijkraad voor inspraak.",
        ];
        let sentences: Vec<Sentence> = texts.iter().enumerate().map(|(i, t)| sentence(i, t)).collect();
        let passage = |s: usize, mirror: u8| Passage {
            sentence: s,
            page: 1,
            line: 0,
            mirror,
            questions: vec![],
            rules: vec![format!("r{mirror}")],
            terms: vec![],
            stance: Stance::Pro,
            text: texts[s].into(),
        };
        // Sentence 2 is predicted m1 but not listed: it counts nowhere.
        let result = DocResult::scored("a.pdf", sentences, vec![passage(0, 4), passage(1, 2), passage(2, 1)]);
        let doc = GoldDoc {
            stem: "a".into(),
            file: Some("x/a.pdf".into()),
            sentences: vec![gold(vec![4], texts[0]), gold(vec![], texts[1])],
        };
        let e = evaluate_sampled(&doc, &result);
        assert_eq!(e.mirrors[3], Counts { predicted: 1, predicted_right: 1, gold: 1, gold_found: 1 });
        assert_eq!(e.mirrors[1], Counts { predicted: 1, predicted_right: 0, gold: 0, gold_found: 0 });
        assert_eq!(e.mirrors[0], Counts::default());
        assert_eq!(e.errors.len(), 1);
        assert_eq!((e.errors[0].mirror, e.errors[0].kind), (2, ErrorKind::FalsePositive));
    }
}
