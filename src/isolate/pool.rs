//! The parent side of isolation: a pool of persistent worker processes, one per thread. A worker
//! that misses the time limit or dies is killed and replaced; results keep the input order.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{Job, MIB};
use crate::model::{DocResult, Status};

/// How much of a worker's stderr is kept to explain why it stopped.
const STDERR_TAIL: usize = 4096;

/// The command line that starts one worker: `caleido worker [--rules DIR] --max-memory MIB`
/// (without `--rules` the worker uses the built-in rules, as its parent does).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    program: PathBuf,
    args: Vec<OsString>,
}

impl WorkerCommand {
    /// Workers run `program` (normally `std::env::current_exe()`) with the rule folder (none:
    /// the built-in rules) and the per-worker memory limit in bytes.
    pub fn new(program: PathBuf, rules_dir: Option<&Path>, max_memory: u64) -> WorkerCommand {
        let mut args: Vec<OsString> = vec!["worker".into()];
        if let Some(dir) = rules_dir {
            args.extend(["--rules".into(), dir.as_os_str().to_owned()]);
        }
        args.extend(["--max-memory".into(), max_memory.div_ceil(MIB).to_string().into()]);
        WorkerCommand { program, args }
    }
}

/// What became of one job.
enum Outcome {
    Done(Box<DocResult>),
    TimedOut,
    Stopped,
    Garbled(String),
}

/// One running worker process.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Result<DocResult, String>>,
    stderr: Option<JoinHandle<String>>,
    /// Jobs this worker has answered: a worker that dies on a later job is not a fresh one.
    answered: usize,
}

impl Worker {
    fn spawn(cmd: &WorkerCommand) -> io::Result<Worker> {
        let mut child = Command::new(&cmd.program)
            .args(&cmd.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (stdin, stdout, stderr) = match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
            (Some(i), Some(o), Some(e)) => (i, o, e),
            _ => return Err(io::Error::other("worker pipes missing")),
        };
        let (tx, lines) = channel();
        // A large answer is decoded as it streams in, never one string in memory.
        std::thread::spawn(move || super::read_answers(stdout, |answer| tx.send(answer).is_ok()));
        let stderr = Some(std::thread::spawn(move || tail_of(stderr)));
        Ok(Worker { child, stdin, lines, stderr, answered: 0 })
    }

    fn run(&mut self, job: &Job, timeout: Duration) -> Outcome {
        let line = match serde_json::to_string(job) {
            Ok(l) => l,
            Err(e) => return Outcome::Garbled(e.to_string()),
        };
        if writeln!(self.stdin, "{line}").and_then(|()| self.stdin.flush()).is_err() {
            return Outcome::Stopped;
        }
        match self.lines.recv_timeout(timeout) {
            Ok(Ok(result)) => Outcome::Done(Box::new(result)),
            Ok(Err(why)) => Outcome::Garbled(why),
            Err(RecvTimeoutError::Timeout) => Outcome::TimedOut,
            Err(RecvTimeoutError::Disconnected) => Outcome::Stopped,
        }
    }

