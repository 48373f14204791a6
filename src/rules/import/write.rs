//! Writes imported rules as a rule folder: `ruleset.toml` (name, version, content hash, the
//! built-in stance and context cues) and one `mN-import.toml` per mirror.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::ImportedRule;
use crate::rules::RuleSet;
use crate::rules::source::RuleSource;

/// Writes the rules into `dir` (created when missing) as a rule set named `name`; `origin`
/// (the dictionary's file and format) goes into the files' first comment. Returns the files written.
pub fn write_folder(dir: &Path, name: &str, origin: &str, rules: &[ImportedRule]) -> Result<Vec<PathBuf>, String> {
    let builtin = RuleSet::builtin().map_err(|_| "the built-in rules do not load".to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let mut mirrors: Vec<u8> = rules.iter().map(|r| r.mirror).collect();
    mirrors.dedup();
    for m in mirrors {
        let title = builtin.titles.get(&m).cloned().unwrap_or_else(|| format!("Spiegel {m}"));
        let mine: Vec<&ImportedRule> = rules.iter().filter(|r| r.mirror == m).collect();
        let path = dir.join(format!("m{m}-import.toml"));
        write(&path, &mirror_file(m, &title, origin, &mine))?;
        written.push(path);
    }
    let meta = dir.join(crate::rules::load::META_FILE);
    write(&meta, &ruleset_file(name, origin, &builtin, "000000000000"))?;
    let hash = crate::rules::version::content_hash(&RuleSource::Dir(dir.to_path_buf()))
        .ok_or_else(|| format!("cannot read back {}", dir.display()))?;
    write(&meta, &ruleset_file(name, origin, &builtin, &hash))?;
    written.push(meta);
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A TOML basic string.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn mirror_file(mirror: u8, title: &str, origin: &str, rules: &[&ImportedRule]) -> String {
    let mut out =
        format!("# Imported from {origin} by `caleido rules import`.\nmirror = {mirror}\ntitle = {}\n", quote(title));
    for r in rules {
        let _ = write!(out, "\n[[rule]]\nid = {}\nquestions = {}\n", quote(&r.id), list(&r.questions));
        let _ = writeln!(out, "note = {}", quote(&format!("imported category {}", r.source)));
        out.push_str("terms = [\n");
        for t in &r.terms {
            let _ = writeln!(out, "    {},", quote(t));
        }
        out.push_str("]\n");
    }
    out
}

fn ruleset_file(name: &str, origin: &str, builtin: &RuleSet, hash: &str) -> String {
    let stance = &builtin.meta.stance;
    let mut out = format!(
        "# Imported from {origin} by `caleido rules import`. The stance and context cues are\n\
         # caleido's own (the dictionary has none). Raise the version when you change a rule file,\n\
         # and record the content_hash that `caleido rules check` then prints.\n"
    );
    let _ = writeln!(out, "name = {}\nversion = \"0.1.0\"\ncontent_hash = {}\n", quote(name), quote(hash));
    let _ = writeln!(out, "[stance]\ncontra = {}", list(&stance.contra));
    let _ = writeln!(out, "obstacles = {}\nbreaks = {}", list(&stance.obstacles), list(&stance.breaks));
    let _ = writeln!(out, "window = {}\n", stance.window);
    let _ = writeln!(out, "[context]\nrefers_back = {}", list(&builtin.meta.context.refers_back));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_for_toml() {
        assert_eq!(quote("a \"b\" \\ c\u{1}"), "\"a \\\"b\\\" \\\\ c\\u0001\"");
    }

    #[test]
    fn the_folder_loads_and_records_its_content_hash() {
        let dir = tempfile::tempdir().unwrap();
        let rule = ImportedRule {
            id: "m4.steun".into(),
            mirror: 4,
            questions: vec!["4.1".into()],
            terms: vec!["wijkbudget*".into(), "samen met inwoners".into()],
            source: "steun (2 entries)".into(),
        };
        write_folder(dir.path(), "import-test", "test.dic (LIWC)", &[rule]).unwrap();
        let source = RuleSource::Dir(dir.path().to_path_buf());
        let rules = RuleSet::load_source(&source).unwrap();
        assert_eq!(rules.rules.len(), 1);
        assert!(crate::rules::version::warnings(&rules, &source).is_empty());
    }
}
