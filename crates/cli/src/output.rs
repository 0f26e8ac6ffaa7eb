//! Every file a command writes, and every character it shows, go through here.
//!
//! Files: a command names what it reads and what it writes ([`Files`]), and an
//! output that is one of its inputs, or another of its outputs, is refused
//! before anything is written (exit 2). An output is written to a temporary file
//! in its own folder (`.chanjiao-<pid>-<random>.part`) and renamed over the
//! output at the end ([`Temporary`], [`commit`], [`write`]), so a run that fails
//! leaves the earlier file as it was and no half file under its name. Ctrl-C
//! (SIGINT) and SIGTERM remove this process's temporaries before it exits (130,
//! 143); a run killed outright (SIGKILL, a power cut) leaves its temporaries
//! behind, and the next run that writes into that folder removes them once they
//! are [stale](STALE_AFTER).
//!
//! Characters: text from outside (an applicant's name, a CSV header, a policy
//! pack) may hold control characters that a terminal obeys, bidi controls that
//! reorder what is shown, or characters that are not allowed in XML. Wherever
//! the CLI prints or writes text, such a character is shown as `U+XXXX`
//! ([`text`], [`line`]); JSON keeps the character and writes it as a `\uXXXX`
//! escape ([`json`]), which means the same to a program and is inert on a
//! terminal.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::{Failure, bad_input, write_failure};

/// What a file is to a command, in Chinese and English, as messages name it.
pub(crate) type Role = (&'static str, &'static str);

/// The files one command reads and writes, to be checked before it writes.
#[derive(Debug, Default)]
pub(crate) struct Files {
    inputs: Vec<(PathBuf, Role)>,
    outputs: Vec<(PathBuf, Role)>,
}

impl Files {
    /// A file the command reads; `-` (standard input) is no file and is skipped.
    pub(crate) fn input(&mut self, path: &Path, role: Role) -> &mut Files {
        if path.as_os_str() != "-" {
            self.inputs.push((path.to_owned(), role));
        }
        self
    }

    /// A file the command writes.
    pub(crate) fn output(&mut self, path: &Path, role: Role) -> &mut Files {
        self.outputs.push((path.to_owned(), role));
        self
    }

