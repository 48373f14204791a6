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

/// Writes every report into `out` with the default options (no run date).
pub fn write_all(summary: &RunSummary, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    write_with(summary, out, &options::ReportOptions::default())
}

/// Writes every report into `out`, each file atomically (temporary file, then rename).
pub fn write_with(summary: &RunSummary, out: &Path, opts: &options::ReportOptions) -> std::io::Result<Vec<PathBuf>> {
    let card = scorecard::Scorecard::build_with(summary, &opts.stability);
    let files = render_all(summary, &card, opts)?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomic(&path, &bytes)?;
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
        ("scorecard.md".into(), markdown::render(card).into_bytes()),
        ("scorecard.html".into(), html::render(card).into_bytes()),
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

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`,
/// so a reader never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
