//! Every question the tool can ask, in the order it asks them. The answers file's
//! vocabulary is exactly this table: a question's `id` is its key in the JSON.

use serde::Serialize;

use crate::catalogue::ApplicantType::{
    self, Enterprise as ENT, Graduate as GRAD, Organisation as ORG, Teacher as TEACHER, University as UG, VocationalSchool as VOC, Worker as WORKER,
};
use crate::text::{StaticText, st};

/// One option of a one-of question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The value written in answers.
    pub id: &'static str,
    /// What the person sees.
    pub label: StaticText,
}

const fn c(id: &'static str, zh: &'static str, en: &'static str) -> Choice {
    Choice { id, label: st(zh, en) }
}

/// The form of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Kind {
    /// Yes or no.
    YesNo,
    /// A whole number, at least `min`.
    Count {
        /// The smallest accepted value.
        min: u64,
    },
    /// An amount in yuan, at most two decimals, never negative.
    Money,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A four-digit year.
    Year,
    /// One of a fixed list.
    OneOf {
        /// The options, in display order.
        options: &'static [Choice],
    },
}

impl Kind {
    /// The validation rule, for people.
    pub const fn rule(self) -> StaticText {
        match self {
            Kind::YesNo => st("是或否", "yes or no"),
            Kind::Count { min: 0 } => st("不小于 0 的整数；可用全角数字和千分位逗号", "a whole number, 0 or more"),
            Kind::Count { .. } => st("不小于 1 的整数", "a whole number, 1 or more"),
            Kind::Money => st("以元为单位的金额，不为负，最多两位小数；可写“350万”", "an amount in yuan, not negative, with at most two decimal places"),
            Kind::Date => st("存在的日期，格式 YYYY-MM-DD，也可写 2024年3月1日", "a date as YYYY-MM-DD, e.g. 2024-03-01"),
            Kind::Year => st("四位年份，例如 2024", "a four-digit year, e.g. 2024"),
            Kind::OneOf { .. } => st("从列表中选一项", "one of the options"),
        }
    }
}

/// A question: what it asks, how its answer is checked, and which clause it serves.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Question {
    /// Which question this is.
    #[serde(skip)]
    pub q: Q,
    /// The key in the answers file.
    pub id: &'static str,
    /// The form of the answer, with its options for one-of questions.
    #[serde(flatten)]
    pub kind: Kind,
    /// The question itself.
    pub label: StaticText,
    /// Help that says why it is asked, citing the clause. Its figures are
    /// placeholders for the policy's values (see [`crate::template`]): read it
    /// with [`Question::help_under`], and serialise the question with
    /// [`Question::to_json_under`], which fills it from the policy in hand.
    #[serde(skip)]
    pub help: StaticText,
    /// The clause (or catalogue rule) it serves.
    pub clause: &'static str,
    /// Which applicants may be asked it.
    pub applicant_types: &'static [ApplicantType],
    /// The validation rule, for people.
    pub validation: StaticText,
}

macro_rules! questions {
    ($( $var:ident = $id:literal, $kind:expr, [$($ty:ident),*], $clause:literal,
        $zh:literal, $en:literal, $hzh:literal, $hen:literal; )*) => {
        /// The built-in questions' indices, which the constants of [`Q`] are made from.
        #[allow(non_camel_case_types, dead_code)]
        #[repr(u16)]
        enum Index { $($var),* }

        /// The built-in questions, one constant each, in asking order.
        #[allow(non_upper_case_globals, missing_docs)] // Named as the variants of an enum were; each one's text is in `QUESTIONS`.
        impl Q { $(pub const $var: Q = Q::builtin(Index::$var as u16);)* }

        /// The question table, indexed by [`Q`].
        pub static QUESTIONS: &[Question] = &[$(
            Question {
                q: Q::$var,
                id: $id,
                kind: $kind,
                label: st($zh, $en),
                help: st($hzh, $hen),
                clause: $clause,
                applicant_types: &[$($ty),*],
                validation: $kind.rule(),
            }
        ),*];

        /// Each question's key and variant, in the table's order, apart from
        /// the table: reading keys then keeps no question's text in a build
        /// that needs no more (the widget's first screen reading a draft).
        static KEYS: &[(&str, Q)] = &[$(($id, Q::$var)),*];
    };
}

/// A question's identity: one of the built-in questions (its constants, such as
/// `Q::GraduatesHired`), or one a policy pack adds ([`crate::Params::question`]).
///
/// Questions compare in asking order. A built-in question's place is its row in
/// the table; a pack's question is asked right after the question it names as
/// `after`, so its place sits between that one's and the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Q {
    /// The asking order: a built-in question's row times [`STEP`], a pack
    /// question's predecessor's place plus its own rank among the pack's.
    place: u32,
    /// The question's row: in [`QUESTIONS`], or after it, among the questions
    /// loaded packs add.
    index: u16,
}

/// The room between two built-in questions' places, for the questions packs add.
const STEP: u32 = 256;

impl Q {
    const fn builtin(index: u16) -> Q {
        Q { place: index as u32 * STEP, index }
    }

    /// The question's row, for tables indexed by question.
    pub fn index(self) -> usize {
        self.index as usize
    }

    /// The question's row in the table, or the definition its pack gave.
    pub fn def(self) -> &'static Question {
        // A `Q` is only ever made from the table or by `added::intern`, so its
        // row is always found; were it not (a poisoned lock), the first question
        // stands in rather than a panic.
        QUESTIONS.get(self.index()).or_else(|| added::get(self)).unwrap_or(&QUESTIONS[0])
    }

    /// The key in the answers file.
    pub fn id(self) -> &'static str {
        // Read apart from the table, so that a build which reads keys only
        // (the widget's first screen) carries no question's text.
        match KEYS.get(self.index()) {
            Some((id, _)) => id,
            None => added::get(self).map_or("", |d| d.id),
        }
    }

    /// The built-in question with this key. A pack's questions are found
    /// through the policy that holds them ([`crate::Params::question`]).
    pub fn from_id(id: &str) -> Option<Q> {
        KEYS.iter().find(|(key, _)| *key == id).map(|(_, q)| *q)
    }

    /// The question with this row, built-in or added.
    pub fn at(index: usize) -> Option<Q> {
        match KEYS.get(index) {
            Some((_, q)) => Some(*q),
            None => added::at(index),
        }
    }

    /// The built-in question with this key, or else the one of `added` (a
    /// policy's pack questions) that has it.
    pub fn among(id: &str, added: &[Q]) -> Option<Q> {
        Q::from_id(id).or_else(|| added.iter().copied().find(|q| q.id() == id))
    }

    /// True for a question a policy pack adds.
    pub fn is_added(self) -> bool {
        self.index() >= KEYS.len()
    }
}

/// The questions loaded packs add, for the life of the program, as the built-in
/// ones live: a question keeps its definition once made, so a [`Q`] can name it
/// as simply as a built-in one. This is an interner, not the policy: which
/// questions a policy asks is the policy's ([`crate::Params::question`]), and two
/// packs that define one id differently each get their own question.
pub(crate) mod added {
    use std::sync::RwLock;

    use super::{KEYS, Q, Question, STEP};

    static ADDED: RwLock<Vec<&'static Question>> = RwLock::new(Vec::new());

    /// The definition of a question a pack added.
    pub(crate) fn get(q: Q) -> Option<&'static Question> {
        let list = ADDED.read().unwrap_or_else(|e| e.into_inner());
        list.get(q.index().checked_sub(KEYS.len())?).copied()
    }

    /// The question made with this row, if any.
    pub(crate) fn at(index: usize) -> Option<Q> {
        let list = ADDED.read().unwrap_or_else(|e| e.into_inner());
        list.get(index.checked_sub(KEYS.len())?).map(|d| d.q)
    }

    /// The question for this definition, asked right after `after`, as the
    /// `rank`-th (from 1) of its pack's questions that follow it; the same one
    /// again for the same definition.
    pub(crate) fn intern(mut question: Question, after: Q, rank: u32) -> Result<Q, (&'static str, &'static str)> {
        // A question's place must stay before the next built-in question's,
        // however long a chain of questions after questions is.
        let place = after.place + rank;
        if rank == 0 || place / STEP != after.place / STEP {
            return Err(("同一个问题之后新增的问题过多", "too many questions after one question"));
        }
        let mut list = ADDED.write().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = list.iter().find(|d| d.q.place == place && same(d, &question)) {
            return Ok(found.q);
        }
        let index = u16::try_from(KEYS.len() + list.len()).map_err(|_| ("载入的问题过多", "too many questions loaded"))?;
        question.q = Q { place, index };
        list.push(Box::leak(Box::new(question)));
        Ok(Q { place, index })
    }

    fn same(a: &Question, b: &Question) -> bool {
        (a.id, a.kind, a.label, a.help, a.clause, a.applicant_types, a.validation) == (b.id, b.kind, b.label, b.help, b.clause, b.applicant_types, b.validation)
    }
}

