//! Graduates hired in groups on different dates. A11 counts graduates per
//! year and places the year's hires in the policy's period by a date (四(一)),
//! so the interview may take several groups, each a count and a start date,
//! and this module says which year each belongs to and what that year's
//! answers then are. Which year a hire counts in is the policy's reading, not
//! the widget's, so it lives here.

use std::collections::BTreeMap;

use crate::{Answers, Date, Error, ErrorKind, Q, Text};

/// One group of graduates hired together: how many, and their start date (the
/// earliest, if they started on different days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cohort {
    /// Graduates in the group, at least one.
    pub count: u64,
    /// Their start date in the labour contract.
    pub hired_on: Date,
}

impl Cohort {
    /// A group from what the applicant typed, read by the rules of the hiring
    /// questions themselves (`graduates_hired`, `graduates_hired_on`), or what
    /// is wrong with each part, named as the row names it (人数, 入职日期). A
    /// group of no one is an error: a group is added to give hires.
    pub fn read(count: &str, hired_on: &str) -> Result<Cohort, Vec<Error>> {
        let part = |q: Q, zh: &str, en: &str, e: Error| {
            let label = q.def().label;
            let message = Text::new(e.message.zh.replace::<&str>(label.zh, zh), e.message.en.replace::<&str>(label.en, en));
            Error::new(ErrorKind::InvalidAnswer, Some(q.id()), message)
        };
        let mut a = Answers::new();
        let mut errors = Vec::new();
        if let Err(e) = a.set_text(Q::GraduatesHired, count) {
            errors.push(part(Q::GraduatesHired, "人数", "Number hired", e));
        } else if a.count(Q::GraduatesHired).is_none_or(|n| n == 0) {
            errors.push(Error::new(
                ErrorKind::InvalidAnswer,
                Some(Q::GraduatesHired.id()),
                Text::new("请填写这一批的人数（至少 1 人）", "Enter how many were hired in this group (at least 1)"),
            ));
        }
        if let Err(e) = a.set_text(Q::GraduatesHiredOn, hired_on) {
            errors.push(part(Q::GraduatesHiredOn, "入职日期", "Start date", e));
        } else if a.date(Q::GraduatesHiredOn).is_none() {
            errors.push(Error::new(
                ErrorKind::InvalidAnswer,
                Some(Q::GraduatesHiredOn.id()),
                Text::new("请填写这一批的入职日期", "Enter this group's start date"),
            ));
        }
        match (a.count(Q::GraduatesHired), a.date(Q::GraduatesHiredOn)) {
            (Some(count), Some(hired_on)) if errors.is_empty() => Ok(Cohort { count, hired_on }),
            _ => Err(errors),
        }
    }
}

/// Each year's hires from the groups: the counts of a year added up and dated
/// by the year's earliest start, which is how one year's hires are asked
/// ("the earliest, if several"). A group counts in the year of its start date
/// and in no other, so no hire counts twice.
pub fn by_year(cohorts: &[Cohort]) -> BTreeMap<u16, Cohort> {
    let mut years: BTreeMap<u16, Cohort> = BTreeMap::new();
    for c in cohorts {
        years
            .entry(c.hired_on.year())
            .and_modify(|y| {
                y.count = y.count.saturating_add(c.count);
                y.hired_on = y.hired_on.min(c.hired_on);
            })
            .or_insert(*c);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(count: u64, y: u16, m: u8, d: u8) -> Cohort {
        Cohort { count, hired_on: Date::new(y, m, d).unwrap_or_else(|| unreachable!()) }
    }

    #[test]
    fn each_group_counts_in_the_year_it_started_and_a_year_adds_up_from_its_earliest() {
        let years = by_year(&[c(3, 2024, 7, 1), c(2, 2025, 8, 1), c(1, 2024, 3, 15)]);
        assert_eq!(years.into_iter().collect::<Vec<_>>(), [(2024, c(4, 2024, 3, 15)), (2025, c(2, 2025, 8, 1))]);
        assert!(by_year(&[]).is_empty());
    }

    #[test]
    fn a_group_is_read_by_the_hiring_questions_rules_and_holds_someone() {
        assert_eq!(Cohort::read("２", "2025年8月1日"), Ok(c(2, 2025, 8, 1)));
        let fields = |r: Result<Cohort, Vec<Error>>| r.err().unwrap_or_default().into_iter().map(|e| e.field.unwrap_or_default()).collect::<Vec<_>>();
        assert_eq!(fields(Cohort::read("0", "2025-08-01")), ["graduates_hired"]);
        assert_eq!(fields(Cohort::read("-1", "2025-08-01")), ["graduates_hired"]);
        assert_eq!(fields(Cohort::read("2", "")), ["graduates_hired_on"]);
        assert_eq!(fields(Cohort::read("2", "2025-02-30")), ["graduates_hired_on"]);
        assert_eq!(fields(Cohort::read("0", "2025-02-30")), ["graduates_hired", "graduates_hired_on"], "both parts, the count first");
        // Each named as the row names it, not by the hiring questions' labels.
        let said = Cohort::read("x", "2025-02-30").err().unwrap_or_default();
        assert!(said[0].message.zh.contains("人数") && said[1].message.zh.contains("入职日期") && !said[1].message.zh.contains("多人时"), "{said:?}");
        assert!(said[1].message.en.contains("Start date"), "{said:?}");
    }
}
