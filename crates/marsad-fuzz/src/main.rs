//! `marsad-fuzz`: coverage-less mutation fuzzing of every parser that reads
//! untrusted bytes, for a fixed time per target, on stable Rust (cargo-fuzz
//! needs a nightly toolchain; see docs/fuzzing.md).
//!
//! Each target runs in a child process so that what `catch_unwind` cannot
//! catch (a stack overflow, an abort) is still a finding: the child writes
//! the index of the input it is on to a progress file, and as inputs are a
//! pure function of the seed and that index, the parent regenerates the
//! input that killed it without having kept it.

mod mutate;
mod targets;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use mutate::Mutator;
use targets::{SeedDirs, Target};

/// Ingest extracts on rayon's threads, which have Rust's default 2 MiB
/// stack; a smaller fuzzing stack would report overflows ingest never has.
const WORKER_STACK: usize = 2 << 20;
/// Mutants kept as bases for further mutation.
const POOL: usize = 256;
/// Findings saved per distinct signature (the rest are only counted).
const SAVED_PER_SIGNATURE: usize = 3;
/// A child that reports nothing for this long past the input's limit is hung.
const HANG_FACTOR: u32 = 10;
/// How a child that stopped on a hung input exits (it saved the input itself).
const HANG_EXIT: i32 = 3;

#[derive(Parser, Debug)]
#[command(about = "Mutation-fuzz Marsad's parsers for a fixed time per target")]
struct Args {
    /// A target name (html, document, text, date, warc, warc-gz, http, feed, query) or `all`.
    #[arg(long, default_value = "all")]
    target: String,
    /// Seconds of fuzzing per target.
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// The run is a function of this seed (and of the seed corpus).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where findings are saved, one directory per target.
    #[arg(long, default_value = "target/fuzz-findings")]
    findings: PathBuf,
    /// Seconds one input may take per started MiB before it is a finding.
    #[arg(long, default_value_t = 2.0)]
    time_limit: f64,
    /// Pages taken from each large HTML collection for the seed corpus.
    #[arg(long, default_value_t = 12)]
    pages_per_set: usize,
    /// The workspace (for sample/ and ../shared/); defaults to the one this was built in.
    #[arg(long)]
    workspace: Option<PathBuf>,
    /// Run these files through the target once each and report, instead of fuzzing.
    #[arg(long, num_args = 1..)]
    repro: Vec<PathBuf>,
    /// Internal: run one target in this process, writing progress to this file.
    #[arg(long, hide = true)]
    child: Option<PathBuf>,
    /// Internal: the first input index the child runs (earlier ones are only generated).
    #[arg(long, hide = true, default_value_t = 0)]
    start: u64,
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("marsad-fuzz: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool> {
    let args = Args::parse();
    let workspace = args
        .workspace
        .clone()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").components().collect());
    let names: Vec<&str> = if args.target == "all" { targets::NAMES.to_vec() } else { vec![args.target.as_str()] };
    if let Some(name) = names.iter().find(|n| !targets::NAMES.contains(n)) {
        bail!("unknown target {name:?}: use one of {} or all", targets::NAMES.join(", "));
    }
    if let Some(progress) = &args.child {
        return child(&args, &workspace, progress).map(|()| true);
    }
    install_panic_hook();
    if !args.repro.is_empty() {
        return repro(&args, &workspace, names[0]);
    }
    let mut clean = true;
    println!("{:<10} {:>10} {:>10} {:>9}", "target", "inputs", "inputs/s", "findings");
    for name in names {
        clean &= parent(&args, &workspace, name)?;
    }
    Ok(clean)
}

fn seed_dirs(workspace: &Path) -> SeedDirs<'_> {
    SeedDirs { workspace, shared: workspace.parent().unwrap_or(workspace).join("shared").leak(), pages_per_set: 12 }
}

fn build_target(args: &Args, workspace: &Path, name: &str) -> Result<Target> {
    let mut dirs = seed_dirs(workspace);
    dirs.pages_per_set = args.pages_per_set;
    targets::build(name, &dirs)
}

