//! Hijri dates, as Saudi and Gulf sites print them (`الأحد 5 شوال 1436هـ`, `1436/10/05`),
//! turned into the day count Gregorian dates use. The calendar is Umm al-Qura, Saudi
//! Arabia's official one, from ICU4X's tables (1300–1600 AH; the tabular calendar beyond).

use std::borrow::Cow;
use std::ops::RangeInclusive;

use icu_calendar::Date;
use icu_calendar::cal::Hijri;

/// Years a numeric date with no calendar mark is read as Hijri in: no news is dated
/// 1300–1600 AD, and these are the years of Umm al-Qura's published tables (1436 AH is 2015).
pub const NUMERIC_YEARS: RangeInclusive<i64> = 1300..=1600;

/// Rata Die (days from 0001-01-01, proleptic Gregorian) of 1970-01-01.
const UNIX_EPOCH_RD: i64 = 719_163;

/// Days since 1970-01-01 of day `day` of month `month` of Hijri year `year`, by Umm al-Qura.
///
/// A 30th of a month the tables give 29 days is the day after the 29th: a site that follows
/// the moon's sighting, not the tables, may have had a 30th, and a day off is better than no
/// date.
pub fn day_number(year: i64, month: i64, day: i64) -> Option<i64> {
    let rd = |day: i64| {
        let date = Date::try_new_hijri_with_calendar(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
            Hijri::new_umm_al_qura(),
        )
        .ok()?;
        Some(date.to_rata_die().to_i64_date() - UNIX_EPOCH_RD)
    };
    rd(day).or_else(|| (day == 30).then(|| rd(29)).flatten().map(|d| d + 1))
}

/// The Hijri month `word` (with `next`, for two-word names) names, and how many words the
/// name took. Words come with alef forms folded to bare alef and final heh to ta marbuta, as
/// the date reader folds them; alef maqsura and ya are both taken.
pub fn month(word: &str, next: Option<&str>) -> Option<(i64, usize)> {
    // Every RSS and Gregorian Arabic date asks here first: no copy unless there is a ى.
    if word.is_ascii() {
        return None;
    }
    fn fold(w: &str) -> Cow<'_, str> {
        if w.contains('ى') {
            Cow::Owned(w.replace('ى', "ي"))
        } else {
            Cow::Borrowed(w)
        }
    }
    let (word, next) = (fold(word), next.map(fold));
    let one = match word.as_ref() {
        "محرم" => Some(1),
        "صفر" => Some(2),
        "رجب" => Some(7),
        "شعبان" => Some(8),
        "رمضان" => Some(9),
        "شوال" => Some(10),
        _ => None,
    };
    if let Some(m) = one {
        return Some((m, 1));
    }
    let second = next?;
    // The second word, with or without its article: "ربيع الأول", "ربيع أول".
    let second = second.strip_prefix("ال").unwrap_or(&second);
    let m = match (word.as_ref(), second) {
        ("ربيع", "اول") => 3,
        ("ربيع", "ثاني" | "اخر") => 4,
        ("جمادي", "اولي" | "اول") => 5,
        ("جمادي", "ثانية" | "ثاني" | "اخرة" | "اخر") => 6,
        ("ذو" | "ذي", "قعدة") => 11,
        ("ذو" | "ذي", "حجة") => 12,
        _ => return None,
    };
    Some((m, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umm_al_qura_days_match_the_saudi_calendar() {
        // 1 Shawwal 1436 (Eid al-Fitr) was Friday 17 July 2015 in Saudi Arabia: 16,633 days
        // after 1970-01-01.
        assert_eq!(day_number(1436, 10, 1), Some(16_633));
        assert_eq!(day_number(1436, 10, 5), Some(16_637));
        // Months follow each other without gaps: 1 Dhu al-Qadah is 30 days after 1 Shawwal.
        assert_eq!(day_number(1436, 11, 1), Some(16_663));
    }

    #[test]
    fn a_thirtieth_of_a_short_month_is_the_day_after_its_29th() {
        // Ramadan 1436 had 29 days by Umm al-Qura.
        assert_eq!(day_number(1436, 9, 30), Some(16_633));
        assert_eq!(day_number(1436, 9, 31), None);
        assert_eq!(day_number(1436, 13, 1), None);
        assert_eq!(day_number(1436, 10, 0), None);
    }

    #[test]
    fn month_names_are_read_in_their_common_spellings() {
        for (written, want) in [
            ("محرم", (1, 1)),
            ("رمضان", (9, 1)),
            ("ربيع الاول", (3, 2)),
            ("ربيع اول", (3, 2)),
            ("ربيع الاخر", (4, 2)),
            ("ربيع الثاني", (4, 2)),
            ("جمادى الاولى", (5, 2)),
            ("جمادي الاخرة", (6, 2)),
            ("جمادى الثانية", (6, 2)),
            ("ذو القعدة", (11, 2)),
            ("ذي الحجة", (12, 2)),
        ] {
            let words: Vec<&str> = written.split(' ').collect();
            assert_eq!(
                month(words[0], words.get(1).copied()),
                Some(want),
                "{written}"
            );
        }
        assert_eq!(month("ربيع", Some("الماضي")), None);
        assert_eq!(month("يوليو", None), None);
    }
}