impl Serialize for Q {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

const YN: Kind = Kind::YesNo;
const N0: Kind = Kind::Count { min: 0 };
const N1: Kind = Kind::Count { min: 1 };
const MONEY: Kind = Kind::Money;
const DATE: Kind = Kind::Date;
const YEAR: Kind = Kind::Year;

/// The applicant types, as options.
pub const APPLICANT_TYPES: &[Choice] = &[
    c("ENT", "企业", "Enterprise"),
    c("SCH-VOC", "职业学校（中职、技工院校、高职高专、职业本科）", "Vocational school or college"),
    c("SCH-UG", "普通本科高校", "Undergraduate university"),
    c("IND-WORKER", "劳动者（个人）", "Worker (individual)"),
    c("IND-GRAD", "高校毕业生、求职者（个人）", "Graduate or job seeker (individual)"),
    c("IND-TEACHER", "教师（个人）", "Teacher (individual)"),
    c("ORG", "联盟、平台、研究院、培训机构或基地", "Alliance, platform, institute, training body or base"),
];

const OWNERSHIP: &[Choice] = &[
    c("private", "民营企业", "Private enterprise"),
    c("state", "国有或国有控股企业", "State-owned or state-controlled"),
    c("foreign", "外商投资企业（含港澳台）", "Foreign-invested (incl. HK, Macao, Taiwan)"),
    c("mixed", "混合所有制企业（非国有控股）", "Mixed ownership (not state-controlled)"),
    c("individual_business", "个体工商户", "Individual business (sole trader)"),
];

/// The sectors of 300号, as options (ids match [`crate::sme::Sector`]).
pub const SECTORS: &[Choice] = &[
    c("agriculture", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    c("industry", "工业（采矿、制造、电力燃气水）", "Industry (mining, manufacturing, utilities)"),
    c("construction", "建筑业", "Construction"),
    c("wholesale", "批发业", "Wholesale"),
    c("retail", "零售业", "Retail"),
    c("transport", "交通运输业", "Transport"),
    c("warehousing", "仓储业", "Warehousing"),
    c("postal", "邮政业", "Postal services"),
    c("accommodation", "住宿业", "Accommodation"),
    c("catering", "餐饮业", "Catering"),
    c("information_transmission", "信息传输业", "Information transmission"),
    c("software_it", "软件和信息技术服务业", "Software and IT services"),
    c("real_estate", "房地产开发经营", "Real-estate development"),
    c("property_management", "物业管理", "Property management"),
    c("leasing_business", "租赁和商务服务业", "Leasing and business services"),
    c("other", "其他未列明行业", "Other sectors"),
];

const SIZE_CLASS: &[Choice] = &[
    c("large", "大型企业", "Large"),
    c("medium", "中型企业", "Medium"),
    c("small", "小型企业", "Small"),
    c("micro", "微型企业", "Micro"),
    c("unknown", "不清楚（按从业人员和营业收入判断）", "Not known (classify by employees and revenue)"),
];

const PILOT_STATUS: &[Choice] = &[
    c("national", "已纳入国家产教融合型企业建设培育范围", "In the national cultivation scope"),
    c("provincial", "已纳入省级产教融合型企业建设培育范围", "In the provincial cultivation scope"),
    c("city_only", "仅入泉州市培育库或获市级示范认定", "Only in Quanzhou's cultivation library, or a municipal demonstration enterprise"),
    c("none", "未纳入", "None of these"),
];

const SCHOOL_LEVEL: &[Choice] = &[
    c("secondary", "中等职业学校", "Secondary vocational school"),
    c("technical", "技工院校", "Technical school"),
    c("higher_vocational", "高职（专科）院校", "Higher vocational college"),
    c("vocational_bachelor", "职业本科学校", "Vocational bachelor university"),
];

const SCHOOL_OWNERSHIP: &[Choice] = &[c("public", "公办", "Public"), c("private", "民办", "Private")];

const SCHOOL_NAMED: &[Choice] = &[
    c("liming", "黎明职业大学", "Liming Vocational University"),
    c("quanzhou_technician", "泉州市高级技工学校（泉州技师学院）", "Quanzhou Senior Technical School (Quanzhou Technician College)"),
    c("quanzhou_normal", "泉州师范学院", "Quanzhou Normal University"),
    c("other", "其他学校", "Another school"),
];

const DOUBLE_HIGH: &[Choice] = &[
    c("national_double_high", "国家“双高计划”", "National Double High plan"),
    c("provincial_double_high", "省级“双高计划”", "Provincial Double High plan"),
    c("national_quality_secondary", "国家“优质中职学校和专业群建设计划”", "National quality secondary-vocational plan"),
    c("provincial_quality_secondary", "省级优质中职学校建设计划", "Provincial quality secondary-vocational plan"),
    c("none", "均未入选", "None"),
];

const DOUBLE_HIGH_UNIT: &[Choice] = &[c("school", "学校整体入选", "The school as a whole"), c("major_group", "仅专业群入选", "Only a major cluster")];

const COLLEGE_STAGE: &[Choice] =
    &[c("accepted", "已通过验收、认定", "Accepted after final review"), c("approved_for_build", "仅立项建设，尚未验收", "Approved, not yet accepted")];

const SUB_ALLIANCE: &[Choice] = &[
    c("reorganised", "由现有职教集团或学校联盟经评估改组转型而来", "Reorganised from an existing group or alliance after assessment"),
    c("newly_formed", "新组建", "Newly formed"),
    c("no", "不是分联盟（集团）", "Not a sub-alliance"),
];

const NAMED_ORG: &[Choice] = &[
    c("innovation_base", "福建省大学生创新创业基地（泉州）", "Fujian University Student Innovation Base (Quanzhou)"),
    c("municipal_alliance", "泉州市产教融合联盟", "Quanzhou Industry-Education Integration Alliance"),
    c("research_institute", "泉州市产教融合研究院", "Quanzhou Industry-Education Integration Research Institute"),
    c("sino_german_centre", "中德（福建）教育发展与合作中心", "Sino-German (Fujian) Education Centre"),
    c("none", "以上都不是", "None of these"),
];

const CERT_TYPE: &[Choice] = &[
    c("skill_level", "职业技能等级证书", "Vocational skill level certificate"),
    c("special_ability", "专项职业能力证书", "Special vocational ability certificate"),
    c("qualification", "职业资格证书", "Vocational qualification certificate"),
    c("none", "没有", "None"),
];

const CERT_LEVEL: &[Choice] = &[
    c("level5", "五级／初级工", "Level 5 (junior worker)"),
    c("level4", "四级／中级工", "Level 4 (intermediate worker)"),
    c("level3", "三级／高级工", "Level 3 (senior worker)"),
    c("level2", "二级／技师", "Level 2 (technician)"),
    c("level1", "一级／高级技师", "Level 1 (senior technician)"),
];

const TITLE: &[Choice] = &[
    c("none", "无职称", "None"),
    c("junior", "初级职称", "Junior title"),
    c("intermediate", "中级职称", "Intermediate title"),
    c("senior", "副高级及以上职称", "Associate senior or above"),
];

const TEACHER_SIDE: &[Choice] =
    &[c("school", "学校专任教师", "A school's full-time teacher"), c("enterprise", "企业兼职教师或专家", "An enterprise's part-time teacher or expert")];

questions! {
    ApplicantType = "applicant_type", Kind::OneOf { options: APPLICANT_TYPES }, [ENT, VOC, UG, WORKER, GRAD, TEACHER, ORG], "§1",
        "您以什么身份申请？", "Who is applying?",
        "不同身份适用的条目不同（目录 §1）。个人可以同时有几种身份，下一步会问。", "Choose how you are applying; each incentive is for some kinds of applicant (catalogue §1). A person with several roles, such as a teacher who is also a graduate, chooses one here; the next step asks about the others.";
    AlsoGraduate = "also_graduate", YN, [WORKER, TEACHER], "§1",
        "您同时也是高校毕业生或求职者吗？", "Are you also a graduate or a job seeker?",
        "一个人可以同时是毕业生、劳动者和教师；每种身份可享受的政策分别计算，结果合在一起（目录 §1）。", "You can be a graduate, a worker and a teacher at the same time; the incentives of each role are worked out and shown together (catalogue §1).";
    AlsoWorker = "also_worker", YN, [GRAD, TEACHER], "§1",
        "您同时也是劳动者（在职，或持有、正在考取技能证书）吗？", "Are you also a worker (employed, or holding or taking a skill certificate)?",
        "技能证书补贴等面向劳动者（四(二)）；毕业生、教师同时是劳动者的，也可申请（目录 §1）。", "Some incentives, such as the skill-certificate subsidy, are for workers (四(二)); if you are also a worker, you can claim them too (catalogue §1).";
    AlsoTeacher = "also_teacher", YN, [WORKER, GRAD], "§1",
        "您同时也是教师（学校专任教师或企业兼职教师）吗？", "Are you also a teacher (a school's full-time teacher or an enterprise's part-time teacher)?",
        "双师型教师等奖励面向教师（四(三)）；同时是教师的，也可申请（目录 §1）。", "Some incentives, such as the dual-qualified teacher awards, are for teachers (四(三)); if you are also a teacher, you can claim them too (catalogue §1).";
    RegisteredInQuanzhou = "registered_in_quanzhou", YN, [ENT, VOC, UG, ORG], "X4",
        "是否在泉州市（含泉州开发区、泉州台商投资区）登记注册？", "Are you registered in Quanzhou (including its Economic and Technological Development Zone and Taiwanese Investment Zone)?",
        "按营业执照或登记证书上的登记机关填写。本市政策面向在泉州登记的单位（目录 X4）。", "Check the registration authority on your business licence or registration certificate. The city's incentives are for those registered in Quanzhou (catalogue X4).";
    WorksInQuanzhou = "works_in_quanzhou", YN, [WORKER, TEACHER], "X4",
        "是否在泉州就业或缴纳社会保险？", "Do you work or pay social insurance in Quanzhou?",
        "在泉州的单位工作，或在泉州缴纳社会保险的，选“是”。本市政策面向在泉就业或参保的个人（目录 X4）。", "Choose Yes if you work for an employer in Quanzhou or pay social insurance in Quanzhou. The city's incentives are for people who do one or the other (catalogue X4).";
    ResidesInQuanzhou = "resides_in_quanzhou", YN, [WORKER, TEACHER], "X4",
        "是否在泉州居住？", "Do you live in Quanzhou?",
        "家在泉州的选“是”。只在泉州居住的能否享受，由责任单位认定（目录 X4）。", "Choose Yes if your home is in Quanzhou. Whether living here is enough on its own is for the responsible unit to decide (catalogue X4).";

    EntOwnership = "ent_ownership", Kind::OneOf { options: OWNERSHIP }, [ENT], "四(一)",
        "企业所有制类型", "Ownership of the enterprise",
        "按营业执照上的企业类型选择。毕业生吸纳补贴面向“民营企业”（四(一)）；国企、外资企业能否适用，由责任单位认定。", "Choose as your business licence gives the enterprise type. The graduate-hiring subsidy is for private enterprises (四(一)); whether state-owned or foreign-invested firms qualify is for the responsible unit to decide.";
    EntSector = "ent_sector", Kind::OneOf { options: SECTORS }, [ENT], "300号",
        "企业所属行业", "The enterprise's sector",
        "中小微企业按《中小企业划型标准规定》（工信部联企业〔2011〕300号）分行业认定。", "SME status follows the 2011 SME classification rules (工信部联企业〔2011〕300号), which differ by sector.";
    EntSizeClass = "ent_size_class", Kind::OneOf { options: SIZE_CLASS }, [ENT], "300号",
        "企业划型结果", "The enterprise's size class, as certified",
        "已按《中小企业划型标准规定》（工信部联企业〔2011〕300号）认定大、中、小、微型的，直接选择；不清楚的选“不清楚”，再按从业人员和营业收入判断。", "If the enterprise has been classified as large, medium, small or micro under the SME rules (工信部联企业〔2011〕300号), choose that class; if you do not know, choose Not known and give employees and revenue instead.";
    EntEmployees = "ent_employees", N0, [ENT], "300号",
        "从业人员（年末人数）", "Number of employees (year-end)",
        "填写上一会计年度末的人数（与所填营业收入同一年度）；用于中小微企业划型，也用于按职工总数测算实习岗位（三(三)）。", "Enter the number at the end of the last full financial year, the same year as the revenue you enter. It sets the enterprise's size class and the internship places expected of it (三(三)).";
    EntRevenue = "ent_revenue", MONEY, [ENT], "300号",
        "上一会计年度的营业收入（元）", "Revenue in the last full financial year (yuan)",
        "用于中小微企业划型；工业企业也用于判断是否规模以上（主营业务收入 {e1_above_scale_industry_revenue:万} 万元及以上）。", "Used for SME classification and, for industry, to tell whether the firm is above designated size (main revenue of CNY {e1_above_scale_industry_revenue:,} or more).";
    EntAssets = "ent_assets", MONEY, [ENT], "300号",
        "资产总额（元）", "Total assets (yuan)",
        "填写上一会计年度末的资产总额；建筑业、房地产开发经营、租赁和商务服务业按资产总额划型。", "Enter total assets at the end of the last full financial year. Construction, real estate and leasing are classified by them.";
    EntEstablishedOn = "ent_established_on", DATE, [ENT], "X3",
        "企业成立日期（营业执照所载）", "Date the enterprise was established (on its business licence)",
        "早于成立日期的事项不可能发生，需人工核实。", "An event dated before the enterprise existed cannot have happened, so a person checks it.";
    EntAboveScale = "ent_above_scale", YN, [ENT], "三(三)",
        "企业是否为规模以上企业（纳入统计部门“规上”名录）？", "Is the enterprise classed as above designated size in the statistics bureau's register?",
        "非工业行业的“规模以上”标准与工业不同，请按统计部门认定填写（三(三)，目录 E1）。", "Outside industry the threshold differs; answer as the statistics bureau classifies you (三(三), catalogue E1).";

    EntPilotStatus = "ent_pilot_status", Kind::OneOf { options: PILOT_STATUS }, [ENT], "三(一)",
        "是否纳入产教融合型企业建设培育范围？", "Is the enterprise a national or provincial pilot in the industry-education integration cultivation scope?",
        "{b1_credit_rate:%}% 抵免面向“纳入产教融合型企业建设培育范围的试点企业”（三(一)，财税〔2019〕46号）；仅入市级培育库不等同于此（目录 B1）。", "The {b1_credit_rate:%}% credit is for pilot enterprises in the national or provincial cultivation scope (三(一), 财税〔2019〕46号); the city library alone does not count (catalogue B1).";
    EntPilotRevoked = "ent_pilot_revoked", YN, [ENT], "三(一)",
        "试点企业资格是否曾被撤销？", "Has the pilot status ever been revoked?",
        "曾被撤销的选“是”。撤销后的投资不能抵免；撤销前的余额如何处理由税务部门认定（目录 B1）。", "Choose Yes if the status was ever revoked. Investment after revocation is not credited; what happens to a balance from before is for the tax bureau to decide (catalogue B1).";
    B1InvestmentYear = "b1_investment_year", YEAR, [ENT], "三(一)",
        "申报抵免的投资发生年度", "Year the investment was made",
        "按投资额 {b1_credit_rate:%}% 抵免“当年”应缴教育费附加和地方教育附加（三(一)）。", "{b1_credit_rate:%}% of that year's qualifying investment is credited against that year's education surcharges (三(一)).";
    B1Investment = "b1_investment", MONEY, [ENT], "三(一)",
        "当年兴办职业教育的合规投资额（元）", "Qualifying vocational-education investment that year (yuan)",
        "含独立或参与举办职业教育的办学投资和经费，以及实训基地等项目投资（财税〔2019〕46号）。", "School investment and running costs, and investment in training bases and similar projects (财税〔2019〕46号).";
    B1VatPaid = "b1_vat_paid", MONEY, [ENT], "三(一)",
        "当年实际缴纳的增值税（元）", "VAT actually paid that year (yuan)",
        "教育费附加按实际缴纳的增值税和消费税的 {b1_education_surcharge_rate:%}% 计征，地方教育附加按 {b1_local_surcharge_rate:%}%（国务院《征收教育费附加的暂行规定》；财综〔2010〕98号）。", "The education surcharge is {b1_education_surcharge_rate:%}% and the local one {b1_local_surcharge_rate:%}% of the VAT and consumption tax actually paid (State Council surcharge rules; 财综〔2010〕98号).";
    B1ConsumptionTaxPaid = "b1_consumption_tax_paid", MONEY, [ENT], "三(一)",
        "当年实际缴纳的消费税（元，没有填 0）", "Consumption tax actually paid that year (yuan; 0 if none)",
        "与增值税一起作为两项附加的计征依据。", "With the VAT, the base of the two surcharges.";
    B1SurchargeReliefs = "b1_surcharge_reliefs", MONEY, [ENT], "三(一)",
        "两项附加已享受的其他减免（元，没有填 0）", "Other reliefs already taken on the two surcharges (yuan; 0 if none)",
        "如小规模纳税人减半征收；抵免额在其他减免之后计算（目录 B1 第 4 点）。", "Such as the halving for small-scale taxpayers; the credit comes after other reliefs (catalogue B1 point 4).";
    B1SurchargePayable = "b1_surcharge_payable", MONEY, [ENT], "三(一)",
        "当年应缴教育费附加和地方教育附加合计（扣除其他减免后，元）", "Education surcharges payable that year, after other reliefs (yuan)",
        "抵免额不超过应纳税额减去其他减免（目录 B1 第 4 点）。", "The credit cannot exceed what is payable after other reliefs (catalogue B1 point 4).";
    B1CarriedIn = "b1_carried_in", MONEY, [ENT], "三(一)",
        "上年结转的可抵免余额（元，没有填 0）", "Unused credit carried over from earlier years (yuan; 0 if none)",
        "不足抵免的部分可在以后年度继续抵免（财税〔2019〕46号 第三条）。", "Credit a year cannot use carries over to later years (财税〔2019〕46号 art. 3).";
    EntCertDirectory = "ent_cert_directory", YN, [ENT], "三(二)",
        "是否纳入国家或省级产教融合型企业认证目录？", "Is the enterprise in the national or provincial certification directory?",
        "认证目录企业享受“金融+财政+土地+信用”组合式激励（三(二)）。", "Certified enterprises receive the finance, fiscal, land and credit package (三(二)).";
    EntCityLibrary = "ent_city_library", YN, [ENT], "三(二)",
        "是否已入泉州市产教融合型企业培育库？", "Is the enterprise in the Quanzhou cultivation library?",
        "入库是认定市级示范性产教融合型企业的前提（三(二)）。", "Library entry comes before municipal demonstration status (三(二)).";
    EntCityDemo = "ent_city_demo", YN, [ENT], "三(二)",
        "是否已被认定为市级示范性产教融合型企业？", "Has the enterprise been recognised as a municipal demonstration integration enterprise?",
        "认定后一次性补助 {a7_demo_enterprise_grant:万} 万元（三(二)）。", "Recognition brings a one-off grant of CNY {a7_demo_enterprise_grant:,} (三(二)).";
    EntCityDemoOn = "ent_city_demo_on", DATE, [ENT], "三(二)",
        "认定日期", "Date of recognition",
        "填写认定文件上的日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date on the recognition document. It shows whether the event falls within the policy's period (catalogue §0).";

    ApprenticeshipRuns = "apprenticeship_runs", YN, [ENT], "三(三)",
        "企业是否开展了“新型学徒制”培训？", "Did the enterprise run new-style apprenticeship training?",
        "按考核合格学徒人数和培训等级补助（三(三)）。", "Paid per apprentice who passed, by class level (三(三)).";
    ApprenticesIntermediatePassed = "apprentices_intermediate_passed", N0, [ENT], "三(三)",
        "中级工班毕业（结业）考核合格人数", "Apprentices who passed in intermediate classes",
        "中级工班每人每年 {a8_intermediate_rate} 元；不合格者不计（三(三)）。", "CNY {a8_intermediate_rate:,} per apprentice per year; do not count those who failed (三(三)).";
    ApprenticesAdvancedPassed = "apprentices_advanced_passed", N0, [ENT], "三(三)",
        "高级工班毕业（结业）考核合格人数", "Apprentices who passed in advanced classes",
        "高级工班每人每年 {a8_advanced_rate} 元（三(三)）。", "CNY {a8_advanced_rate:,} per apprentice per year; do not count those who failed (三(三)).";
    ApprenticesTechnicianPassed = "apprentices_technician_passed", N0, [ENT], "三(三)",
        "技师、高级技师班考核合格人数（没有填 0）", "Apprentices who passed in technician classes (0 if none)",
        "没有填 0。文件只定了中级工班、高级工班的标准，技师班不作测算（目录 A8 第 3 点）。", "0 if none. The policy sets rates only for intermediate and advanced classes, so these are not costed (catalogue A8 point 3).";
    ApprenticesIntermediateEnrolled = "apprentices_intermediate_enrolled", N0, [ENT], "三(三)",
        "中级工班入学人数（可不填）", "Apprentices enrolled in intermediate classes (optional)",
        "按闽人社文〔2019〕220号可预拨不超过 {a8_prepay_share:%}% 的补贴，结业后按考核合格人数清算。", "Under 闽人社文〔2019〕220号 up to {a8_prepay_share:%}% may be prepaid, settled after the final assessment by those who passed.";
    ApprenticesAdvancedEnrolled = "apprentices_advanced_enrolled", N0, [ENT], "三(三)",
        "高级工班入学人数（可不填）", "Apprentices enrolled in advanced classes (optional)",
        "同上，用于说明预拨和清算。", "As above: used to state the prepayment and the settlement.";
    ApprenticeshipMonths = "apprenticeship_months", N1, [ENT], "三(三)",
        "培训期限（月）", "Length of training (months)",
        "填写培训期限的月数。补助按“每人每年”计，结果同时给出按月数折算和按一年计算的金额（目录 A8 第 1、2 点）。", "Enter the length of the training in months. The subsidy is per apprentice per year, so the result gives the amount by the months trained and for one year (catalogue A8 points 1–2).";
    ApprenticeshipCompletedOn = "apprenticeship_completed_on", DATE, [ENT], "三(三)",
        "毕业（结业）考核日期", "Date of the final assessment",
        "填写考核结果上的考核日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date of the final assessment, as on its result. It shows whether the event falls within the policy's period (catalogue §0).";

    GraduatesHired = "graduates_hired", N0, [ENT], "四(一)",
        "吸纳应届高校毕业生人数", "Number of new college graduates hired",
        "中小微企业每人 {a11_sme_per_hire} 元，其他企业按其 {a11_other_enterprise_share:%}%（四(一)）。", "CNY {a11_sme_per_hire:,} per graduate for small, medium and micro enterprises; other enterprises get {a11_other_enterprise_share:%}% of that (四(一)).";
    GraduatesHiredOn = "graduates_hired_on", DATE, [ENT], "四(一)",
        "吸纳日期（多人时填最早一人的入职日期）", "Hiring date (the earliest, if several)",
        "填写劳动合同上的入职日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the start date in the labour contract. It shows whether the event falls within the policy's period (catalogue §0).";

    EntRunsVocationalEducation = "ent_runs_vocational_education", YN, [ENT], "三(一)",
        "企业是否举办职业教育，或以承租、托管等方式参与职业学校运营？", "Does the enterprise run vocational education, or help operate a school by lease or trusteeship?",
        "按规定享受土地、税费等优惠（三(一)）。", "Land and tax preferences apply under other regulations (三(一)).";
    EntIdleLandSchool = "ent_idle_land_school", YN, [ENT], "三(一)",
        "是否利用园区存量工业用地或空闲资源举办职业学校？", "Is the enterprise using idle industrial land or premises in a park to run a vocational school?",
        "经县级人民政府批准，{d2_transition_years} 年内可继续按原用途使用（三(一)）。", "With county approval, the original land use continues for up to {d2_transition_years} years (三(一)).";
    EntIdleLandApprovedOn = "ent_idle_land_approved_on", DATE, [ENT], "三(一)",
        "县级人民政府批准日期", "Date of the county government's approval",
        "填写县级人民政府批准文件上的日期。{d2_transition_years} 年从批准日还是开办日起算，文件未写明，结果会说明（目录 D2）。", "Enter the date on the county government's approval. The policy does not say whether the {d2_transition_years} years run from it or from the opening; the result says so (catalogue D2).";

    SchoolLevel = "school_level", Kind::OneOf { options: SCHOOL_LEVEL }, [VOC], "二(二)",
        "学校层次", "Level of the school",
        "部分条目只适用于高职院校（二(二)）或高职高专（四(一)）。", "Some entries are for higher vocational colleges only (二(二), 四(一)).";
    SchoolOwnership = "school_ownership", Kind::OneOf { options: SCHOOL_OWNERSHIP }, [VOC], "二(三)",
        "学校性质", "Public or private",
        "特色专业群补助“根据职业学校性质”区分；民办学校不适用绩效工资总量（目录 A6、C1）。", "The cluster grant differs by school type; private schools are outside the performance-pay ceiling (catalogue A6, C1).";
    SchoolNamed = "school_named", Kind::OneOf { options: SCHOOL_NAMED }, [VOC, UG], "二(二)",
        "是否为文件点名的学校？", "Is the school one the text names?",
        "文件点名支持黎明职业大学、泉州市高级技工学校（二(二)）和泉州师院（五(二)）。", "The policy names Liming Vocational University, Quanzhou Senior Technical School (二(二)) and Quanzhou Normal University (五(二)).";
    DoubleHighList = "double_high_list", Kind::OneOf { options: DOUBLE_HIGH }, [VOC], "二(二)",
        "入选了哪项计划（如有多项，选最高一项）？", "Which plan was the school selected into (the highest, if several)?",
        "对入选国家和省级“双高计划”、国家“优质中职”计划的学校予以一定经费补助（二(二)）。", "Schools in the national or provincial Double High plan, or the national quality secondary plan, receive a subsidy (二(二)).";
    DoubleHighUnit = "double_high_unit", Kind::OneOf { options: DOUBLE_HIGH_UNIT }, [VOC], "二(二)",
        "入选的是学校还是专业群？", "Was the school selected, or only a major cluster?",
        "按入选名单选择。只有专业群入选的，能否补助由责任单位认定（目录 A1 第 2 点）。", "Answer as the selection list names you. Whether a cluster alone qualifies is for the responsible unit to decide (catalogue A1 point 2).";
    DoubleHighSelectedOn = "double_high_selected_on", DATE, [VOC], "二(二)",
        "入选日期", "Date of selection",
        "填写公布入选名单的文件日期。文件施行前的入选能否补助，由责任单位认定（目录 X3）。", "Enter the date of the document announcing the selection. Whether a selection before the policy took effect qualifies is for the responsible unit to decide (catalogue X3).";
    PilotMajorsNew = "pilot_majors_new", N0, [VOC], "二(二)",
        "新举办的本科层次试点专业数", "New bachelor-level pilot majors",
        "每个专业一次性 {a2_grant_per_major:万} 万元（二(二)）。", "CNY {a2_grant_per_major:,} once per major (二(二)).";
    PilotMajorsFirstEnrolledOn = "pilot_majors_first_enrolled_on", DATE, [VOC], "二(二)",
        "首次招生日期", "Date of first enrolment",
        "填写该专业第一次招生的日期；以此判断是否“新举办”（目录 A2 第 1 点）。", "Enter the date the major first took students; it shows whether the major is new (catalogue A2 point 1).";
    IndustryCollegeNational = "industry_college_national", YN, [VOC, UG], "二(三)",
        "是否有产业学院入选国家级现代产业学院？", "Was an industry college selected as a national modern industry college?",
        "国家级一次性 {a3_national_college_grant:万} 万元（二(三)）。", "CNY {a3_national_college_grant:,} once at national level (二(三)).";
    IndustryCollegeNationalOn = "industry_college_national_on", DATE, [VOC, UG], "二(三)",
        "国家级入选日期", "Date of the national selection",
        "填写公布入选名单的文件日期；用于判断是否在政策有效期内（目录 §0、X3）。", "Enter the date of the document announcing the selection. It shows whether the event falls within the policy's period (catalogue §0, X3).";
    IndustryCollegeProvincial = "industry_college_provincial", YN, [VOC, UG], "二(三)",
        "是否有产业学院入选省级现代产业学院？", "Was an industry college selected as a provincial modern industry college?",
        "省级一次性 {a4_provincial_college_grant:万} 万元（二(三)）。", "CNY {a4_provincial_college_grant:,} once at provincial level (二(三)).";
    IndustryCollegeProvincialOn = "industry_college_provincial_on", DATE, [VOC, UG], "二(三)",
        "省级入选日期", "Date of the provincial selection",
        "填写公布入选名单的文件日期；用于判断是否在政策有效期内（目录 §0、X3）。", "Enter the date of the document announcing the selection. It shows whether the event falls within the policy's period (catalogue §0, X3).";
    IndustryCollegeStage = "industry_college_stage", Kind::OneOf { options: COLLEGE_STAGE }, [VOC, UG], "二(三)",
        "“入选”是已验收认定，还是仅立项建设？", "Is the selection an accepted one, or only approval for construction?",
        "福建省级名单先立项建设两年，再验收认定；已验收认定的选第一项（目录 A3 第 2 点）。", "Fujian first approves colleges for a two-year build, then accepts them. Choose the first option once accepted (catalogue A3 point 2).";
    IndustryCollegeMunicipal = "industry_college_municipal", YN, [VOC], "二(三)",
        "是否有产业学院入选市级示范性产业学院？", "Was an industry college selected as a municipal demonstration college?",
        "市级示范一次性 {a5_municipal_demo_college_grant:万} 万元（二(三)）。", "CNY {a5_municipal_demo_college_grant:,} once at municipal level (二(三)).";
    IndustryCollegeMunicipalOn = "industry_college_municipal_on", DATE, [VOC], "二(三)",
        "市级入选日期", "Date of the municipal selection",
        "填写公布入选名单的文件日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date of the document announcing the selection. It shows whether the event falls within the policy's period (catalogue §0).";
    FeaturedClusterSelected = "featured_cluster_selected", YN, [VOC], "二(三)",
        "是否有专业群入选市级产教融合特色专业群？", "Was a major cluster selected as a municipal featured cluster?",
        "按职业学校性质分别给予一次性补助，金额以申报通知为准（二(三)）。", "A one-off grant by school type; the amount is set by the annual notice (二(三)).";
    FeaturedClusterSelectedOn = "featured_cluster_selected_on", DATE, [VOC], "二(三)",
        "特色专业群入选日期", "Date of the cluster selection",
        "填写公布入选名单的文件日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date of the document announcing the selection. It shows whether the event falls within the policy's period (catalogue §0).";
    FeaturedClusterNegativeList = "featured_cluster_negative_list", YN, [VOC], "二(三)",
        "该专业群中是否有专业列入“负面清单”？", "Is any major of the cluster on the negative list?",
        "按教育部门公布的负面清单回答。有此类专业的，能否补助由责任单位认定（目录 E3）。", "Answer from the negative list the education authorities publish. If one is on it, whether the grant applies is for the responsible unit to decide (catalogue E3).";
    RetentionRanked = "retention_ranked", YN, [VOC, UG], "四(一)",
        "学校是否参加了毕业生留泉情况综合排名？", "Was the school in the ranking of graduates staying in Quanzhou?",
        "排名前 {a9_ranked_places} 名分档奖励（四(一)）。", "The top {a9_ranked_places} are rewarded by rank (四(一)).";
    RetentionRank = "retention_rank", N1, [VOC, UG], "四(一)",
        "综合排名名次", "The school's place in the ranking",
        "前 {a9_ranked_places} 名依次奖励 {a9_award_by_rank*:万} 万元（四(一)）。", "The top {a9_ranked_places} receive, by rank, CNY {a9_award_by_rank*:,: / } (四(一)).";
    RetentionRankTied = "retention_rank_tied", YN, [VOC, UG], "四(一)",
        "该名次是否与其他学校并列？", "Is the rank shared with another school?",
        "并列名次需人工认定（目录 A9 第 3 点）。", "A shared rank needs a person to decide (catalogue A9 point 3).";
    RetentionRankingYear = "retention_ranking_year", YEAR, [VOC, UG], "四(一)",
        "排名年度", "Year of the ranking",
        "填写排名所属的年度，例如 2024（目录 A9 第 5 点）。", "Enter the year the ranking is for, e.g. 2024 (catalogue A9 point 5).";
    SciTechProjectsApproved = "sci_tech_projects_approved", N0, [VOC], "四(二)",
        "经评审立项的科技计划项目数", "Science and technology projects approved after review",
        "每项不超过 {a13_cap_per_project:万} 万元（四(二)）。", "Up to CNY {a13_cap_per_project:,} per project (四(二)).";
    SciTechRequested = "sci_tech_requested", MONEY, [VOC], "四(二)",
        "申请的项目经费合计（元，可不填）", "Funding requested for these projects in total (yuan; optional)",
        "填写申请经费合计（元），也可不填。补助每项有上限；申请额低于上限的，按申请额显示上限（目录 A13 第 1 点）。", "Enter the total of the funding you applied for, in yuan, or leave it empty. The grant is capped per project; with a request below the cap, the request is shown as the cap (catalogue A13 point 1).";
    SciTechApprovedOn = "sci_tech_approved_on", DATE, [VOC], "四(二)",
        "立项日期", "Date of approval",
        "填写立项文件上的日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date on the approval document. It shows whether the event falls within the policy's period (catalogue §0).";
    TrainingNetIncome = "training_net_income", MONEY, [VOC], "四(二)",
        "上年社会培训净收入（元）", "Last year's net income from training (yuan)",
        "可提取不超过培训净收入的 {c1_net_income_share:%}% 作为绩效工资总额增量（四(二)）；“净收入”口径请按人社部门要求（目录 C1）。", "Up to {c1_net_income_share:%}% may be added to the performance-pay ceiling (四(二)); define net income as the HR bureau requires (catalogue C1).";
    StudioSelected = "studio_selected", YN, [VOC, TEACHER], "四(三)",
        "是否有工作室入选市级名师工作室？", "Was a studio selected as a municipal master-teacher studio?",
        "每个工作室一次性 {a16_studio_award:万} 万元（四(三)）。", "CNY {a16_studio_award:,} once per studio (四(三)).";
    StudioSelectedOn = "studio_selected_on", DATE, [VOC, TEACHER], "四(三)",
        "工作室入选日期", "Date of the studio's selection",
        "填写公布入选名单的文件日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date of the document announcing the selection. It shows whether the event falls within the policy's period (catalogue §0).";

    TrainingBaseRecognised = "training_base_recognised", YN, [ENT, VOC, ORG], "五(二)",
        "是否有实训基地被认定为示范性产教融合实训基地？", "Was a training base recognised as a demonstration integration training base?",
        "按评定档次一次性补助，最高不超过 {a21_cap:万} 万元（五(二)）。", "A one-off grant by grade, at most CNY {a21_cap:,} (五(二)).";
    TrainingBaseRecognisedOn = "training_base_recognised_on", DATE, [ENT, VOC, ORG], "五(二)",
        "认定日期", "Date of recognition",
        "填写认定文件上的日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date on the recognition document. It shows whether the event falls within the policy's period (catalogue §0).";
    OrgNamedBody = "org_named_body", Kind::OneOf { options: NAMED_ORG }, [ORG], "五(一)",
        "贵单位是否为文件点名的机构？", "Is your organisation one the text names?",
        "部分补助只给文件点名的机构（四(一)、四(三)、五(一)、五(三)）。", "Some grants go only to bodies the text names (四(一), 四(三), 五(一), 五(三)).";
    SubAllianceStatus = "sub_alliance_status", Kind::OneOf { options: SUB_ALLIANCE }, [ORG], "五(一)",
        "是否为产教融合分联盟（集团）？", "Are you an industry-education sub-alliance (group)?",
        "现有职教集团、学校联盟经评估改组转型为分联盟的，每年不高于 {a20_cap_per_year:万} 万元（五(一)）。", "Existing groups reorganised into sub-alliances receive up to CNY {a20_cap_per_year:,} a year (五(一)).";
    InternationalTeacherTraining = "international_teacher_training", YN, [ORG], "四(三)",
        "是否开展国际化职业教育师资培训？", "Do you run international vocational teacher training?",
        "开展此类培训的选“是”。“中德中心等机构”每年不高于 {a18_cap_per_year:万} 万元；其他机构能否适用，由责任单位认定（目录 A18）。", "Choose Yes if you run such training. The Sino-German centre 'and others' receive up to CNY {a18_cap_per_year:,} a year; whether others qualify is for the responsible unit to decide (catalogue A18).";
    SkillTrainingBaseDesignated = "skill_training_base_designated", YN, [VOC, ORG], "四(二)",
        "是否被确定为产业人才技能培训基地？", "Were you designated an industry talent skill-training base?",
        "全市统筹建设 {d14_planned_bases} 家（四(二)）。", "The city is building {d14_planned_bases} of them (四(二)).";
    EntrepreneurshipCollege = "entrepreneurship_college", YN, [VOC, ORG], "四(一)",
        "是否举办经认定的公益性创业学院？", "Do you run a recognised public-interest entrepreneurship college?",
        "培训数量、质量达到标准的，每年每家 {a10_grant_per_year:万} 万元（四(一)）。", "CNY {a10_grant_per_year:,} a year for each that meets the standard (四(一)).";
    EntrepreneurshipRecognisedOn = "entrepreneurship_recognised_on", DATE, [VOC, ORG], "四(一)",
        "创业学院认定日期", "Date the college was recognised",
        "填写认定文件上的日期。年中认定的，首年是否折算由责任单位认定（目录 A10 第 3 点）。", "Enter the date on the recognition document. For a recognition during the year, whether the first year is pro-rated is for the responsible unit to decide (catalogue A10 point 3).";
    EntrepreneurshipMetStandard = "entrepreneurship_met_standard", YN, [VOC, ORG], "四(一)",
        "申报年度培训数量、质量是否达到标准？", "Did training quantity and quality meet the standard in the year claimed?",
        "“达标”标准以申报通知为准（目录 A10 第 1 点）。", "The standard is set by the annual notice (catalogue A10 point 1).";
    ClaimYear = "claim_year", YEAR, [VOC, ORG], "X9",
        "年度补助的申报年度", "Year the annual grant is claimed for",
        "填写申报的自然年度，例如 2025（目录 X9）。", "Enter the calendar year you are claiming for, e.g. 2025 (catalogue X9).";

    CertificateType = "certificate_type", Kind::OneOf { options: CERT_TYPE }, [WORKER, GRAD], "四(二)",
        "取得的证书类型", "Type of certificate obtained",
        "劳动者取得职业技能等级证书或专项能力证书，按等级补贴 {a14_subsidy_range.0}～{a14_subsidy_range.1} 元/人（四(二)）；技师以上证书也可申请来泉求职免费住宿（四(一)）。有几张证书的，先填一张，下面会问其他的。", "A worker with a skill-level or special-ability certificate gets CNY {a14_subsidy_range.0:,} to {a14_subsidy_range.1:,} by level (四(二)); a technician certificate or above also opens free accommodation for job seekers (四(一)). With several certificates, give one here; the others are asked next.";
    CertificateLevel = "certificate_level", Kind::OneOf { options: CERT_LEVEL }, [WORKER, GRAD], "四(二)",
        "证书等级", "Certificate level",
        "二级（技师）及以上也可申请免费住宿（四(一)，目录 D8）。", "Level 2 (technician) and above also qualify for free accommodation (四(一), catalogue D8).";
    CertificateIssuedOn = "certificate_issued_on", DATE, [WORKER], "四(二)",
        "证书核发日期", "Date the certificate was issued",
        "填写证书上的核发日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the issue date printed on the certificate. It shows whether the event falls within the policy's period (catalogue §0).";
    WorkerFullTimeStudent = "worker_full_time_student", YN, [WORKER], "四(二)",
        "取证时是否为全日制在校学生？", "Were you a full-time student when you obtained it?",
        "取证时在读全日制的选“是”。全日制学生能否按劳动者补贴，由人社部门认定（目录 A14 第 3 点）。", "Choose Yes if you were in full-time study then. Whether a full-time student counts as a worker is for the human resources bureau to decide (catalogue A14 point 3).";
    MoreCertificates = "more_certificates", YN, [WORKER], "四(二)",
        "您还有另一张职业技能等级证书或专项能力证书吗？", "Do you hold another skill-level or special-ability certificate?",
        "每张证书按等级补贴；同一职业（工种）同一等级只补一次（目录 A14 第 2 点）。", "Each certificate is paid by its level; one subsidy per occupation and level (catalogue A14 point 2).";
    Certificate2Type = "certificate2_type", Kind::OneOf { options: CERT_TYPE }, [WORKER], "四(二)",
        "第二张证书的类型", "Type of the second certificate",
        "按等级补贴 {a14_subsidy_range.0}～{a14_subsidy_range.1} 元/人（四(二)）。", "CNY {a14_subsidy_range.0:,} to {a14_subsidy_range.1:,} by level (四(二)).";
    Certificate2Level = "certificate2_level", Kind::OneOf { options: CERT_LEVEL }, [WORKER], "四(二)",
        "第二张证书的等级", "Level of the second certificate",
        "同一职业（工种）同一等级只补一次（目录 A14 第 2 点）。", "One subsidy per occupation and level (catalogue A14 point 2).";
    Certificate2IssuedOn = "certificate2_issued_on", DATE, [WORKER], "四(二)",
        "第二张证书的核发日期", "Date the second certificate was issued",
        "填写证书上的核发日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the issue date printed on the certificate. It shows whether the event falls within the policy's period (catalogue §0).";
    Certificate2FullTimeStudent = "certificate2_full_time_student", YN, [WORKER], "四(二)",
        "取得第二张证书时是否为全日制在校学生？", "Were you a full-time student when you obtained the second certificate?",
        "取证时在读全日制的选“是”。全日制学生能否按劳动者补贴，由人社部门认定（目录 A14 第 3 点）。", "Choose Yes if you were in full-time study then. Whether a full-time student counts as a worker is for the human resources bureau to decide (catalogue A14 point 3).";
    MoreCertificates2 = "more_certificates2", YN, [WORKER], "四(二)",
        "您还有第三张证书吗？", "Do you hold a third certificate?",
        "本工具最多计三张证书；更多的请向市人社局咨询。", "This tool counts up to three certificates; ask the HR bureau about more.";
    Certificate3Type = "certificate3_type", Kind::OneOf { options: CERT_TYPE }, [WORKER], "四(二)",
        "第三张证书的类型", "Type of the third certificate",
        "按等级补贴 {a14_subsidy_range.0}～{a14_subsidy_range.1} 元/人（四(二)）。", "CNY {a14_subsidy_range.0:,} to {a14_subsidy_range.1:,} by level (四(二)).";
    Certificate3Level = "certificate3_level", Kind::OneOf { options: CERT_LEVEL }, [WORKER], "四(二)",
        "第三张证书的等级", "Level of the third certificate",
        "同一职业（工种）同一等级只补一次（目录 A14 第 2 点）。", "One subsidy per occupation and level (catalogue A14 point 2).";
    Certificate3IssuedOn = "certificate3_issued_on", DATE, [WORKER], "四(二)",
        "第三张证书的核发日期", "Date the third certificate was issued",
        "填写证书上的核发日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the issue date printed on the certificate. It shows whether the event falls within the policy's period (catalogue §0).";
    Certificate3FullTimeStudent = "certificate3_full_time_student", YN, [WORKER], "四(二)",
        "取得第三张证书时是否为全日制在校学生？", "Were you a full-time student when you obtained the third certificate?",
        "取证时在读全日制的选“是”。全日制学生能否按劳动者补贴，由人社部门认定（目录 A14 第 3 点）。", "Choose Yes if you were in full-time study then. Whether a full-time student counts as a worker is for the human resources bureau to decide (catalogue A14 point 3).";
    SeekingJobInQuanzhou = "seeking_job_in_quanzhou", YN, [WORKER, GRAD], "四(一)",
        "是否正在泉州找工作（来泉或留泉求职）？", "Are you looking for a job in Quanzhou (coming or staying here to find work)?",
        "来泉留泉求职的符合条件人员可享受最长 {d8_max_nights} 天免费住宿（四(一)）。已在泉州工作、正另找工作的，也是求职，选“是”；不找工作的选“否”。", "Eligible job seekers in Quanzhou can stay up to {d8_max_nights} nights free (四(一)). If you already work in Quanzhou and are looking for another job, that is job seeking too: choose Yes. If you are not looking, choose No.";
    PrepTechnicianGraduate = "prep_technician_graduate", YN, [GRAD], "四(一)",
        "是否为技工院校全日制预备技师（技师）班毕业生？", "Did you graduate from a full-time preparatory technician class at a technical school?",
        "此类毕业生可申请免费住宿（四(一)）。", "Such graduates may apply for free accommodation (四(一)).";
    ProfessionalTitle = "professional_title", Kind::OneOf { options: TITLE }, [WORKER, GRAD], "四(一)",
        "专业技术职称", "Professional title",
        "中级及以上职称人员可申请免费住宿（四(一)）。", "Holders of an intermediate title or above may apply for free accommodation (四(一)).";
    NightsNeeded = "nights_needed", N1, [WORKER, GRAD], "四(一)",
        "求职期间需要住宿的晚数", "Nights of accommodation you need",
        "最长 {d8_max_nights} 天（四(一)）。", "At most {d8_max_nights} (四(一)).";
    FromPartnerRegion = "from_partner_region", YN, [GRAD], "二(二)",
        "是否来自对口支援地区？", "Are you from a region Quanzhou gives paired assistance to?",
        "推动对口支援地区学生到我市优质职业学校就学（二(二)）。本文件没有列出哪些地区属于对口支援地区，以市教育局或当年通知为准；不确定的，请先向市教育局咨询（目录 D20）。", "Students from these partner regions are helped to enrol in Quanzhou's schools (二(二)). The policy does not list the regions; the Municipal Education Bureau or the year's notice says which they are, so if you are not sure, ask the bureau first (catalogue D20).";

    InDualTeacherLibrary = "in_dual_teacher_library", YN, [TEACHER], "四(三)",
        "是否已入泉州市产教融合双师资源库？", "Are you in the Quanzhou dual-qualified teacher library?",
        "入库是优秀双师型教师奖励的前提（四(三)）。", "Library entry comes before the excellent-teacher award (四(三)).";
    TeacherSide = "teacher_side", Kind::OneOf { options: TEACHER_SIDE }, [TEACHER], "四(三)",
        "您是学校教师还是企业兼职教师？", "Are you a school teacher or an enterprise's part-time teacher?",
        "在学校任教的选第一项，来自企业的选第二项。企业方专家能否获奖，由责任单位认定（目录 A15 第 2 点）。", "Choose the first if you teach at a school, the second if you come from an enterprise. Whether enterprise experts qualify is for the responsible unit to decide (catalogue A15 point 2).";
    DualTeacherExcellent = "dual_teacher_excellent", YN, [TEACHER], "四(三)",
        "是否经评选为入校、入企开展实际工作并取得较好成效的优秀双师型教师？", "Were you selected as an excellent dual-qualified teacher for work in school and enterprise?",
        "“较好成效”“优秀”的标准以评选通知为准（目录 A15 第 1 点）。", "The selection criteria are set by the notice (catalogue A15 point 1).";
    DualTeacherSelectedOn = "dual_teacher_selected_on", DATE, [TEACHER], "四(三)",
        "评选日期", "Date of the selection",
        "填写公布评选结果的文件日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date of the document announcing the result. It shows whether the event falls within the policy's period (catalogue §0).";
    DisciplineLeader = "discipline_leader", YN, [TEACHER], "四(三)",
        "是否入选市级职业教育学科（专业）带头人？", "Were you selected as a municipal vocational-education discipline leader?",
        "每名带头人一次性 {a17_leader_award:万} 万元（四(三)）。", "CNY {a17_leader_award:,} once per leader (四(三)).";
    DisciplineLeaderSelectedOn = "discipline_leader_selected_on", DATE, [TEACHER], "四(三)",
        "带头人入选日期", "Date of the leader selection",
        "填写公布入选名单的文件日期；用于判断是否在政策有效期内（目录 §0）。", "Enter the date of the document announcing the selection. It shows whether the event falls within the policy's period (catalogue §0).";
}

impl Question {
    /// True when this applicant type may be asked the question.
    pub fn asks(&self, t: ApplicantType) -> bool {
        self.applicant_types.contains(&t)
    }

    /// The options of a one-of question; empty otherwise.
    pub fn options(&self) -> &'static [Choice] {
        match self.kind {
            Kind::OneOf { options } => options,
            _ => &[],
        }
    }

    /// The label of a given option id.
    pub fn option_label(&self, id: &str) -> Option<StaticText> {
        self.options().iter().find(|c| c.id == id).map(|c| c.label)
    }
}

/// A topic of questions: the planner's questions are shown one topic at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)] // Each section's title is `Section::title`.
pub enum Section {
    Applicant,
    Roles,
    Territory,
    EnterpriseSize,
    TaxCredit,
    EnterpriseStatus,
    Apprenticeship,
    GraduateHiring,
    RunningSchools,
    SchoolProfile,
    SchoolSelections,
    SchoolProjects,
    Organisation,
    AnnualGrants,
    Certificates,
    JobSeeking,
    Teaching,
}

/// The first question of each section; a section runs until the next one begins.
const SECTION_STARTS: &[(Q, Section)] = &[
    (Q::ApplicantType, Section::Applicant),
    (Q::AlsoGraduate, Section::Roles),
    (Q::RegisteredInQuanzhou, Section::Territory),
    (Q::EntOwnership, Section::EnterpriseSize),
    (Q::EntPilotStatus, Section::TaxCredit),
    (Q::EntCertDirectory, Section::EnterpriseStatus),
    (Q::ApprenticeshipRuns, Section::Apprenticeship),
    (Q::GraduatesHired, Section::GraduateHiring),
    (Q::EntRunsVocationalEducation, Section::RunningSchools),
    (Q::SchoolLevel, Section::SchoolProfile),
    (Q::DoubleHighList, Section::SchoolSelections),
    (Q::RetentionRanked, Section::SchoolProjects),
    (Q::TrainingBaseRecognised, Section::Organisation),
    (Q::EntrepreneurshipCollege, Section::AnnualGrants),
    (Q::CertificateType, Section::Certificates),
    (Q::SeekingJobInQuanzhou, Section::JobSeeking),
    (Q::InDualTeacherLibrary, Section::Teaching),
];

impl Q {
    /// The topic this question belongs to.
    pub fn section(self) -> Section {
        SECTION_STARTS.iter().rev().find(|(first, _)| *first <= self).map_or(Section::Applicant, |(_, s)| *s)
    }
}

impl Section {
    /// The section's title, shown as the heading of its step.
    pub fn title(self) -> StaticText {
        match self {
            Section::Applicant => st("申请人类型", "Who is applying"),
            Section::Roles => st("您的其他身份", "Your other roles"),
            Section::Territory => st("所在地", "Location"),
            Section::EnterpriseSize => st("企业基本情况", "About the enterprise"),
            Section::TaxCredit => st("产教融合型企业与附加税费抵免", "Integration-enterprise status and the surcharge credit"),
            Section::EnterpriseStatus => st("认定与入库情况", "Recognitions and libraries"),
            Section::Apprenticeship => st("新型学徒制培训", "New-style apprenticeships"),
            Section::GraduateHiring => st("吸纳应届高校毕业生", "Hiring new graduates"),
            Section::RunningSchools => st("举办职业教育", "Running vocational education"),
            Section::SchoolProfile => st("学校基本情况", "About the school"),
            Section::SchoolSelections => st("计划、专业与产业学院", "Plans, majors and industry colleges"),
            Section::SchoolProjects => st("排名、项目与工作室", "Rankings, projects and studios"),
            Section::Organisation => st("实训基地与机构", "Training bases and organisations"),
            Section::AnnualGrants => st("创业学院与年度补助", "Entrepreneurship colleges and annual grants"),
            Section::Certificates => st("技能证书", "Skill certificates"),
            Section::JobSeeking => st("来泉留泉求职", "Looking for work in Quanzhou"),
            Section::Teaching => st("双师型教师与带头人", "Dual-qualified teachers and leaders"),
        }
    }
}

/// Every question as a list, for `chanjiao questions` and the widget.
pub fn all() -> &'static [Question] {
    QUESTIONS
}

