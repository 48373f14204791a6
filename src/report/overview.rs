//! The overview across places: per election (level and year), per party name, in how many
//! places it stands and how its shares spread. Municipal and national programmes, and different
//! years, are never pooled.

use std::collections::{BTreeMap, BTreeSet};

use super::options::Lang;
use super::scorecard::Group;
use crate::model::{Level, Meta};

/// One party name across the places of one election.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyOverview {
    /// Party name as in the reports.
    pub party: String,
    /// Number of distinct places with a programme of this party.
    pub places: usize,
    /// Number of its programmes (more than `places` when a place has two).
    pub programmes: usize,
    /// Median of its initiative shares, in percent.
    pub median: f64,
    /// Lowest share.
    pub min: f64,
    /// Highest share.
    pub max: f64,
}

/// The overview of one election: its level and year, and a row per party.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewTable {
    /// Municipal or national.
    pub level: Level,
    /// Election year (empty when unknown).
    pub year: String,
    /// Highest median first, then by name.
    pub rows: Vec<PartyOverview>,
}

/// One table per election (level and year) that covers two places or more, in order of level
/// and year; empty when no election does.
pub fn overview(groups: &[Group]) -> Vec<OverviewTable> {
    let mut by_election: BTreeMap<(Level, &str), Vec<&Group>> = BTreeMap::new();
    for g in groups {
        by_election.entry((level_of(g), g.year.as_str())).or_default().push(g);
    }
    by_election
        .into_iter()
        .filter(|(_, gs)| gs.iter().map(|g| g.place.as_str()).collect::<BTreeSet<_>>().len() >= 2)
        .map(|((level, year), gs)| OverviewTable { level, year: year.to_string(), rows: rows(&gs) })
        .collect()
}

/// The level of a place's election.
fn level_of(g: &Group) -> Level {
    Meta { place: g.place.clone(), ..Meta::default() }.level()
}

fn rows(groups: &[&Group]) -> Vec<PartyOverview> {
    let mut shares: BTreeMap<&str, (BTreeSet<&str>, Vec<f64>)> = BTreeMap::new();
    for g in groups {
        for p in &g.parties {
            let entry = shares.entry(p.party.as_str()).or_default();
            entry.0.insert(g.place.as_str());
            entry.1.push(p.score.initiative_pct);
        }
    }
    let mut rows: Vec<PartyOverview> = shares
        .into_iter()
        .map(|(party, (places, mut v))| {
            v.sort_by(f64::total_cmp);
            PartyOverview {
                party: party.to_string(),
                places: places.len(),
                programmes: v.len(),
                median: median(&v),
                min: v[0],
                max: v[v.len() - 1],
            }
        })
        .collect();
    rows.sort_by(|a, b| b.median.total_cmp(&a.median).then_with(|| a.party.cmp(&b.party)));
    rows
}

/// The table's title: `Overzicht gemeenteraadsverkiezingen 2026`, `Overview municipal elections 2026`.
pub fn title(t: &OverviewTable, lang: Lang) -> String {
    let level = match t.level {
        Level::Municipal => lang.pick("gemeenteraadsverkiezingen", "municipal elections"),
        Level::National => lang.pick("Tweede Kamerverkiezingen", "general elections"),
    };
    let head = lang.pick("Overzicht", "Overview");
    if t.year.is_empty() {
        format!("{head} {level}, {}", lang.pick("jaar onbekend", "year unknown"))
    } else {
        format!("{head} {level} {}", t.year)
    }
}

/// The table's anchor: `overzicht-gemeenten-2026`.
pub fn anchor(t: &OverviewTable) -> String {
    let level = match t.level {
        Level::Municipal => "gemeenten",
        Level::National => "tweede-kamer",
    };
    super::scorecard::slug(&format!("overzicht {level}"), &t.year)
}

/// `3`, or `3 (4 programma's)` when a place has more than one programme of the party.
pub fn places(o: &PartyOverview, lang: Lang) -> String {
    if o.programmes == o.places {
        o.places.to_string()
    } else {
        format!("{} ({} {})", o.places, o.programmes, lang.pick("programma's", "programmes"))
    }
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
        in_year(name, "2026", parties)
    }

    fn in_year(name: &str, year: &str, parties: &[(&str, f64)]) -> Group {
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
            year: year.into(),
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
        let tables = overview(&groups);
        assert_eq!(tables.len(), 1);
        let rows = &tables[0].rows;
        let names: Vec<&str> = rows.iter().map(|r| r.party.as_str()).collect();
        assert_eq!(names, ["D66", "VVD", "Lokaal"]);
        assert_eq!((rows[0].places, rows[0].median, rows[0].min, rows[0].max), (2, 8.0, 6.0, 10.0));
        assert_eq!((rows[1].places, rows[1].median, rows[1].min, rows[1].max), (3, 4.0, 2.0, 9.0));
    }

    #[test]
    fn places_are_counted_once_and_elections_and_levels_apart() {
        let groups = [
            in_year("A", "2022", &[("CDA", 1.0)]),
            in_year("A", "2026", &[("CDA", 2.0), ("CDA", 4.0)]),
            in_year("B", "2026", &[("CDA", 6.0)]),
            in_year("NL", "2023", &[("CDA", 50.0)]),
            in_year("NL", "2025", &[("CDA", 60.0)]),
        ];
        let tables = overview(&groups);
        assert_eq!(tables.len(), 1, "2022 has one place, national elections one each: {tables:?}");
        let t = &tables[0];
        assert_eq!((t.level, t.year.as_str()), (Level::Municipal, "2026"));
        let cda = &t.rows[0];
        assert_eq!((cda.places, cda.programmes, cda.median, cda.min, cda.max), (2, 3, 4.0, 2.0, 6.0));
        assert_eq!(places(cda, Lang::Nl), "2 (3 programma's)");
        assert_eq!(title(t, Lang::Nl), "Overzicht gemeenteraadsverkiezingen 2026");
        assert_eq!(title(t, Lang::En), "Overview municipal elections 2026");
        assert_eq!(anchor(t), "overzicht-gemeenten-2026");
        let both = overview(&[in_year("A", "2022", &[("X", 1.0)]), in_year("B", "2022", &[("X", 3.0)]), t_nl()]);
        assert_eq!(both.iter().map(|t| t.year.as_str()).collect::<Vec<_>>(), ["2022"]);
        assert_eq!(both[0].rows[0].median, 2.0, "the national programme stays out");
    }

    fn t_nl() -> Group {
        in_year("nl", "2022", &[("X", 90.0)])
    }

    #[test]
    fn one_place_has_no_overview() {
        assert!(overview(&[place("A", &[("VVD", 4.0)])]).is_empty());
    }
}
