//! Has the rule set changed without a new version? `ruleset.toml` records a `content_hash`: a
//! fingerprint of the rule files (and the party alias table `partijen.csv`) apart from the
//! `version` and `content_hash` lines. When the files
//! no longer give it, someone edited the rules; the reports would print the old version beside
//! figures from new rules, so `rules check` warns and says what to write.

use super::load::META_FILE;
use super::source::RuleSource;
use super::{RuleSet, hash_files};

/// The content hash of a rule set's files (12 hex digits), or `None` when they cannot be read.
/// `ruleset.toml` counts without its top-level `version` and `content_hash` lines, so
/// recording a new version and hash does not change it.
pub fn content_hash(source: &RuleSource) -> Option<String> {
    let files = source.toml_files().ok()?;
    let mut out = Vec::new();
    for f in files {
        let text = f.text.ok()?;
        let text = if f.name == META_FILE { without_stamp(&text) } else { text };
        out.push((f.name, text.into_bytes()));
    }
    if let Some(bytes) = source.read(super::parties::PARTIES_FILE) {
        out.push((super::parties::PARTIES_FILE.to_string(), bytes));
    }
    Some(hash_files(&out))
}

/// `ruleset.toml` without the lines that set `version` or `content_hash` before the first table.
fn without_stamp(text: &str) -> String {
    let mut in_table = false;
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        in_table |= t.starts_with('[');
        let key = t.split('=').next().unwrap_or("").trim();
        if !in_table && t.contains('=') && matches!(key, "version" | "content_hash") {
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Warnings about the rule set's version, for `rules check` (empty when all is well):
/// files changed since the recorded `content_hash`, no hash recorded, or else a folder that
/// differs from the built-in rules under the built-in rules' version.
pub fn warnings(rules: &RuleSet, source: &RuleSource) -> Vec<String> {
    let Some(now) = content_hash(source) else { return Vec::new() };
    let file = rules.meta.file.display();
    let version = &rules.meta.version;
    let mut out = Vec::new();
    match rules.meta.content_hash.as_deref() {
        Some(recorded) if recorded == now => {}
        Some(recorded) => out.push(format!(
            "{file}: warning: the rule files changed since content_hash {recorded} was recorded for version \
             {version}: give the rule set a new version (`version = \"...\"`) and record `content_hash = \"{now}\"`"
        )),
        None => out.push(format!(
            "{file}: warning: no content_hash recorded for version {version}: add `content_hash = \"{now}\"`, so \
             a later check sees when the rules change without a new version"
        )),
    }
    if out.is_empty()
        && *source != RuleSource::Builtin
        && let Ok(builtin) = RuleSet::builtin()
        && builtin.meta.name == rules.meta.name
        && builtin.meta.version == *version
        && content_hash(&RuleSource::Builtin).is_some_and(|b| b != now)
    {
        out.push(format!(
            "{file}: warning: version {version} is the version of the built-in rules, but these rules differ from \
             them: give them a version of their own (such as `{version}-1`), so reports can tell them apart"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_lines_do_not_count() {
        let a = "name = \"x\"\nversion = \"1\"\ncontent_hash = \"abc\"\n[stance]\nwindow = 4\n";
        assert_eq!(without_stamp(a), "name = \"x\"\n[stance]\nwindow = 4\n");
        let in_table = "name = \"x\"\n[other]\nversion = \"2\"\n";
        assert_eq!(without_stamp(in_table), in_table);
    }

    #[test]
    fn the_shipped_rules_record_their_content_hash() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let now = content_hash(&RuleSource::Builtin).unwrap();
        assert_eq!(
            rules.meta.content_hash.as_deref(),
            Some(now.as_str()),
            "keywords/ changed: raise `version` in keywords/ruleset.toml and set content_hash = \"{now}\""
        );
        assert!(warnings(&rules, &RuleSource::Builtin).is_empty());
    }

    #[test]
    fn an_edit_without_a_new_version_is_named() {
        let dir = tempfile::tempdir().unwrap();
        crate::rules::source::dump(dir.path(), false).unwrap();
        let source = RuleSource::Dir(dir.path().to_path_buf());
        let rules = RuleSet::load_source(&source).unwrap();
        assert!(warnings(&rules, &source).is_empty(), "a fresh dump is clean");
        let m5 = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("m5-"))
            .unwrap();
        let text = std::fs::read_to_string(&m5).unwrap();
        std::fs::write(&m5, format!("{text}\n# een opmerking\n")).unwrap();
        let rules = RuleSet::load_source(&source).unwrap();
        let w = warnings(&rules, &source);
        assert!(w.len() == 1 && w[0].contains("changed since content_hash"), "{w:#?}");
        let now = content_hash(&source).unwrap();
        let meta = dir.path().join(META_FILE);
        let stamped = std::fs::read_to_string(&meta).unwrap();
        let stamped = stamped.replace(rules.meta.content_hash.as_deref().unwrap(), &now);
        std::fs::write(&meta, &stamped).unwrap();
        let rules = RuleSet::load_source(&source).unwrap();
        let w = warnings(&rules, &source);
        assert!(w.len() == 1 && w[0].contains("is the version of the built-in rules"), "{w:#?}");
        let version = format!("version = \"{}\"", rules.meta.version);
        std::fs::write(&meta, stamped.replace(&version, "version = \"0.2.0-heiloo\"")).unwrap();
        let rules = RuleSet::load_source(&source).unwrap();
        assert!(warnings(&rules, &source).is_empty());
    }
}