/// Questions an answers file may hold but the interview does not ask: facts that
/// refine a result without deciding it (the enrolment beside those who passed,
/// the amount requested beside the ceiling, the founding date against which
/// dates are checked), and the surcharges, which the interview asks for as the
/// taxes they are computed from.
pub const FILE_ONLY: &[Q] =
    &[Q::EntEstablishedOn, Q::B1SurchargePayable, Q::ApprenticesIntermediateEnrolled, Q::ApprenticesAdvancedEnrolled, Q::SciTechRequested];

/// Facts of one year: a year's investment and the taxes it paid, the
/// apprentices it trained, the graduates it hired, the certificates earned in it
/// and the standard met for it. In a file with several years they are given
/// under each year (`years`), never once for all, so none is counted twice.
pub const YEARLY: &[Q] = &[
    Q::B1Investment,
    Q::B1VatPaid,
    Q::B1ConsumptionTaxPaid,
    Q::B1SurchargeReliefs,
    Q::B1SurchargePayable,
    Q::ApprenticeshipRuns,
    Q::ApprenticesIntermediatePassed,
    Q::ApprenticesAdvancedPassed,
    Q::ApprenticesTechnicianPassed,
    Q::ApprenticesIntermediateEnrolled,
    Q::ApprenticesAdvancedEnrolled,
    Q::ApprenticeshipMonths,
    Q::ApprenticeshipCompletedOn,
    Q::GraduatesHired,
    Q::GraduatesHiredOn,
    Q::TrainingNetIncome,
    Q::EntrepreneurshipMetStandard,
    Q::CertificateType,
    Q::CertificateLevel,
    Q::CertificateIssuedOn,
    Q::WorkerFullTimeStudent,
    Q::MoreCertificates,
    Q::Certificate2Type,
    Q::Certificate2Level,
    Q::Certificate2IssuedOn,
    Q::Certificate2FullTimeStudent,
    Q::MoreCertificates2,
    Q::Certificate3Type,
    Q::Certificate3Level,
    Q::Certificate3IssuedOn,
    Q::Certificate3FullTimeStudent,
];

