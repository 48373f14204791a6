//! Reads the rule folder: TOML files to checked rule definitions, with every error at once.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::lists::{self, Lists};
use super::pattern::{self, Pattern};
use super::source::RuleSource;

/// A problem in the rule folder, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file or folder.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// A rule as written, checked, with its terms parsed.
#[derive(Debug, Clone)]
pub struct RuleDef {
    /// Unique id, such as `m4.wijkbudget`.
    pub id: String,
    /// Mirror 1 to 5.
    pub mirror: u8,
    /// Codebook questions, such as `4.1`.
    pub questions: Vec<String>,
    /// Terms of which any one makes the rule fire.
    pub terms: Vec<Located<Pattern>>,
    /// Terms whose words do not count as a match (`initiatiefvoorstel`).
    pub except: Vec<Located<Pattern>>,
    /// Terms that stop the rule for the whole sentence.
    pub unless: Vec<Located<Pattern>>,
    /// A heading matched by this rule lends its mirror to the sentences below it that no rule reads.
    pub lend_to_section: bool,
    /// When not empty, the rule fires only in sentences whose heading matches one of these terms.
    pub under_heading: Vec<Located<Pattern>>,
    /// The rule fires only in a sentence next to one that another rule of its mirror matched.
    pub beside_match: bool,
    /// The rule fires only on headings: its terms name a section's subject, not a sentence's.
    pub heading_only: bool,
    /// Sentences the rule must match.
    pub examples: Vec<Located<String>>,
    /// Sentences the rule must not match.
    pub counterexamples: Vec<Located<String>>,
    /// Where the rule stands.
    pub file: PathBuf,
    /// Line of the rule's `[[rule]]` header.
    pub line: usize,
}

/// A value with the text it came from and its line.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The parsed value.
    pub value: T,
    /// The text as written in the rule file.
    pub source: String,
    /// 1-based line in the rule file.
    pub line: usize,
}

/// Settings of the whole rule set, from `ruleset.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetMeta {
    /// Name of the rule set.
    pub name: String,
    /// Version that reports print beside every figure.
    pub version: String,
    /// Cues that mark a rejection near a match.
    #[serde(default)]
    pub stance: StanceCues,
    /// Words that make a sentence read on from the one before it.
    #[serde(default)]
    pub context: ContextCues,
    /// `unless` terms that a sentence naming residents or civil society lifts.
    #[serde(default)]
    pub lift: LiftCues,
    /// The content hash recorded for `version` (see [`super::version`]); `rules check` warns
    /// when the rule files no longer give it.
    #[serde(default)]
    pub content_hash: Option<String>,
    /// Where `ruleset.toml` stands, for messages.
    #[serde(skip)]
    pub file: PathBuf,
    /// The line of each stance example, in the order of `contra_examples`, then `pro_examples`.
    #[serde(skip)]
    pub example_lines: Vec<usize>,
}

/// Words at the start of a sentence that refer back to the sentence before it
/// (`Deze organisaties ...`, `Daarom ...`): such a sentence is also matched together
/// with that sentence, as a coder reads it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextCues {
    /// First words (folded, as the rules see them) that refer back.
    #[serde(default)]
    pub refers_back: Vec<String>,
    /// A heading lends its mirror (`lend_to_section`) only to a section of at most this many
    /// sentences: a longer one is a chapter, whose sentences coders code by what they say.
    /// `None` (not set): no limit.
    #[serde(default)]
    pub lend_max_sentences: Option<usize>,
}

/// The codebook's "Do NOT code" for entrepreneurs' initiatives holds "unless they are
/// residents' or civil-society initiatives": an `unless` term of a rule written exactly as one
/// of `unless` here does not stop the rule in a sentence that also holds one of `by`
/// ("... helpt inwoners, ondernemers en organisaties bij het realiseren van hun ideeën").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiftCues {
    /// `unless` terms, as the rules write them, that a word of `by` lifts.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Words of residents and civil society, in the rule term language.
    #[serde(default)]
    pub by: Vec<String>,
}

