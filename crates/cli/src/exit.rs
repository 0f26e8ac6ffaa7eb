//! How a run of `chanjiao` ends: the one place its exit codes are defined. Every
//! command returns an [`Exit`]; `main` turns it into the process's exit code, and
//! the README's table of exit codes is checked against [`Exit::ALL`] by a test.

/// The outcome of a command, as its exit code tells a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// 0: the command did what it was asked; for `verify`, every figure matches.
    Done,
    /// 1: something outside the input failed: the embedded data, the font, or
    /// writing an output file.
    Failure,
    /// 2: the input or the arguments are wrong (an answers file, a header, a
    /// path, an option); nothing was written.
    BadInput,
    /// 3: `batch`: at least one record became an error row, or the file held
    /// no applicant at all.
    RowsFailed,
    /// 4: `verify`: the form does not agree with the rules, or its page says
    /// something other than its verification code.
    Mismatch,
    /// 130 (128 + SIGINT, as shells report it): stopped by Ctrl-C; the
    /// temporary files were removed and no output was replaced.
    Interrupted,
    /// 143 (128 + SIGTERM): stopped by SIGTERM; the temporary files were
    /// removed and no output was replaced.
    Terminated,
}

impl Exit {
    /// Every outcome, in the order of its code.
    pub(crate) const ALL: [Exit; 7] = [Exit::Done, Exit::Failure, Exit::BadInput, Exit::RowsFailed, Exit::Mismatch, Exit::Interrupted, Exit::Terminated];

    /// The process exit code.
    pub(crate) fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Failure => 1,
            Exit::BadInput => 2,
            Exit::RowsFailed => 3,
            Exit::Mismatch => 4,
            Exit::Interrupted => 130,
            Exit::Terminated => 143,
        }
    }

    /// What the code means, in Chinese and English, as the README's table says it.
    pub(crate) fn meaning(self) -> (&'static str, &'static str) {
        match self {
            Exit::Done => ("完成；verify 时表上各项与规则一致", "done; for verify, every figure matches"),
            Exit::Failure => ("内部数据、字体或写出文件失败", "the embedded data, the font, or writing a file failed"),
            Exit::BadInput => ("输入或参数有误，未写出任何文件", "bad input or arguments; nothing was written"),
            Exit::RowsFailed => ("batch：有记录成为错误行，或文件中没有申请人", "batch: some records became error rows, or the file held no applicant"),
            Exit::Mismatch => (
                "verify：表与规则或核验码不一致，或文件不予核验",
                "verify: the form differs from the rules or from its verification code, or the file was refused",
            ),
            Exit::Interrupted => (
                "被 Ctrl-C（SIGINT）中断；未完成的临时文件已删除，没有写了一半的文件",
                "interrupted by Ctrl-C (SIGINT); unfinished temporary files were removed and no file is left half-written",
            ),
            Exit::Terminated => (
                "被 SIGTERM 终止；未完成的临时文件已删除，没有写了一半的文件",
                "stopped by SIGTERM; unfinished temporary files were removed and no file is left half-written",
            ),
        }
    }
}

/// The exit codes as `chanjiao --help` lists them.
pub(crate) fn help() -> String {
    let mut text = String::from("Exit codes / 退出码:");
    for e in Exit::ALL {
        let (zh, en) = e.meaning();
        text.push_str(&format!("\n  {}  {en} / {zh}", e.code()));
    }
    text
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of exit codes is this enum: one row per outcome, with
    /// its code and its meaning in both languages, and no other row.
    #[test]
    fn the_readme_table_is_the_enum() {
        let readme = include_str!("../../../README.md");
        let rows: Vec<&str> = readme.lines().skip_while(|l| !l.starts_with("| exit code")).skip(2).take_while(|l| l.starts_with('|')).collect();
        let expected: Vec<String> = Exit::ALL
            .iter()
            .map(|e| {
                let (zh, en) = e.meaning();
                format!("| {} | {zh} | {en} |", e.code())
            })
            .collect();
        assert_eq!(rows, expected, "README.md's exit-code table must list Exit::ALL exactly");
    }

    #[test]
    fn codes_are_distinct_and_in_order() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 130, 143]);
    }
}