/// Facts an applicant may well not know, which offer "不清楚 / Not sure": whether
/// the enterprise is in a directory or a library, whether its pilot status
/// was ever revoked, whether one comes from a partner region (the policy
/// names none). "Not sure" is read as unanswered: the result that waits on it
/// goes to a person, never a guess.
pub const UNSURE: &[Q] = &[Q::EntPilotRevoked, Q::EntCertDirectory, Q::EntCityLibrary, Q::EntCityDemo, Q::FromPartnerRegion];

/// Answers another answer already gives, so that they are never asked in vain:
/// when question `.0` is answered with the option (or yes/no) `.1`, question
/// `.2` reads as yes (`true`) or no. An answer given to `.2` itself is kept.
/// "未纳入" (none of these) leaves the enterprise outside the city library and
/// its demonstration list; "仅入泉州市培育库或获市级示范认定" puts it in the
/// library (demonstration enterprises are recognised from it, 三(二)); an
/// enterprise that runs no vocational education runs no school on idle land.
pub const IMPLIED: &[(Q, &str, Q, bool)] = &[
    (Q::EntPilotStatus, "none", Q::EntCityLibrary, false),
    (Q::EntPilotStatus, "none", Q::EntCityDemo, false),
    (Q::EntPilotStatus, "city_only", Q::EntCityLibrary, true),
    (Q::EntRunsVocationalEducation, "false", Q::EntIdleLandSchool, false),
];