impl LiftCues {
    /// The `unless` terms of the table that no rule's `unless` list writes the same way: they
    /// lift nothing (terms are compared as written).
    pub fn unused(&self, rules: &[RuleDef]) -> Vec<&str> {
        let used = |t: &String| rules.iter().any(|r| r.unless.iter().any(|u| &u.source == t));
        self.unless.iter().filter(|t| !used(t)).map(String::as_str).collect()
    }
}

/// Words that turn a match's stance to `contra`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceCues {
    /// Rejection cues, in the rule term language (`geen`, `afschaf*`, `stoppen met`).
    #[serde(default)]
    pub contra: Vec<String>,
    /// Obstacle words (`regels`, `bureaucratie`): a cue within `window` words of one of these
    /// rejects the obstacle, not the initiative, and does not count.
    #[serde(default)]
    pub obstacles: Vec<String>,
    /// Words that end a clause (`maar`): a cue does not reach a match on the other side
    /// of one ("Geen vinkjes, maar echte inbreng").
    #[serde(default)]
    pub breaks: Vec<String>,
    /// How many words before or after a match a cue may stand.
    #[serde(default = "default_window")]
    pub window: usize,
    /// Sentences in which a rule must fire with stance `contra` (`rules check` runs them).
    #[serde(default)]
    pub contra_examples: Vec<String>,
    /// Sentences in which a rule must fire with stance `pro` only.
    #[serde(default)]
    pub pro_examples: Vec<String>,
}

fn default_window() -> usize {
    4
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    mirror: Spanned<u8>,
    title: String,
    /// Word lists that `@name` in a term stands for.
    #[serde(default)]
    lists: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    questions: Spanned<Vec<String>>,
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default)]
    lend_to_section: bool,
    #[serde(default)]
    under_heading: Vec<Spanned<String>>,
    #[serde(default)]
    beside_match: bool,
    #[serde(default)]
    heading_only: bool,
    #[serde(default)]
    examples: Vec<Spanned<String>>,
    #[serde(default)]
    counterexamples: Vec<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// What the loader read from a rule folder.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Settings from `ruleset.toml`.
    pub meta: RuleSetMeta,
    /// Mirror titles by mirror number.
    pub titles: BTreeMap<u8, String>,
    /// All rules, in file and then line order.
    pub rules: Vec<RuleDef>,
    /// Every file read, with its bytes, for the rule set's hash.
    pub files: Vec<(String, Vec<u8>)>,
    /// The party alias table (`partijen.csv`), empty when the folder has none.
    pub parties: super::parties::PartyAliases,
}

/// The file that holds the rule set's name, version and stance cues.
pub const META_FILE: &str = "ruleset.toml";

/// Reads and checks every `.toml` file in `dir`; returns all problems found.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<RuleError>> {
    load_source(&RuleSource::Dir(dir.to_path_buf()))
}

