//! `caleido rules import`: a LIWC `.dic` or a quanteda YAML dictionary to a rule folder.

use std::io::Write;
use std::path::Path;

use crate::cli::{ImportArgs, ImportFormat};
use crate::rules::RuleSet;
use crate::rules::import::{Dictionary, Imported, Mapping, parse_liwc, parse_yaml, to_rules, write_folder};

use super::{EXIT_FATAL, EXIT_OK};

/// How many entries left out are listed without `--verbose`.
const NOTES_SHOWN: usize = 10;

/// Reads the dictionary, maps its categories to mirrors and writes the rule folder.
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match import(args, out, err) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_FATAL
        }
    }
}

fn import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), String> {
    let file = args.file.display().to_string();
    let mapping = mapping(args)?;
    let dict = read_dictionary(&args.file, args.format)?;
    let imported = to_rules(&dict, &mapping);
    report_left_out(&imported, &file, args.verbose, err);
    if !imported.unmapped.is_empty() && args.strict {
        return Err(format!("{} categor(y/ies) not mapped (--strict); nothing written", imported.unmapped.len()));
    }
    if imported.rules.is_empty() {
        return Err("no category is mapped to a mirror: give --category NAME=M or --map FILE; nothing written".into());
    }
    prepare_folder(&args.out, args.force)?;
    let format = match args.format {
        ImportFormat::Liwc => "LIWC",
        ImportFormat::Yaml => "quanteda YAML",
    };
    let stem = args.file.file_stem().map_or("dictionary".into(), |s| s.to_string_lossy().into_owned());
    let name = args.name.clone().unwrap_or_else(|| format!("import-{}", crate::rules::import::slug(&stem)));
    let origin = format!("{} ({format})", args.file.file_name().map_or(file.clone(), |n| n.to_string_lossy().into()));
    write_folder(&args.out, &name, &origin, &imported.rules)?;
    let loaded = RuleSet::load(&args.out).map_err(|e| format!("the written folder does not load: {}", e[0]))?;
    let terms: usize = loaded.rules.iter().map(|r| r.terms.len()).sum();
    let _ = writeln!(
        out,
        "wrote {} rule(s) with {terms} term(s) for mirror(s) {} to {}; {} categor(y/ies) not mapped, {} entr(y/ies) \
         left out; check with `caleido rules check {}`",
        loaded.rules.len(),
        loaded.titles.keys().map(u8::to_string).collect::<Vec<_>>().join(", "),
        args.out.display(),
        imported.unmapped.len(),
        imported.notes.len(),
        args.out.display()
    );
    Ok(())
}

fn mapping(args: &ImportArgs) -> Result<Mapping, String> {
    let mut mapping = match &args.map {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Mapping::parse(&text, &path.display().to_string())?
        }
        None => Mapping::default(),
    };
    mapping.extend(Mapping::parse(&args.category.join("\n"), "--category")?);
    Ok(mapping)
}

fn read_dictionary(path: &Path, format: ImportFormat) -> Result<Dictionary, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => encoding_rs::WINDOWS_1252.decode(e.as_bytes()).0.into_owned(),
    };
    let parsed = match format {
        ImportFormat::Liwc => parse_liwc(&text),
        ImportFormat::Yaml => parse_yaml(&text),
    };
    parsed.map_err(|n| format!("{}:{}: {}", path.display(), n.line, n.message))
}

fn report_left_out(imported: &Imported, file: &str, verbose: bool, err: &mut dyn Write) {
    for (name, entries) in &imported.unmapped {
        let _ = writeln!(
            err,
            "warning: category `{name}` ({entries} entr{}) is not mapped to a mirror: skipped (map it with \
             --category '{name}=M' or M.Q, or `{name}=skip` to silence this)",
            if *entries == 1 { "y" } else { "ies" }
        );
    }
    let shown = if verbose { imported.notes.len() } else { NOTES_SHOWN.min(imported.notes.len()) };
    for note in &imported.notes[..shown] {
        let _ = writeln!(err, "{file}:{}: note: {}", note.line, note.message);
    }
    if shown < imported.notes.len() {
        let _ =
            writeln!(err, "note: {} more entr(y/ies) left out (--verbose lists them)", imported.notes.len() - shown);
    }
}

/// Creates the output folder, or refuses one that holds files (unless `force`, which removes
/// the `.toml` files in it so no rule file of an earlier import stays behind).
pub fn prepare_folder(dir: &Path, force: bool) -> Result<(), String> {
    let entries: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(e) => e.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display())),
    };
    if entries.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} is not empty; choose a new folder, or add --force to replace the rule files (.toml) in it",
            dir.display()
        ));
    }
    for p in entries.iter().filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file()) {
        std::fs::remove_file(p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
    }
    Ok(())
}
