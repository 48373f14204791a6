//! HTML ingest (`.html`, `.htm`): the programme's own text from a saved web page. The page is
//! parsed with html5ever (via `scraper`); the main content is `<main>` (or the one `<article>`,
//! else `<body>`), and inside it navigation, headers, footers, menus, cookie banners, share
//! buttons, teasers, candidate lists, link lists and blocks repeated on the site's other saved
//! pages are left out. Headings `h1`-`h6` stay headings; list items and table rows are blocks.

mod boilerplate;
mod lines;
mod render;
mod site;

use std::collections::HashSet;
use std::path::Path;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node, Selector};

pub use render::Policy;
use render::Walker;

use super::markup::{Builder, Dropped, Extracted, collapse};
use crate::model::{Page, Status};

/// Reads a saved web page. `path` locates the site's other saved pages (the same folder), whose
/// shared blocks are left out; `None` reads the page alone.
pub fn read(bytes: &[u8], path: Option<&Path>) -> Result<Extracted, Status> {
    let (text, warnings) = decode(bytes)?;
    let (page, source_lines) = lines::parse_document(&text);
    let info = PageInfo::of(&page);
    let mut policy = Policy { web: true, repeated: HashSet::new() };
    if let Some(path) = path {
        let own = blocks(&content(&page, &policy, &source_lines).0);
        let (repeated, site_warnings) = site::repeated_blocks(path, &info.host(), &own);
        policy.repeated = repeated;
        let mut out = extracted(&page, &policy, &source_lines, info);
        out.warnings = warnings.into_iter().chain(site_warnings).collect();
        return Ok(out);
    }
    let mut out = extracted(&page, &policy, &source_lines, info);
    out.warnings = warnings;
    Ok(out)
}

/// Renders an HTML fragment found inside another format (a Markdown HTML block) to `out`: all
/// its text, without tags, scripts or styles; every block gets line `number`.
pub fn render_fragment(html: &str, out: &mut Builder, dropped: &mut Vec<Dropped>, number: u32) {
    let fragment = Html::parse_fragment(html);
    let policy = Policy::default();
    let no_lines = lines::Lines::new();
    let mut walker = Walker::new(out, dropped, &policy, &no_lines, number);
    walker.walk(fragment.tree.root());
    walker.finish();
}

fn extracted(page: &Html, policy: &Policy, source_lines: &lines::Lines, info: PageInfo) -> Extracted {
    let (pages, dropped) = content(page, policy, source_lines);
    Extracted { pages, title: info.title, source_url: info.url, year: String::new(), warnings: Vec::new(), dropped }
}

/// The page's content blocks and what was dropped.
fn content(page: &Html, policy: &Policy, source_lines: &lines::Lines) -> (Vec<Page>, Vec<Dropped>) {
    let mut builder = Builder::new(0);
    let mut dropped = Vec::new();
    let (root, why) = main_content(page);
    let ancestors: HashSet<NodeId> = root.ancestors().map(|n| n.id()).collect();
    let mut walker = Walker::new(&mut builder, &mut dropped, policy, source_lines, 0);
    walk_towards(page.tree.root(), root.id(), &ancestors, &why, &mut walker);
    walker.finish();
    (builder.finish(), dropped)
}

/// Walks the content root; on the way down to it, everything beside the path is dropped.
fn walk_towards(
    node: NodeRef<'_, Node>,
    root: NodeId,
    ancestors: &HashSet<NodeId>,
    why: &str,
    walker: &mut Walker<'_>,
) {
    if node.id() == root {
        walker.walk(node);
    } else if ancestors.contains(&node.id()) {
        for child in node.children() {
            walk_towards(child, root, ancestors, why, walker);
        }
    } else if let Some(el) = node.value().as_element().filter(|e| e.name() != "head") {
        let reason = boilerplate::furniture(el, false).unwrap_or_else(|| format!("outside the main content ({why})"));
        walker.drop_subtree(reason, node);
    }
}

/// The element that holds the page's own text, and how it was chosen.
fn main_content(page: &Html) -> (NodeRef<'_, Node>, String) {
    for (css, why) in [("main", "<main>"), ("[role=main]", "role=main"), ("article", "<article>")] {
        let found: Vec<_> = page.select(&selector(css)).collect();
        if found.len() == 1 {
            return (*found[0], why.to_string());
        }
    }
    let body = page.select(&selector("body")).next().map_or_else(|| page.tree.root(), |b| *b);
    (body, "<body>".to_string())
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in this module are valid")
}

/// Title and address of a page.
#[derive(Debug, Clone, Default)]
struct PageInfo {
    title: String,
    url: String,
}

impl PageInfo {
    fn of(page: &Html) -> PageInfo {
        let attr = |css: &str, name: &str| {
            page.select(&selector(css)).find_map(|e| e.value().attr(name)).map(str::trim).unwrap_or("").to_string()
        };
        let title_tag = page.select(&selector("title")).next().map(|t| collapse(&t.text().collect::<String>()));
        let og_title = attr("meta[property='og:title']", "content");
        let title = if og_title.is_empty() { title_tag.unwrap_or_default() } else { og_title };
        let canonical = attr("link[rel~=canonical]", "href");
        let url = if canonical.is_empty() { attr("meta[property='og:url']", "content") } else { canonical };
        PageInfo { title, url }
    }

    /// The host of the page's address, lower-cased; empty when unknown.
    fn host(&self) -> String {
        host_of(&self.url)
    }
}

/// The host of an absolute URL (`https://www.cda.nl/heiloo` gives `www.cda.nl`); empty otherwise.
pub fn host_of(url: &str) -> String {
    let Some((_, rest)) = url.split_once("://") else { return String::new() };
    rest.split(['/', '?', '#']).next().unwrap_or("").to_ascii_lowercase()
}

