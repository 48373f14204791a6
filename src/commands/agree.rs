//! `caleido agree`: reads the coders' sheets and the key, compares, writes the agreement files
//! and prints the summary; the last line is `alpha=<x> tool_f1=<y>`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::AgreeArgs;
use crate::report::write_atomic;
use crate::validate::render::{headline, summary_md, units_csv};
use crate::validate::sheet::{CoderCodes, KeyUnit, read_coder, read_key};
use crate::validate::{AGREEMENT_FILE, Agreement, agree};

use super::{EXIT_FATAL, EXIT_OK};

/// Compares the sheets, writes `agree-summary.md`, `agree-units.csv` and `agree.json`, prints the summary.
pub fn run(args: &AgreeArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (key, coders) = match read_inputs(args) {
        Ok(x) => x,
        Err(errors) => {
            for e in &errors {
                let _ = writeln!(err, "error: {e}");
            }
            return EXIT_FATAL;
        }
    };
    let agreement = agree(&key, &coders, args.seed);
    let summary = summary_md(&agreement);
    if let Err(e) = write_files(args, &agreement, &summary, &key, &coders) {
        let _ = writeln!(err, "error: cannot write to {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    let _ = writeln!(out, "{summary}\nagreement files in {}", args.out.display());
    let _ = writeln!(out, "{}", headline(&agreement));
    EXIT_OK
}

fn read_inputs(args: &AgreeArgs) -> Result<(Vec<KeyUnit>, Vec<CoderCodes>), Vec<String>> {
    let key_path = match &args.key {
        Some(k) => k.clone(),
        None => find_key(&args.coders[0]).map_err(|e| vec![e])?,
    };
    let key = read_key(&key_path).map_err(|e| vec![e])?;
    let mut coders = Vec::new();
    let mut errors = Vec::new();
    for path in &args.coders {
        match read_coder(path) {
            Ok(c) => coders.push(c),
            Err(e) => errors.extend(e),
        }
    }
    errors.extend(check_ids(&key, &coders));
    name_coders_apart(&mut coders);
    if errors.is_empty() { Ok((key, coders)) } else { Err(errors) }
}

/// The one `*.key.csv` in the folder of the first sheet.
fn find_key(sheet: &Path) -> Result<PathBuf, String> {
    let dir = sheet.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut keys: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with(".key.csv")).collect();
    keys.sort();
    match keys.len() {
        1 => Ok(keys.remove(0)),
        0 => Err(format!("no *.key.csv beside {}; name the key with --key", sheet.display())),
        _ => Err(format!("several *.key.csv beside {}; name the key with --key", sheet.display())),
    }
}

/// Every id in a sheet is in the key (a sheet from another sample is caught here).
fn check_ids(key: &[KeyUnit], coders: &[CoderCodes]) -> Vec<String> {
    let ids: std::collections::BTreeSet<&str> = key.iter().map(|k| k.id.as_str()).collect();
    let mut errors = Vec::new();
    for c in coders {
        let unknown: Vec<&str> = c.codes.keys().map(String::as_str).filter(|id| !ids.contains(id)).collect();
        if !unknown.is_empty() {
            errors.push(format!(
                "sheet {}: {} id(s) not in the key ({}...): is it from another sample?",
                c.name,
                unknown.len(),
                unknown[0]
            ));
        }
    }
    errors
}

/// Two sheets with the same file stem get `-2`, `-3` after their names.
fn name_coders_apart(coders: &mut [CoderCodes]) {
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for c in coders.iter_mut() {
        let n = seen.entry(c.name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            c.name = format!("{}-{n}", c.name);
        }
    }
}

fn write_files(
    args: &AgreeArgs,
    agreement: &Agreement,
    summary: &str,
    key: &[KeyUnit],
    coders: &[CoderCodes],
) -> std::io::Result<()> {
    std::fs::create_dir_all(&args.out)?;
    let json = serde_json::to_string_pretty(agreement).map_err(std::io::Error::other)?;
    write_atomic(&args.out.join("agree-summary.md"), summary.as_bytes())?;
    write_atomic(&args.out.join("agree-units.csv"), &units_csv(key, coders)?)?;
    write_atomic(&args.out.join(AGREEMENT_FILE), format!("{json}\n").as_bytes())
}
