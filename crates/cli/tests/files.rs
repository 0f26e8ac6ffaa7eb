//! Files are never destroyed by a command that writes: an output that is one of
//! the command's inputs (by its path, a symbolic link or a hard link) is refused
//! and the input left as it was; a write that fails leaves the earlier file as it
//! was; Ctrl-C and SIGTERM leave no temporary file and exit 130 and 143; and the
//! temporaries a killed run left behind are removed by the next run that writes
//! into their folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A new, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-files").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

/// The `.chanjiao-*.part` files in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".chanjiao-") && n.ends_with(".part"))
        .collect()
}

/// The example enterprise's answers, applicant file, a policy pack and the
/// font, copied into `dir`: the tests write at them, never at the originals.
struct Inputs {
    answers: PathBuf,
    applicant: PathBuf,
    policy: PathBuf,
    font: PathBuf,
}

fn inputs(dir: &Path) -> Inputs {
    let i = Inputs { answers: dir.join("answers.json"), applicant: dir.join("applicant.json"), policy: dir.join("pack.json"), font: dir.join("font.otf") };
    copy(&root().join("examples/enterprise.json"), &i.answers);
    copy(&root().join("examples/applicant-enterprise.json"), &i.applicant);
    copy(&root().join("examples/policy/example-continuation-2026.json"), &i.policy);
    copy(&root().join("fonts/NotoSansCJKsc-Regular-chanjiao.otf"), &i.font);
    i
}

/// `chanjiao pdf` of the example's A11 form into `output`.
fn pdf(i: &Inputs, output: &Path) -> Output {
    chanjiao(&[
        "pdf",
        "--answers",
        path(&i.answers),
        "--on",
        "2025-06-30",
        "--incentive",
        "A11",
        "--applicant",
        path(&i.applicant),
        "--policy",
        path(&i.policy),
        "--font",
        path(&i.font),
        "-o",
        path(output),
    ])
}

#[test]
fn pdf_never_writes_over_a_file_it_reads() {
    let dir = folder("pdf-inputs");
    let i = inputs(&dir);
    // The inputs work: a form is made when the output is another file.
    let made = pdf(&i, &dir.join("form.pdf"));
    assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
    for (input, what) in [(&i.answers, "answers"), (&i.applicant, "applicant"), (&i.policy, "policy pack"), (&i.font, "font")] {
        let before = read(input);
        let symlink = dir.join(format!("symlink-{what}"));
        let hardlink = dir.join(format!("hardlink-{what}"));
        #[cfg(unix)]
        std::os::unix::fs::symlink(input, &symlink).unwrap_or_else(|e| panic!("{e}"));
        std::fs::hard_link(input, &hardlink).unwrap_or_else(|e| panic!("{e}"));
        // The same path, written another way, too.
        let dotted = dir.join(".").join(input.file_name().unwrap_or_default());
        for output in [input.clone(), dotted, symlink, hardlink] {
            if !output.exists() {
                continue;
            }
            let out = pdf(&i, &output);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "pdf -o {} ({what}): {err}", output.display());
            assert!(err.contains("同一个文件") && err.contains("same file"), "{err}");
            assert!(err.contains(path(&output)) && err.contains(path(input)), "the message names both files: {err}");
            assert!(err.lines().next().is_some_and(|l| l.contains("同一个文件")), "Chinese first: {err}");
            assert_eq!(read(input), before, "the {what} is unchanged");
        }
    }
    assert!(temporaries(&dir).is_empty(), "{:?}", temporaries(&dir));
}