/// Facts that may change from one year to the next (the enterprise's size and
/// standing): given once for every year, or under a year for that year alone.
pub const YEAR_STANDING: &[Q] = &[Q::EntSizeClass, Q::EntEmployees, Q::EntRevenue, Q::EntAssets, Q::EntAboveScale, Q::EntPilotStatus, Q::EntPilotRevoked];

/// Questions a year answers by being that year: the investment year of B1 and the
/// year an annual grant is claimed for.
pub const YEAR_KEYS: &[Q] = &[Q::B1InvestmentYear, Q::ClaimYear];

impl Question {
    /// True when the interview asks it ([`FILE_ONLY`] lists the others).
    pub fn interview_asks(&self) -> bool {
        !FILE_ONLY.contains(&self.q)
    }

    /// The help, its figures the policy's values in force on `on`.
    pub fn help_under(&self, params: &crate::Params, on: crate::Date) -> crate::Text {
        crate::template::show_text(self.help.zh, self.help.en, params, on)
    }

    /// The question as JSON, its help worded with the policy's values in force
    /// on `on` (serialised alone, the help is the built-in plan's).
    pub fn to_json_under(&self, params: &crate::Params, on: crate::Date) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        value["help"] = serde_json::to_value(self.help_under(params, on)).unwrap_or_default();
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_indexed_by_q() {
        for (i, q) in QUESTIONS.iter().enumerate() {
            assert_eq!(q.q.index(), i, "{}", q.id);
            assert_eq!(Q::from_id(q.id), Some(q.q));
        }
    }

    #[test]
    fn ids_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for q in QUESTIONS {
            assert!(seen.insert(q.id), "duplicate {}", q.id);
            assert!(q.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{}", q.id);
        }
    }

    #[test]
    fn sections_follow_the_asking_order() {
        let sections: Vec<Section> = QUESTIONS.iter().map(|q| q.q.section()).collect();
        assert!(sections.windows(2).all(|w| w[0] <= w[1]), "sections must not interleave");
        assert_eq!(Q::ApplicantType.section(), Section::Applicant);
        assert_eq!(Q::EntRevenue.section(), Section::EnterpriseSize);
        assert_eq!(Q::B1CarriedIn.section(), Section::TaxCredit);
        assert_eq!(Q::DisciplineLeaderSelectedOn.section(), Section::Teaching);
        assert!(SECTION_STARTS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn sector_options_match_the_sme_table() {
        for (choice, sector) in SECTORS.iter().zip(crate::sme::Sector::ALL) {
            assert_eq!(choice.id, sector.id());
        }
        assert_eq!(SECTORS.len(), crate::sme::Sector::ALL.len());
        for (choice, t) in APPLICANT_TYPES.iter().zip(ApplicantType::ALL) {
            assert_eq!(choice.id, t.code());
        }
    }
}
