//! What is never programme text on a web page: tags, class and id names, roles and short
//! link-only or cookie blocks. Each rule gives the reason that `caleido extract --dropped` shows.

use scraper::node::Element;

/// Elements whose content is never read: scripts, styles, media, form controls, the `<head>`.
const SILENT_TAGS: [&str; 16] = [
    "head", "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "video", "audio",
    "select", "textarea", "input", "math",
];

/// Class and id words (split at `-`, `_` and case changes) that mark page furniture, with the
/// reason shown for them.
const FURNITURE_WORDS: [(&str, &str); 44] = [
    ("nav", "navigation"),
    ("navbar", "navigation"),
    ("navigation", "navigation"),
    ("menu", "menu"),
    ("menubar", "menu"),
    ("submenu", "menu"),
    ("breadcrumb", "breadcrumbs"),
    ("breadcrumbs", "breadcrumbs"),
    ("skip", "navigation"),
    ("pagination", "navigation"),
    ("pager", "navigation"),
    ("footer", "footer"),
    ("colophon", "footer"),
    ("copyright", "footer"),
    ("masthead", "page header"),
    ("topbar", "page header"),
    ("share", "share buttons"),
    ("sharing", "share buttons"),
    ("social", "share buttons"),
    ("socials", "share buttons"),
    ("sidebar", "sidebar"),
    ("toc", "table of contents"),
    ("newsletter", "newsletter sign-up"),
    ("subscribe", "newsletter sign-up"),
    ("donate", "donation call"),
    ("doneer", "donation call"),
    ("popup", "pop-up"),
    ("modal", "pop-up"),
    ("related", "related links"),
    ("comments", "comments"),
    ("search", "search"),
    ("zoeken", "search"),
    ("login", "log-in"),
    ("teaser", "teaser"),
    ("teasers", "teaser"),
    ("excerpt", "teaser"),
    ("kandidaten", "candidate list"),
    ("kandidaat", "candidate list"),
    ("kandidatenlijst", "candidate list"),
    ("candidates", "candidate list"),
    ("candidate", "candidate list"),
    ("people", "candidate list"),
    ("person", "candidate list"),
    ("team", "candidate list"),
];

/// Substrings of class and id names that mark consent banners whatever the naming scheme
/// (`CybotCookiebotDialog`, `cmplz-cookiebanner`, `cky-consent-bar`).
const CONSENT_PARTS: [&str; 3] = ["cookie", "consent", "gdpr"];

/// ARIA landmark roles that are not the page's own content.
const FURNITURE_ROLES: [(&str, &str); 6] = [
    ("navigation", "navigation"),
    ("banner", "page header"),
    ("contentinfo", "footer"),
    ("complementary", "sidebar"),
    ("search", "search"),
    ("dialog", "pop-up"),
];

/// Link texts of teasers that point elsewhere for the text ("Lees meer").
const TEASER_LINKS: [&str; 9] = [
    "lees meer",
    "lees verder",
    "meer lezen",
    "verder lezen",
    "meer informatie",
    "bekijk meer",
    "read more",
    "lees het hele artikel",
    "naar het artikel",
];

/// True for elements whose content is skipped without a word (scripts, styles, media).
pub fn is_silent(el: &Element) -> bool {
    SILENT_TAGS.contains(&el.name())
}

/// Why an element is page furniture rather than content, or `None`. `in_article` is true inside
/// `<article>` or `<main>`, where a `<header>` holds the text's own title.
pub fn furniture(el: &Element, in_article: bool) -> Option<String> {
    let reason = match el.name() {
        "nav" => Some("navigation (<nav>)".to_string()),
        "footer" => Some("footer (<footer>)".to_string()),
        "aside" => Some("sidebar (<aside>)".to_string()),
        "form" => Some("form (<form>)".to_string()),
        "button" => Some("button".to_string()),
        "dialog" => Some("pop-up (<dialog>)".to_string()),
        "header" if !in_article => Some("page header (<header>)".to_string()),
        _ => None,
    };
    reason.or_else(|| by_role(el)).or_else(|| by_name(el))
}

/// Hidden elements with fewer words than this are interface bits ("Menu sluiten"); longer
/// hidden text is collapsed content (an accordion's panel) and is read.
pub const MAX_HIDDEN_WORDS: usize = 20;

/// True for an element hidden from view (`hidden`, `aria-hidden`, `display:none`).
pub fn is_hidden(el: &Element) -> bool {
    let style = el.attr("style").unwrap_or("").to_ascii_lowercase().replace(' ', "");
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || style.contains("display:none")
        || style.contains("visibility:hidden")
}

