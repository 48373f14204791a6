//! The five mirrors and their fifteen questions in short, in Dutch and English, after the codebook
//! (`CODEBOOK.md`); the workbook's definitions sheet and the HTML method section print them.

use super::options::Lang;

/// One codebook question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// `1.2`.
    pub id: &'static str,
    /// In Dutch.
    pub nl: &'static str,
    /// In English.
    pub en: &'static str,
}

impl Question {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.nl, self.en)
    }
}

/// English titles of the mirrors (the Dutch ones come from the rule files).
pub const TITLES_EN: [&str; 5] = [
    "Who makes the plans?",
    "Do you see it everywhere?",
    "Does the organisation move?",
    "Is there tangible support?",
    "Is there room for difference?",
];

const fn q(id: &'static str, nl: &'static str, en: &'static str) -> Question {
    Question { id, nl, en }
}

/// The questions of each mirror; index 0 is mirror 1.
pub const QUESTIONS: [[Question; 3]; 5] = [
    [
        q("1.1", "Dilemma's en lastige keuzes open delen met inwoners.", "Openly sharing dilemmas and hard choices."),
        q(
            "1.2",
            "Concrete afspraken over hoe inwoners meebesturen (inspraak, burgerberaad, referendum, wijkraad).",
            "Concrete agreements on how residents take part in governing (say, citizens' assembly, referendum).",
        ),
        q(
            "1.3",
            "Inwoners vertellen hun dromen en zorgen aan raad en college; programma's en evaluaties samen met inwoners.",
            "Residents tell council and executive their dreams and worries; plans and evaluations made with them.",
        ),
    ],
    [
        q(
            "2.1",
            "Alle beleidsvelden vertalen democratische vernieuwing naar beleid (overheidsparticipatie).",
            "Every policy field translates democratic renewal into policy (government participation).",
        ),
        q(
            "2.2",
            "Van sturen naar gelijkwaardig partnerschap met de samenleving.",
            "From top-down steering to an equal partnership with society.",
        ),
        q(
            "2.3",
            "Stelselmatig nagaan waar regels initiatieven hinderen (regeldruk, experimenteerruimte).",
            "Systematically checking where rules hinder initiatives (red tape, room to experiment).",
        ),
    ],
    [
        q(
            "3.1",
            "Een organisatie op het ritme van de samenleving (wijkgericht, gebiedsgericht werken).",
            "An organisation following society's rhythm (neighbourhood-based working).",
        ),
        q(
            "3.2",
            "Politici en ambtenaren zichtbaar in de wijk (wijkwethouder, gebiedsmakelaar).",
            "Politicians and civil servants visible in the neighbourhood.",
        ),
        q(
            "3.3",
            "Ambtenaren die initiatieven respectvol en dienstbaar behandelen (één aanspreekpunt).",
            "Civil servants who treat initiatives respectfully (one point of contact).",
        ),
    ],
    [
        q(
            "4.1",
            "Geld, ruimte en ondersteuning voor initiatieven (wijkbudget, initiatievenfonds, buurthuis).",
            "Money, space and support for initiatives (neighbourhood budget, initiative fund, community centre).",
        ),
        q(
            "4.2",
            "Structureel geld in plaats van incidentele steun.",
            "Structural budgets instead of incidental support.",
        ),
        q(
            "4.3",
            "Bijzondere rechten voor initiatieven (uitdaagrecht, buurtrecht, zelfbeheer).",
            "Special rights for initiatives (right to challenge, community rights, self-management).",
        ),
    ],
    [
        q(
            "5.1",
            "Initiatieven durven belonen en vertrouwen, ook als dat op voortrekken lijkt.",
            "Daring to reward and trust initiatives, even if it looks like favouritism.",
        ),
        q(
            "5.2",
            "Aanvaarden dat beleid per wijk of kern anders uitpakt (maatwerk, wijkplannen).",
            "Accepting that policy differs per neighbourhood or village (tailored plans).",
        ),
        q(
            "5.3",
            "Initiatieven als gelijkwaardig erkennen, ook bij spanning met gemeentelijk beleid.",
            "Recognising initiatives as equals, also when they clash with municipal policy.",
        ),
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifteen_questions_numbered_by_mirror() {
        for (m, qs) in QUESTIONS.iter().enumerate() {
            for (i, q) in qs.iter().enumerate() {
                assert_eq!(q.id, format!("{}.{}", m + 1, i + 1));
                assert!(!q.text(Lang::Nl).is_empty() && !q.text(Lang::En).is_empty());
            }
        }
    }
}
