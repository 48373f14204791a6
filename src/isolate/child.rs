//! The worker side of isolation: limits its own memory, reads jobs from stdin and writes one
//! result per line to a private copy of stdout (anything a parser prints goes to stderr instead).

use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};
use std::os::fd::FromRawFd;

use super::{Job, encode_to};
use crate::ingest::MetaTable;
use crate::pipeline::process;
use crate::rules::RuleSet;

/// Serves jobs until stdin closes. `max_memory` is the address-space limit in bytes (0: none).
pub fn serve(rules: &RuleSet, max_memory: u64) -> io::Result<()> {
    die_with_parent();
    quiet_panics();
    if max_memory > 0 {
        limit_address_space(max_memory)?;
    }
    let mut out = BufWriter::new(protocol_stdout()?);
    let meta = MetaTable::default();
    for line in io::stdin().lock().lines() {
        let job: Job = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let src = job.source();
        hang_if_asked(&src.rel);
        let result = crate::run::keep_what_reports_need(process(&src, &meta, rules));
        // Written as it is serialised: a large programme's answer is never one string in memory.
        encode_to(&mut out, &result)?;
        out.flush()?;
    }
    Ok(())
}

/// Makes a panic print its message alone, never a backtrace. Parser panics are caught and
/// reported per file, so a backtrace would only fill stderr; worse, symbolising one needs
/// memory that the address-space limit may not leave, and the failed allocation inside the
/// panic hook then waits forever on the backtrace lock the hook holds (with
/// `RUST_BACKTRACE=1`, a worker hung on `corrupted.pdf` until `--timeout`).
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(io::stderr(), "worker panic: {info}");
    }));
}

/// Caps the address space of this process, so an allocation beyond it fails (and aborts the
/// worker) instead of taking the machine's memory.
fn limit_address_space(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
    // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Returns a handle on the original stdout for the protocol, and points file descriptor 1 at
/// stderr, so stray prints from a parser cannot corrupt the results.
fn protocol_stdout() -> io::Result<File> {
    // SAFETY: dup and dup2 act on this process's own standard descriptors; the new descriptor
    // is owned by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(File::from_raw_fd(fd))
    }
}

/// Asks Linux to kill this worker when the parent dies, so a hanging worker is never orphaned.
fn die_with_parent() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_PDEATHSIG) only sets a signal number for this process.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

/// Test hook (debug builds only): `CALEIDO_TEST_HANG=<file name>` makes the worker hang forever
/// on that file, the way a parser stuck in a loop would, to prove timeouts and restarts.
fn hang_if_asked(rel: &str) {
    #[cfg(debug_assertions)]
    if let Some(name) = std::env::var_os("CALEIDO_TEST_HANG")
        && rel.rsplit('/').next() == Some(&*name.to_string_lossy())
    {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = rel;
}