/// The text of each block of `pages` (blocks end with an empty line).
fn blocks(pages: &[Page]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        if line.text.is_empty() {
            if !current.is_empty() {
                out.push(collapse(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line.text.as_str());
        }
    }
    if !current.is_empty() {
        out.push(collapse(&current.join(" ")));
    }
    out
}

/// Decodes a page: UTF-8, else the `charset` it declares, else Windows-1252 with a warning.
/// Binary data (NUL bytes near the start) is not a web page.
fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), Status> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes[..bytes.len().min(4096)].contains(&0) {
        return Err(Status::Damaged("binary data, not an HTML page".into()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Vec::new()));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head.split("charset=").nth(1).map(|rest| {
        rest.trim_start_matches(['"', '\'']).split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).next()
    });
    let encoding = declared.flatten().and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 => Ok((enc.decode(bytes).0.into_owned(), Vec::new())),
        _ => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), vec!["not UTF-8 and no usable charset: read as Windows-1252".into()]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(html: &str) -> Vec<String> {
        let out = read(html.as_bytes(), None).unwrap();
        blocks(&out.pages)
    }

    #[test]
    fn main_content_is_kept_and_furniture_dropped() {
        let html = r#"<html><head><title>Programma</title><link rel="canonical" href="https://partij.nl/programma/"></head>
            <body><header><nav><a href="/">Home</a><a href="/over">Over ons</a></nav></header>
            <main><h1>Ons programma</h1><p>Wij willen <a href="/wonen">meer woningen</a> voor starters.</p>
            <ul><li>Een dorpshuis</li><li>Een bibliotheek</li></ul>
            <div class="share-buttons"><a href="https://x.com/share">Deel op X</a></div>
            <p><a href="/nieuws/1">Lees meer</a></p></main>
            <footer>Copyright Partij</footer>
            <div id="cookie-banner">Wij gebruiken cookies. <button>Akkoord</button></div></body></html>"#;
        let out = read(html.as_bytes(), None).unwrap();
        assert_eq!(out.title, "Programma");
        assert_eq!(out.source_url, "https://partij.nl/programma/");
        assert_eq!(
            blocks(&out.pages),
            ["Ons programma", "Wij willen meer woningen voor starters.", "Een dorpshuis", "Een bibliotheek"]
        );
        assert!(out.pages[0].lines[0].heading);
        let reasons: Vec<&str> = out.dropped.iter().map(|d| d.reason.as_str()).collect();
        assert!(reasons.iter().any(|r| r.starts_with("share")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.starts_with("cookie banner")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.starts_with("page header")), "{reasons:?}");
    }

    #[test]
    fn without_main_the_body_is_read_and_link_lists_dropped() {
        let html = r##"<body><ul><li><a href="/a">Wonen</a></li><li><a href="/b">Zorg</a></li></ul>
            <h2><a href="#kop">Zorg</a></h2><p>Zorg dichtbij huis, met <a href="/x">buurtteams</a> in elke wijk van het dorp.</p>
            <table><tr><th>Thema</th><th>Plan</th></tr><tr><td>Wonen</td><td>500 woningen</td></tr></table></body>"##;
        assert_eq!(
            units(html),
            [
                "Zorg",
                "Zorg dichtbij huis, met buurtteams in elke wijk van het dorp.",
                "Thema; Plan",
                "Wonen; 500 woningen"
            ]
        );
    }

    #[test]
    fn collapsed_text_is_read_but_hidden_interface_bits_and_teasers_are_not() {
        let html = r##"<body><main><h2>Zorg</h2><div class="accordion"><p>Wij willen zorg dichtbij huis.</p>
            <a href="#meer">Lees meer</a><div id="meer" hidden><p>Daarom komt er in elke wijk een buurtteam dat inwoners
            helpt met vragen over zorg, geld, wonen en werk, zonder lange wachtlijsten.</p></div></div>
            <span aria-hidden="true">Menu sluiten</span>
            <div class="card"><h3>Wonen</h3><p>Betaalbare woningen.</p><a href="/wonen/">Lees meer</a></div></main></body>"##;
        assert_eq!(
            units(html),
            [
                "Zorg",
                "Wij willen zorg dichtbij huis.",
                "Daarom komt er in elke wijk een buurtteam dat inwoners helpt met vragen over zorg, geld, wonen en werk, zonder lange wachtlijsten."
            ]
        );
    }

    #[test]
    fn declared_charsets_and_binary_data() {
        let latin = b"<meta charset=\"iso-8859-1\"><p>co\xf6peratie</p>";
        let out = read(latin, None).unwrap();
        assert_eq!(blocks(&out.pages), ["coöperatie"]);
        assert!(out.warnings.is_empty());
        assert!(matches!(read(b"\x00\x01PK", None), Err(Status::Damaged(_))));
    }

    #[test]
    fn blocks_carry_their_source_line() {
        let html = "<body>\n<main>\n<h1>Wonen</h1>\n<p>Een\nzin.</p>\n<ul>\n<li>Punt</li>\n</ul>\n<table><tr>\n<td>a</td><td>b</td></tr></table></main></body>";
        let out = read(html.as_bytes(), None).unwrap();
        let numbered: Vec<(&str, u32)> =
            out.pages[0].lines.iter().filter(|l| !l.text.is_empty()).map(|l| (l.text.as_str(), l.number)).collect();
        assert_eq!(numbered, [("Wonen", 3), ("Een zin.", 4), ("Punt", 7), ("a; b", 9)]);
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(host_of("https://www.CDA.nl/heiloo/"), "www.cda.nl");
        assert_eq!(host_of("/programma/"), "");
    }
}
