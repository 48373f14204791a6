//! The output folder is caleido's: a lock so one run writes it at a time, and a commit that
//! publishes a whole report set or none of it.
//!
//! Layout of an output folder:
//!
//! - `.caleido-report`: the marker (the folder is never read as input);
//! - `.caleido.lock`: held (`flock`) by the run that writes the folder; a second run refuses;
//! - `.caleido-staging/`: the next report set while it is written;
//! - `.caleido-commit`: the journal, the list of files of the next set; its atomic creation is
//!   the commit point;
//! - `.caleido-manifest`: the list of files of the current set.
//!
//! A commit stages every file in `.caleido-staging/` and syncs them all to disk, then writes the
//! journal, then moves the staged files into place, removes the files of the previous set that
//! the new set does not have, writes the manifest and removes the journal. A run killed before
//! the journal exists leaves the previous set whole (its staging folder is removed by the next
//! run); a run killed after it is rolled forward by the next run, before that run reads any
//! input, so the folder always ends up holding one whole set.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Name of the lock file in an output folder.
pub const LOCK_FILE: &str = ".caleido.lock";
/// Name of the folder the next report set is written to.
pub const STAGING: &str = ".caleido-staging";
/// Name of the journal: the next set's files; it exists only during a commit.
pub const JOURNAL: &str = ".caleido-commit";
/// Name of the list of files of the current report set.
pub const MANIFEST: &str = ".caleido-manifest";
/// Sub-folders whose files are all caleido's: files in them that the new set lacks are removed.
const OWNED_FOLDERS: [&str; 2] = ["charts", "places"];

/// The output folder, locked for this run; the lock is released when this is dropped (or when
/// the process ends, however it ends).
#[derive(Debug)]
pub struct OutDir {
    dir: PathBuf,
    _lock: File,
}

/// Why an output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutError {
    /// Another run holds the lock.
    #[error("another caleido run is writing reports to {0}; wait until it has finished, or choose another --out")]
    Busy(PathBuf),
    /// The folder cannot be created, locked or tidied.
    #[error("the output folder {0} is not writable ({1}); fix its permissions or choose another --out")]
    Io(PathBuf, io::Error),
}

impl OutDir {
    /// Creates `dir` if needed, marks it as caleido's, takes its lock, finishes or undoes an
    /// interrupted commit and removes stale temporary files. Returns what it repaired.
    pub fn open(dir: &Path) -> Result<(OutDir, Vec<String>), OutError> {
        let io_err = |e| OutError::Io(dir.to_path_buf(), e);
        std::fs::create_dir_all(dir).map_err(io_err)?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))
            .map_err(io_err)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(OutError::Busy(dir.to_path_buf())),
            Err(std::fs::TryLockError::Error(e)) => return Err(io_err(e)),
        }
        super::write_atomic(&dir.join(crate::ingest::REPORT_MARKER), super::MARKER_TEXT).map_err(io_err)?;
        let out = OutDir { dir: dir.to_path_buf(), _lock: lock };
        let repaired = out.recover().map_err(io_err)?;
        Ok((out, repaired))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Rolls an interrupted commit forward (its journal exists) or removes its staging folder
    /// (it does not), and removes temporary files that killed runs left.
    fn recover(&self) -> io::Result<Vec<String>> {
        let mut notes = Vec::new();
        if self.dir.join(JOURNAL).exists() {
            self.roll_forward()?;
            notes.push(format!("completed the interrupted publication of reports in {}", self.dir.display()));
        }
        if self.dir.join(STAGING).exists() {
            std::fs::remove_dir_all(self.dir.join(STAGING))?;
            notes.push(format!("removed the unfinished reports of an interrupted run in {}", self.dir.display()));
        }
        let stale = remove_stale_temporaries(&self.dir)?;
        if stale > 0 {
            notes.push(format!(
                "removed {stale} temporary file(s) that an interrupted run left in {}",
                self.dir.display()
            ));
        }
        Ok(notes)
    }

    /// Publishes `files` (relative path, bytes) as the new report set.
    pub fn commit(&self, files: &[(String, Vec<u8>)]) -> io::Result<Vec<PathBuf>> {
        let mut staging = self.begin()?;
        for (name, bytes) in files {
            staging.add(name, bytes)?;
        }
        staging.commit()
    }

    /// Starts a new report set in an empty staging folder; nothing is published until
    /// [`Staging::commit`].
    pub fn begin(&self) -> io::Result<Staging<'_>> {
        let dir = self.dir.join(STAGING);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { out: self, dir, names: Vec::new(), committing: false })
    }

    /// Moves the staged files named in the journal into place, removes the previous set's
    /// files that the new set lacks, and makes the journal the manifest. Safe to repeat.
    fn roll_forward(&self) -> io::Result<()> {
        let journal = std::fs::read_to_string(self.dir.join(JOURNAL))?;
        let new: Vec<&str> = journal.lines().filter(|l| !l.is_empty()).collect();
        let staging = self.dir.join(STAGING);
        for (i, name) in new.iter().enumerate() {
            check_name(name)?;
            let (from, to) = (staging.join(name), self.dir.join(name));
            if from.exists() {
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::rename(&from, &to)?;
            }
            if i == 0 {
                test_abort_at("renaming");
            }
        }
        self.remove_earlier(&new)?;
        std::fs::rename(self.dir.join(JOURNAL), self.dir.join(MANIFEST))?;
        sync_dir(&self.dir)?;
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        Ok(())
    }

    /// Removes files of earlier runs that are not in `keep`: those in the old manifest, and any
    /// file in the folders only caleido writes to (`charts/`, `places/`).
    fn remove_earlier(&self, keep: &[&str]) -> io::Result<()> {
        let keep: std::collections::BTreeSet<&str> = keep.iter().copied().collect();
        let mut old: Vec<String> = std::fs::read_to_string(self.dir.join(MANIFEST))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.is_empty() && check_name(l).is_ok())
            .map(str::to_string)
            .collect();
        for folder in OWNED_FOLDERS {
            let Ok(entries) = std::fs::read_dir(self.dir.join(folder)) else { continue };
            for e in entries.filter_map(Result::ok).filter(|e| e.file_type().is_ok_and(|t| t.is_file())) {
                if let Some(name) = e.file_name().to_str() {
                    old.push(format!("{folder}/{name}"));
                }
            }
        }
        for name in old.iter().filter(|n| !keep.contains(n.as_str())) {
            // Best effort: a file that cannot be removed is no part of the new set's manifest.
            let _ = std::fs::remove_file(self.dir.join(name));
        }
        for folder in OWNED_FOLDERS {
            // An owned folder the new set leaves empty goes too (`remove_dir` keeps a non-empty one).
            let _ = std::fs::remove_dir(self.dir.join(folder));
        }
        Ok(())
    }

    /// Fails, before anything is published, when a report cannot take its place: its path or
    /// a folder on the way is held by something of the other kind.
    fn check_target(&self, name: &str) -> io::Result<()> {
        let target = self.dir.join(name);
        let blocked = |p: &Path, why: &str| Err(io::Error::other(format!("{} {why}; move it away", p.display())));
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return blocked(&target, "is a folder where a report file goes");
        }
        let mut folder = target.parent();
        while let Some(f) = folder.filter(|f| f.starts_with(&self.dir) && *f != self.dir) {
            if std::fs::metadata(f).is_ok_and(|m| !m.is_dir()) {
                return blocked(f, "is a file where a report folder goes");
            }
            folder = f.parent();
        }
        Ok(())
    }
}

