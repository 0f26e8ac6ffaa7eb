//! Line breaking for Chinese text with Latin words and numbers inside it.
//!
//! Chinese may break between any two characters, except that some punctuation
//! may not begin a line and some may not end one (行首/行尾禁则, as in GB/T
//! 15834 practice). A Latin word or a number is not split unless it is wider
//! than the line. A closing mark that would begin a line hangs in the margin of
//! the line before instead (悬挂), as Chinese typesetting does, so lines never
//! grow longer than one mark past the measure.

use std::ops::Range;

use crate::font::Glyph;

/// May not begin a line: closing brackets and quotes, pause and stop marks.
const NO_START: &str = "。，、；：？！）》」』】〕〉］｝’”…‥—–·・％‰°℃,.;:?!)]}%";
/// May not end a line: opening brackets and quotes.
const NO_END: &str = "（《「『【〔〈［｛‘“([{";

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            ',' | '.' | ':' | ';' | '!' | '?' | '%' | '_' | '@' | '#' | '&' | '\'' | '-' | '/' | '+' | '=' | '*' | '<' | '>' | '~' | '^' | '|' | '\\' | '$'
        )
        || (c.is_alphabetic() && (c as u32) < 0x2E80)
}

/// True when a line may break between `before` and `after`.
fn may_break(before: char, after: char) -> bool {
    if before == '\n' {
        return true;
    }
    if NO_START.contains(after) || NO_END.contains(before) {
        return false;
    }
    if after == ' ' {
        return false;
    }
    if before == ' ' {
        return true;
    }
    // Inside a Latin word or a number, keep going.
    !(is_word(before) && is_word(after))
}

/// Breaks `glyphs` into lines no wider than `measure` (in the glyphs' units), but
/// for one hanging closing mark. Returns each line's range, without the spaces
/// that end it or begin the next; an empty input gives one empty line.
pub(crate) fn break_lines(glyphs: &[Glyph], measure: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let n = glyphs.len();
    let mut start = 0;
    while start < n {
        // Leading spaces do not begin a line.
        while start < n && glyphs[start].ch == ' ' {
            start += 1;
        }
        if start >= n {
            break;
        }
        let mut width = 0.0;
        let mut end = start;
        let mut last_break: Option<usize> = None;
        let mut forced_newline = false;
        while end < n {
            let g = glyphs[end];
            if g.ch == '\n' {
                forced_newline = true;
                break;
            }
            if end > start && may_break(glyphs[end - 1].ch, g.ch) {
                last_break = Some(end);
            }
            if width + g.advance > measure && end > start {
                if NO_START.contains(g.ch) && g.ch != ' ' {
                    // Hang the mark in the margin, then break after it if allowed.
                    end += 1;
                    if end < n
                        && !may_break(glyphs[end - 1].ch, glyphs[end].ch)
                        && let Some(b) = last_break
                    {
                        end = b;
                    }
                } else if g.ch == ' ' {
                    // The space that overflows ends the line.
                } else if let Some(b) = last_break {
                    end = b;
                }
                break;
            }
            width += g.advance;
            end += 1;
        }
        let mut visible_end = end;
        while visible_end > start && glyphs[visible_end - 1].ch == ' ' {
            visible_end -= 1;
        }
        lines.push(start..visible_end);
        start = if forced_newline { end + 1 } else { end };
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text`, each one unit wide (a full-width character) or half a
    /// unit (ASCII), as a monospaced CJK font sets them.
    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars().map(|ch| Glyph { cid: 0, advance: if ch.is_ascii() { 0.5 } else { 1.0 }, ch, missing: false }).collect()
    }

    fn lines(text: &str, measure: f32) -> Vec<String> {
        let g = glyphs(text);
        break_lines(&g, measure).into_iter().map(|r| g[r].iter().map(|g| g.ch).collect()).collect()
    }

    #[test]
    fn chinese_breaks_anywhere_but_not_before_a_closing_mark() {
        assert_eq!(lines("一二三四五六七八", 4.0), ["一二三四", "五六七八"]);
        // "。" would begin the second line: it hangs at the end of the first.
        assert_eq!(lines("一二三四。五六", 4.0), ["一二三四。", "五六"]);
        // "，」" together: the second cannot begin a line either, so the break moves back.
        assert_eq!(lines("一二三四，”五六", 4.0), ["一二三", "四，”五", "六"]);
        for line in lines("甲乙丙丁戊己，庚辛壬癸）子丑寅卯。辰巳、午未申酉；戌亥", 3.0) {
            let first = line.chars().next().unwrap_or(' ');
            assert!(!NO_START.contains(first), "a line begins with {first}: {line}");
        }
    }

    #[test]
    fn an_opening_mark_does_not_end_a_line() {
        assert_eq!(lines("一二三（四五）", 4.0), ["一二三", "（四五）"]);
        for line in lines("甲乙丙《丁戊》己（庚辛）壬“癸子”丑", 3.0) {
            let last = line.chars().last().unwrap_or(' ');
            assert!(!NO_END.contains(last), "a line ends with {last}: {line}");
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        assert_eq!(lines("金额 23,000 元", 3.5), ["金额", "23,000", "元"]);
        assert_eq!(lines("see the notice now", 5.0), ["see the", "notice now"]);
        // Wider than the line: split, never lost.
        let long = "x".repeat(25);
        let broken = lines(&long, 5.0);
        assert_eq!(broken.concat(), long);
        assert!(broken.iter().all(|l| l.len() <= 10));
    }

    #[test]
    fn every_character_is_kept_in_order() {
        let text = "（一）对入选国家、省级现代产业学院的，分别给予一次性经费补助 200万元、100万元。ABC def 123";
        let joined: String = lines(text, 6.0).concat();
        let squashed: String = text.chars().filter(|c| *c != ' ').collect();
        assert_eq!(joined.chars().filter(|c| *c != ' ').collect::<String>(), squashed);
        assert_eq!(lines("", 5.0), [""]);
        assert_eq!(lines("甲\n乙丙", 5.0), ["甲", "乙丙"]);
    }
}
