//! Enterprise size under 工信部联企业〔2011〕300号, applied with the statistical
//! table's rule (catalogue §8 S8, §8.1): "大型、中型和小型企业须同时满足所列指标
//! 的下限，否则下划一档；微型企业只须满足所列指标中的一项即可".
//!
//! 中小微 (SME) status decides the rate of A11; 规模以上 decides whether E1 applies.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::{self, WAN};
use crate::text::{Lang, Later, Reason, StaticText, st};

/// The sixteen sectors of 300号, in the order of its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // The names are the sectors of 300号; see `Sector::name`.
pub enum Sector {
    Agriculture,
    Industry,
    Construction,
    Wholesale,
    Retail,
    Transport,
    Warehousing,
    Postal,
    Accommodation,
    Catering,
    InformationTransmission,
    SoftwareIt,
    RealEstate,
    PropertyManagement,
    LeasingBusiness,
    Other,
}

const SECTORS: [(Sector, &str, StaticText); 16] = [
    (Sector::Agriculture, "agriculture", st("农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery")),
    (Sector::Industry, "industry", st("工业", "Industry")),
    (Sector::Construction, "construction", st("建筑业", "Construction")),
    (Sector::Wholesale, "wholesale", st("批发业", "Wholesale")),
    (Sector::Retail, "retail", st("零售业", "Retail")),
    (Sector::Transport, "transport", st("交通运输业", "Transport")),
    (Sector::Warehousing, "warehousing", st("仓储业", "Warehousing")),
    (Sector::Postal, "postal", st("邮政业", "Postal services")),
    (Sector::Accommodation, "accommodation", st("住宿业", "Accommodation")),
    (Sector::Catering, "catering", st("餐饮业", "Catering")),
    (Sector::InformationTransmission, "information_transmission", st("信息传输业", "Information transmission")),
    (Sector::SoftwareIt, "software_it", st("软件和信息技术服务业", "Software and IT services")),
    (Sector::RealEstate, "real_estate", st("房地产开发经营", "Real-estate development")),
    (Sector::PropertyManagement, "property_management", st("物业管理", "Property management")),
    (Sector::LeasingBusiness, "leasing_business", st("租赁和商务服务业", "Leasing and business services")),
    (Sector::Other, "other", st("其他未列明行业", "Other sectors")),
];

impl Sector {
    /// All sectors, in the order of the table.
    pub const ALL: [Sector; 16] = [
        Sector::Agriculture,
        Sector::Industry,
        Sector::Construction,
        Sector::Wholesale,
        Sector::Retail,
        Sector::Transport,
        Sector::Warehousing,
        Sector::Postal,
        Sector::Accommodation,
        Sector::Catering,
        Sector::InformationTransmission,
        Sector::SoftwareIt,
        Sector::RealEstate,
        Sector::PropertyManagement,
        Sector::LeasingBusiness,
        Sector::Other,
    ];

    /// The id used in answers, e.g. `software_it`.
    pub fn id(self) -> &'static str {
        SECTORS[self as usize].1
    }

    /// The sector's name in 300号.
    pub fn name(self) -> StaticText {
        SECTORS[self as usize].2
    }

    /// The sector with this id.
    pub fn from_id(id: &str) -> Option<Sector> {
        SECTORS.iter().find(|s| s.1 == id).map(|s| s.0)
    }
}

/// One measure of size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 从业人员 X, in persons.
    Employees,
    /// 营业收入 Y, compared in 万元.
    Revenue,
    /// 资产总额 Z, compared in 万元.
    Assets,
}

impl Indicator {
    /// The indicator with this id.
    pub fn from_id(id: &str) -> Option<Indicator> {
        match id {
            "employees" => Some(Indicator::Employees),
            "revenue" => Some(Indicator::Revenue),
            "assets" => Some(Indicator::Assets),
            _ => None,
        }
    }

    fn name(self) -> StaticText {
        match self {
            Indicator::Employees => st("从业人员", "employees"),
            Indicator::Revenue => st("营业收入", "revenue"),
            Indicator::Assets => st("资产总额", "total assets"),
        }
    }

    /// A figure of this indicator: persons, or 万元 (yuan in English).
    fn show(self, value: Decimal, lang: Lang) -> String {
        match (self, lang) {
            (Indicator::Employees, Lang::Zh) => format!("{value}人"),
            (Indicator::Employees, Lang::En) => value.to_string(),
            (_, Lang::Zh) => format!("{}万元", money::wan(value * WAN)),
            (_, Lang::En) => money::yuan_en(value * WAN),
        }
    }
}

/// A sector's lower limits for each band, one limit per indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct SectorThresholds {
    /// The indicators the sector is measured by.
    pub indicators: Vec<Indicator>,
    /// Lower limits of 大型; below any of them, a firm is 中小微.
    pub large: Vec<Decimal>,
    /// Lower limits of 中型.
    pub medium: Vec<Decimal>,
    /// Lower limits of 小型; below any of them, a firm is 微型.
    pub small: Vec<Decimal>,
}

