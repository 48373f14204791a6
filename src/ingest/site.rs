//! Saved sites: a folder whose programme files are all web pages (at least two) and that holds
//! no subfolder with programmes is one party's saved site, read as one programme. Its pages are
//! read in name order (`index.html` first); each saved page is one page of the document, and
//! each page's canonical address is the source of its lines.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::discover::{SourceFile, SourceKind, display_name, relative};
use super::markup::Dropped;
use super::{Loaded, MetaTable, html, non_empty, read_regular};
use crate::model::{Document, Page, Status};

/// `files` (found under `input`, sorted by relative path) with the files of each saved site among
/// `folders` replaced by one source for the folder, at the place of its first page.
pub fn merge_sites(input: &Path, folders: &[PathBuf], files: Vec<SourceFile>) -> Vec<SourceFile> {
    let mut out: Vec<SourceFile> = Vec::new();
    let under = files_under(&files);
    let sites: Vec<&PathBuf> = folders.iter().filter(|dir| is_site(dir, &under)).collect();
    for file in files {
        let Some(dir) = sites.iter().find(|dir| file.path.parent() == Some(dir.as_path())) else {
            out.push(file);
            continue;
        };
        match out.last_mut() {
            Some(site) if site.path == **dir => site.pages.push(file.path),
            _ => out.push(site_of(input, dir, file)),
        }
    }
    for site in out.iter_mut().filter(|s| !s.pages.is_empty()) {
        site.pages.sort_by_key(|p| (!is_index(p), p.clone()));
    }
    out
}

/// True when every programme file under `dir` is a web page directly in it, there are two or
/// more, and the folder is no place-and-election folder: `heiloo-2026/` holds one file per
/// party, never one party's site (a year in the name of a folder that stands in such a folder,
/// `heiloo-2026/Heiloo-2000/`, is the party's name).
fn is_site(dir: &Path, under: &HashMap<&Path, Under>) -> bool {
    under.get(dir).is_some_and(|u| u.files >= 2 && u.all_pages_in_it) && !is_place_folder(dir)
}

/// The programme files under one folder, at any depth.
#[derive(Clone, Copy)]
struct Under {
    files: usize,
    /// Every one of them is a web page standing directly in the folder.
    all_pages_in_it: bool,
}

/// [`Under`] for every folder that holds a programme file, found in one pass over the files and
/// their folders (not one pass over all files per folder: an election has thousands of both).
fn files_under(files: &[SourceFile]) -> HashMap<&Path, Under> {
    let mut under: HashMap<&Path, Under> = HashMap::new();
    for f in files {
        for (depth, dir) in f.path.ancestors().skip(1).enumerate() {
            let u = under.entry(dir).or_insert(Under { files: 0, all_pages_in_it: true });
            u.files += 1;
            u.all_pages_in_it &= depth == 0 && f.kind == SourceKind::Html;
        }
    }
    under
}

/// A place-and-election folder: its name holds a year, and it does not stand in such a folder.
fn is_place_folder(dir: &Path) -> bool {
    names_a_year(dir) && !dir.parent().is_some_and(names_a_year)
}

/// True when the folder's name holds a year from 1900 to 2099 standing on its own (`heiloo-2026`,
/// `gr2026`, `2026`), as place-and-election folders do.
fn names_a_year(dir: &Path) -> bool {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let digits: Vec<&str> = name.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).collect();
    digits.iter().any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
}

fn is_index(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("index"))
}

/// The source for the site in `dir`, starting with its page `first`. A site that is the input
/// folder itself is named after it, relative to the input's parent.
fn site_of(input: &Path, dir: &Path, first: SourceFile) -> SourceFile {
    let (rel, root) = if dir == input {
        (display_name(dir.file_name().unwrap_or_default()), dir.parent().map(Path::to_path_buf).unwrap_or_default())
    } else {
        (relative(input, dir), input.to_path_buf())
    };
    SourceFile { path: dir.to_path_buf(), rel, kind: SourceKind::Html, root, pages: vec![first.path] }
}

