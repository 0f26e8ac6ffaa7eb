//! Yuan amounts as people read them: `1,000,000 元（100万元）`.
//!
//! Money is always a [`Decimal`]; a float never touches an amount.

use rust_decimal::Decimal;

/// Ten thousand yuan, the 万元 the text counts in.
pub(crate) const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Writes a decimal's digits into `out`, with thousands separators if `grouped`,
/// and with no trailing zeros. Working on the mantissa's digits avoids the cost
/// of `Decimal`'s `Display` and of intermediate strings, which dominated the
/// evaluation's profile.
fn write_decimal(out: &mut String, amount: Decimal, extra_scale: u32, grouped: bool) {
    let n = amount.normalize();
    let mut mantissa = n.mantissa().unsigned_abs();
    let mut scale = n.scale() + extra_scale;
    while scale > 0 && mantissa.is_multiple_of(10) {
        mantissa /= 10;
        scale -= 1;
    }
    let mut buf = [0u8; 40];
    let mut len = 0;
    loop {
        buf[len] = b'0' + (mantissa % 10) as u8;
        len += 1;
        mantissa /= 10;
        if mantissa == 0 {
            break;
        }
    }
    buf[..len].reverse();
    let digits = &buf[..len];
    let scale = scale as usize;
    let int_len = digits.len().saturating_sub(scale);
    if n.is_sign_negative() && !n.is_zero() {
        out.push('-');
    }
    if int_len == 0 {
        out.push('0');
    }
    for (i, d) in digits[..int_len].iter().enumerate() {
        if grouped && i > 0 && (int_len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(*d));
    }
    if scale > 0 {
        out.push('.');
        for _ in digits.len()..scale {
            out.push('0');
        }
        out.extend(digits[int_len..].iter().map(|d| char::from(*d)));
    }
}

/// Formats a yuan amount with thousands separators and no needless decimals: `7,000` or `1,250.5`.
pub fn group(amount: Decimal) -> String {
    let mut out = String::with_capacity(24);
    write_decimal(&mut out, amount, 0, true);
    out
}

/// The amount in 万元, as the text writes it: `100` for 1,000,000 yuan, `0.5` for 5,000.
pub fn wan(amount: Decimal) -> String {
    let mut out = String::with_capacity(16);
    write_decimal(&mut out, amount, 4, false);
    out
}

/// `7,000 元` in Chinese, adding `（0.7万元）` from 10,000 yuan up, where the text uses 万元.
pub fn yuan_zh(amount: Decimal) -> String {
    let mut out = String::with_capacity(40);
    write_decimal(&mut out, amount, 0, true);
    out.push_str(" 元");
    if amount.abs() >= WAN {
        out.push('（');
        write_decimal(&mut out, amount, 4, false);
        out.push_str("万元）");
    }
    out
}

/// `CNY 7,000` in English.
pub fn yuan_en(amount: Decimal) -> String {
    let mut out = String::with_capacity(24);
    out.push_str("CNY ");
    write_decimal(&mut out, amount, 0, true);
    out
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
        assert_eq!(group(Decimal::new(5, 2)), "0.05");
        assert_eq!(group(Decimal::new(123_456_789, 2)), "1,234,567.89");
        assert_eq!(group(Decimal::ZERO), "0");
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
        assert_eq!(wan(Decimal::new(38_600_000_000, 2)), "38600");
        assert_eq!(wan(Decimal::new(123, 2)), "0.000123");
        assert_eq!(yuan_zh(Decimal::new(-1_500_000, 0)), "-1,500,000 元（-150万元）");
        assert_eq!(group(Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 0)), "79,228,162,514,264,337,593,543,950,335");
    }
}
