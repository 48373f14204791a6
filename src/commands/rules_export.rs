//! `caleido rules export`: the rule set as a quanteda YAML dictionary or a LIWC `.dic`.

use std::io::Write;

use crate::cli::{ExportArgs, ExportFormat};
use crate::rules::export::{to_liwc, to_yaml};

use super::{EXIT_FATAL, EXIT_OK, load_rules};

/// Writes the export to `--out` (or `out`) and says on `err`, in one line, what the format could
/// not carry (`--verbose`: each element).
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
    let carried = crate::rules::export::carried(&export, args.format == ExportFormat::Liwc);
    if args.verbose {
        for lost in &export.lost {
            let _ = writeln!(err, "note: {lost}");
        }
    }
    let _ = writeln!(err, "note: {}", crate::rules::export::summary(&export, carried));
    EXIT_OK
}