/// A report set being written: each file goes to disk as soon as it is made, so a run never
/// holds every report in memory at once.
#[derive(Debug)]
pub struct Staging<'a> {
    out: &'a OutDir,
    dir: PathBuf,
    names: Vec<String>,
    /// Set once the journal is about to be written: from then on the staged files belong to
    /// the journal and are never removed here.
    committing: bool,
}

impl Drop for Staging<'_> {
    /// A set dropped before its commit (a report file could not be staged) leaves no staging folder.
    fn drop(&mut self) {
        if !self.committing {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Staging<'_> {
    /// Writes one report file of the set under its relative name (synced to disk with the
    /// others at the commit); fails when the name leaves the folder or its place in the output
    /// folder is taken by the wrong kind.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        check_name(name)?;
        self.out.check_target(name)?;
        write_file(&self.dir.join(name), bytes)?;
        self.names.push(name.to_string());
        Ok(())
    }

    /// Publishes the set: writes the journal (the commit point), then moves the files into
    /// place. Returns the published paths.
    pub fn commit(mut self) -> io::Result<Vec<PathBuf>> {
        sync_staged(&self.dir, &self.names)?;
        test_abort_at("staged");
        self.committing = true;
        let list: String = self.names.iter().map(|n| format!("{n}\n")).collect();
        super::write_atomic(&self.out.dir.join(JOURNAL), list.as_bytes())?;
        sync_dir(&self.out.dir)?;
        test_abort_at("journal");
        self.out.roll_forward()?;
        Ok(self.names.iter().map(|n| self.out.dir.join(n)).collect())
    }
}

/// A report's relative name may not leave the folder or name caleido's own files.
fn check_name(name: &str) -> io::Result<()> {
    let bad = name.is_empty()
        || name.starts_with('/')
        || name.split('/').any(|p| p.is_empty() || p == "." || p == ".." || p.starts_with(".caleido"));
    if bad { Err(io::Error::other(format!("not a report file name: {name:?}"))) } else { Ok(()) }
}

/// Writes `bytes` to `path`, creating its folder; [`sync_staged`] syncs it to disk.
fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    File::create(path)?.write_all(bytes)
}

