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
    /// For a saved site (a folder of web pages of one party, read as one programme): its pages
    /// in reading order, and `path` is the folder. Empty for a single file.
    pub pages: Vec<PathBuf>,
}

impl SourceFile {
    /// One file of `kind` at `path`.
    pub fn single(path: PathBuf, rel: String, kind: SourceKind, root: PathBuf) -> SourceFile {
        SourceFile { path, rel, kind, root, pages: Vec::new() }
    }

    /// The files read for this source: its pages for a saved site, else its path.
    pub fn files(&self) -> Vec<&Path> {
        if self.pages.is_empty() {
            vec![self.path.as_path()]
        } else {
            self.pages.iter().map(PathBuf::as_path).collect()
        }
    }
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

/// What to do with a file of a format that programmes often come in but caleido does not read.
pub fn unsupported_hint(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "doc" => Some("old Word format: save it as .docx or PDF"),
        "rtf" => Some("save it as .docx, PDF or plain text"),
        "pages" => Some("Apple Pages: export it as PDF or .docx"),
        "epub" | "mobi" => Some("e-book: save it as PDF or plain text"),
        "ppt" | "pptx" | "key" | "odp" => Some("slides: export them as PDF"),
        "xhtml" | "mhtml" | "mht" | "webarchive" => {
            Some("save the web page as HTML (\"web page, complete\" or \"HTML only\")")
        }
        "png" | "jpg" | "jpeg" | "tif" | "tiff" | "gif" | "webp" | "heic" => {
            Some("an image: caleido reads no text from images; use the programme's PDF or text")
        }
        "zip" | "7z" | "rar" | "gz" | "tgz" => Some("an archive: unpack it into the folder first"),
        _ => None,
    }
}

/// Why a file or folder under an input was not scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A format caleido does not read, with what to do about it for formats users often have.
    Unsupported(Option<&'static str>),
    /// A hidden file or folder (its name starts with `.`).
    Hidden,
    /// A note about the folder (`README`, `SOURCES`, `LICENSE`, `NOTICE`).
    Note,
    /// A metadata file, read for party, place and year.
    Metadata,
    /// A folder holding caleido's reports (it has the `.caleido-report` marker).
    ReportFolder,
    /// A symbolic link to a folder that contains it.
    SymlinkLoop,
    /// A folder already read under another path (a second link to it).
    AlreadyRead,
    /// A FIFO, socket or device: not a file that can be read to its end.
    NotRegular(&'static str),
    /// Could not be listed or inspected; the reason.
    Unreadable(String),
}

impl SkipReason {
    /// The reason as the skipped list shows it.
    pub fn label(&self) -> String {
        match self {
            SkipReason::Unsupported(None) => "unsupported format".into(),
            SkipReason::Unsupported(Some(hint)) => format!("unsupported format ({hint})"),
            SkipReason::Hidden => "hidden".into(),
            SkipReason::Note => "note (README, SOURCES, LICENSE, NOTICE)".into(),
            SkipReason::Metadata => "metadata (read for party, place and year)".into(),
            SkipReason::ReportFolder => format!("report folder (holds {REPORT_MARKER})"),
            SkipReason::SymlinkLoop => "symlink loop".into(),
            SkipReason::AlreadyRead => "folder already read under another path".into(),
            SkipReason::NotRegular(kind) => format!("not a regular file ({kind})"),
            SkipReason::Unreadable(why) => format!("unreadable: {why}"),
        }
    }
}

/// A file or folder under an input that was not scored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path as found (input folder joined with the relative path), for people to read.
    pub path: String,
    /// Why it was not scored.
    pub reason: SkipReason,
}

/// What discovery found: the files to score, the folders read, and everything else.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Files to score, sorted by input and relative path.
    pub files: Vec<SourceFile>,
    /// Every folder walked, with its path relative to its input folder (`""` or `sub/`),
    /// in the order walked; their metadata files are read.
    pub folders: Vec<(PathBuf, String)>,
    /// Files and folders not scored, with the reason, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Every readable file under `inputs` (see [`discover_all`]).
pub fn discover(inputs: &[PathBuf]) -> std::io::Result<Vec<SourceFile>> {
    Ok(discover_all(inputs).files)
}

/// Walks `inputs`: folders recursively (symbolic links to folders are followed, loops are
/// detected), a file named as an input is taken as it is (hidden or not). Every file and
/// folder that is not scored is listed in [`Discovery::skipped`] with its reason; nothing
/// here is fatal.
pub fn discover_all(inputs: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    let mut seen = std::collections::BTreeSet::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Err(e) => found.skip(input, SkipReason::Unreadable(e.to_string())),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                let first_folder = found.folders.len();
                let mut walk = Walk { root: input, out: &mut files, found: &mut found, seen: &mut seen };
                walk.folder(input, &m, &mut Vec::new());
                files.sort_by(|a, b| a.rel.cmp(&b.rel));
                let folders: Vec<PathBuf> = found.folders[first_folder..].iter().map(|(d, _)| d.clone()).collect();
                found.files.extend(crate::ingest::site::merge_sites(input, &folders, files));
            }
            Ok(m) => found.take_named_file(input, &m),
        }
    }
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

