//! Blocks repeated across the saved pages of one site: a menu, slogan or call to action that
//! stands on every page is not programme text. The site's pages are the other `.html`/`.htm`
//! files in the same folder whose canonical host is the same (or unknown).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use scraper::Html;

use super::lines::Lines;
use super::{PageInfo, Policy, blocks, content, decode};

/// At most this many other pages are compared, in name order.
const MAX_PAGES: usize = 50;
/// Other pages larger than this are not compared.
const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// The texts of `own` blocks that also stand on another page of the site, and warnings. A page
/// that shares more than half of this page's words is a copy of it (a print version, a second
/// save), not a sign of site furniture, and is not compared.
pub fn repeated_blocks(path: &Path, host: &str, own: &[String]) -> (HashSet<String>, Vec<String>) {
    let own_set: HashSet<&str> = own.iter().map(String::as_str).collect();
    let own_words: usize = own.iter().map(|b| words(b)).sum();
    let mut repeated = HashSet::new();
    let mut warnings = Vec::new();
    for other in site_pages(path) {
        let Some((other_host, other_blocks)) = page_blocks(&other) else { continue };
        if !host.is_empty() && !other_host.is_empty() && other_host != host {
            continue;
        }
        let shared: HashSet<&str> = other_blocks.iter().map(String::as_str).filter(|b| own_set.contains(b)).collect();
        let shared_words: usize = shared.iter().map(|b| words(b)).sum();
        if shared_words * 2 > own_words {
            let name = other.file_name().unwrap_or_default().to_string_lossy();
            warnings.push(format!("{name} has much the same text: not used to find repeated blocks"));
            continue;
        }
        repeated.extend(shared.into_iter().map(String::from));
    }
    (repeated, warnings)
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The other saved pages in `path`'s folder, sorted by name.
fn site_pages(path: &Path) -> Vec<PathBuf> {
    let Some(dir) = path.parent() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) else {
        return Vec::new();
    };
    let own = path.file_name();
    let mut pages: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name() != own && is_page(p))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() <= MAX_PAGE_BYTES))
        .collect();
    pages.sort();
    pages.truncate(MAX_PAGES);
    pages
}

fn is_page(path: &Path) -> bool {
    let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    !hidden && matches!(ext.as_deref(), Some("html" | "htm"))
}

/// The host and content blocks of another page, or `None` when it cannot be read.
fn page_blocks(path: &Path) -> Option<(String, Vec<String>)> {
    let bytes = std::fs::read(path).ok()?;
    let (text, _) = decode(&bytes).ok()?;
    let page = Html::parse_document(&text);
    let host = PageInfo::of(&page).host();
    let policy = Policy { web: true, repeated: HashSet::new() };
    Some((host, blocks(&content(&page, &policy, &Lines::new()).0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(dir: &Path, name: &str, body: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, format!("<html><body><main>{body}</main></body></html>")).unwrap();
        path
    }

    #[test]
    fn blocks_on_other_pages_of_the_site_are_repeated() {
        let dir = tempfile::tempdir().unwrap();
        let slogan = "<p>Samen bouwen aan een sterk en groen dorp voor iedereen.</p>";
        let plan =
            "<p>Wij bouwen vijfhonderd nieuwe woningen, waarvan de helft betaalbaar is voor starters en ouderen.</p>";
        let a = page(dir.path(), "wonen.html", &format!("{plan}{slogan}"));
        page(dir.path(), "zorg.html", &format!("<p>Zorg komt dichtbij huis, in elke wijk.</p>{slogan}"));
        page(dir.path(), "wonen-print.htm", &format!("{plan}{slogan}"));
        let own = vec![
            "Wij bouwen vijfhonderd nieuwe woningen, waarvan de helft betaalbaar is voor starters en ouderen."
                .to_string(),
            "Samen bouwen aan een sterk en groen dorp voor iedereen.".to_string(),
        ];
        let (repeated, warnings) = repeated_blocks(&a, "", &own);
        assert_eq!(repeated.into_iter().collect::<Vec<_>>(), [own[1].clone()]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
