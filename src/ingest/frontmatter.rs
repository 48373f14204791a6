//! Front matter of static-site generators (Jekyll, Hugo, Eleventy): a YAML block between `---`
//! lines or a TOML block between `+++` lines at the very top of a file. Never text to code; its
//! `title`, `date` and `permalink`/`url` are kept as metadata.

/// The metadata caleido uses from a front-matter block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`.
    pub title: String,
    /// `date` as written.
    pub date: String,
    /// `canonical_url`, `canonicalURL`, `url` or `permalink`, the first present (may be a site path).
    pub url: String,
    /// Every `key: value` as written, for `caleido extract --dropped`.
    pub raw: Vec<String>,
}

/// Keys that say where a page is published, most specific first.
const URL_KEYS: [&str; 4] = ["canonical_url", "canonicalurl", "url", "permalink"];

/// Splits `text` into its front matter and the rest, or `None` when it does not open with a
/// well-formed block. The number returned is the count of lines the block takes up.
pub fn split(text: &str) -> Option<(FrontMatter, &str, usize)> {
    let (fence, block, rest, lines) = fenced(text)?;
    let matter = if fence == "+++" { parse_toml(block)? } else { parse_yaml(block)? };
    Some((matter, rest, lines))
}

/// As [`split`], but a fenced block whose keys cannot be read is front matter all the same
/// (as static-site generators take it), with only its lines kept for `--dropped`.
pub fn split_lenient(text: &str) -> Option<(FrontMatter, &str, usize)> {
    split(text).or_else(|| {
        let (_, block, rest, lines) = fenced(text)?;
        let raw = block.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        Some((FrontMatter { raw, ..FrontMatter::default() }, rest, lines))
    })
}

/// The fence, the block between the fences, the text after it and the lines the block takes.
fn fenced(text: &str) -> Option<(&'static str, &str, &str, usize)> {
    let fence = match text.lines().next()?.trim_end() {
        "---" => "---",
        "+++" => "+++",
        _ => return None,
    };
    let body_start = text.find('\n')? + 1;
    let mut offset = body_start;
    for (n, line) in text[body_start..].split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == fence || (fence == "---" && bare == "...") {
            return Some((fence, &text[body_start..offset], &text[offset + line.len()..], n + 2));
        }
        offset += line.len();
    }
    None
}

/// Reads a TOML block; `None` when it is not TOML.
fn parse_toml(block: &str) -> Option<FrontMatter> {
    let table: toml::Table = block.parse().ok()?;
    let get = |key: &str| {
        table.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| match v {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let raw = block.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    Some(FrontMatter {
        title: get("title").unwrap_or_default(),
        date: get("date").unwrap_or_default(),
        url: URL_KEYS.iter().find_map(|k| get(k)).unwrap_or_default(),
        raw,
    })
}

/// Reads the top-level `key: value` scalars of a YAML block (nested values, lists and block
/// scalars are skipped); `None` when a line is neither such a pair, an indented or list line,
/// a comment nor empty, so that a text which merely opens with a `---` rule stays text.
fn parse_yaml(block: &str) -> Option<FrontMatter> {
    let mut matter = FrontMatter::default();
    let mut pairs = 0;
    let mut url_rank: Option<usize> = None;
    for line in block.lines() {
        let bare = line.trim();
        if bare.is_empty() || bare.starts_with('#') {
            continue;
        }
        matter.raw.push(bare.to_string());
        if line.starts_with([' ', '\t', '-']) {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if key.trim().is_empty() || key.trim().contains(' ') && !key.trim().starts_with(['"', '\'']) {
            return None;
        }
        pairs += 1;
        let value = unquote(value.trim());
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => matter.title = value,
            "date" => matter.date = value,
            k => {
                if let Some(rank) = URL_KEYS.iter().position(|u| *u == k)
                    && url_rank.is_none_or(|r| rank < r)
                {
                    (url_rank, matter.url) = (Some(rank), value);
                }
            }
        }
    }
    (pairs > 0).then_some(matter)
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_split_off() {
        let text =
            "---\nlayout: page\ntitle: \"Ons programma\"\npermalink: /programma/\ndate: 2025-11-02\n---\n# Kop\n";
        let (matter, rest, lines) = split(text).unwrap();
        assert_eq!(matter.title, "Ons programma");
        assert_eq!(matter.url, "/programma/");
        assert_eq!(matter.date, "2025-11-02");
        assert_eq!(rest, "# Kop\n");
        assert_eq!(lines, 6);
    }

    #[test]
    fn toml_front_matter_is_split_off() {
        let text = "+++\ntitle = 'Programma'\nurl = 'https://example.org/p/'\n+++\nTekst.";
        let (matter, rest, _) = split(text).unwrap();
        assert_eq!((matter.title.as_str(), matter.url.as_str()), ("Programma", "https://example.org/p/"));
        assert_eq!(rest, "Tekst.");
    }

    #[test]
    fn markdown_takes_any_fenced_block_as_front_matter() {
        let text = "---\ndescription: een\nlange regel zonder sleutel\n---\nTekst.";
        assert!(split(text).is_none());
        let (matter, rest, _) = split_lenient(text).unwrap();
        assert_eq!((matter.raw.len(), rest), (2, "Tekst."));
    }

    #[test]
    fn a_text_that_opens_with_a_rule_is_not_front_matter() {
        assert!(split("---\nDit is gewoon tekst over wonen.\n---\nMeer.").is_none());
        assert!(split("---\ntitle: open\nnooit gesloten").is_none());
    }
}
