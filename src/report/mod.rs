//! Reports: the only stage that writes output. CSV for spreadsheets, Markdown and HTML scorecards,
//! a workbook, and a chart per place (SVG and PNG).

pub mod chart;
pub mod csv;
pub mod html;
mod html_evidence;
pub mod markdown;
pub mod mirrors;
pub mod options;
pub mod overview;
pub mod png;
pub mod scorecard;
pub mod xlsx;
mod xlsx_method;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::run::RunSummary;
use crate::validate::section::{insert_before, section_html as html_section, section_md as markdown_section};

/// Creates the output folder and marks it as caleido's (a hidden marker file), so an unwritable
/// output is found before any document is read, and the folder is never read back as input.
pub fn prepare_out(out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    write_atomic(&out.join(crate::ingest::REPORT_MARKER), b"caleido reports: this folder is never read as input\n")
}

/// Writes every report into `out` with the default options (no run date).
pub fn write_all(summary: &RunSummary, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    write_with(summary, out, &options::ReportOptions::default())
}

/// Writes every report into `out`: all are first written to temporary files beside their
/// targets, and only when all of them are complete are they renamed over the old reports, so a
/// failed run leaves the previous reports whole.
pub fn write_with(summary: &RunSummary, out: &Path, opts: &options::ReportOptions) -> std::io::Result<Vec<PathBuf>> {
    let card = scorecard::Scorecard::build_with(summary, &opts.stability);
    let files = render_all(summary, &card, opts)?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| stage(&path, &bytes));
        match result {
            Ok(tmp) => staged.push((tmp, path)),
            Err(e) => {
                staged.iter().for_each(|(tmp, _)| drop(std::fs::remove_file(tmp)));
                return Err(e);
            }
        }
    }
    let mut written = Vec::new();
    for (tmp, path) in staged {
        std::fs::rename(&tmp, &path).inspect_err(|_| drop(std::fs::remove_file(&tmp)))?;
        written.push(path);
    }
    Ok(written)
}

/// Every report file's relative path and bytes, in the order they are written.
pub fn render_all(
    summary: &RunSummary,
    card: &scorecard::Scorecard,
    opts: &options::ReportOptions,
) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let xlsx = xlsx::render(card, summary, opts).map_err(std::io::Error::other)?;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("scores.csv".into(), csv::scores(summary, opts.csv_dialect)?),
        ("passages.csv".into(), csv::passages(summary, opts.csv_dialect)?),
        ("scorecard.md".into(), with_validation(markdown::render(card), "## Methode", opts, markdown_section)),
        ("scorecard.html".into(), with_validation(html::render(card), "<h2 id=\"methode\"", opts, html_section)),
        ("scorecard.xlsx".into(), xlsx),
    ];
    for (i, g) in card.groups.iter().enumerate() {
        let slug = &g.id;
        let svg = chart::image_svg(g, &card.version, &card.rules_label);
        files.push((format!("charts/{slug}.png"), png::render(&svg)?));
        files.push((format!("charts/{slug}.svg"), svg.into_bytes()));
        if card.groups.len() > 1 {
            let place = card.for_group(i, summary);
            files.push((format!("places/{slug}.md"), markdown::render(&place).into_bytes()));
            files.push((format!("places/{slug}.html"), html::render(&place).into_bytes()));
        }
    }
    Ok(files)
}

/// The page with the "Validatie" section before `marker`, when the options carry a check.
fn with_validation(
    page: String,
    marker: &str,
    opts: &options::ReportOptions,
    section: fn(&crate::validate::Agreement) -> String,
) -> Vec<u8> {
    match &opts.validation {
        Some(a) => insert_before(page, marker, &section(a)).into_bytes(),
        None => page.into_bytes(),
    }
}

/// Writes `bytes` to a temporary file beside `path` and returns its name; fails when `path` is
/// a folder (a rename over it would fail later).
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    if path.is_dir() {
        return Err(std::io::Error::other(format!("{} is a folder", path.display())));
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`,
/// so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = stage(path, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| drop(std::fs::remove_file(&tmp)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_atomic_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scores.csv");
        write_atomic(&path, b"old,complete\n").unwrap();
        std::fs::create_dir(dir.path().join("blocked")).unwrap();
        assert!(write_atomic(&dir.path().join("blocked"), b"new").is_err());
        write_atomic(&path, b"new,complete\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new,complete\n");
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn a_missing_folder_fails_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/scores.csv");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
