//! Figures in prose, read from the policy's values: a question's help, an
//! entry's name and amount rule say `每人 {a15_award:万}万元` rather than a
//! number, so that a policy pack that changes the value changes the sentence.
//!
//! A placeholder is `{name}`, `{name.N}` (the N-th of a list, from 0) or
//! `{name*}` (a whole list), with an optional format after a colon:
//!
//! - none: the number as it is (`1000`, `0.5`);
//! - `万`: in units of 10,000 (`50` for 500,000);
//! - `%`: as a percentage (`30` for 0.3);
//! - `,`: with thousands separators (`1,000,000`).
//!
//! A whole list takes its separator after a second colon: `{a9_award_by_rank*:万:、}`.
//! Units and words stay in the text; only numbers come from values.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, ErrorKind};
use crate::params::Params;
use crate::text::Text;

fn bad(template: &str, why: &str) -> Error {
    Error::new(ErrorKind::Data, None, Text::new(format!("文字模板有误：{why}（{template}）"), format!("a text template is wrong: {why} ({template})")))
}

/// `d` in a placeholder's format (none, `万`, `%` or `,`); a table's sentence
/// holes use the same ones ([`crate::entries::table`]).
pub(crate) fn formatted(d: Decimal, format: &str) -> Option<String> {
    Some(match format {
        "" => d.normalize().to_string(),
        "万" => (d / Decimal::from(10_000)).normalize().to_string(),
        "%" => (d * Decimal::from(100)).normalize().to_string(),
        "," => crate::money::group(d),
        _ => return None,
    })
}

/// `template` with every placeholder filled from the values in force on `on`.
pub fn fill(template: &str, params: &Params, on: Date) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').ok_or_else(|| bad(template, "unclosed {"))? + open;
        let inner = &rest[open + 1..close];
        let mut parts = inner.splitn(3, ':');
        let target = parts.next().unwrap_or_default();
        let format = parts.next().unwrap_or_default();
        let separator = parts.next();
        let (name, pick) = match (target.strip_suffix('*'), target.split_once('.')) {
            (Some(name), _) => (name, None),
            (None, Some((name, index))) => (name, Some(index.parse::<usize>().map_err(|_| bad(template, "bad index"))?)),
            (None, None) => (target, None),
        };
        let values = params.values_at(name, on).ok_or_else(|| bad(template, &format!("no parameter {name}")))?;
        let text = match (pick, target.ends_with('*'), values.as_slice()) {
            (Some(i), _, many) => formatted(*many.get(i).ok_or_else(|| bad(template, "index out of range"))?, format),
            (None, true, many) => {
                let each: Option<Vec<String>> = many.iter().map(|d| formatted(*d, format)).collect();
                each.map(|e| e.join(separator.unwrap_or("、")))
            }
            (None, false, [one]) => formatted(*one, format),
            (None, false, _) => return Err(bad(template, &format!("{name} is a list: use {name}.N or {name}*"))),
        };
        out.push_str(&text.ok_or_else(|| bad(template, &format!("unknown format {format}")))?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fills a template for display: a template that cannot be filled (a defect the
/// tests keep from shipping) is shown as written rather than failing the page.
pub fn show(template: &str, params: &Params, on: Date) -> String {
    fill(template, params, on).unwrap_or_else(|_| template.to_owned())
}

/// Both languages of a text, filled.
pub fn show_text(zh: &str, en: &str, params: &Params, on: Date) -> Text {
    Text::new(show(zh, params, on), show(en, params, on))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_the_values_in_force() {
        let p = Params::plan().unwrap_or_else(|e| panic!("{e}"));
        let on = Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
        assert_eq!(fill("每人 {a15_award:万}万元", p, on), Ok("每人 1万元".into()));
        assert_eq!(fill("CNY {a15_award:,}", p, on), Ok("CNY 10,000".into()));
        assert_eq!(fill("{a14_subsidy_range.0}～{a14_subsidy_range.1}元", p, on), Ok("500～3000元".into()));
        assert_eq!(fill("{a9_award_by_rank*:万}万元", p, on), Ok("50、40、30、20、10万元".into()));
        assert_eq!(fill("{a9_award_by_rank*:,: / }", p, on), Ok("500,000 / 400,000 / 300,000 / 200,000 / 100,000".into()));
        assert_eq!(fill("{b1_credit_rate:%}%", p, on), Ok("30%".into()));
        assert!(fill("{no_such_value}", p, on).is_err());
        assert!(fill("{a9_award_by_rank}", p, on).is_err(), "a list needs an index or *");
        assert!(fill("{a15_award:x}", p, on).is_err());
        assert!(fill("{a15_award", p, on).is_err());
    }
}
