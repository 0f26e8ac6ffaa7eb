//! Yuan amounts as people read them: `1,000,000 元（100万元）`.
//!
//! Money is always a [`Decimal`]; a float never touches an amount.

use rust_decimal::Decimal;

/// Ten thousand yuan, the 万元 the text counts in.
pub(crate) const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Formats a yuan amount with thousands separators and no needless decimals: `7,000` or `1,250.5`.
pub fn group(amount: Decimal) -> String {
    let n = amount.normalize();
    let text = n.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut out = String::with_capacity(int.len() + int.len() / 3 + 4);
    if n.is_sign_negative() && !n.is_zero() {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// The amount in 万元, as the text writes it: `100` for 1,000,000 yuan, `0.5` for 5,000.
pub fn wan(amount: Decimal) -> String {
    (amount / WAN).normalize().to_string()
}

/// `7,000 元` in Chinese, adding `（0.7万元）` from 10,000 yuan up, where the text uses 万元.
pub fn yuan_zh(amount: Decimal) -> String {
    if amount.abs() >= WAN {
        format!("{} 元（{}万元）", group(amount), wan(amount))
    } else {
        format!("{} 元", group(amount))
    }
}

/// `CNY 7,000` in English.
pub fn yuan_en(amount: Decimal) -> String {
    format!("CNY {}", group(amount))
}

/// Rounds down to the fen (two decimals). Every amount computed from a rate is a
/// ceiling ("不超过") or a pro-rated reading of one, so rounding must never lift
/// it above what the text allows: 50 % of 0.61 yuan is 0.30, not 0.31.
pub fn fen_floor(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(Decimal::from(1_000_000)), "1,000,000");
        assert_eq!(group(Decimal::from(999)), "999");
        assert_eq!(group(Decimal::new(12505, 1)), "1,250.5");
        assert_eq!(group(Decimal::from(-4000)), "-4,000");
    }

    #[test]
    fn rounds_down_to_the_fen() {
        assert_eq!(fen_floor(Decimal::new(305, 3)), Decimal::new(30, 2));
        assert_eq!(fen_floor(Decimal::new(99999, 3)), Decimal::new(9999, 2));
        assert_eq!(fen_floor(Decimal::from(7)), Decimal::from(7));
    }

    #[test]
    fn shows_wan_where_the_text_would() {
        assert_eq!(yuan_zh(Decimal::from(1_000_000)), "1,000,000 元（100万元）");
        assert_eq!(yuan_zh(Decimal::from(7_000)), "7,000 元");
        assert_eq!(yuan_en(Decimal::from(7_000)), "CNY 7,000");
        assert_eq!(wan(Decimal::from(5_000)), "0.5");
    }
}