/// Syncs the staged files `names` and their folders in `dir` to disk. On Linux one `syncfs` of
/// the file system: one journal commit instead of one per file (a run of 350 places stages
/// 1,400 files; synced one by one they took about 4 ms each).
#[cfg(target_os = "linux")]
fn sync_staged(dir: &Path, _names: &[String]) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let folder = File::open(dir)?;
    // SAFETY: syncfs only reads the descriptor, which `folder` owns until after the call.
    if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Syncs the staged files `names` and their folders in `dir` to disk, one by one.
#[cfg(not(target_os = "linux"))]
fn sync_staged(dir: &Path, names: &[String]) -> io::Result<()> {
    let mut folders = std::collections::BTreeSet::new();
    for name in names {
        let path = dir.join(name);
        File::open(&path)?.sync_all()?;
        folders.extend(path.parent().map(Path::to_path_buf));
    }
    folders.insert(dir.to_path_buf());
    folders.iter().try_for_each(|f| sync_dir(f))
}

/// Syncs a folder, so the renames in it survive a power cut.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Removes `.NAME.tmp` and `.NAME.PID.tmp` files in the folder and its owned sub-folders;
/// returns how many there were.
fn remove_stale_temporaries(dir: &Path) -> io::Result<usize> {
    let mut n = 0;
    let folders = std::iter::once(dir.to_path_buf()).chain(OWNED_FOLDERS.iter().map(|f| dir.join(f)));
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(".tmp") && e.file_type().is_ok_and(|t| t.is_file()) {
                std::fs::remove_file(e.path())?;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// Test hook (debug builds only): `CALEIDO_TEST_ABORT_AT=<step>` aborts the process at that
/// step of a commit (`staged`, `journal`, `renaming`), the way a kill would.
fn test_abort_at(step: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("CALEIDO_TEST_ABORT_AT").is_some_and(|s| s == step) {
        eprintln!("test hook: aborting at commit step {step}");
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str], tag: &str) -> Vec<(String, Vec<u8>)> {
        names.iter().map(|n| (n.to_string(), format!("{tag} {n}").into_bytes())).collect()
    }

    fn read(dir: &Path, name: &str) -> String {
        std::fs::read_to_string(dir.join(name)).unwrap_or_default()
    }

    #[test]
    fn a_commit_replaces_the_whole_set_and_removes_files_of_earlier_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, _) = OutDir::open(tmp.path()).unwrap();
        out.commit(&set(&["scores.csv", "charts/a.svg", "places/a.md"], "old")).unwrap();
        out.commit(&set(&["scores.csv", "charts/b.svg"], "new")).unwrap();
        assert_eq!(read(tmp.path(), "scores.csv"), "new scores.csv");
        assert_eq!(read(tmp.path(), "charts/b.svg"), "new charts/b.svg");
        assert!(!tmp.path().join("charts/a.svg").exists());
        assert!(!tmp.path().join("places/a.md").exists());
        assert!(!tmp.path().join("places").exists(), "an owned folder left empty is removed");
        assert!(tmp.path().join("charts").is_dir());
        assert_eq!(read(tmp.path(), MANIFEST), "scores.csv\ncharts/b.svg\n");
        assert!(!tmp.path().join(STAGING).exists() && !tmp.path().join(JOURNAL).exists());
    }

    #[test]
    fn a_second_open_of_a_locked_folder_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let (_first, _) = OutDir::open(tmp.path()).unwrap();
        assert!(matches!(OutDir::open(tmp.path()), Err(OutError::Busy(_))));
    }

    #[test]
    fn an_interrupted_commit_is_rolled_forward_or_back() {
        let tmp = tempfile::tempdir().unwrap();
        {
            let (out, _) = OutDir::open(tmp.path()).unwrap();
            out.commit(&set(&["scores.csv", "scorecard.md"], "old")).unwrap();
        }
        // Staged but not committed: the old set stays.
        write_file(&tmp.path().join(STAGING).join("scores.csv"), b"half").unwrap();
        std::fs::write(tmp.path().join(".scores.csv.123.tmp"), b"x").unwrap();
        let (out, notes) = OutDir::open(tmp.path()).unwrap();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(read(tmp.path(), "scores.csv"), "old scores.csv");
        assert!(!tmp.path().join(".scores.csv.123.tmp").exists());
        drop(out);
        // Journal written, one file moved: the next open finishes the set.
        for (n, b) in set(&["scores.csv", "scorecard.md"], "new") {
            write_file(&tmp.path().join(STAGING).join(n), &b).unwrap();
        }
        std::fs::write(tmp.path().join(JOURNAL), "scores.csv\nscorecard.md\n").unwrap();
        std::fs::rename(tmp.path().join(STAGING).join("scores.csv"), tmp.path().join("scores.csv")).unwrap();
        let (_out, notes) = OutDir::open(tmp.path()).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(read(tmp.path(), "scorecard.md"), "new scorecard.md");
        assert_eq!(read(tmp.path(), "scores.csv"), "new scores.csv");
    }

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        for bad in ["../x", "/etc/x", "a//b", ".caleido-manifest", ""] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(check_name("charts/a.svg").is_ok());
    }
}
