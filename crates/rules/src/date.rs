//! A calendar date without a clock: the rules never ask what day it is.

use std::fmt;

use serde::{Serialize, Serializer};

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The earliest date this type holds, 0001-01-01.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };
    /// The evaluation date for an instant: its calendar date in China Standard
    /// Time (UTC+8), the policy's own calendar, from seconds since 1970-01-01 UTC.
    /// The CLI and the widget both take today from here, so the two agree on a
    /// boundary day whatever the machine's or the browser's time zone. `None`
    /// for an instant outside the years a date can hold.
    pub fn in_china(unix_seconds: i64) -> Option<Date> {
        let days = (unix_seconds.checked_add(8 * 3600)?).div_euclid(86_400);
        civil_from_days(days)
    }

    /// A date after every policy: the latest value of everything.
    pub const LATEST: Date = Date { year: 9999, month: 12, day: 31 };

    /// Makes a date, or `None` when it does not exist (2023-02-29, month 13, day 0).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads `2023-03-01`, `2023/3/1`, `2023.3.1` or `2023年3月1日`, after full-width
    /// digits have been folded; `None` when the text is not a date that exists.
    pub fn parse(text: &str) -> Option<Date> {
        let folded = crate::validate::fold_width(text.trim());
        let s = folded.trim_end_matches('日');
        let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
        let [y, m, d] = parts.as_slice() else { return None };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !all_digits(y) || !all_digits(m) || !all_digits(d) || m.len() > 2 || d.len() > 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    pub fn plus_years(self, years: u16) -> Date {
        let year = self.year.saturating_add(years).min(9999);
        let day = self.day.min(days_in_month(year, self.month));
        Date { year, month: self.month, day }
    }

    /// Whole months from `self` to `later`, counting a month only when its day is reached.
    pub fn months_until(self, later: Date) -> u32 {
        if later <= self {
            return 0;
        }
        let mut months = (u32::from(later.year) * 12 + u32::from(later.month)) - (u32::from(self.year) * 12 + u32::from(self.month));
        if later.day < self.day {
            months -= 1;
        }
        months
    }

    /// The last day of a year.
    pub fn end_of_year(year: u16) -> Date {
        Date { year, month: 12, day: 31 }
    }

    /// The date written the Chinese way, `2025年12月31日`.
    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_type() {
        let d = Date::new(2023, 3, 1);
        assert_eq!(Date::parse("2023-03-01"), d);
        assert_eq!(Date::parse("2023/3/1"), d);
        assert_eq!(Date::parse("2023年3月1日"), d);
        assert_eq!(Date::parse("２０２３－０３－０１"), d);
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "23-1-1", "2023-1", "", "tomorrow", "2023-1-1-1"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn adds_years_and_counts_months() {
        let leap = Date::new(2024, 2, 29).unwrap_or_else(|| unreachable!());
        assert_eq!(leap.plus_years(5), Date::new(2029, 2, 28).unwrap_or_else(|| unreachable!()));
        let a = Date::new(2023, 1, 15).unwrap_or_else(|| unreachable!());
        assert_eq!(a.months_until(Date::new(2024, 7, 14).unwrap_or_else(|| unreachable!())), 17);
        assert_eq!(a.months_until(Date::new(2024, 7, 15).unwrap_or_else(|| unreachable!())), 18);
    }
}

/// Converts days since 1970-01-01 to a calendar date (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Option<Date> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

#[cfg(test)]
mod china_tests {
    use super::Date;

    #[test]
    fn an_instant_is_dated_in_china_standard_time() {
        assert_eq!(Date::in_china(0), Date::new(1970, 1, 1));
        // 2025-12-31 16:00 UTC is 2026-01-01 00:00 in Quanzhou: the new year there.
        assert_eq!(Date::in_china(1_767_196_800), Date::new(2026, 1, 1));
        assert_eq!(Date::in_china(1_767_196_799), Date::new(2025, 12, 31));
        assert_eq!(Date::in_china(1_709_164_800), Date::new(2024, 2, 29));
        assert_eq!(Date::in_china(i64::MAX), None);
    }
}
