//! The overview across places: per party name, in how many places it stands and how its shares spread.

use std::collections::BTreeMap;

use super::scorecard::Group;

/// One party name across all places of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyOverview {
    /// Party name as in the reports.
    pub party: String,
    /// Number of places (place and year) with a programme of this party.
    pub places: usize,
    /// Median of its initiative shares, in percent.
    pub median: f64,
    /// Lowest share.
    pub min: f64,
    /// Highest share.
    pub max: f64,
}

/// The overview, highest median first, then by name; empty when the run covers fewer than two places.
pub fn overview(groups: &[Group]) -> Vec<PartyOverview> {
    if groups.len() < 2 {
        return Vec::new();
    }
    let mut shares: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for g in groups {
        for p in &g.parties {
            shares.entry(p.party.as_str()).or_default().push(p.score.initiative_pct);
        }
    }
    let mut rows: Vec<PartyOverview> = shares
        .into_iter()
        .map(|(party, mut v)| {
            v.sort_by(f64::total_cmp);
            PartyOverview {
                party: party.to_string(),
                places: v.len(),
                median: median(&v),
                min: v[0],
                max: v[v.len() - 1],
            }
        })
        .collect();
    rows.sort_by(|a, b| b.median.total_cmp(&a.median).then_with(|| a.party.cmp(&b.party)));
    rows
}

/// Median of sorted, non-empty values (mean of the middle two for an even count).
fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocScore;
    use crate::report::scorecard::PartyCard;

    fn place(name: &str, parties: &[(&str, f64)]) -> Group {
        let parties = parties
            .iter()
            .map(|(party, pct)| PartyCard {
                party: party.to_string(),
                file: String::new(),
                score: DocScore { initiative_pct: *pct, ..Default::default() },
                quotes: vec![],
                evidence: vec![],
            })
            .collect();
        Group {
            place: name.into(),
            year: "2026".into(),
            parties,
            stability: Default::default(),
            id: String::new(),
            copies: vec![],
        }
    }

    #[test]
    fn median_and_spread_per_party() {
        let groups = [
            place("A", &[("VVD", 4.0), ("D66", 10.0)]),
            place("B", &[("VVD", 2.0), ("D66", 6.0)]),
            place("C", &[("VVD", 9.0), ("Lokaal", 1.0)]),
        ];
        let rows = overview(&groups);
        let names: Vec<&str> = rows.iter().map(|r| r.party.as_str()).collect();
        assert_eq!(names, ["D66", "VVD", "Lokaal"]);
        assert_eq!((rows[0].places, rows[0].median, rows[0].min, rows[0].max), (2, 8.0, 6.0, 10.0));
        assert_eq!((rows[1].places, rows[1].median, rows[1].min, rows[1].max), (3, 4.0, 2.0, 9.0));
    }

    #[test]
    fn one_place_has_no_overview() {
        assert!(overview(&[place("A", &[("VVD", 4.0)])]).is_empty());
    }
}
