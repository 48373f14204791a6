//! Reports: the only stage that writes output. CSV for spreadsheets, Markdown and HTML scorecards,
//! a workbook, and a chart per place (SVG and PNG).

pub mod chart;
pub mod compare;
pub mod compare_text;
pub mod counts;
pub mod csv;
pub mod html;
mod html_evidence;
pub mod limits;
pub mod markdown;
pub mod mirrors;
pub mod options;
pub mod overview;
pub mod phrases;
pub mod png;
pub mod publish;
pub mod scorecard;
pub mod xlsx;
mod xlsx_method;

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::run::RunSummary;
use crate::validate::section::{insert_before, section_html as html_section, section_md as markdown_section};

/// The marker file's text.
const MARKER_TEXT: &[u8] = b"caleido reports: this folder is never read as input\n";

/// Creates the output folder and marks it as caleido's (a hidden marker file), so an unwritable
/// output is found before any document is read, and the folder is never read back as input.
pub fn prepare_out(out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    write_atomic(&out.join(crate::ingest::REPORT_MARKER), MARKER_TEXT)
}

/// One report file: its path relative to the output folder, and its bytes.
pub type ReportFile = (String, Vec<u8>);

/// What a publication wrote, and which reports could not be made.
#[derive(Debug, Default)]
pub struct Published {
    /// The files of the new report set.
    pub written: Vec<PathBuf>,
    /// Reports that could not be made, with the reason; the others were published.
    pub failed: Vec<(String, String)>,
}

/// Writes every report into `out` with the default options (no run date).
pub fn write_all(summary: &RunSummary, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    write_with(summary, out, &options::ReportOptions::default())
}

/// Locks `out`, renders every report and publishes them as one set (see [`publish`]); a report
/// that cannot be made is left out of the set, and is an error here only when it is a CSV.
pub fn write_with(summary: &RunSummary, out: &Path, opts: &options::ReportOptions) -> std::io::Result<Vec<PathBuf>> {
    let (dir, _) = publish::OutDir::open(out).map_err(std::io::Error::other)?;
    let published = publish_set(summary, &dir, opts)?;
    match published.failed.first() {
        Some((name, why)) if name.ends_with(".csv") => Err(std::io::Error::other(format!("{name}: {why}"))),
        _ => Ok(published.written),
    }
}

/// Renders every report on its own (one failing report never keeps back the others) and
/// publishes the ones that were made as one set in the locked folder. Each file is staged as
/// soon as it is made.
pub fn publish_set(
    summary: &RunSummary,
    dir: &publish::OutDir,
    opts: &options::ReportOptions,
) -> std::io::Result<Published> {
    let mut staging = dir.begin()?;
    let failed = render_each(summary, opts, &mut |name, bytes| staging.add(&name, &bytes))?;
    let written = staging.commit()?;
    Ok(Published { written, failed })
}

/// Every report file's relative path and bytes, in the order they are written; fails on the
/// first report that cannot be made.
pub fn render_all(summary: &RunSummary, opts: &options::ReportOptions) -> std::io::Result<Vec<ReportFile>> {
    let mut files = Vec::new();
    let failed = render_each(summary, opts, &mut |name, bytes| {
        files.push((name, bytes));
        Ok(())
    })?;
    match failed.into_iter().next() {
        Some((name, why)) => Err(std::io::Error::other(format!("{name}: {why}"))),
        None => Ok(files),
    }
}

/// Where rendered report files go, one at a time.
pub type Sink<'a> = dyn FnMut(String, Vec<u8>) -> std::io::Result<()> + 'a;

/// Places whose chart and page are rendered at once (in parallel); their files are handed on in
/// the order of the places.
const PLACES_AT_ONCE: usize = 32;

/// A report's files, or why it could not be made.
type Made = Result<Vec<ReportFile>, String>;

/// Makes one report; a panic in its renderer is a failure of that report only.
fn attempt(make: impl FnOnce() -> Made) -> Made {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(make))
        .unwrap_or_else(|_| Err("the renderer stopped on an internal error".to_string()))
}