/// Runs saved inputs once each through a target: the way to check a fix.
fn repro(args: &Args, workspace: &Path, name: &str) -> Result<bool> {
    let target = build_target(args, workspace, name)?;
    let mut clean = true;
    for path in &args.repro {
        let input = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let (outcome, took) = run_one(&target, &input);
        let verdict = match outcome {
            Some(panic) => format!("panic: {panic}"),
            None if took > limit_for(args, input.len()).mul_f64(target.time_scale) => {
                format!("slow: {:.2} s", took.as_secs_f64())
            }
            None => format!("ok ({:.3} s)", took.as_secs_f64()),
        };
        clean &= verdict.starts_with("ok");
        println!("{}: {verdict}", path.display());
    }
    Ok(clean)
}

/// The time one input may take: `time_limit` per started MiB.
fn limit_for(args: &Args, len: usize) -> Duration {
    Duration::from_secs_f64(args.time_limit * (1 + len / (1 << 20)) as f64)
}

/// The deterministic stream of inputs for one target: seeds first, then
/// mutants of seeds and of earlier mutants.
struct Inputs<'a> {
    rng: ChaCha8Rng,
    mutator: Mutator<'a>,
    pool: Vec<Vec<u8>>,
    index: u64,
}

impl<'a> Inputs<'a> {
    fn new(target: &'a Target, seed: u64) -> Self {
        // Each target its own stream, so `--target X` reproduces `all`'s run of X.
        let salt =
            u64::from_le_bytes(blake3::hash(target.name.as_bytes()).as_bytes()[..8].try_into().unwrap_or([0; 8]));
        Inputs {
            rng: ChaCha8Rng::seed_from_u64(seed ^ salt),
            mutator: Mutator { corpus: &target.seeds, tokens: &target.tokens },
            pool: Vec::new(),
            index: 0,
        }
    }

    fn next_input(&mut self) -> Vec<u8> {
        let i = self.index as usize;
        self.index += 1;
        if let Some(seed) = self.mutator.corpus.get(i) {
            return seed.clone();
        }
        let from_pool = !self.pool.is_empty() && self.rng.random_bool(0.4);
        let base = if from_pool {
            &self.pool[self.rng.random_range(0..self.pool.len())]
        } else if self.mutator.corpus.is_empty() {
            &Vec::new()
        } else {
            &self.mutator.corpus[self.rng.random_range(0..self.mutator.corpus.len())]
        };
        let input = self.mutator.mutate(&mut self.rng, base);
        // Big mutants would make every later one big too.
        if input.len() <= 1 << 20 {
            if self.pool.len() < POOL {
                self.pool.push(input.clone());
            } else {
                let slot = self.rng.random_range(0..POOL);
                self.pool[slot] = input.clone();
            }
        }
        input
    }

    /// Generates inputs without running them, up to `index`.
    fn skip_to(&mut self, index: u64) {
        while self.index < index {
            self.next_input();
        }
    }
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Panics are findings, reported once with their place; the default hook
/// would print every one of them.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let first_line = message.lines().next().unwrap_or("").chars().take(200).collect::<String>();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{place}: {first_line}")));
    }));
}

/// One input through the target: the panic, if any, and the time it took.
fn run_one(target: &Target, input: &[u8]) -> (Option<String>, Duration) {
    let start = Instant::now();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target.run(input)));
    let took = start.elapsed();
    let panic = outcome.err().map(|_| LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default());
    (panic, took)
}