    /// Refuses (exit 2) an output that is a folder, one of the inputs (by its
    /// path, through a symbolic or hard link, or by device and inode), or the same
    /// file as another output: writing it would destroy what the command reads
    /// or what it has just written.
    pub(crate) fn check(&self) -> Result<(), Failure> {
        for (i, (out, out_role)) in self.outputs.iter().enumerate() {
            let o = out.display();
            // A device or a pipe (`/dev/null`, `/dev/stdout`) is written into,
            // never replaced, and holds nothing to destroy.
            if std::fs::metadata(out).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
                continue;
            }
            if std::fs::metadata(out).is_ok_and(|m| m.is_dir()) {
                return Err(bad_input(
                    &format!("{}“{o}”是一个文件夹；请给出文件名", out_role.0),
                    &format!("the {} \"{o}\" is a folder; give a file name", out_role.1),
                ));
            }
            for (input, in_role) in &self.inputs {
                if same_file(input, out) {
                    let i = input.display();
                    return Err(bad_input(
                        &format!("{}“{o}”与{}“{i}”是同一个文件；请写到另一个文件（{}保持不变）", out_role.0, in_role.0, in_role.0),
                        &format!(
                            "the {} \"{o}\" is the same file as the {} \"{i}\"; write to another file (the {} is left as it is)",
                            out_role.1, in_role.1, in_role.1
                        ),
                    ));
                }
            }
            for (other, other_role) in &self.outputs[i + 1..] {
                if same_file(out, other) {
                    let p = other.display();
                    return Err(bad_input(
                        &format!("{}“{o}”与{}“{p}”是同一个文件；请分别写到不同的文件", out_role.0, other_role.0),
                        &format!("the {} \"{o}\" and the {} \"{p}\" are the same file; write them to different files", out_role.1, other_role.1),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// True when `a` and `b` are one file: the same file through any path or link
/// (the same device and inode), or, when either does not exist yet, the same
/// place once links are followed.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return place(a).is_some_and(|pa| place(b).is_some_and(|pb| pa == pb));
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    }
}

/// Where `path` is, absolute, through the real path of its folder and through
/// any symbolic link it is, whether or not the file exists. A chain of links
/// longer than the system's own limit (40 on Linux) gives `None`.
fn place(path: &Path) -> Option<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..40 {
        if let Ok(real) = std::fs::canonicalize(&path) {
            return Some(real);
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        match std::fs::read_link(&path) {
            // A link to a file that does not exist (yet): where it points.
            Ok(target) => path = dir.join(target),
            Err(_) => return Some(std::fs::canonicalize(&dir).ok()?.join(path.file_name()?)),
        }
    }
    None
}

/// The temporaries this process has open, so that a signal can remove them.
/// Creating, renaming and removing one happen while this lock is held, so a
/// signal never sees a temporary half made or half renamed.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file beside an output, renamed over it by [`commit`] and removed
/// if it is dropped instead (an error, a panic), so nothing is left behind.
#[derive(Debug)]
pub(crate) struct Temporary {
    file: Option<tempfile::NamedTempFile>,
    /// An output that is not a regular file (`/dev/null`, a named pipe, a
    /// terminal), written straight into: there is no file to replace, and
    /// renaming a file over a device would put a file where the device was.
    direct: Option<std::fs::File>,
    /// The file it replaces: the output, or the file an output that is a
    /// symbolic link points to, so the link stays a link.
    target: PathBuf,
    /// The output as it was given, for messages.
    shown: PathBuf,
}

const PREFIX: &str = ".chanjiao-";
const SUFFIX: &str = ".part";

/// A temporary file in `path`'s folder, after removing that folder's stale
/// temporaries. Its permissions are those of the file it will replace, or of a
/// new file (as the umask allows): a results file is an ordinary file, not
/// private as temporary files are. An output that is a device or a pipe is
/// written into directly; one that is read-only is refused (exit 1).
pub(crate) fn temporary(path: &Path) -> Result<Temporary, Failure> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let direct = std::fs::File::options().write(true).open(path).map_err(|e| write_failure(path, &e))?;
        return Ok(Temporary { file: None, direct: Some(direct), target: path.to_owned(), shown: path.to_owned() });
    }
    install_signal_handler();
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => place(path).unwrap_or_else(|| path.to_owned()),
        _ => path.to_owned(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    // Renaming needs only the folder to be writable, so a file made read-only
    // to keep it would be replaced all the same; it is refused, as writing into
    // it would be.
    if std::fs::metadata(&target).is_ok_and(|m| m.permissions().readonly()) {
        let p = path.display();
        return Err(Failure {
            exit: crate::Exit::Failure, message: format!("无法写入 {p}：此文件是只读的\ncannot write {p}: the file is read-only")
        });
    }
    remove_stale(&dir);
    let prefix = format!("{PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::fs::metadata(&target).map_or_else(|_| std::os::unix::fs::PermissionsExt::from_mode(0o666), |m| m.permissions()));
    let mut live = live();
    let file = builder.tempfile_in(&dir).map_err(|e| write_failure(path, &e))?;
    live.push(file.path().to_owned());
    Ok(Temporary { file: Some(file), direct: None, target, shown: path.to_owned() })
}

impl Temporary {
    fn file(&mut self) -> std::io::Result<&mut dyn Write> {
        match (&mut self.file, &mut self.direct) {
            (Some(f), _) => Ok(f),
            (None, Some(d)) => Ok(d),
            (None, None) => Err(std::io::Error::other("the temporary file is already closed")),
        }
    }
}

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file()?.flush()
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut live = live();
            live.retain(|p| p != file.path());
            drop(file);
        }
    }
}

/// Renames each temporary over its output, after writing its bytes to disk, so a
/// power cut after the rename finds the whole file. The renames happen together,
/// under the lock a signal takes, so Ctrl-C replaces all of the outputs or none.
/// If one rename fails, the temporaries not yet renamed are removed.
pub(crate) fn commit(temporaries: Vec<Temporary>) -> Result<(), Failure> {
    for t in &temporaries {
        if let Some(f) = &t.file {
            f.as_file().sync_all().map_err(|e| write_failure(&t.shown, &e))?;
        }
    }
    // The files are taken out of their `Temporary` before the lock is taken, so
    // no `Drop` of one wants the lock while it is held here.
    let files: Vec<(tempfile::NamedTempFile, PathBuf, PathBuf)> =
        temporaries.into_iter().filter_map(|mut t| Some((t.file.take()?, std::mem::take(&mut t.target), std::mem::take(&mut t.shown)))).collect();
    let mut live = live();
    let mut result = Ok(());
    for (file, target, shown) in files {
        let temp = file.path().to_owned();
        live.retain(|p| *p != temp);
        if result.is_err() {
            // Dropping it removes it.
            continue;
        }
        match file.persist(&target) {
            Ok(_) => {
                // The folder's entry is what the rename changed; syncing it makes
                // the rename itself survive a power cut (where the system allows it).
                if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
                }
            }
            Err(e) => result = Err(write_failure(&shown, &e.error)),
        }
    }
    result
}