/// Reads a saved site: page `n` of the document is the `n`-th saved page. Line numbers run on
/// through the pages, so each line maps to its page's address in [`Document::sources`]. A page
/// that cannot be read is left out with a warning; a site without any text is `Empty`.
pub fn load(src: &SourceFile, meta: &MetaTable) -> Result<Loaded, Status> {
    let mut doc = Document {
        file: src.rel.clone(),
        meta: meta.lookup(&src.rel),
        pages: Vec::new(),
        warnings: Vec::new(),
        source_url: String::new(),
        sources: Vec::new(),
        blocks_are_units: true,
    };
    let (mut title, mut dropped, mut offset) = (String::new(), Vec::<Dropped>::new(), 0u32);
    for (i, path) in src.pages.iter().enumerate() {
        let name = display_name(path.file_name().unwrap_or_default());
        let read = match read_page(path) {
            Ok(read) => read,
            Err(status) => {
                doc.warnings.push(format!("page {name}: {}, left out", status.label()));
                continue;
            }
        };
        doc.warnings.extend(read.warnings.into_iter().map(|w| format!("page {name}: {w}")));
        if title.is_empty() {
            title = read.title;
        }
        if doc.source_url.is_empty() {
            doc.source_url = read.source_url.clone();
        }
        let mut page = Page { number: i as u32 + 1, lines: read.pages.into_iter().flat_map(|p| p.lines).collect() };
        let last = page.lines.iter().map(|l| l.number).max().unwrap_or(0);
        for line in page.lines.iter_mut().filter(|l| l.number > 0) {
            line.number += offset;
        }
        doc.sources.push((offset + 1, read.source_url));
        doc.sources.extend(crate::cleanup::clean_text_pages(std::slice::from_mut(&mut page)));
        offset += last;
        doc.pages.push(page);
        dropped.extend(read.dropped);
    }
    if doc.pages.is_empty() {
        return Err(Status::Empty);
    }
    Ok(Loaded { document: doc, title, dropped })
}

fn read_page(path: &Path) -> Result<super::markup::Extracted, Status> {
    let bytes = read_regular(path)?;
    if bytes.is_empty() {
        return Err(Status::Empty);
    }
    non_empty(html::read(&bytes, Some(path))?)
}

#[cfg(test)]
mod tests {
    use super::super::discover::discover_all;
    use std::path::Path;

    fn write(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "<html><body><main><p>Tekst.</p></main></body></html>").unwrap();
    }

    #[test]
    fn a_folder_of_pages_is_one_source_with_index_first() {
        let dir = tempfile::tempdir().unwrap();
        for rel in ["delft-2026/D66/a.html", "delft-2026/D66/index.htm", "delft-2026/D66/z.html", "delft-2026/VVD.txt"]
        {
            write(dir.path(), rel);
        }
        let files = discover_all(&[dir.path().to_path_buf()]).files;
        let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["delft-2026/D66", "delft-2026/VVD.txt"]);
        let names: Vec<_> = files[0].pages.iter().map(|p| p.file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["index.htm", "a.html", "z.html"]);
        assert!(files[1].pages.is_empty());
    }

    #[test]
    fn a_site_given_as_the_input_is_named_after_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        for rel in ["D66/a.html", "D66/b.html"] {
            write(dir.path(), rel);
        }
        let files = discover_all(&[dir.path().join("D66")]).files;
        assert_eq!(files.len(), 1);
        assert_eq!((files[0].rel.as_str(), files[0].root.as_path()), ("D66", dir.path()));
    }

    #[test]
    fn a_place_and_year_folder_of_pages_is_no_site() {
        let dir = tempfile::tempdir().unwrap();
        for rel in ["heiloo-2026/CDA.html", "heiloo-2026/D66.html"] {
            write(dir.path(), rel);
        }
        let found = discover_all(&[dir.path().to_path_buf()]).files;
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.pages.is_empty()));
        assert!(super::names_a_year(Path::new("gr2026")) && !super::names_a_year(Path::new("D66")));
        write(dir.path(), "heiloo-2026/Heiloo-2000/index.html");
        write(dir.path(), "heiloo-2026/Heiloo-2000/wonen.html");
        let found = discover_all(&[dir.path().join("heiloo-2026")]).files;
        assert_eq!(found.iter().filter(|f| f.pages.len() == 2).count(), 1, "{found:?}");
    }

    #[test]
    fn one_page_alone_or_beside_a_pdf_stays_a_file() {
        let dir = tempfile::tempdir().unwrap();
        for rel in ["a-2026/CDA.html", "b-2026/CDA.html", "b-2026/VVD.pdf"] {
            write(dir.path(), rel);
        }
        let files = discover_all(&[dir.path().to_path_buf()]).files;
        assert!(files.iter().all(|f| f.pages.is_empty()) && files.len() == 3);
    }
}
