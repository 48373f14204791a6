//! The scorecard's content, shared by the Markdown and HTML renderers: places, parties, quotes.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{DocResult, DocScore, Passage};
use crate::run::RunSummary;
use crate::stability::{PairCheck, Stability, StabilityConfig, Units, assess};

use super::options::Lang;
use super::overview::{OverviewTable, overview};
use super::phrases;

/// Quotes shown per party and mirror.
pub const QUOTES_PER_MIRROR: usize = 3;

/// A quote that backs a figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Page (0 for text without pages).
    pub page: u32,
    /// Line on the page or in the text file (0 when unknown).
    pub line: u32,
    /// Where the text was published (a `Bron:` line), empty when unknown.
    pub source: String,
    /// The sentence.
    pub text: String,
    /// Codebook questions.
    pub questions: Vec<String>,
    /// `pro` or `contra`.
    pub stance: &'static str,
    /// Rules that fired.
    pub rules: Vec<String>,
}

/// One party's column in a place's comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyCard {
    /// Party name.
    pub party: String,
    /// Source file.
    pub file: String,
    /// Its figures.
    pub score: DocScore,
    /// Strongest quotes per mirror (index 0 is mirror 1).
    pub quotes: Vec<Vec<Quote>>,
    /// Every passage per mirror (index 0 is mirror 1), in text order: the full evidence.
    pub evidence: Vec<Vec<Quote>>,
}

/// The parties of one place and election.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Place (empty when unknown).
    pub place: String,
    /// Election year (empty when unknown).
    pub year: String,
    /// Parties, highest initiative share first.
    pub parties: Vec<PartyCard>,
    /// Intervals per party (same order) and the verdict on each adjacent pair.
    pub stability: Stability,
    /// Inputs left out of the ranking as copies of a ranked programme: (party, file, file it copies).
    pub copies: Vec<(String, String, String)>,
    /// Unique identifier in the run, for anchors and file names: `heiloo-2026`.
    pub id: String,
}

/// Everything a scorecard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// caleido's version.
    pub version: String,
    /// Rule set name, version and hash.
    pub rules_label: String,
    /// Mirror titles, index 0 is mirror 1.
    pub titles: Vec<String>,
    /// Places and elections, sorted.
    pub groups: Vec<Group>,
    /// Files that could not be scored: (file, reason).
    pub failed: Vec<(String, String)>,
    /// Per election covering two places or more, per party name across its places.
    pub overview: Vec<OverviewTable>,
}

impl Scorecard {
    /// Builds the scorecard from a run, with the default robustness checks.
    pub fn build(summary: &RunSummary) -> Scorecard {
        Scorecard::build_with(summary, &StabilityConfig::default())
    }

    /// Builds the scorecard from a run, with the given robustness checks.
    pub fn build_with(summary: &RunSummary, cfg: &StabilityConfig) -> Scorecard {
        let mut by_place: BTreeMap<(String, String), Vec<&DocResult>> = BTreeMap::new();
        let mut failed = Vec::new();
        for d in &summary.docs {
            if d.status.is_ok() {
                by_place.entry((d.meta.place.clone(), d.meta.year.clone())).or_default().push(d);
            } else {
                failed.push((d.file.clone(), d.status.label()));
            }
        }
        // Places are ranked and checked in parallel (the bootstrap is most of the work); the
        // groups keep the map's order.
        let mut groups: Vec<Group> =
            by_place.into_par_iter().map(|((place, year), docs)| group(place, year, docs, cfg)).collect();
        let mut seen = std::collections::BTreeSet::new();
        for (i, g) in groups.iter_mut().enumerate() {
            if !seen.insert(g.id.clone()) {
                g.id = format!("{}-{}", g.id, i + 1);
            }
        }
        Scorecard {
            version: crate::VERSION.to_string(),
            rules_label: summary.rules_label.clone(),
            titles: summary.titles.clone(),
            overview: overview(&groups),
            groups,
            failed,
        }
    }