/// A size band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    /// 微型.
    Micro,
    /// 小型.
    Small,
    /// 中型.
    Medium,
    /// 大型.
    Large,
}

impl Size {
    /// The band's name.
    pub fn name(self) -> StaticText {
        match self {
            Size::Micro => st("微型企业", "micro enterprise"),
            Size::Small => st("小型企业", "small enterprise"),
            Size::Medium => st("中型企业", "medium enterprise"),
            Size::Large => st("大型企业", "large enterprise"),
        }
    }

    /// The band's id, as the question of the certified class (`ent_size_class`) names it.
    pub fn id(self) -> &'static str {
        match self {
            Size::Micro => "micro",
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
        }
    }

    /// The band with this id; `None` for any other answer ("not known").
    pub fn from_id(id: &str) -> Option<Size> {
        [Size::Micro, Size::Small, Size::Medium, Size::Large].into_iter().find(|s| s.id() == id)
    }
}

/// The figures a classification needs, in the units people report them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Figures {
    /// 从业人员, persons.
    pub employees: Option<u64>,
    /// 营业收入, yuan.
    pub revenue: Option<Decimal>,
    /// 资产总额, yuan.
    pub assets: Option<Decimal>,
}

/// The result of classifying an enterprise.
#[derive(Clone, Debug, Serialize)]
pub struct Classification {
    /// The band under the statistical table.
    pub size: Size,
    /// True for 中小微 (medium, small or micro).
    pub is_sme: bool,
    /// True when an indicator sits exactly on the large-enterprise line, where the
    /// text's "以下" (inclusive, X10) and the table's "X≥1000" disagree: a person decides.
    pub on_boundary: bool,
    /// How the band was reached, with the enterprise's own figures.
    pub reason: Reason,
}

impl SectorThresholds {
    /// Which indicators are needed and not given.
    pub fn missing(&self, f: &Figures) -> Vec<Indicator> {
        self.indicators.iter().copied().filter(|i| value_of(*i, f).is_none()).collect()
    }

    /// Classifies an enterprise, or `None` when a needed figure is missing.
    pub fn classify(&self, sector: Sector, f: &Figures) -> Option<Classification> {
        let values: Vec<Decimal> = self.indicators.iter().map(|i| value_of(*i, f)).collect::<Option<_>>()?;
        let meets = |limits: &[Decimal]| values.iter().zip(limits).all(|(v, l)| v >= l);
        let size = if meets(&self.large) {
            Size::Large
        } else if meets(&self.medium) {
            Size::Medium
        } else if meets(&self.small) {
            Size::Small
        } else {
            Size::Micro
        };
        let on_boundary = size == Size::Large && values.iter().zip(&self.large).any(|(v, l)| v == l);
        let (indicators, large) = (self.indicators.clone(), self.large.clone());
        let reason = Reason::from(Later::new(move |lang| describe(lang, sector, &indicators, &values, &large, size, on_boundary)));
        Some(Classification { size, is_sme: size != Size::Large, on_boundary, reason })
    }
}

/// How the band was reached, with the enterprise's own figures, in one language:
/// written only for the language asked, since a reason is read one language at a time.
fn describe(lang: Lang, sector: Sector, indicators: &[Indicator], values: &[Decimal], large: &[Decimal], size: Size, on_boundary: bool) -> String {
    let pick = |zh, en| lang.pick(zh, en);
    let mut out = String::with_capacity(256);
    let _ = match lang {
        Lang::Zh => write!(out, "按工信部联企业〔2011〕300号及统计上划分办法（{}）：", sector.name().zh),
        Lang::En => write!(out, "Under the national SME classification rules of 2011 and the statistical rule ({}): ", sector.name().en),
    };
    for (n, (ind, v)) in indicators.iter().zip(values).enumerate() {
        if n > 0 {
            out.push_str(pick("，", ", "));
        }
        let _ = write!(out, "{}{}{}", ind.name().get(lang), pick("", " "), ind.show(*v, lang));
    }
    let _ = match lang {
        Lang::Zh => write!(out, "，属{}（大型须同时满足", size.name().zh),
        Lang::En => write!(out, ": a {} (large needs ", size.name().en),
    };
    for (n, (ind, l)) in indicators.iter().zip(large).enumerate() {
        if n > 0 {
            out.push_str(pick("且", " and "));
        }
        let _ = write!(out, "{}{}{}", ind.name().get(lang), pick("≥", " ≥ "), ind.show(*l, lang));
    }
    out.push_str(pick("）。", ")."));
    if on_boundary {
        out.push_str(pick(
            "恰在大型企业标准线上：按统计表为大型，按300号“以下”含本数的读法为中小微，需人工认定。",
            " Exactly on the large-enterprise line: large under the statistical table, SME if \"below\" in the 2011 rules includes the figure itself; a person must decide.",
        ));
    }
    out
}

fn value_of(indicator: Indicator, f: &Figures) -> Option<Decimal> {
    match indicator {
        Indicator::Employees => f.employees.map(Decimal::from),
        Indicator::Revenue => f.revenue.map(|y| y / WAN),
        Indicator::Assets => f.assets.map(|z| z / WAN),
    }
}