/// Reads and checks every `.toml` file of a rule set (a folder, or the built-in one); returns
/// all problems found, each with its file (`keywords/m1.toml` for a built-in file) and line.
pub fn load_source(source: &RuleSource) -> Result<Loaded, Vec<RuleError>> {
    let mut errors = Vec::new();
    let err = |line, message: String| RuleError { file: source.root(), line, message };
    let sources = source.toml_files().map_err(|m| vec![err(0, m)])?;
    let mut meta = None;
    let mut titles = BTreeMap::new();
    let mut rules = Vec::new();
    let mut files = Vec::new();
    for file in &sources {
        let path = &file.path;
        let text = match &file.text {
            Ok(t) => t,
            Err(m) => {
                errors.push(RuleError { file: path.clone(), line: 0, message: m.clone() });
                continue;
            }
        };
        files.push((file.name.clone(), text.clone().into_bytes()));
        if file.name == META_FILE {
            meta = parse_meta(path, text, &mut errors);
        } else if let Some((mirror, title, defs)) = parse_file(path, text, &mut errors) {
            if titles.insert(mirror, title).is_some() {
                errors.push(RuleError {
                    file: path.clone(),
                    line: 1,
                    message: format!("mirror {mirror} is defined by another file too"),
                });
            }
            rules.extend(defs);
        }
    }
    if meta.is_none() && !sources.iter().any(|f| f.name == META_FILE) {
        errors.push(err(0, format!("missing {META_FILE} (name, version and stance cues)")));
    }
    check_unique_ids(&rules, &mut errors);
    let parties = read_parties(source, &mut files, &mut errors);
    if sources.is_empty() {
        errors.push(err(0, "no .toml rule files in this folder".into()));
    }
    match (errors.is_empty(), meta) {
        (true, Some(meta)) => Ok(Loaded { meta, titles, rules, files, parties }),
        _ => Err(errors),
    }
}

/// Reads the rule set's party alias table when it has one; its bytes join the hashed files.
fn read_parties(
    source: &RuleSource,
    files: &mut Vec<(String, Vec<u8>)>,
    errors: &mut Vec<RuleError>,
) -> super::parties::PartyAliases {
    let name = super::parties::PARTIES_FILE;
    let Some(bytes) = source.read(name) else { return Default::default() };
    let parsed = super::parties::PartyAliases::parse(&source.root().join(name), &bytes);
    files.push((super::parties::PARTIES_FILE.to_string(), bytes));
    parsed.unwrap_or_else(|e| {
        errors.extend(e);
        Default::default()
    })
}

/// Parses and checks one mirror's rule file given as text (`name` appears in error messages):
/// its mirror number, title and rules, or every problem found. For tests and fuzzing.
pub fn parse_rule_file(name: &str, text: &str) -> Result<(u8, String, Vec<RuleDef>), Vec<RuleError>> {
    let mut errors = Vec::new();
    match parse_file(Path::new(name), text, &mut errors) {
        Some(parsed) if errors.is_empty() => Ok(parsed),
        _ => Err(errors),
    }
}

/// Converts a byte offset in `text` to a 1-based line number.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> RuleError {
    let line = e.span().map_or(0, |s| line_of(text, s.start));
    let message = e.message().trim().to_string();
    RuleError { file: path.to_path_buf(), line, message }
}

fn parse_meta(path: &Path, text: &str, errors: &mut Vec<RuleError>) -> Option<RuleSetMeta> {
    let mut meta: RuleSetMeta = toml::from_str(text).map_err(|e| errors.push(toml_error(path, text, &e))).ok()?;
    meta.file = path.to_path_buf();
    let examples = meta.stance.contra_examples.iter().chain(&meta.stance.pro_examples);
    meta.example_lines = examples.map(|x| text.find(&format!("\"{x}\"")).map_or(0, |at| line_of(text, at))).collect();
    let cues = meta.stance.contra.iter().map(|c| ("stance contra", c));
    let others = meta
        .stance
        .obstacles
        .iter()
        .map(|c| ("stance obstacles", c))
        .chain(meta.stance.breaks.iter().map(|c| ("stance breaks", c)));
    let lift = meta.lift.unless.iter().map(|c| ("lift unless", c)).chain(meta.lift.by.iter().map(|c| ("lift by", c)));
    for (field, cue) in cues.chain(others).chain(lift) {
        if let Err(m) = pattern::parse(cue) {
            let line = text.find(&format!("\"{cue}\"")).map_or(0, |at| line_of(text, at));
            errors.push(RuleError { file: path.to_path_buf(), line, message: format!("{field}: {m}") });
        }
    }
    Some(meta)
}