    /// The scorecard of one place: its group only, and the files of that place that failed.
    pub fn for_group(&self, index: usize, summary: &RunSummary) -> Scorecard {
        let g = &self.groups[index];
        let failed = failed_by_place(summary).remove(&(g.place.as_str(), g.year.as_str())).unwrap_or_default();
        self.for_group_with(index, failed)
    }

    /// The scorecard of one place with its files that failed (from [`failed_by_place`]): a copy
    /// of that group alone, so the pages of all places take time linear in the run.
    pub fn for_group_with(&self, index: usize, failed: Vec<(String, String)>) -> Scorecard {
        Scorecard {
            version: self.version.clone(),
            rules_label: self.rules_label.clone(),
            titles: self.titles.clone(),
            groups: vec![self.groups[index].clone()],
            failed,
            overview: Vec::new(),
        }
    }
}

/// The files that could not be scored, by place and year: (file, reason), in run order.
pub fn failed_by_place(summary: &RunSummary) -> BTreeMap<(&str, &str), Vec<(String, String)>> {
    let mut by_place: BTreeMap<(&str, &str), Vec<(String, String)>> = BTreeMap::new();
    for d in summary.docs.iter().filter(|d| !d.status.is_ok()) {
        by_place
            .entry((d.meta.place.as_str(), d.meta.year.as_str()))
            .or_default()
            .push((d.file.clone(), d.status.label()));
    }
    by_place
}

/// One place's parties, ranked, with the robustness of the ranking.
fn group(place: String, year: String, docs: Vec<&DocResult>, cfg: &StabilityConfig) -> Group {
    let (copies, mut docs): (Vec<&DocResult>, Vec<&DocResult>) =
        docs.into_iter().partition(|d| !d.score.duplicate_of.is_empty());
    let copies = copies.iter().map(|d| (d.meta.party.clone(), d.file.clone(), d.score.duplicate_of.clone())).collect();
    docs.sort_by(|a, b| {
        b.score.initiative_pct.total_cmp(&a.score.initiative_pct).then_with(|| a.meta.party.cmp(&b.meta.party))
    });
    let units: Vec<Units> = docs.iter().map(|d| Units::from_doc(d)).collect();
    let stability = assess(&units, cfg);
    let id = slug(&place, &year);
    Group { place, year, parties: docs.into_iter().map(card).collect(), stability, id, copies }
}

fn card(d: &DocResult) -> PartyCard {
    let quotes = (1..=5u8).map(|m| strongest(d, d.passages.iter().filter(|p| p.mirror == m))).collect();
    let evidence =
        (1..=5u8).map(|m| d.passages.iter().filter(|p| p.mirror == m).map(|p| quote(d, p)).collect()).collect();
    PartyCard { party: d.meta.party.clone(), file: d.file.clone(), score: d.score.clone(), quotes, evidence }
}

fn quote(d: &DocResult, p: &Passage) -> Quote {
    Quote {
        page: p.page,
        line: p.line,
        source: d.source_at(p.line).to_string(),
        text: p.text.clone(),
        questions: p.questions.clone(),
        stance: p.stance.as_str(),
        rules: p.rules.clone(),
    }
}

/// The strongest passages: most rules, then most distinct terms, then earliest.
fn strongest<'a>(d: &DocResult, passages: impl Iterator<Item = &'a Passage>) -> Vec<Quote> {
    let mut ps: Vec<&Passage> = passages.collect();
    ps.sort_by(|a, b| {
        (b.rules.len(), b.terms.len()).cmp(&(a.rules.len(), a.terms.len())).then(a.sentence.cmp(&b.sentence))
    });
    ps.into_iter().take(QUOTES_PER_MIRROR).map(|p| quote(d, p)).collect()
}

/// A percentage the Dutch way: `3,42`.
pub fn pct_nl(x: f64) -> String {
    phrases::pct(x, Lang::Nl)
}

/// "Heiloo 2026", or a stand-in when place or year are unknown (Dutch).
pub fn group_title(g: &Group) -> String {
    phrases::group_title(g, Lang::Nl)
}

