//! Where a rule set comes from: the `keywords/` folder built into the binary, or a folder
//! given with `--rules DIR`. Both are read the same way, file by file.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The folder name built-in files are shown under in messages: `keywords/m1-....toml`.
pub const BUILTIN_DIR: &str = "keywords";

/// A rule set's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSource {
    /// The `keywords/` folder as it was when the binary was built.
    Builtin,
    /// A rule folder on disk.
    Dir(PathBuf),
}

/// One rule file as read: the path shown in messages, its file name, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Shown in messages: `keywords/m1.toml` (built in) or the file's path on disk.
    pub path: PathBuf,
    /// The file name, which the rule set's hash covers.
    pub name: String,
    /// The text, or why it could not be read.
    pub text: Result<String, String>,
}

impl RuleSource {
    /// `--rules DIR` when given, else the built-in rules.
    pub fn from_arg(dir: Option<&Path>) -> RuleSource {
        dir.map_or(RuleSource::Builtin, |d| RuleSource::Dir(d.to_path_buf()))
    }

    /// The folder as shown in messages: `keywords (built in)` or the path.
    pub fn describe(&self) -> String {
        match self {
            RuleSource::Builtin => format!("{BUILTIN_DIR} (built in)"),
            RuleSource::Dir(d) => d.display().to_string(),
        }
    }

    /// The folder that messages about the whole rule set name.
    pub fn root(&self) -> PathBuf {
        match self {
            RuleSource::Builtin => PathBuf::from(BUILTIN_DIR),
            RuleSource::Dir(d) => d.clone(),
        }
    }

    /// The `.toml` files directly in the folder, sorted by name.
    pub fn toml_files(&self) -> Result<Vec<SourceFile>, String> {
        match self {
            RuleSource::Builtin => Ok(builtin_files()
                .iter()
                .filter(|(rel, _)| !rel.contains('/') && rel.ends_with(".toml"))
                .map(|(rel, bytes)| SourceFile {
                    path: Path::new(BUILTIN_DIR).join(rel),
                    name: (*rel).to_string(),
                    text: String::from_utf8(bytes.to_vec()).map_err(|e| format!("cannot read: {e}")),
                })
                .collect()),
            RuleSource::Dir(dir) => dir_toml_files(dir),
        }
    }

    /// Any other file of the rule set by its path relative to the folder (such as a table shipped
    /// beside the rules), or `None` when it is not there.
    pub fn read(&self, relative: &str) -> Option<Vec<u8>> {
        match self {
            RuleSource::Builtin => builtin_file(relative).map(<[u8]>::to_vec),
            RuleSource::Dir(d) => std::fs::read(d.join(relative)).ok(),
        }
    }
}

/// Every file of the built-in `keywords/` folder: (path relative to it with `/`, bytes), by path.
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    BUILTIN_FILES
}

/// One file of the built-in `keywords/` folder by its relative path (`ruleset.toml`).
pub fn builtin_file(relative: &str) -> Option<&'static [u8]> {
    BUILTIN_FILES.iter().find(|(rel, _)| *rel == relative).map(|(_, bytes)| *bytes)
}

fn dir_toml_files(dir: &Path) -> Result<Vec<SourceFile>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read rule folder: {e}"))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| SourceFile {
            name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(&path).map_err(|e| format!("cannot read: {e}")),
            path,
        })
        .collect())
}

/// Writes the built-in `keywords/` folder into `dir` to edit (created when missing), and returns
/// the paths written. Refuses a folder that holds anything unless `force`; then the `.toml`
/// files directly in it are removed first (a rule file left over would join the rule set), and
/// other files are left alone.
pub fn dump(dir: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    let present: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    if !present.is_empty() && !force {
        return Err(format!(
            "{} is not empty; choose a new folder, or add --force to replace the rule files (.toml) in it",
            dir.display()
        ));
    }
    for p in present.iter().filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file()) {
        std::fs::remove_file(p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
    }
    let mut written = Vec::new();
    for (rel, bytes) in builtin_files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_folder_holds_the_rule_set_file() {
        assert!(builtin_file("ruleset.toml").is_some());
        let files = RuleSource::Builtin.toml_files().unwrap();
        assert!(files.iter().any(|f| f.path == Path::new("keywords/ruleset.toml")));
        assert!(files.windows(2).all(|w| w[0].name < w[1].name), "sorted by name");
    }

    #[test]
    fn the_builtin_files_are_the_shipped_keywords_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("keywords");
        for (rel, bytes) in builtin_files() {
            assert_eq!(std::fs::read(dir.join(rel)).unwrap(), *bytes, "{rel}");
        }
    }

    #[test]
    fn dump_refuses_a_folder_with_files_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.txt"), "x").unwrap();
        std::fs::write(dir.path().join("m9-old.toml"), "x").unwrap();
        assert!(dump(dir.path(), false).unwrap_err().contains("not empty"));
        let written = dump(dir.path(), true).unwrap();
        assert_eq!(written.len(), builtin_files().len());
        assert_eq!(std::fs::read_to_string(dir.path().join("mine.txt")).unwrap(), "x");
        assert!(!dir.path().join("m9-old.toml").exists(), "a left-over rule file is removed");
    }
}