fn parse_file(path: &Path, text: &str, errors: &mut Vec<RuleError>) -> Option<(u8, String, Vec<RuleDef>)> {
    let raw: RawFile = toml::from_str(text).map_err(|e| errors.push(toml_error(path, text, &e))).ok()?;
    let mirror = *raw.mirror.get_ref();
    if !(1..=5).contains(&mirror) {
        let line = line_of(text, raw.mirror.span().start);
        errors.push(RuleError {
            file: path.to_path_buf(),
            line,
            message: format!("mirror must be 1 to 5, not {mirror}"),
        });
        return None;
    }
    let mut ctx = FileCtx { path, text, mirror, lists: Lists::new() };
    ctx.lists = ctx.read_lists(raw.lists, errors);
    let defs = raw.rule.into_iter().filter_map(|r| ctx.rule(r, errors)).collect();
    Some((mirror, raw.title, defs))
}

struct FileCtx<'a> {
    path: &'a Path,
    text: &'a str,
    mirror: u8,
    lists: Lists,
}

impl FileCtx<'_> {
    fn error(&self, line: usize, message: String) -> RuleError {
        RuleError { file: self.path.to_path_buf(), line, message }
    }

    fn line<T>(&self, s: &Spanned<T>) -> usize {
        line_of(self.text, s.span().start)
    }

    fn rule(&self, spanned: Spanned<RawRule>, errors: &mut Vec<RuleError>) -> Option<RuleDef> {
        let line = self.line(&spanned);
        let raw = spanned.into_inner();
        let before = errors.len();
        let id = raw.id.get_ref().clone();
        if !is_valid_id(&id) {
            errors.push(
                self.error(self.line(&raw.id), format!("id `{id}`: use lower-case letters, digits, `.`, `-` and `_`")),
            );
        }
        self.check_questions(&raw.questions, errors);
        if raw.terms.is_empty() {
            errors.push(self.error(line, format!("rule `{id}` has no terms")));
        }
        let terms = self.patterns(&raw.terms, "terms", errors);
        let except = self.patterns(&raw.except, "except", errors);
        let unless = self.patterns(&raw.unless, "unless", errors);
        let under_heading = self.patterns(&raw.under_heading, "under_heading", errors);
        if raw.heading_only && raw.beside_match {
            errors.push(self.error(
                line,
                format!(
                    "rule `{id}`: `heading_only` and `beside_match` exclude each other (a heading has no neighbours)"
                ),
            ));
        }
        if errors.len() > before {
            return None;
        }
        Some(RuleDef {
            id,
            mirror: self.mirror,
            questions: raw.questions.into_inner(),
            terms,
            except,
            unless,
            lend_to_section: raw.lend_to_section,
            under_heading,
            beside_match: raw.beside_match,
            heading_only: raw.heading_only,
            examples: self.texts(raw.examples),
            counterexamples: self.texts(raw.counterexamples),
            file: self.path.to_path_buf(),
            line,
        })
    }

    fn check_questions(&self, questions: &Spanned<Vec<String>>, errors: &mut Vec<RuleError>) {
        let line = self.line(questions);
        if questions.get_ref().is_empty() {
            errors.push(self.error(line, "questions must name at least one codebook question".into()));
        }
        for q in questions.get_ref() {
            let ok =
                q.split_once('.').is_some_and(|(m, n)| m == self.mirror.to_string() && matches!(n, "1" | "2" | "3"));
            if !ok {
                errors.push(self.error(
                    line,
                    format!("question `{q}` is not one of {0}.1, {0}.2, {0}.3 (this file is mirror {0})", self.mirror),
                ));
            }
        }
    }

    /// The file's `[lists]`, each entry checked; problems go to `errors` with their line.
    fn read_lists(&self, raw: BTreeMap<Spanned<String>, Vec<Spanned<String>>>, errors: &mut Vec<RuleError>) -> Lists {
        let mut out = Lists::new();
        for (name, entries) in raw {
            let line = self.line(&name);
            let name = name.into_inner();
            if !lists::is_valid_name(&name) {
                errors.push(self.error(line, format!("list `{name}`: use lower-case letters, digits, `-` and `_`")));
            }
            if entries.is_empty() {
                errors.push(self.error(line, format!("list `{name}` is empty")));
            }
            for e in &entries {
                if let Err(m) = lists::check_entry(e.get_ref()).and_then(|()| pattern::parse(e.get_ref()).map(drop)) {
                    errors.push(self.error(self.line(e), format!("list `{name}`: {m}")));
                }
            }
            out.insert(name, entries.into_iter().map(Spanned::into_inner).collect());
        }
        out
    }

    /// Parses a field's terms, each `@list` expanded; every expanded term keeps its line.
    fn patterns(&self, raw: &[Spanned<String>], field: &str, errors: &mut Vec<RuleError>) -> Vec<Located<Pattern>> {
        let mut out = Vec::new();
        for s in raw {
            let line = self.line(s);
            let expanded = match lists::expand(s.get_ref(), &self.lists) {
                Ok(terms) => terms,
                Err(m) => {
                    errors.push(self.error(line, format!("{field}: {m}")));
                    continue;
                }
            };
            for source in expanded {
                match pattern::parse(&source) {
                    Ok(value) => out.push(Located { value, source, line }),
                    Err(m) => errors.push(self.error(line, format!("{field}: {m}"))),
                }
            }
        }
        out
    }

    fn texts(&self, raw: Vec<Spanned<String>>) -> Vec<Located<String>> {
        raw.into_iter()
            .map(|s| {
                let line = self.line(&s);
                let value = s.into_inner();
                Located { source: value.clone(), value, line }
            })
            .collect()
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

fn check_unique_ids(rules: &[RuleDef], errors: &mut Vec<RuleError>) {
    let mut seen: BTreeMap<&str, &RuleDef> = BTreeMap::new();
    for r in rules {
        if let Some(first) = seen.insert(&r.id, r) {
            errors.push(RuleError {
                file: r.file.clone(),
                line: r.line,
                message: format!("rule id `{}` is used twice (also {}:{})", r.id, first.file.display(), first.line),
            });
        }
    }
}

#[cfg(test)]
mod parse_rule_file_tests {
    use super::*;

    #[test]
    fn a_rule_file_parses_from_a_string() {
        let text = "mirror = 4\ntitle = \"Steun\"\n[[rule]]\nid = \"budget\"\nquestions = [\"4.1\"]\nterms = [\"wijkbudget\"]\n";
        let (mirror, title, rules) = parse_rule_file("m4.toml", text).unwrap();
        assert_eq!((mirror, title.as_str(), rules.len()), (4, "Steun", 1));
    }

    #[test]
    fn a_list_expands_in_terms_and_its_errors_have_lines() {
        let text = "mirror = 2\ntitle = \"t\"\n[lists]\nlast = [\"regels\", \"rompslomp\"]\nwie = [\"vrijwilligers\"]\n\
                    [[rule]]\nid = \"r\"\nquestions = [\"2.3\"]\nterms = [\"@last NEAR/8 @wie\"]\n";
        let (_, _, rules) = parse_rule_file("m2.toml", text).unwrap();
        let sources: Vec<&str> = rules[0].terms.iter().map(|t| t.source.as_str()).collect();
        assert_eq!(sources, ["regels NEAR/8 vrijwilligers", "rompslomp NEAR/8 vrijwilligers"]);
        assert!(rules[0].terms.iter().all(|t| t.line == 9));
        let bad = text.replace("@wie\"]", "@wij\"]").replace("\"vrijwilligers\"]", "\"a NEAR/2 b\"]");
        let errors = parse_rule_file("m2.toml", &bad).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 9], "{errors:?}");
    }

    #[test]
    fn problems_come_back_with_their_line() {
        let errors = parse_rule_file("m9.toml", "mirror = 9\ntitle = \"x\"\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
        assert!(parse_rule_file("bad.toml", "mirror = [").is_err());
    }
}