/// True for a link that leads to another page (not an in-page anchor or a script toggle).
pub fn leads_elsewhere(el: &Element) -> bool {
    el.attr("href")
        .map(str::trim)
        .is_some_and(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:"))
}

fn by_role(el: &Element) -> Option<String> {
    let role = el.attr("role")?;
    FURNITURE_ROLES.iter().find(|(r, _)| *r == role).map(|(r, why)| format!("{why} (role={r})"))
}

fn by_name(el: &Element) -> Option<String> {
    let names = el.attr("class").into_iter().chain(el.attr("id"));
    for name in names {
        let lower = name.to_ascii_lowercase();
        if let Some(part) = CONSENT_PARTS.iter().find(|p| lower.contains(*p)) {
            return Some(format!("cookie banner (class/id with \"{part}\")"));
        }
        for word in words(name) {
            if let Some((w, why)) = FURNITURE_WORDS.iter().find(|(w, _)| *w == word) {
                return Some(format!("{why} (class/id \"{w}\")"));
            }
        }
    }
    None
}

/// The words of a class or id attribute: split at spaces, `-`, `_` and lower-to-upper case changes, lower-cased.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
        if boundary && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Containers that a teaser link turns into a teaser as a whole, when short.
const TEASER_CONTAINERS: [&str; 5] = ["div", "article", "section", "li", "aside"];

/// A container with fewer words than this that holds a teaser link is a teaser.
pub const MAX_TEASER_WORDS: usize = 80;

/// True for an element that can be a teaser card (`<article>`, `<li>`, `<div>` ...).
pub fn can_be_teaser(el: &Element) -> bool {
    TEASER_CONTAINERS.contains(&el.name())
}

/// True for a link whose whole text is a teaser prompt such as "Lees meer".
pub fn is_teaser_link(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '…', '>', '»', '→', ' ']).to_lowercase();
    TEASER_LINKS.iter().any(|l| t == *l)
}

/// Why a block of text is not content by what it says and how much of it is link text, or `None`.
pub fn block_verdict(text: &str, linked_chars: usize, total_chars: usize) -> Option<String> {
    let lower = text.to_lowercase();
    if lower.contains("cookie")
        && ["accept", "akkoord", "toestemming", "instellingen", "privacy"].iter().any(|w| lower.contains(w))
    {
        return Some("cookie notice (text)".into());
    }
    if total_chars == 0 {
        return None;
    }
    let density = linked_chars as f64 / total_chars as f64;
    let words = text.split_whitespace().count();
    if density >= 0.8 || (density > 0.5 && words < 12) {
        return Some(format!("link list ({:.0}% link text)", density * 100.0));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(html: &str) -> scraper::Html {
        scraper::Html::parse_fragment(html)
    }

    fn first_reason(html: &str) -> Option<String> {
        let doc = element(html);
        let el = doc.root_element().children().find_map(scraper::ElementRef::wrap)?;
        furniture(el.value(), false)
    }

    #[test]
    fn class_words_and_consent_parts_mark_furniture() {
        assert!(first_reason(r#"<div class="site-footer">x</div>"#).unwrap().starts_with("footer"));
        assert!(first_reason(r#"<div id="CybotCookiebotDialog">x</div>"#).unwrap().starts_with("cookie"));
        assert!(first_reason(r#"<div class="socialShare">x</div>"#).unwrap().starts_with("share"));
        assert!(first_reason(r#"<ul class="kandidaten-lijst">x</ul>"#).unwrap().starts_with("candidate"));
        assert_eq!(first_reason(r#"<div class="entry-content programma">x</div>"#), None);
        assert_eq!(first_reason(r#"<div class="menukaart-uitleg">x</div>"#), None);
    }

    #[test]
    fn link_only_and_cookie_blocks_are_not_content() {
        assert!(block_verdict("Home", 4, 4).is_some());
        assert!(block_verdict("Wij bakken cookies voor de buurt", 0, 30).is_none());
        assert!(block_verdict("Deze website gebruikt cookies. Akkoord", 0, 30).is_some());
        let sentence = "Wij willen dat het dorpshuis open blijft, lees ons plan voor de bibliotheek en de sporthal.";
        assert!(block_verdict(sentence, 20, 80).is_none());
        assert!(is_teaser_link("Lees meer »"));
        assert!(!is_teaser_link("Lees meer over wonen in ons programma"));
    }
}
