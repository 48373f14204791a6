//! Baseline for the benchmarks: plain pdf-extract as it comes
//! (`extract_text_from_mem_by_pages`), printing the text of each file given.
//!
//! `cargo build --release --example pdf_extract_baseline`, then
//! `target/release/examples/pdf_extract_baseline FILE...`.

use std::io::Write;

fn main() {
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for file in std::env::args().skip(1) {
        let result = std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|b| pdf_extract::extract_text_from_mem_by_pages(&b).map_err(|e| e.to_string()));
        match result {
            Ok(pages) => {
                for page in pages {
                    let _ = out.write_all(page.as_bytes());
                }
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
    }
    std::process::exit(i32::from(failed));
}