#[test]
fn a_write_that_fails_leaves_the_earlier_form_as_it_was() {
    let dir = folder("pdf-fails");
    let i = inputs(&dir);
    let form = dir.join("form.pdf");
    std::fs::write(&form, b"the earlier form").unwrap_or_else(|e| panic!("{e}"));
    // A limit on the size of a file written (as a full disk or a quota would
    // stop it), with SIGXFSZ ignored so the write fails rather than the process:
    // the form (about 140 KB) cannot be written whole.
    let script = "ulimit -f 64; trap '' XFSZ; exec \"$0\" pdf --answers \"$1\" --on 2025-06-30 --incentive A11 --applicant \"$2\" --font \"$3\" -o \"$4\"";
    let out = Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_chanjiao"), path(&i.answers), path(&i.applicant), path(&i.font), path(&form)])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("无法写入") && err.contains("cannot write"), "{err}");
    let now = read(&form);
    assert!(now == b"the earlier form", "the earlier form is intact, not {} bytes of a truncated one", now.len());
    assert!(temporaries(&dir).is_empty(), "no temporary is left: {:?}", temporaries(&dir));
    // Without the limit the same command replaces it whole.
    let out = pdf(&i, &form);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(read(&form).starts_with(b"%PDF"));
}

#[test]
fn batch_never_writes_over_a_policy_pack_it_reads() {
    let dir = folder("batch-packs");
    let input = dir.join("in.csv");
    std::fs::write(&input, "applicant_id,applicant_type\nE1,ENT\n").unwrap_or_else(|e| panic!("{e}"));
    let pack = dir.join("pack.json");
    copy(&root().join("examples/policy/example-successor-2026.json"), &pack);
    let before = read(&pack);
    let other = dir.join("out.csv");
    let runs: [&[&str]; 3] = [
        &["--output", path(&pack), "--policy", path(&pack)],
        &["--output", path(&other), "--summary", path(&pack), "--compare-policy", path(&pack)],
        &["--output", path(&other), "--compare-policy", path(&pack), "--chart", path(&pack)],
    ];
    for extra in runs {
        let mut args = vec!["batch", "--input", path(&input), "--on", "2026-06-30"];
        args.extend_from_slice(extra);
        let out = chanjiao(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains("政策包") && err.contains("policy pack") && err.contains(path(&pack)), "{err}");
        assert_eq!(read(&pack), before, "{extra:?}: the pack is unchanged");
    }
    // Two outputs that are one file through a link are refused too.
    let link = dir.join("link.csv");
    std::fs::write(&other, b"earlier").unwrap_or_else(|e| panic!("{e}"));
    std::fs::hard_link(&other, &link).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&other), "--summary", path(&link), "--on", "2026-06-30"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(path(&other)) && err.contains(path(&link)), "{err}");
    assert_eq!(read(&other), b"earlier");
}