/// Shortens a panicking input while it still panics at the same place.
fn minimize(target: &Target, input: &[u8], signature: &str, budget: Duration) -> Vec<u8> {
    let start = Instant::now();
    let mut best = input.to_vec();
    let mut chunk = best.len().div_ceil(2).max(1);
    while chunk >= 1 && start.elapsed() < budget {
        let mut at = 0;
        let mut shrunk = false;
        while at < best.len() && start.elapsed() < budget {
            let end = (at + chunk).min(best.len());
            let candidate = [&best[..at], &best[end..]].concat();
            if run_one(target, &candidate).0.as_deref().map(signature_of) == Some(signature.to_owned()) {
                best = candidate;
                shrunk = true;
            } else {
                at += chunk;
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    best
}

/// The place a panic happened: findings with the same one are one bug.
fn signature_of(panic: &str) -> String {
    panic.split(": ").next().unwrap_or(panic).to_owned()
}

/// Findings of one target, by signature.
#[derive(Default)]
struct Findings {
    dir: PathBuf,
    by_signature: BTreeMap<String, usize>,
}

impl Findings {
    fn new(root: &Path, target: &str) -> Self {
        Findings { dir: root.join(target), by_signature: BTreeMap::new() }
    }

    fn total(&self) -> usize {
        self.by_signature.values().sum()
    }

    /// Saves the input (the first few of each signature); true if saved.
    fn record(&mut self, target: &str, signature: &str, detail: &str, input: &[u8]) -> Result<Option<PathBuf>> {
        let seen = self.by_signature.entry(signature.to_owned()).or_default();
        *seen += 1;
        if *seen > SAVED_PER_SIGNATURE {
            return Ok(None);
        }
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        let path = self.dir.join(&blake3::hash(input).to_hex()[..16]);
        std::fs::write(&path, input).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("  finding [{target}] {detail} ({} bytes) -> {}", input.len(), path.display());
        Ok(Some(path))
    }
}

/// Runs one target in a child process until its time is up, restarting it
/// after an input that kills it. False if there were findings.
fn parent(args: &Args, workspace: &Path, name: &str) -> Result<bool> {
    let exe = std::env::current_exe().context("locating marsad-fuzz")?;
    let mut findings = Findings::new(&args.findings, name);
    let progress_path = std::env::temp_dir().join(format!("marsad-fuzz-{}-{name}.progress", std::process::id()));
    let started = Instant::now();
    let budget = Duration::from_secs(args.seconds);
    let mut start = 0u64;
    let mut inputs = 0u64;
    loop {
        File::create(&progress_path).context("creating the progress file")?;
        let left = budget.saturating_sub(started.elapsed());
        let status = Command::new(&exe)
            .arg("--target")
            .arg(name)
            .arg("--seconds")
            .arg(left.as_secs_f64().ceil().to_string())
            .arg("--seed")
            .arg(args.seed.to_string())
            .arg("--findings")
            .arg(&args.findings)
            .arg("--time-limit")
            .arg(args.time_limit.to_string())
            .arg("--pages-per-set")
            .arg(args.pages_per_set.to_string())
            .arg("--workspace")
            .arg(workspace)
            .arg("--child")
            .arg(&progress_path)
            .arg("--start")
            .arg(start.to_string())
            .status()
            .context("starting the fuzzing child")?;
        let (index, ran, saved) = read_progress(&progress_path);
        inputs += ran;
        for (signature, count) in saved {
            *findings.by_signature.entry(signature).or_default() += count;
        }
        if status.success() {
            break;
        }
        if status.code() == Some(HANG_EXIT) {
            *findings.by_signature.entry("hang".to_owned()).or_default() += 1;
        } else {
            // Killed by what catch_unwind cannot catch: regenerate its input.
            let target = build_target(args, workspace, name)?;
            let mut stream = Inputs::new(&target, args.seed);
            stream.skip_to(index);
            let input = stream.next_input();
            let detail = format!("process died ({status}) on input {index}");
            findings.record(name, &format!("died: {status}"), &detail, &input)?;
        }
        inputs += 1;
        start = index + 1;
        if started.elapsed() >= budget {
            break;
        }
    }
    let _ = std::fs::remove_file(&progress_path);
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    println!("{name:<10} {inputs:>10} {:>10.1} {:>9}", inputs as f64 / secs, findings.total());
    for (signature, count) in &findings.by_signature {
        println!("           {count} × {signature}");
    }
    Ok(findings.total() == 0)
}

/// The progress file: the current input's index and how many ran as
/// 16 bytes, then one line per finding signature (`count\tsignature`).
fn read_progress(path: &Path) -> (u64, u64, Vec<(String, usize)>) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let word = |at: usize| bytes.get(at..at + 8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes).unwrap_or(0);
    let tail = String::from_utf8_lossy(bytes.get(16..).unwrap_or_default()).into_owned();
    let saved = tail
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(n, s)| Some((s.to_owned(), n.parse().ok()?)))
        .collect();
    (word(0), word(8), saved)
}

/// The fuzzing loop of one target, inside the child process.
fn child(args: &Args, workspace: &Path, progress_path: &Path) -> Result<()> {
    install_panic_hook();
    let name = args.target.clone();
    let progress = File::options().write(true).open(progress_path).context("opening the progress file")?;
    let progress = Arc::new(progress);
    // Milliseconds since `epoch` when the current input started (0: idle), and its limit.
    let epoch = Instant::now();
    let busy_since = Arc::new(AtomicU64::new(0));
    let busy_limit = Arc::new(AtomicU64::new(0));
    let current: Arc<Mutex<Arc<Vec<u8>>>> = Arc::default();
    let outcome: Arc<Mutex<Option<Result<()>>>> = Arc::default();
    let worker = {
        let (busy_since, busy_limit, current, outcome, progress) =
            (busy_since.clone(), busy_limit.clone(), current.clone(), outcome.clone(), progress.clone());
        let args_seconds = args.seconds;
        let (seed, start, findings_root, time_limit, pages) =
            (args.seed, args.start, args.findings.clone(), args.time_limit, args.pages_per_set);
        let workspace = workspace.to_owned();
        std::thread::Builder::new().name(format!("fuzz-{name}")).stack_size(WORKER_STACK).spawn(move || {
            let result = (|| -> Result<()> {
                let mut dirs = seed_dirs(&workspace);
                dirs.pages_per_set = pages;
                let target = targets::build(&name, &dirs)?;
                let mut stream = Inputs::new(&target, seed);
                stream.skip_to(start);
                let mut findings = Findings::new(&findings_root, &name);
                let deadline = Instant::now() + Duration::from_secs(args_seconds);
                let mut ran = 0u64;
                let limit =
                    |len: usize| Duration::from_secs_f64(time_limit * target.time_scale * (1 + len / (1 << 20)) as f64);
                while Instant::now() < deadline {
                    let index = stream.index;
                    let input = Arc::new(stream.next_input());
                    progress.write_all_at(&index.to_le_bytes(), 0)?;
                    *current.lock().unwrap_or_else(|e| e.into_inner()) = input.clone();
                    let input_limit = limit(input.len());
                    busy_limit.store(input_limit.as_millis() as u64, Ordering::SeqCst);
                    busy_since.store(epoch.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
                    let (panic, took) = run_one(&target, &input);
                    busy_since.store(0, Ordering::SeqCst);
                    ran += 1;
                    progress.write_all_at(&ran.to_le_bytes(), 8)?;
                    let finding = match panic {
                        Some(panic) => Some((signature_of(&panic), format!("panic at {panic}"))),
                        None if took > input_limit => {
                            Some(("slow".to_owned(), format!("slow: {:.2} s on input {index}", took.as_secs_f64())))
                        }
                        None => None,
                    };
                    if let Some((signature, detail)) = finding {
                        let saved = findings.record(&name, &signature, &detail, &input)?;
                        if let Some(path) = saved.filter(|_| signature != "slow") {
                            let small = minimize(&target, &input, &signature, Duration::from_secs(10));
                            let min_path = path.with_extension("min");
                            std::fs::write(&min_path, &small)?;
                            eprintln!("    minimized to {} bytes -> {}", small.len(), min_path.display());
                        }
                        let lines: String = findings.by_signature.iter().map(|(s, n)| format!("{n}\t{s}\n")).collect();
                        progress.set_len(16)?;
                        progress.write_all_at(lines.as_bytes(), 16)?;
                    }
                }
                Ok(())
            })();
            *outcome.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        })?
    };
    // The watchdog: an input that never returns cannot be caught in-thread.
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if worker.is_finished() {
            break;
        }
        let since = busy_since.load(Ordering::SeqCst);
        let limit = busy_limit.load(Ordering::SeqCst).max(1);
        if since != 0 && (epoch.elapsed().as_millis() as u64).saturating_sub(since) > limit * u64::from(HANG_FACTOR) {
            let input = current.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let mut findings = Findings::new(&args.findings, &args.target);
            let detail = format!("hang: over {} s", limit * u64::from(HANG_FACTOR) / 1000);
            findings.record(&args.target, "hang", &detail, &input)?;
            std::process::exit(HANG_EXIT);
        }
    }
    let result = outcome.lock().unwrap_or_else(|e| e.into_inner()).take();
    result.unwrap_or_else(|| bail!("the fuzzing thread ended without a result"))
}
