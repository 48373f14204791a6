//! Precision, recall, F1 and Spearman's rank correlation.

/// Counts for one label (a mirror or a question).
///
/// Precision is counted over caleido's sentences, recall over the gold sentences:
/// the two segmentations differ, so each side is judged in its own units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Caleido sentences predicted for the label.
    pub predicted: usize,
    /// Of those, sentences aligned with a gold sentence coded with the label (true positives).
    pub predicted_right: usize,
    /// Gold sentences coded with the label (the support).
    pub gold: usize,
    /// Of those, gold sentences aligned with a caleido sentence predicted for the label.
    pub gold_found: usize,
}

impl Counts {
    /// Adds another set of counts.
    pub fn add(&mut self, other: &Counts) {
        self.predicted += other.predicted;
        self.predicted_right += other.predicted_right;
        self.gold += other.gold;
        self.gold_found += other.gold_found;
    }

    /// Share of predicted sentences that are right; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.predicted_right, self.predicted)
    }

    /// Share of gold sentences that were found; `None` when the gold has none.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.gold_found, self.gold)
    }

    /// Harmonic mean of precision and recall; 0 when either is 0 or undefined.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision().unwrap_or(0.0), self.recall().unwrap_or(0.0));
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Unweighted mean of the F1 of each label.
pub fn macro_f1(counts: &[Counts]) -> f64 {
    if counts.is_empty() {
        return 0.0;
    }
    counts.iter().map(Counts::f1).sum::<f64>() / counts.len() as f64
}

/// Mean F1 of the mirrors (1-based in the result) whose support is at least `min`;
/// `None` when no mirror has that support.
pub fn macro_f1_supported(counts: &[Counts], min: usize) -> (Option<f64>, Vec<u8>) {
    let kept: Vec<u8> = counts.iter().enumerate().filter(|(_, c)| c.gold >= min).map(|(k, _)| k as u8 + 1).collect();
    if kept.is_empty() {
        return (None, Vec::new());
    }
    (Some(mean_f1(counts, &kept)), kept)
}

/// Mean F1 over `mirrors` (1-based) of the per-mirror counts; 0 when `mirrors` is empty.
pub fn mean_f1(counts: &[Counts], mirrors: &[u8]) -> f64 {
    if mirrors.is_empty() {
        return 0.0;
    }
    mirrors.iter().map(|&m| counts[usize::from(m) - 1].f1()).sum::<f64>() / mirrors.len() as f64
}

/// Ranks from 1, ties sharing their mean rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = mean;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation (Pearson on tie-averaged ranks); `None` for fewer than
/// three pairs or when one side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 3 {
        return None;
    }
    pearson(&ranks(x), &ranks(y))
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_f1_by_hand() {
        let c = Counts { predicted: 4, predicted_right: 3, gold: 6, gold_found: 3 };
        assert_eq!(c.precision(), Some(0.75));
        assert_eq!(c.recall(), Some(0.5));
        assert!((c.f1() - 0.6).abs() < 1e-12);
        assert_eq!(Counts::default().precision(), None);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn macro_f1_leaves_out_thin_mirrors() {
        let strong = Counts { predicted: 4, predicted_right: 3, gold: 6, gold_found: 3 };
        let thin = Counts { predicted: 1, predicted_right: 0, gold: 2, gold_found: 0 };
        let (f1, kept) = macro_f1_supported(&[strong, thin, strong], 5);
        assert_eq!(kept, [1, 3]);
        assert!((f1.unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(macro_f1_supported(&[thin], 5), (None, vec![]));
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 5.0]), [2.5, 4.0, 2.5, 1.0]);
    }

    #[test]
    fn spearman_of_monotone_and_reversed_series() {
        assert!((spearman(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 40.0, 80.0]).unwrap() - 1.0).abs() < 1e-12);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        // d = (0, 1, -1, 0): 1 - 6*2 / (4*15) = 0.8
        assert!((spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]).unwrap() - 0.8).abs() < 1e-12);
    }
}
