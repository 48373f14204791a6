//! Progress of a scoring run on stderr: a bar with files, rate and ETA on a terminal; a plain
//! line every few seconds when stderr is a file or a pipe; one line for the report stage. Also
//! the figures of `score --stats`: stage times and peak memory. Nothing here reaches a report.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Seconds between two plain progress lines, by default.
pub const PLAIN_INTERVAL_SECS: u64 = 5;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// Not at all.
    Hidden,
    /// A bar redrawn in place (stderr is a terminal).
    Bar,
    /// A plain line at most this often, and only once a run has lasted that long.
    Lines(Duration),
}

impl Display {
    /// A bar on a terminal, else plain lines every `interval` (default [`PLAIN_INTERVAL_SECS`]).
    pub fn for_stderr(is_terminal: bool, interval: Option<u64>) -> Display {
        match (is_terminal, interval) {
            (true, None) => Display::Bar,
            (_, secs) => Display::Lines(Duration::from_secs(secs.unwrap_or(PLAIN_INTERVAL_SECS))),
        }
    }
}

/// The progress of one run: files done out of a total, then the report stage.
pub struct Progress {
    display: Display,
    bar: ProgressBar,
    total: AtomicU64,
    done: AtomicU64,
    start: Instant,
    /// When the last plain line was written (lines only).
    last_line: Mutex<Instant>,
    /// When the last file was done, and this process's CPU seconds then.
    files_done: Mutex<Option<(Instant, f64)>>,
}

impl Progress {
    /// Progress shown as `display`; the total is set by [`Progress::start_files`].
    pub fn new(display: Display) -> Progress {
        let now = Instant::now();
        Progress {
            display,
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
            start: now,
            last_line: Mutex::new(now),
            files_done: Mutex::new(None),
        }
    }

    /// No progress on screen (tools and tests); stage times are still kept.
    pub fn hidden() -> Progress {
        Progress::new(Display::Hidden)
    }

    /// `total` files are about to be processed.
    pub fn start_files(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        if self.display == Display::Bar {
            self.bar.set_length(total);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            let template = "{bar:40} {pos}/{len} files, {per_sec}, ETA {eta} ";
            if let Ok(style) = ProgressStyle::with_template(template) {
                self.bar.set_style(style);
            }
        }
    }

    /// `n` more files are done (safe to call from any thread).
    pub fn inc(&self, n: u64) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        match self.display {
            Display::Bar => self.bar.inc(n),
            Display::Lines(every) => {
                let mut last = self.last_line.lock().unwrap_or_else(|e| e.into_inner());
                if last.elapsed() >= every && done < self.total.load(Ordering::Relaxed) {
                    *last = Instant::now();
                    drop(last);
                    self.line(&self.files_line(done));
                }
            }
            Display::Hidden => {}
        }
    }

    /// Every file is done: the bar gives way to one line, and the report stage begins.
    pub fn finish_files(&self) {
        let mut at = self.files_done.lock().unwrap_or_else(|e| e.into_inner());
        if at.is_some() {
            return;
        }
        *at = Some((Instant::now(), cpu_secs()));
        drop(at);
        self.bar.finish_and_clear();
        if self.shows_stages() {
            let done = self.done.load(Ordering::Relaxed);
            let secs = self.start.elapsed().as_secs_f64();
            self.line(&format!("{done} files in {secs:.1} s; writing reports ..."));
        }
    }

    /// The reports are written.
    pub fn finish_reports(&self) {
        if self.shows_stages() {
            self.line(&format!("reports written in {:.1} s", self.after_files().as_secs_f64()));
        }
    }

    /// Time from the start to the last file done (to now while files are still being done).
    pub fn files_time(&self) -> Duration {
        self.files_end().duration_since(self.start)
    }

    /// Time since the last file was done (zero while files are still being done).
    pub fn after_files(&self) -> Duration {
        self.files_end().elapsed()
    }

    /// CPU seconds this process has used since the last file was done (on a busy machine a
    /// steadier figure than the time on the clock).
    pub fn after_files_cpu(&self) -> f64 {
        let then = self.files_done.lock().unwrap_or_else(|e| e.into_inner()).map_or(0.0, |(_, cpu)| cpu);
        cpu_secs() - then
    }

    fn files_end(&self) -> Instant {
        self.files_done.lock().unwrap_or_else(|e| e.into_inner()).map_or_else(Instant::now, |(at, _)| at)
    }

    /// Stage lines go out on a terminal, and in plain mode once the run has lasted an interval.
    fn shows_stages(&self) -> bool {
        match self.display {
            Display::Bar => true,
            Display::Lines(every) => self.start.elapsed() >= every,
            Display::Hidden => false,
        }
    }

    /// `1200/3500 files, 41/s, ETA 56 s`.
    fn files_line(&self, done: u64) -> String {
        let total = self.total.load(Ordering::Relaxed);
        let secs = self.start.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let eta = if rate > 0.0 { format!("{:.0} s", total.saturating_sub(done) as f64 / rate) } else { "?".into() };
        let rate = if rate < 10.0 { format!("{rate:.1}") } else { format!("{rate:.0}") };
        format!("{done}/{total} files, {rate}/s, ETA {eta}")
    }

    fn line(&self, text: &str) {
        let _ = writeln!(std::io::stderr().lock(), "caleido: {text}");
    }
}

fn rusage(who: libc::c_int) -> Option<libc::rusage> {
    // SAFETY: getrusage writes into the zeroed struct we own and reads nothing else.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(who, &mut usage) == 0).then_some(usage)
    }
}

/// CPU seconds (user and system) this process has used.
pub fn cpu_secs() -> f64 {
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    rusage(libc::RUSAGE_SELF).map_or(0.0, |u| secs(u.ru_utime) + secs(u.ru_stime))
}

/// Peak resident memory in MiB of this process (`self`) or of the largest child process it
/// has waited for (`children`), from `getrusage`.
pub fn peak_rss_mib(children: bool) -> f64 {
    let who = if children { libc::RUSAGE_CHILDREN } else { libc::RUSAGE_SELF };
    rusage(who).map_or(0.0, |u| u.ru_maxrss as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_a_bar_and_anything_else_lines() {
        assert_eq!(Display::for_stderr(true, None), Display::Bar);
        assert_eq!(Display::for_stderr(false, None), Display::Lines(Duration::from_secs(PLAIN_INTERVAL_SECS)));
        assert_eq!(Display::for_stderr(true, Some(0)), Display::Lines(Duration::ZERO));
    }

    #[test]
    fn the_files_line_names_count_rate_and_eta() {
        let p = Progress::hidden();
        p.start_files(10);
        p.inc(4);
        let line = p.files_line(4);
        assert!(line.starts_with("4/10 files, ") && line.contains("/s, ETA "), "{line}");
    }

    #[test]
    fn stage_times_are_kept_once() {
        let p = Progress::hidden();
        p.finish_files();
        let first = p.files_time();
        p.finish_files();
        assert_eq!(p.files_time(), first);
        assert!(peak_rss_mib(false) > 0.0);
    }
}
