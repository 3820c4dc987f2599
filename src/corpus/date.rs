//! Reading the dates records carry.

/// Days since 1970-01-01 of a date written `YYYY-MM-DD` (anything may follow).
pub fn day_number(date: &str) -> Option<i64> {
    let b = date.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).ok()?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil date (proleptic Gregorian), after H. Hinnant's algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days_across_months_and_years() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2015-07-21 02:51:32"), Some(16_637));
        assert_eq!(
            day_number("2015-08-01").unwrap() - day_number("2015-07-31").unwrap(),
            1
        );
        assert_eq!(
            day_number("2016-03-01").unwrap() - day_number("2016-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2015-13-01"), None);
    }
}