/// A CSV of `rows` enterprises, enough for a run of many seconds.
fn big_csv(p: &Path, rows: usize) {
    use std::fmt::Write as _;
    let mut text = String::from(
        "applicant_id,applicant_name,applicant_type,registered_in_quanzhou,ent_ownership,ent_sector,ent_employees,graduates_hired,graduates_hired_on\n",
    );
    for k in 0..rows {
        let _ = writeln!(text, "E{k},公司{k},ENT,是,private,industry,{},{},2024-07-08", k % 500, k % 7);
    }
    std::fs::write(p, text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn ctrl_c_or_sigterm_during_a_batch_leaves_no_temporary_and_the_earlier_files() {
    let dir = folder("signals");
    let input = dir.join("big.csv");
    big_csv(&input, 300_000);
    let (output, summary) = (dir.join("results.csv"), dir.join("summary.csv"));
    std::fs::write(&output, b"earlier results").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&summary, b"earlier summary").unwrap_or_else(|e| panic!("{e}"));
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chanjiao"))
            .args(["batch", "--input", path(&input), "--output", path(&output), "--summary", path(&summary), "--on", "2025-06-30"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Wait until the run is writing its results (a temporary holds some).
        let start = Instant::now();
        loop {
            let writing = temporaries(&dir).iter().any(|n| std::fs::metadata(dir.join(n)).is_ok_and(|m| m.len() > 0));
            if writing {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the run ended before it was interrupted: {status}");
            }
            assert!(start.elapsed() < Duration::from_secs(120), "no temporary appeared");
            std::thread::sleep(Duration::from_millis(20));
        }
        let sent = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap_or_else(|e| panic!("kill: {e}"));
        assert!(sent.success());
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "SIG{signal}: {err}");
        assert!(err.contains("临时文件已删除") && err.contains("temporary files were removed"), "{err}");
        assert!(temporaries(&dir).is_empty(), "SIG{signal} left {:?}", temporaries(&dir));
        assert_eq!(read(&output), b"earlier results");
        assert_eq!(read(&summary), b"earlier summary");
    }
}

/// Sets a file's modification time `ago` in the past.
fn age(p: &Path, ago: Duration) {
    let file = std::fs::File::options().write(true).open(p).unwrap_or_else(|e| panic!("{e}"));
    file.set_modified(SystemTime::now() - ago).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn temporaries_a_killed_run_left_are_removed_by_the_next_run_into_their_folder() {
    let dir = folder("stale");
    let input = dir.join("in.csv");
    std::fs::write(&input, "applicant_id,applicant_type\nE1,ENT\n").unwrap_or_else(|e| panic!("{e}"));
    // A process that has ended: its number names no running process.
    let mut ended = Command::new("true").spawn().unwrap_or_else(|e| panic!("{e}"));
    let _ = ended.wait();
    let gone = ended.id();
    let running = std::process::id();
    let two_hours = Duration::from_secs(2 * 60 * 60);
    let files = [
        // (name, age, removed)
        (".chanjiao-x.part".to_owned(), two_hours, true),
        (format!(".chanjiao-{gone}-AbC123.part"), two_hours, true),
        // Recent: perhaps a run that is still going.
        (".chanjiao-y.part".to_owned(), Duration::ZERO, false),
        (format!(".chanjiao-{gone}-DeF456.part"), Duration::from_secs(60), false),
        // Old, but its process is running (this test): a long run's summary.
        (format!(".chanjiao-{running}-GhI789.part"), two_hours, false),
        // Not a temporary of chanjiao's.
        ("chanjiao-x.part".to_owned(), two_hours, false),
        (".chanjiao-x.partial".to_owned(), two_hours, false),
    ];
    for (name, ago, _) in &files {
        let p = dir.join(name);
        std::fs::write(&p, b"left behind").unwrap_or_else(|e| panic!("{e}"));
        age(&p, *ago);
    }
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&dir.join("out.csv")), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for (name, _, removed) in &files {
        assert_eq!(!dir.join(name).exists(), *removed, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = folder("pipe");
    let input = dir.join("in.csv");
    std::fs::write(&input, "applicant_id,applicant_type\nE1,ENT\n").unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.join("results.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
    // A reader at the other end, as `--output >(gzip > results.csv.gz)` would be.
    let mut reader = Command::new("cat").arg(&fifo).stdout(std::process::Stdio::piped()).spawn().unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&fifo), "--on", "2025-06-30"]);
    let start = Instant::now();
    while reader.try_wait().ok().flatten().is_none() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = reader.kill();
    let read = reader.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo()), "the pipe is still a pipe, not a file put in its place");
    assert!(String::from_utf8_lossy(&read.stdout).contains("row,applicant_id"), "the results came through the pipe");
    assert!(temporaries(&dir).is_empty());
}

#[test]
fn a_read_only_output_is_not_replaced() {
    let dir = folder("read-only");
    let input = dir.join("in.csv");
    std::fs::write(&input, "applicant_id,applicant_type\nE1,ENT\n").unwrap_or_else(|e| panic!("{e}"));
    let output = dir.join("kept.csv");
    std::fs::write(&output, b"kept on purpose").unwrap_or_else(|e| panic!("{e}"));
    let mut permissions = std::fs::metadata(&output).unwrap_or_else(|e| panic!("{e}")).permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&output, permissions).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&output), "--on", "2025-06-30"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("只读") && err.contains("read-only"), "{err}");
    assert_eq!(read(&output), b"kept on purpose");
    assert!(temporaries(&dir).is_empty());
}
