//! Krippendorff's alpha for nominal data with missing values (Krippendorff 2011,
//! "Computing Krippendorff's Alpha-Reliability"): the coincidence matrix over pairable units.

use std::collections::BTreeMap;

/// Alpha for nominal values: `units[u][c]` is coder `c`'s value for unit `u`, `None` when
/// the coder did not code it. Units with fewer than two values are not pairable and are
/// left out. `None` when fewer than two values are pairable or all pairable values are the same
/// (the expected disagreement is 0, so alpha is undefined).
pub fn nominal<T: Ord + Copy>(units: &[Vec<Option<T>>]) -> Option<f64> {
    let (coincidences, totals) = coincidences(units);
    let n: f64 = totals.values().sum();
    if n < 2.0 {
        return None;
    }
    let observed: f64 = coincidences.iter().filter(|((c, k), _)| c != k).map(|(_, o)| o).sum();
    let sum_sq: f64 = totals.values().map(|t| t * t).sum();
    let expected_pairs = n * n - sum_sq;
    if expected_pairs <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected_pairs)
}

/// The coincidence matrix `o[(c, k)]` and its marginals `n[c]`: each pairable unit with `m`
/// values adds `1 / (m - 1)` for every ordered pair of its values.
type Coincidences<T> = (BTreeMap<(T, T), f64>, BTreeMap<T, f64>);

fn coincidences<T: Ord + Copy>(units: &[Vec<Option<T>>]) -> Coincidences<T> {
    let mut o: BTreeMap<(T, T), f64> = BTreeMap::new();
    let mut totals: BTreeMap<T, f64> = BTreeMap::new();
    for unit in units {
        let values: Vec<T> = unit.iter().flatten().copied().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let share = 1.0 / (m - 1) as f64;
        for (i, &c) in values.iter().enumerate() {
            for (j, &k) in values.iter().enumerate() {
                if i != j {
                    *o.entry((c, k)).or_default() += share;
                    *totals.entry(c).or_default() += share;
                }
            }
        }
    }
    (o, totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff's own example (2011, section C): 4 coders, 12 units, missing values (`.`).
    /// Rows are coders, columns units.
    const KRIPPENDORFF_2011: [[Option<u8>; 12]; 4] = {
        const X: Option<u8> = None;
        [
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), X, X, X],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), X, Some(3)],
            [X, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), X],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), X],
        ]
    };

    /// Binary codes of three coders for 15 units, with missing values (made up for this test).
    const BINARY: [[Option<u8>; 15]; 3] = {
        const X: Option<u8> = None;
        const A: Option<u8> = Some(0);
        const B: Option<u8> = Some(1);
        [
            [A, A, B, B, A, B, A, X, B, A, A, B, X, A, B],
            [A, B, B, B, A, A, A, A, B, X, A, B, B, A, A],
            [X, A, B, X, A, B, A, A, B, A, B, B, B, X, A],
        ]
    };

    fn by_unit<const U: usize>(rows: &[[Option<u8>; U]]) -> Vec<Vec<Option<u8>>> {
        (0..U).map(|u| rows.iter().map(|r| r[u]).collect()).collect()
    }

    // Expected values computed by the reference implementation, the `krippendorff` Python
    // package (version 0.9.0, numpy 2.4.6), not by this code, with
    // `python3 tests/fixtures/validation/alpha.py`, which holds the same rows and runs
    //   python -c "import krippendorff, numpy as np; nan=np.nan; \
    //     print(krippendorff.alpha(reliability_data=np.array(ROWS, dtype=float), \
    //     level_of_measurement='nominal'))"
    // with ROWS the rows above, `nan` for a missing value.
    #[test]
    fn matches_the_krippendorff_package_on_krippendorffs_example() {
        let alpha = nominal(&by_unit(&KRIPPENDORFF_2011)).unwrap();
        assert!((alpha - KRIPPENDORFF_2011_ALPHA).abs() < 5e-4, "{alpha}");
    }

    #[test]
    fn matches_the_krippendorff_package_on_binary_codes_with_missing_values() {
        let alpha = nominal(&by_unit(&BINARY)).unwrap();
        assert!((alpha - BINARY_ALPHA).abs() < 5e-4, "{alpha}");
    }

    #[test]
    fn matches_the_krippendorff_package_with_two_coders() {
        let alpha = nominal(&by_unit(&BINARY[..2])).unwrap();
        assert!((alpha - BINARY_TWO_CODERS_ALPHA).abs() < 5e-4, "{alpha}");
    }

    /// Also Krippendorff's published value (0.743).
    const KRIPPENDORFF_2011_ALPHA: f64 = 0.743421;
    const BINARY_ALPHA: f64 = 0.597884;
    const BINARY_TWO_CODERS_ALPHA: f64 = 0.517483;

    #[test]
    fn perfect_agreement_is_one_and_a_single_value_is_undefined() {
        let units = vec![vec![Some(1), Some(1)], vec![Some(0), Some(0)], vec![Some(1), None]];
        assert_eq!(nominal(&units), Some(1.0));
        assert_eq!(nominal(&[vec![Some(1), Some(1)], vec![Some(1), Some(1)]]), None);
        assert_eq!(nominal::<u8>(&[vec![Some(1), None]]), None);
    }
}
