//! A small mutation fuzzer on stable Rust, for the readers in `shared` (what a request can make
//! them read): seed files are mutated — bits flipped, bytes and words of the format inserted,
//! ranges deleted, repeated thousands of times and spliced between seeds, multi-byte and control
//! characters slipped in — and each input is read under `catch_unwind` against a time budget.
//! A panic or an input read too slowly is written to `$CARGO_TARGET_DIR/fuzz-findings/<target>/`
//! and named in the failure; once fixed, it joins `tests/fuzz/regressions/<target>/`, which
//! every run reads first.
//!
//! `tests/fuzz/main.rs` runs each target for `SEMBRAR_FUZZ_SECONDS` (2 by default, as the test
//! command does); for a long run on the optimised build:
//! `SEMBRAR_FUZZ_SECONDS=600 cargo test --release -p tests --test fuzz -- --nocapture`.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One reader to fuzz.
pub struct Target {
    /// Its name (a folder name).
    pub name: &'static str,
    /// The inputs mutations start from.
    pub seeds: Vec<Vec<u8>>,
    /// Words of its format, inserted whole.
    pub words: Vec<&'static [u8]>,
    /// Reads one input.
    pub read: fn(&[u8]),
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Inputs read.
    pub runs: u64,
    /// Inputs that panicked: (saved file, panic message).
    pub panics: Vec<(PathBuf, String)>,
    /// Inputs read more slowly than the budget: (saved file, seconds).
    pub slow: Vec<(PathBuf, f64)>,
}

/// A xorshift64* generator: deterministic from its seed, no crate needed.
pub struct Dice(u64);

impl Dice {
    /// A generator from `seed` (never zero inside).
    pub fn new(seed: u64) -> Dice {
        Dice(seed | 1)
    }

    /// The next number.
    pub fn roll(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.roll() % n as u64) as usize
        }
    }
}

/// Characters that trip text handling: multi-byte letters, right-to-left marks and overrides,
/// a byte-order mark, NUL and other control characters, an invalid UTF-8 byte.
const AWKWARD: &[&[u8]] = &[
    "é".as_bytes(),
    "ñ".as_bytes(),
    "中".as_bytes(),
    "𝄞".as_bytes(),
    "\u{200f}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{feff}".as_bytes(),
    b"\0",
    b"\r",
    b"\t",
    b"\x1b",
    b"\xff",
    b"\xc3",
    b"-",
    b"9999999999999999999999999999",
    b"-0",
    b"1e308",
    b"NaN",
];

/// The largest input a mutation makes.
const INPUT_MAX: usize = 512 * 1024;

/// Changes `input` by one to four mutations.
fn mutate(input: &mut Vec<u8>, dice: &mut Dice, target: &Target) {
    for _ in 0..=dice.below(4) {
        let len = input.len();
        match dice.below(10) {
            0 if len > 0 => {
                let at = dice.below(len);
                input[at] ^= 1 << dice.below(8);
            }
            1 => {
                let at = dice.below(len + 1);
                let bytes: Vec<u8> = (0..=dice.below(8)).map(|_| dice.roll() as u8).collect();
                input.splice(at..at, bytes);
            }
            2 if len > 0 => {
                let from = dice.below(len);
                let to = (from + 1 + dice.below(64)).min(len);
                input.drain(from..to);
            }
            3 if len > 0 => {
                // A range repeated: long rows, deep nesting, many elements.
                let from = dice.below(len);
                let to = (from + 1 + dice.below(32)).min(len);
                let piece = input[from..to].to_vec();
                let most = if dice.below(4) == 0 { 20_000 } else { 16 };
                let times = 1 + dice.below(most);
                let mut repeated = Vec::with_capacity(piece.len() * times);
                for _ in 0..times {
                    repeated.extend_from_slice(&piece);
                    if repeated.len() > INPUT_MAX / 2 {
                        break;
                    }
                }
                input.splice(to..to, repeated);
            }
            4 | 5 if !target.words.is_empty() => {
                let word = target.words[dice.below(target.words.len())];
                let at = dice.below(len + 1);
                input.splice(at..at, word.iter().copied());
            }
            6 => {
                let word = AWKWARD[dice.below(AWKWARD.len())];
                let at = dice.below(len + 1);
                input.splice(at..at, word.iter().copied());
            }
            7 if !target.seeds.is_empty() => {
                let other = &target.seeds[dice.below(target.seeds.len())];
                let at = dice.below(len + 1);
                let from = dice.below(other.len() + 1);
                input.truncate(at);
                input.extend_from_slice(&other[from..]);
            }
            8 if len > 0 => input.truncate(dice.below(len)),
            _ if len > 0 => {
                let at = dice.below(len);
                input[at] = dice.roll() as u8;
            }
            _ => input.push(dice.roll() as u8),
        }
        input.truncate(INPUT_MAX);
    }
}

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Where findings are written.
fn findings_dir(target: &str) -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::target_profile_dir().join(".."));
    base.join("fuzz-findings").join(target)
}

fn save(target: &str, input: &[u8]) -> PathBuf {
    let dir = findings_dir(target);
    let _ = std::fs::create_dir_all(&dir);
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{hash:016x}.bin"));
    let _ = std::fs::write(&path, input);
    path
}

/// Reads one input; `Err` with the panic's message when it panicked.
fn read_once(target: &Target, input: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| (target.read)(input)))
        .map_err(|_| LAST_PANIC.with(|m| m.borrow().clone()))
}

/// The regression inputs kept for `target` (`tests/fuzz/regressions/<target>/`).
pub fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut found: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.path(), std::fs::read(e.path()).ok()?)))
        .collect();
    found.sort();
    found
}

/// Runs `target`: its regressions and seeds first, then mutations until `duration` has passed.
/// An input taking longer than `slow` is a finding.
pub fn run(target: &Target, duration: Duration, slow: Duration, seed: u64) -> Findings {
    // Panics are findings, not noise: keep their message (per thread) and print nothing.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            LAST_PANIC.with(|m| *m.borrow_mut() = format!("{message}{place}"));
        }))
    });
    let mut findings = Findings::default();
    let check = |input: &[u8], findings: &mut Findings| {
        let started = Instant::now();
        let outcome = read_once(target, input);
        let took = started.elapsed();
        findings.runs += 1;
        if let Err(message) = outcome {
            findings.panics.push((save(target.name, input), message));
        } else if took > slow {
            findings
                .slow
                .push((save(target.name, input), took.as_secs_f64()));
        }
    };
    for (_, input) in regressions(target.name) {
        check(&input, &mut findings);
    }
    for input in &target.seeds {
        check(input, &mut findings);
    }
    let mut dice = Dice::new(seed);
    let started = Instant::now();
    while started.elapsed() < duration && findings.panics.len() + findings.slow.len() < 5 {
        let mut input = if target.seeds.is_empty() {
            Vec::new()
        } else {
            target.seeds[dice.below(target.seeds.len())].clone()
        };
        mutate(&mut input, &mut dice, target);
        check(&input, &mut findings);
    }
    findings
}