/// A file-name-safe identifier of a place: `heiloo-2026`, `onbekend` when unknown.
pub fn slug(place: &str, year: &str) -> String {
    let raw = format!("{place} {year}").to_lowercase();
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "onbekend".into() } else { out }
}

/// Where a quote stands, in Dutch: `p. 12`, or `tekst zonder paginanummers`.
pub fn page_label(page: u32) -> String {
    phrases::page_label(page, Lang::Nl)
}

/// Where a quote stands, to cite it, in Dutch (see [`phrases::quote_place`]).
pub fn quote_place(q: &Quote) -> String {
    phrases::quote_place(q, Lang::Nl)
}

/// How much of a party's text also stands in another programme of the run, in Dutch.
pub fn reuse_note(p: &PartyCard) -> Option<String> {
    phrases::reuse_note(p, Lang::Nl)
}

/// The sentence on an input left out of the ranking as a copy, in Dutch.
pub fn copy_note(party: &str, file: &str, original: &str) -> String {
    phrases::copy_note(party, file, original, Lang::Nl)
}

/// The method paragraph, in Dutch.
pub const METHOD_NL: &str = "Elk programma is in eenheden verdeeld: zinnen, en opsommingspunten of regels die \
los staan (tekst zonder punt wordt afgebroken aan het eind van een regel, bij een opsommingsteken of een kop). \
Een eenheid telt mee voor een spiegel van de Caleidoscoop als een trefwoordregel voor die spiegel erin voorkomt \
(regels in de map `keywords/`, opgesteld volgens het codeboek). Het percentage is het aandeel van alle woorden \
van het programma dat in zulke eenheden staat; elke eenheid telt één keer, ook als hij bij meer spiegels hoort. \
Herhaalde tekst (kop- en voetregels, menu's, knoppen, inhoudsopgaven) telt niet mee en een herhaalde zin telt \
één keer; hoeveel woorden zo opzij zijn gezet staat in `scores.csv` (set_aside_words). Twee bestanden met \
hetzelfde programma (een pdf en een tekstversie) tellen één keer in de ranglijst. \"Vragen\" telt hoeveel van \
de 15 spiegelvragen minstens één passende eenheid hebben. Het is een maat voor de ruimte die een programma aan \
het onderwerp geeft, niet voor de kwaliteit van de plannen. Elk getal is terug te voeren op de eenheden in \
`passages.csv`, met pagina (bij pdf's), regel (op de pagina of in het tekstbestand) en, waar het tekstbestand \
die noemt, de bron-URL.";

/// How the robustness of a ranking is judged, in Dutch.
pub const STABILITY_NL: &str = "Is de volgorde stevig? Voor elk paar partijen dat in de ranglijst naast elkaar \
staat, kijkt caleido op twee manieren of het verschil standhoudt. (1) Eén regel weglaten: het aandeel wordt \
opnieuw berekend zonder elk van de trefwoordregels die in deze plaats iets vonden, één voor één. (2) Bootstrap: \
de zinnen van elk programma worden 1.000 keer opnieuw getrokken (met teruglegging, met een vaste startwaarde, dus \
steeds dezelfde uitkomst); het 95%-interval naast elk aandeel loopt van de 2,5e tot de 97,5e percentiel. Een \
verschil heet duidelijk als de hoger geplaatste partij boven blijft, welke regel ook wordt weggelaten, én in \
minstens 97,5% van de trekkingen. Anders is het verschil te klein om te zeggen.";

/// One sentence on an adjacent pair of the ranking, in Dutch (see [`phrases::pair_sentence`]).
pub fn pair_sentence(g: &Group, p: &PairCheck) -> String {
    phrases::pair_sentence(g, p, Lang::Nl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(slug("Súdwest-Fryslân", "2026"), "súdwest-fryslân-2026");
        assert_eq!(slug("Den Haag", ""), "den-haag");
        assert_eq!(slug("", ""), "onbekend");
    }
}
