//! Which mirror or codebook question each dictionary category counts for: a mapping file
//! (`category=mirror[.question]` per line, or `category=skip`), `--category` flags, and the
//! names caleido's own export writes (`1.2`, `q1_2`, `mirror1`), which map themselves.

use super::Category;

/// Where a category goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A mirror, or one of its questions (`question` 1 to 3).
    Mirror {
        /// Mirror 1 to 5.
        mirror: u8,
        /// Question 1 to 3 of the mirror; `None`: all three.
        question: Option<u8>,
    },
    /// Left out on purpose (no warning).
    Skip,
}

/// The user's mappings, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    entries: Vec<(String, Target)>,
}

impl Mapping {
    /// Parses mapping lines (`name=4`, `name=4.1`, `name=skip`; blank lines and `#` comments
    /// are ignored); `origin` names the file in messages.
    pub fn parse(text: &str, origin: &str) -> Result<Mapping, String> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            entries.push(parse_line(line).map_err(|m| format!("{origin}:{}: {m}", i + 1))?);
        }
        Ok(Mapping { entries })
    }

    /// Adds the mappings of another source after these.
    pub fn extend(&mut self, other: Mapping) {
        self.entries.extend(other.entries);
    }

    /// The targets of a category: the user's mappings that name it, else those of its nearest
    /// parent key that is mapped (`steun=4` maps `steun/geld`), else the one its own name gives
    /// (caleido's export names), else none.
    pub fn targets(&self, cat: &Category) -> Vec<Target> {
        let mut out = self.named(|name| cat.names.iter().any(|n| n == name));
        let parents: Vec<&str> = cat.label.match_indices('/').map(|(i, _)| &cat.label[..i]).rev().collect();
        for parent in parents {
            if !out.is_empty() {
                break;
            }
            let dotted = parent.replace('/', ".");
            out = self.named(|name| name == parent || name == dotted);
        }
        if out.is_empty() {
            out.extend(cat.names.iter().find_map(|n| own_name(n)));
        }
        out
    }

    /// The targets of the mappings whose name `names_it` accepts, without repeats.
    fn named(&self, names_it: impl Fn(&str) -> bool) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        for (name, target) in &self.entries {
            if names_it(name) && !out.contains(target) {
                out.push(*target);
            }
        }
        out
    }
}

fn parse_line(line: &str) -> Result<(String, Target), String> {
    let Some((name, target)) = line.rsplit_once('=') else {
        return Err(format!("`{line}`: write category=mirror or category=mirror.question (such as inspraak=1.2)"));
    };
    let (name, target) = (name.trim(), target.trim());
    if name.is_empty() {
        return Err(format!("`{line}`: the category name is missing"));
    }
    let parsed = if target.eq_ignore_ascii_case("skip") { Some(Target::Skip) } else { question_target(target) };
    parsed
        .map(|t| (name.to_string(), t))
        .ok_or_else(|| format!("`{target}` is not a mirror (1 to 5), a question (such as 4.1) or `skip`"))
}

/// `4` or `4.1`.
fn question_target(s: &str) -> Option<Target> {
    let (m, q) = match s.split_once('.') {
        Some((m, q)) => (m, Some(q)),
        None => (s, None),
    };
    let mirror: u8 = m.parse().ok().filter(|m| (1..=5).contains(m))?;
    let question = match q {
        Some(q) => Some(q.parse::<u8>().ok().filter(|q| (1..=3).contains(q))?),
        None => None,
    };
    Some(Target::Mirror { mirror, question })
}

/// The target the names of caleido's export give: `1.2` (YAML), `q1_2` and `mirror1` (LIWC).
fn own_name(name: &str) -> Option<Target> {
    if let Some(t) = question_target(name).filter(|_| name.contains('.')) {
        return Some(t);
    }
    if let Some(q) = name.strip_prefix('q') {
        return question_target(&q.replace('_', ".")).filter(|_| q.contains('_'));
    }
    name.strip_prefix("mirror").and_then(question_target).filter(|t| matches!(t, Target::Mirror { question: None, .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(names: &[&str]) -> Category {
        Category { names: names.iter().map(|s| s.to_string()).collect(), label: names[0].into(), entries: Vec::new() }
    }

    #[test]
    fn lines_map_names_to_mirrors_questions_or_skip() {
        let m = Mapping::parse("# comment\nparticipatie = 1.2\nsteun=4\nfunct=skip\na=b=3\n", "map.txt").unwrap();
        let one = |n: u8, q: Option<u8>| vec![Target::Mirror { mirror: n, question: q }];
        assert_eq!(m.targets(&cat(&["participatie"])), one(1, Some(2)));
        assert_eq!(m.targets(&cat(&["steun"])), one(4, None));
        assert_eq!(m.targets(&cat(&["12", "funct"])), [Target::Skip]);
        assert_eq!(m.targets(&cat(&["a=b"])), one(3, None));
        assert!(m.targets(&cat(&["other"])).is_empty());
    }

    #[test]
    fn a_mapped_parent_key_maps_its_nested_categories() {
        let m = Mapping::parse("steun=4\nsteun/ruimte=4.3\nfunct.x=skip\n", "map.txt").unwrap();
        let nested = |label: &str| Category {
            names: vec![label.into(), label.replace('/', "."), label.rsplit('/').next().unwrap().into()],
            label: label.into(),
            entries: Vec::new(),
        };
        let one = |n: u8, q: Option<u8>| vec![Target::Mirror { mirror: n, question: q }];
        assert_eq!(m.targets(&nested("steun/geld")), one(4, None));
        assert_eq!(m.targets(&nested("steun/geld/deep")), one(4, None));
        assert_eq!(m.targets(&nested("steun/ruimte/deep")), one(4, Some(3)), "the nearest parent counts");
        assert_eq!(m.targets(&nested("funct/x/y")), [Target::Skip]);
        assert!(m.targets(&nested("steunpunt/geld")).is_empty(), "a parent is a whole key");
    }

    #[test]
    fn caleidos_export_names_map_themselves() {
        let m = Mapping::default();
        let one = |n: u8, q: Option<u8>| vec![Target::Mirror { mirror: n, question: q }];
        assert_eq!(m.targets(&cat(&["mirror 1: Wie?/1.2", "1.2"])), one(1, Some(2)));
        assert_eq!(m.targets(&cat(&["12", "q1_2"])), one(1, Some(2)));
        assert_eq!(m.targets(&cat(&["4", "mirror4"])), one(4, None));
        assert!(m.targets(&cat(&["7", "q7_1"])).is_empty());
        assert!(m.targets(&cat(&["4"])).is_empty(), "a bare number is a LIWC id, not a mirror");
    }

    #[test]
    fn bad_lines_are_named_with_their_line() {
        assert_eq!(
            Mapping::parse("a=1\nb=6\n", "map.txt").unwrap_err(),
            "map.txt:2: `6` is not a mirror (1 to 5), a question (such as 4.1) or `skip`"
        );
        assert!(Mapping::parse("zonder gelijkteken", "m").unwrap_err().contains("write category=mirror"));
    }
}