    /// Kills the worker and returns how it ended and the end of what it wrote to stderr.
    fn stop(&mut self) -> (Option<ExitStatus>, String) {
        let _ = self.child.kill();
        let status = self.child.wait().ok();
        let tail = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        (status, tail)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe to its end, keeping the last [`STDERR_TAIL`] bytes.
fn tail_of(mut pipe: impl Read) -> String {
    let (mut kept, mut buf) = (Vec::new(), [0u8; 4096]);
    while let Ok(n) = pipe.read(&mut buf) {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&buf[..n]);
        if kept.len() > 2 * STDERR_TAIL {
            kept.drain(..kept.len() - STDERR_TAIL);
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// The status of a file whose worker died: out of memory, stack overflow or another crash.
pub fn crash_status(exit: Option<ExitStatus>, stderr: &str) -> Status {
    if stderr.contains("memory allocation of") {
        Status::TooLarge
    } else if stderr.contains("overflowed its stack") {
        Status::Damaged("the PDF parser overflowed its stack".into())
    } else {
        let how = exit.map_or_else(|| "unknown exit".to_string(), |s| s.to_string());
        Status::Damaged(format!("the worker process stopped ({how})"))
    }
}

/// Processes `jobs` in `workers` worker processes (at least one) and returns, in job order, what
/// `finish` made of each result or of the status of a file whose worker had to be stopped;
/// `finish` gets the job's number and runs as soon as the answer is in, so a large run keeps
/// only what it returns. Fails only when no worker starts.
pub fn run_pool<R: Send>(
    jobs: &[Job],
    cmd: &WorkerCommand,
    workers: usize,
    timeout: Duration,
    finish: &(dyn Fn(usize, Result<DocResult, Status>) -> R + Sync),
) -> io::Result<Vec<R>> {
    let started = spawn_up_to(cmd, workers.clamp(1, jobs.len().max(1)))?;
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for worker in started {
            let (next, results) = (&next, &results);
            scope.spawn(move || {
                let mut slot = Some(worker);
                while let Some(i) = Some(next.fetch_add(1, Ordering::SeqCst)).filter(|i| *i < jobs.len()) {
                    let result = finish(i, run_one(&mut slot, cmd, &jobs[i], timeout));
                    *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    Ok(results
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let r = m.into_inner().unwrap_or_else(|e| e.into_inner());
            r.unwrap_or_else(|| finish(i, Err(Status::Damaged("no worker processed this file".into()))))
        })
        .collect())
}

/// Starts up to `n` workers; when the system refuses more (too many processes or open files),
/// goes on with those that started. Fails only when none starts.
fn spawn_up_to(cmd: &WorkerCommand, n: usize) -> io::Result<Vec<Worker>> {
    let mut started = Vec::with_capacity(n);
    for _ in 0..n {
        match Worker::spawn(cmd) {
            Ok(w) => started.push(w),
            Err(e) if started.is_empty() => return Err(e),
            Err(_) => break,
        }
    }
    Ok(started)
}

/// Runs one job in the slot's worker, starting a worker first when the slot is empty, and
/// empties the slot when its worker had to be stopped. A worker that dies on a job after it
/// answered others (memory it kept from earlier files may count against `--max-memory`) gets
/// the job again in a fresh worker, so a file's status never depends on the files before it.
fn run_one(slot: &mut Option<Worker>, cmd: &WorkerCommand, job: &Job, timeout: Duration) -> Result<DocResult, Status> {
    match run_in_slot(slot, cmd, job, timeout) {
        Err((_, true)) => run_in_slot(slot, cmd, job, timeout).map_err(|(status, _)| status),
        other => other.map_err(|(status, _)| status),
    }
}

/// One attempt; on failure also says whether the worker had answered earlier jobs and died
/// (not timed out), so that a fresh worker may try again.
fn run_in_slot(
    slot: &mut Option<Worker>,
    cmd: &WorkerCommand,
    job: &Job,
    timeout: Duration,
) -> Result<DocResult, (Status, bool)> {
    let worker = match slot.take() {
        Some(w) => slot.insert(w),
        None => match Worker::spawn(cmd) {
            Ok(w) => slot.insert(w),
            Err(e) => return Err((Status::Damaged(format!("could not start a worker process: {e}")), false)),
        },
    };
    let outcome = worker.run(job, timeout);
    if let Outcome::Done(result) = outcome {
        worker.answered += 1;
        return Ok(*result);
    }
    let used = worker.answered > 0;
    let (exit, stderr) = worker.stop();
    *slot = None;
    Err(match outcome {
        Outcome::TimedOut => (Status::Timeout, false),
        Outcome::Garbled(why) => (Status::Damaged(format!("unreadable answer from the worker: {why}")), false),
        _ => (crash_status(exit, &stderr), used),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_that_ran_out_of_memory_means_too_large() {
        let stderr = "memory allocation of 2147483648 bytes failed\n";
        assert_eq!(crash_status(None, stderr), Status::TooLarge);
    }

    #[test]
    fn other_crashes_are_damaged_with_a_reason() {
        let overflow = "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n";
        assert_eq!(crash_status(None, overflow), Status::Damaged("the PDF parser overflowed its stack".into()));
        assert!(crash_status(None, "").label().starts_with("damaged: the worker process stopped"));
    }

    #[test]
    fn the_stderr_tail_keeps_the_end() {
        let long = format!("{}END", "x".repeat(3 * STDERR_TAIL));
        let tail = tail_of(long.as_bytes());
        assert!(tail.ends_with("END") && tail.len() <= 2 * STDERR_TAIL);
    }

    #[test]
    fn the_worker_command_passes_rules_and_memory_in_mib() {
        let cmd = WorkerCommand::new("caleido".into(), Some(Path::new("keywords")), 3 * MIB / 2);
        assert_eq!(cmd.args, ["worker", "--rules", "keywords", "--max-memory", "2"].map(OsString::from));
        let builtin = WorkerCommand::new("caleido".into(), None, MIB);
        assert_eq!(builtin.args, ["worker", "--max-memory", "1"].map(OsString::from));
    }
}
