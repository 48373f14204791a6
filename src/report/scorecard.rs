//! The scorecard's content, shared by the Markdown and HTML renderers: places, parties, quotes.

use std::collections::BTreeMap;

use crate::model::{DocResult, DocScore, Passage};
use crate::run::RunSummary;

/// Quotes shown per party and mirror.
pub const QUOTES_PER_MIRROR: usize = 3;

/// A quote that backs a figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Page (0 for text without pages).
    pub page: u32,
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
}

impl Scorecard {
    /// Builds the scorecard from a run.
    pub fn build(summary: &RunSummary) -> Scorecard {
        let mut groups: BTreeMap<(String, String), Vec<PartyCard>> = BTreeMap::new();
        let mut failed = Vec::new();
        for d in &summary.docs {
            if d.status.is_ok() {
                groups.entry((d.meta.place.clone(), d.meta.year.clone())).or_default().push(card(d));
            } else {
                failed.push((d.file.clone(), d.status.label()));
            }
        }
        let groups = groups
            .into_iter()
            .map(|((place, year), mut parties)| {
                parties.sort_by(|a, b| {
                    b.score.initiative_pct.total_cmp(&a.score.initiative_pct).then_with(|| a.party.cmp(&b.party))
                });
                Group { place, year, parties }
            })
            .collect();
        Scorecard {
            version: crate::VERSION.to_string(),
            rules_label: summary.rules_label.clone(),
            titles: summary.titles.clone(),
            groups,
            failed,
        }
    }
}

fn card(d: &DocResult) -> PartyCard {
    let quotes = (1..=5u8).map(|m| strongest(d.passages.iter().filter(|p| p.mirror == m))).collect();
    PartyCard { party: d.meta.party.clone(), file: d.file.clone(), score: d.score.clone(), quotes }
}

/// The strongest passages: most rules, then most distinct terms, then earliest.
fn strongest<'a>(passages: impl Iterator<Item = &'a Passage>) -> Vec<Quote> {
    let mut ps: Vec<&Passage> = passages.collect();
    ps.sort_by(|a, b| {
        (b.rules.len(), b.terms.len()).cmp(&(a.rules.len(), a.terms.len())).then(a.sentence.cmp(&b.sentence))
    });
    ps.into_iter()
        .take(QUOTES_PER_MIRROR)
        .map(|p| Quote {
            page: p.page,
            text: p.text.clone(),
            questions: p.questions.clone(),
            stance: p.stance.as_str(),
            rules: p.rules.clone(),
        })
        .collect()
}

/// A percentage the Dutch way: `3,42`.
pub fn pct_nl(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// "Heiloo 2026", or a stand-in when place or year are unknown.
pub fn group_title(g: &Group) -> String {
    match (g.place.is_empty(), g.year.is_empty()) {
        (true, true) => "Plaats en jaar onbekend".into(),
        (false, true) => g.place.clone(),
        (true, false) => format!("Verkiezingen {}", g.year),
        (false, false) => format!("{} {}", g.place, g.year),
    }
}

/// Where a quote stands: `p. 12`, or `webtekst` for text without pages.
pub fn page_label(page: u32) -> String {
    if page == 0 { "tekst zonder paginanummers".into() } else { format!("p. {page}") }
}

/// The method paragraph, in Dutch.
pub const METHOD_NL: &str = "Elk programma is in zinnen verdeeld. Een zin telt mee voor een spiegel van de \
Caleidoscoop als een trefwoordregel voor die spiegel erin voorkomt (regels in de map `keywords/`, opgesteld \
volgens het codeboek). Het percentage is het aandeel van alle woorden van het programma dat in zulke zinnen \
staat; elke zin telt één keer, ook als hij bij meer spiegels hoort. \"Vragen\" telt hoeveel van de 15 \
spiegelvragen minstens één passende zin hebben. Het is een maat voor de ruimte die een programma aan het \
onderwerp geeft, niet voor de kwaliteit van de plannen. Elk getal is terug te voeren op de zinnen in \
`passages.csv`, met pagina en regel.";
