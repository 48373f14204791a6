//! `caleido rules export`: the rule set as a quanteda YAML dictionary or a LIWC `.dic`.

use std::io::Write;

use crate::cli::{ExportArgs, ExportFormat};
use crate::rules::export::{to_liwc, to_yaml};

use super::{EXIT_FATAL, EXIT_OK, load_rules};

/// Writes the export to `--out` (or `out`) and lists on `err` what the format could not carry.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref(), err) else { return EXIT_FATAL };
    let export = match args.format {
        ExportFormat::Yaml => to_yaml(&rules),
        ExportFormat::Liwc => to_liwc(&rules),
    };
    let written = match &args.out {
        Some(path) => std::fs::write(path, &export.text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => out.write_all(export.text.as_bytes()).map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "error: {e}");
        return EXIT_FATAL;
    }
    for line in &export.lost {
        let _ = writeln!(err, "note: {line}");
    }
    let _ =
        writeln!(err, "note: {} thing(s) the format cannot carry were left out (see docs/rules.md)", export.lost.len());
    EXIT_OK
}