/// Writes `bytes` to `path` through a temporary beside it: the whole file, or
/// (on any error) none of it and the earlier file as it was.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut t = temporary(path)?;
    t.write_all(bytes).map_err(|e| write_failure(path, &e))?;
    commit(vec![t])
}

/// How old a temporary must be before another run removes it: an hour. A run
/// that is still going keeps writing its results (so their time stays recent),
/// but the temporaries of `--summary` and `--chart` are opened at the start and
/// written at the end, so age alone is not enough: see [`remove_stale`].
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Where the process that made a temporary cannot be looked up (no `/proc`), a
/// day must pass instead.
const STALE_UNKNOWN_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes the temporaries in `dir` left by runs that were killed: a regular
/// file named `.chanjiao-*.part` that is older than [`STALE_AFTER`] and whose
/// process (the number after the prefix) is not running on this machine; one
/// named without a number (made by an earlier version) only by its age. A file
/// that cannot be removed is left; nothing else in the folder is touched.
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(middle) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)).and_then(|n| n.strip_suffix(SUFFIX)) else { continue };
        // The entry's own metadata: a link or a folder of that name is never removed.
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta.modified().ok().and_then(|m| m.elapsed().ok()).unwrap_or_default();
        let stale = match owner(middle) {
            Owner::Unnamed | Owner::Gone => age >= STALE_AFTER,
            Owner::Unknown => age >= STALE_UNKNOWN_AFTER,
            Owner::Running => false,
        };
        if meta.is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

enum Owner {
    /// The name carries no process number.
    Unnamed,
    Running,
    Gone,
    /// This system has no `/proc` to ask.
    Unknown,
}

/// Whether the process a temporary's name carries (`<pid>-<random>`) is running.
fn owner(middle: &str) -> Owner {
    let Some(pid) = middle.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok()) else { return Owner::Unnamed };
    if pid == std::process::id() {
        return Owner::Running;
    }
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return Owner::Unknown;
    }
    if proc.join(pid.to_string()).exists() { Owner::Running } else { Owner::Gone }
}

/// Installs, once, the handler that on SIGINT or SIGTERM removes every live
/// temporary of this process and exits with [`crate::Exit::Interrupted`] or
/// [`crate::Exit::Terminated`]. It runs on its own thread (signal-hook's
/// iterator), so it may take the lock and remove files, which a signal handler
/// itself may not.
fn install_signal_handler() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use signal_hook::consts::{SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else { return };
            let spawned = std::thread::Builder::new().name("signals".into()).spawn(move || {
                let Some(signal) = signals.forever().next() else { return };
                let exit = if signal == SIGTERM { crate::Exit::Terminated } else { crate::Exit::Interrupted };
                // Held until the process ends, so no temporary is made or renamed meanwhile.
                let live = live();
                for path in live.iter() {
                    let _ = std::fs::remove_file(path);
                }
                let (zh, en) = exit.meaning();
                crate::report(&format!("{zh}\n{en}"));
                std::process::exit(i32::from(exit.code()));
            });
            // Without the thread, a signal ends the process as it would have
            // anyway; the next run removes what it left.
            drop(spawned);
        });
    }
}

pub(crate) use chanjiao_batch::safe::{json, text};

/// What is printed to standard output: [`text`], but a byte-order mark that
/// opens it (the CSV template's, for spreadsheets) is meant and kept.
pub(crate) fn terminal(s: &str) -> Cow<'_, str> {
    match s.strip_prefix('\u{feff}') {
        Some(rest) => match text(rest) {
            Cow::Borrowed(_) => Cow::Borrowed(s),
            Cow::Owned(escaped) => Cow::Owned(format!("\u{feff}{escaped}")),
        },
        None => text(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_that_opens_the_output_is_kept() {
        assert_eq!(terminal("\u{feff}a,b\u{feff}"), "\u{feff}a,bU+FEFF");
    }

    #[test]
    fn a_temporary_name_tells_its_process() {
        assert!(matches!(owner("x"), Owner::Unnamed));
        assert!(matches!(owner(&format!("{}-abc123", std::process::id())), Owner::Running));
    }
}
