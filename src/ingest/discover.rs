//! Finds the programme files under the input folders, in a stable order.

use std::path::{Path, PathBuf};

/// The formats caleido reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceKind {
    /// A PDF file.
    Pdf,
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// A Word file (`.docx`).
    Word,
    /// An OpenDocument text (`.odt`).
    OpenDocument,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Path relative to its input folder, with `/` separators.
    pub rel: String,
    /// Its format, from the extension.
    pub kind: SourceKind,
    /// The input folder it was found under.
    pub root: PathBuf,
}

/// A hidden file that marks a folder as caleido's output; such folders are never read as input.
pub const REPORT_MARKER: &str = ".caleido-report";

/// The kind of a file by its extension, or `None` for files caleido does not read.
pub fn kind_of(path: &Path) -> Option<SourceKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(SourceKind::Pdf),
        "txt" => Some(SourceKind::Text),
        "md" | "markdown" => Some(SourceKind::Markdown),
        "html" | "htm" => Some(SourceKind::Html),
        "docx" => Some(SourceKind::Word),
        "odt" => Some(SourceKind::OpenDocument),
        _ => None,
    }
}

/// Every readable file under `inputs` (folders are walked recursively; a file is taken as it is),
/// sorted by input and relative path. Hidden files and folders are skipped.
pub fn discover(inputs: &[PathBuf]) -> std::io::Result<Vec<SourceFile>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_file() {
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            if let Some(kind) = kind_of(input) {
                let rel = input.file_name().unwrap_or_default().to_string_lossy().into_owned();
                out.push(SourceFile { path: input.clone(), rel, kind, root });
            }
            continue;
        }
        let mut found = Vec::new();
        walk(input, input, &mut found)?;
        found.sort_by(|a, b| a.rel.cmp(&b.rel));
        out.extend(found);
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if is_skipped(&entry.file_name().to_string_lossy()) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            if !path.join(REPORT_MARKER).exists() {
                walk(root, &path, out)?;
            }
        } else if let Some(kind) = kind_of(&path) {
            let rel = relative(root, &path);
            out.push(SourceFile { path, rel, kind, root: root.to_path_buf() });
        }
    }
    Ok(())
}

/// Hidden files, and notes that describe a folder rather than a programme
/// (`README`, `SOURCES`, `LICENSE`, any extension), are not read.
pub fn is_skipped(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    name.starts_with('.') || matches!(stem.as_str(), "README" | "SOURCES" | "LICENSE" | "NOTICE")
}

/// `path` relative to `root`, with `/` between components.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