/// Renders each report on its own and hands each file to `sink` as soon as it is made. Returns
/// the reports that could not be made, with the reason (a panic in a renderer counts as a
/// failure of that report only); fails only when `sink` fails.
pub fn render_each(
    summary: &RunSummary,
    opts: &options::ReportOptions,
    sink: &mut Sink,
) -> std::io::Result<Vec<(String, String)>> {
    let card = scorecard::Scorecard::build_with(summary, &opts.stability);
    let mut failed = Vec::new();
    let mut take = |name: &str, made: Made| -> std::io::Result<()> {
        match made {
            Ok(files) => files.into_iter().try_for_each(|(n, b)| sink(n, b))?,
            Err(why) => failed.push((name.to_string(), why)),
        }
        Ok(())
    };
    let one = |name: &str, bytes: Vec<u8>| Ok(vec![(name.to_string(), bytes)]);
    take(
        "scores.csv",
        attempt(|| one("scores.csv", csv::scores(summary, &card, opts.csv_dialect).map_err(|e| e.to_string())?)),
    )?;
    take(
        "passages.csv",
        attempt(|| one("passages.csv", csv::passages(summary, opts.csv_dialect).map_err(|e| e.to_string())?)),
    )?;
    take(
        "counts.csv",
        attempt(|| one("counts.csv", csv::counts(summary, opts.csv_dialect).map_err(|e| e.to_string())?)),
    )?;
    take(
        "skipped.csv",
        attempt(|| one("skipped.csv", csv::skipped(summary, opts.csv_dialect).map_err(|e| e.to_string())?)),
    )?;
    take(
        "scorecard.md",
        attempt(|| {
            let page = markdown::render_in(&card, opts.lang);
            one(
                "scorecard.md",
                with_validation(page, opts.lang.pick("## Methode", "## Method"), opts, markdown_section),
            )
        }),
    )?;
    take(
        "scorecard.html",
        attempt(|| {
            let page = html::render_in(&card, opts.lang);
            one("scorecard.html", with_validation(page, "<h2 id=\"methode\"", opts, html_section))
        }),
    )?;
    take("scorecard.xlsx", attempt(|| one("scorecard.xlsx", xlsx_bytes(summary, &card, opts)?)))?;
    let mut failed_by_place = scorecard::failed_by_place(summary);
    let pages = card.groups.len() > 1;
    for (batch, groups) in card.groups.chunks(PLACES_AT_ONCE).enumerate() {
        let failed_here: Vec<Vec<(String, String)>> = groups
            .iter()
            .map(|g| {
                let key = (g.place.as_str(), g.year.as_str());
                if pages { failed_by_place.remove(&key).unwrap_or_default() } else { Vec::new() }
            })
            .collect();
        let made: Vec<(Made, Option<Made>)> = groups
            .par_iter()
            .zip(failed_here)
            .enumerate()
            .map(|(k, (g, failed))| {
                let chart = attempt(|| chart_files(g, &card, opts));
                let page = pages.then(|| attempt(|| Ok(place_files(&card, batch * PLACES_AT_ONCE + k, failed, opts))));
                (chart, page)
            })
            .collect();
        for (g, (chart, page)) in groups.iter().zip(made) {
            take(&format!("charts/{}", g.id), chart)?;
            if let Some(page) = page {
                take(&format!("places/{}", g.id), page)?;
            }
        }
    }
    Ok(failed)
}

/// A place's charts, PNG and SVG.
fn chart_files(g: &scorecard::Group, card: &scorecard::Scorecard, opts: &options::ReportOptions) -> Made {
    let svgs = chart::image_svgs(g, &card.version, &card.rules_label, opts.lang);
    let mut files = Vec::new();
    for (name, svg) in chart::image_names(g).into_iter().zip(svgs) {
        files.push((format!("charts/{name}.png"), png::render(&svg).map_err(|e| e.to_string())?));
        files.push((format!("charts/{name}.svg"), svg.into_bytes()));
    }
    Ok(files)
}

/// The page of place `index`, Markdown and HTML, with its files that failed.
fn place_files(
    card: &scorecard::Scorecard,
    index: usize,
    failed: Vec<(String, String)>,
    opts: &options::ReportOptions,
) -> Vec<ReportFile> {
    let place = card.for_group_with(index, failed);
    let slug = &card.groups[index].id;
    vec![
        (format!("places/{slug}.md"), markdown::render_in(&place, opts.lang).into_bytes()),
        (format!("places/{slug}.html"), html::render_in(&place, opts.lang).into_bytes()),
    ]
}

/// The workbook, from a copy of the run whose over-long texts are cut to fit Excel's cells
/// when there are any (the CSVs keep the full text).
fn xlsx_bytes(
    summary: &RunSummary,
    card: &scorecard::Scorecard,
    opts: &options::ReportOptions,
) -> Result<Vec<u8>, String> {
    match limits::clipped(summary, limits::XLSX_CELL_CHARS) {
        None => xlsx::render(card, summary, opts),
        Some(short) => xlsx::render(&scorecard::Scorecard::build_with(&short, &opts.stability), &short, opts),
    }
    .map_err(|e| e.to_string())
}

/// The page with the validation section before `marker`, when the options carry a check.
fn with_validation(
    page: String,
    marker: &str,
    opts: &options::ReportOptions,
    section: fn(&crate::validate::Agreement, options::Lang) -> String,
) -> Vec<u8> {
    match &opts.validation {
        Some(a) => insert_before(page, marker, &section(a, opts.lang)).into_bytes(),
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