impl Discovery {
    fn skip(&mut self, path: &Path, reason: SkipReason) {
        self.skipped.push(Skipped { path: display_path(path), reason });
    }

    /// A file named on the command line: scored when it is a regular file of a known kind.
    fn take_named_file(&mut self, input: &Path, m: &std::fs::Metadata) {
        if let Some(kind) = not_regular(m) {
            return self.skip(input, SkipReason::NotRegular(kind));
        }
        let Some(kind) = kind_of(input) else {
            return self.skip(input, SkipReason::Unsupported(unsupported_hint(input)));
        };
        let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
        let rel = display_name(input.file_name().unwrap_or_default());
        self.files.push(SourceFile::single(input.to_path_buf(), rel, kind, root));
    }
}

/// One input folder being walked.
struct Walk<'a> {
    root: &'a Path,
    out: &'a mut Vec<SourceFile>,
    found: &'a mut Discovery,
    /// Every folder read so far, by device and inode.
    seen: &'a mut std::collections::BTreeSet<(u64, u64)>,
}

impl Walk<'_> {
    /// Reads one folder; `ancestors` are the folders above it on this path (device, inode).
    fn folder(&mut self, dir: &Path, meta: &std::fs::Metadata, ancestors: &mut Vec<(u64, u64)>) {
        use std::os::unix::fs::MetadataExt;
        let id = (meta.dev(), meta.ino());
        if ancestors.contains(&id) {
            return self.found.skip(dir, SkipReason::SymlinkLoop);
        }
        if !self.seen.insert(id) {
            return self.found.skip(dir, SkipReason::AlreadyRead);
        }
        if dir.join(REPORT_MARKER).exists() {
            return self.found.skip(dir, SkipReason::ReportFolder);
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return self.found.skip(dir, SkipReason::Unreadable(e.to_string())),
        };
        let rel = relative(self.root, dir);
        self.found.folders.push((dir.to_path_buf(), if rel.is_empty() { rel } else { format!("{rel}/") }));
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => self.found.skip(dir, SkipReason::Unreadable(e.to_string())),
            }
        }
        paths.sort();
        ancestors.push(id);
        for path in paths {
            self.entry(&path, ancestors);
        }
        ancestors.pop();
    }

    /// Scores, descends into or skips one entry of a folder.
    fn entry(&mut self, path: &Path, ancestors: &mut Vec<(u64, u64)>) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with('.') {
            return self.found.skip(path, SkipReason::Hidden);
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.found.skip(path, SkipReason::Unreadable(e.to_string())),
        };
        if meta.is_dir() {
            return self.folder(path, &meta, ancestors);
        }
        if crate::ingest::meta::META_FILES.contains(&name.as_ref()) {
            return self.found.skip(path, SkipReason::Metadata);
        }
        if is_skipped(&name) {
            return self.found.skip(path, SkipReason::Note);
        }
        if let Some(kind) = not_regular(&meta) {
            return self.found.skip(path, SkipReason::NotRegular(kind));
        }
        match kind_of(path) {
            Some(kind) => {
                let rel = relative(self.root, path);
                self.out.push(SourceFile::single(path.to_path_buf(), rel, kind, self.root.to_path_buf()));
            }
            None => self.found.skip(path, SkipReason::Unsupported(unsupported_hint(path))),
        }
    }
}

/// What a file that is not a regular file is, or `None` for a regular file.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    match () {
        _ if t.is_file() => None,
        _ if t.is_fifo() => Some("FIFO"),
        _ if t.is_socket() => Some("socket"),
        _ if t.is_block_device() || t.is_char_device() => Some("device"),
        _ => Some("special file"),
    }
}

/// A file name for reports: UTF-8 as it is; bytes that are not UTF-8 written as `\xE9`, so
/// two names that differ only there stay distinct.
pub fn display_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

fn display_path(path: &Path) -> String {
    display_name(path.as_os_str())
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
    rel.components().map(|c| display_name(c.as_os_str())).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_users_often_have_get_a_hint_and_others_do_not() {
        let label = |name: &str| SkipReason::Unsupported(unsupported_hint(Path::new(name))).label();
        assert_eq!(label("programma.DOC"), "unsupported format (old Word format: save it as .docx or PDF)");
        assert!(label("scan.jpg").contains("no text from images"), "{}", label("scan.jpg"));
        assert!(label("alles.zip").contains("unpack"));
        assert_eq!(label("stemwijzer.csv"), "unsupported format");
        assert_eq!(label("zonder-extensie"), "unsupported format");
    }
}
