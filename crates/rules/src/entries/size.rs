//! The built-in step `sme`: the enterprise's size under 工信部联企业〔2011〕300号,
//! from its figures by sector or from the class it was certified in, for the
//! rows of a table below the step (A11).

use super::{Ctx, Outcome};
use crate::questions::Q;
use crate::sme::{Figures, Indicator, Sector, Size};
use crate::text::Text;

/// The size figures a sector needs, as questions.
pub(crate) fn indicator_question(i: Indicator) -> Q {
    match i {
        Indicator::Employees => Q::EntEmployees,
        Indicator::Revenue => Q::EntRevenue,
        Indicator::Assets => Q::EntAssets,
    }
}

/// The enterprise's size: from its employees and revenue (and assets) under
/// 300号 where they are given; else from the class it was certified in
/// (`ent_size_class`); else the outcome asking for them, the class first. When
/// both are given and disagree, the second value is the certified class, and
/// the caller sends the result to a person.
// An Outcome is the rule's own answer, returned once on this cold path; boxing it gains nothing.
#[allow(clippy::result_large_err)]
pub(crate) fn classify(ctx: &Ctx) -> Result<(crate::sme::Classification, Option<Size>), Outcome> {
    let certified = ctx.a.choice(Q::EntSizeClass).and_then(Size::from_id);
    let figures = Figures { employees: ctx.a.count(Q::EntEmployees), revenue: ctx.a.money(Q::EntRevenue), assets: ctx.a.money(Q::EntAssets) };
    let sector = ctx.a.choice(Q::EntSector).and_then(Sector::from_id);
    let computed = sector.and_then(|s| ctx.p.sme.get(&s).and_then(|t| t.classify(s, &figures)));
    match (computed, certified) {
        (Some(c), Some(size)) if c.size != size => Ok((c, Some(size))),
        (Some(c), _) => Ok((c, None)),
        (None, Some(size)) => {
            let name = size.name();
            Ok((
                crate::sme::Classification {
                    size,
                    is_sme: size != Size::Large,
                    on_boundary: false,
                    reason: Text::new(format!("按企业的划型结果：{}。", name.zh), format!("By the enterprise's certified class: {}.", name.en)).into(),
                },
                None,
            ))
        }
        (None, None) => {
            // The class first: many enterprises know it; "not known" leads to the figures.
            if ctx.a.choice(Q::EntSizeClass).is_none() {
                return Err(Outcome::missing(ctx.a, &[Q::EntSizeClass]));
            }
            let Some(sector) = sector else { return Err(Outcome::missing(ctx.a, &[Q::EntSector])) };
            let Some(thresholds) = ctx.p.sme.get(&sector) else { return Err(Outcome::missing(ctx.a, &[Q::EntSector])) };
            let missing: Vec<Q> = thresholds.missing(&figures).into_iter().map(indicator_question).collect();
            Err(Outcome::missing(ctx.a, &missing))
        }
    }
}
