//! Reading the dates records carry: ISO 8601 (`2015-07-21`, `2015-07-21T02:51:32+03:00`,
//! `2015/07/21 ...`), the RFC 2822 dates of RSS feeds (`Tue, 21 Jul 2015 02:51:32 +0300`,
//! `21 July 2015`), American ones (`July 21, 2015 2:51 PM`), Arabic sites' dates
//! (`الثلاثاء 21 يوليو 2015م`, `٢١ تموز ٢٠١٥`) and Hijri ones (`الأحد 5 شوال 1436هـ`,
//! `1436/10/05`, see [`hijri`]). Dates are kept as written; these give their day and an order.

use std::borrow::Cow;

use super::hijri;

/// Days since 1970-01-01 of a date in one of the forms above (anything may follow the date).
pub fn day_number(date: &str) -> Option<i64> {
    let t = fold_digits(date.trim());
    numeric(&t).or_else(|| named_month(&t))
}

/// Days since 1970-01-01 of a Gregorian date, `None` for a month or day out of range.
fn gregorian_day(y: i64, m: i64, d: i64) -> Option<i64> {
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

/// The `YYYY-MM-DD` of a [`day_number`].
pub fn iso_day(day: i64) -> String {
    // Civil date from days (proleptic Gregorian), after H. Hinnant's algorithm.
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The ISO 8601 UTC date and time (`2015-07-21T02:51:32Z`) of a Unix time given as a JSON
/// number: seconds, or milliseconds when it is too large to be seconds of a plausible date
/// (an export from a database or a message queue writes either). `None` for a value before
/// 1970, beyond the year 9999, or not a number.
pub fn from_unix_time(number: &str) -> Option<String> {
    let value: f64 = number.parse().ok()?;
    // 10^11 seconds is the year 5138; 10^11 milliseconds is March 1973.
    let secs = if value.abs() >= 1e11 {
        value / 1000.0
    } else {
        value
    };
    if !(0.0..253_402_300_800.0).contains(&secs) {
        return None;
    }
    let secs = secs.floor() as i64;
    let (day, t) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    Some(format!(
        "{}T{:02}:{:02}:{:02}Z",
        iso_day(day),
        t / 3600,
        t % 3600 / 60,
        t % 60
    ))
}

/// A key that orders dates as time does: the day, then the time of day as written
/// (`HH:MM[:SS]` after the date, 0 without one; a zone offset is not applied). `None` for a
/// date [`day_number`] cannot read.
pub fn date_key(date: &str) -> Option<(i64, u32)> {
    let day = day_number(date)?;
    let t = &fold_digits(date.trim());
    // The time is the first `H:MM` in the text after the date's own digits.
    let seconds = t
        .char_indices()
        .filter(|&(_, c)| c == ':')
        .find_map(|(i, _)| clock(t, i))
        .unwrap_or(0);
    Some((day, seconds))
}

/// Seconds to add to a 12-hour clock reading (`2:51 PM`, `12:05 am`, `٠٢:٥١ م`) to make it a
/// 24-hour one, from the word after it: English `am`/`pm` (`p.m.`), Arabic `ص`/`م` or
/// صباحًا/مساءً (diacritics aside).
fn meridiem(after: &str, hours: u32) -> i64 {
    let mark = |c: char| ('\u{064B}'..='\u{0652}').contains(&c);
    let word: String = after
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
        .trim_start()
        .chars()
        .take_while(|&c| c.is_alphabetic() || c == '.')
        .filter(|&c| c != '.' && !mark(c))
        .collect::<String>()
        .to_lowercase();
    let pm = matches!(word.as_str(), "pm" | "م" | "مساء" | "مساءا");
    let am = matches!(word.as_str(), "am" | "ص" | "صباحا");
    match hours {
        1..=11 if pm => 12 * 3600,
        12 if am => -12 * 3600,
        _ => 0,
    }
}

/// `HH:MM[:SS]` around the colon at byte `colon` of `t`, as seconds.
fn clock(t: &str, colon: usize) -> Option<u32> {
    let b = t.as_bytes();
    let start = (0..colon)
        .rev()
        .take_while(|&i| b[i].is_ascii_digit())
        .last()?;
    let h: u32 = t[start..colon].parse().ok()?;
    let m: u32 = t.get(colon + 1..colon + 3)?.parse().ok()?;
    let s: u32 = match t.get(colon + 3..colon + 6) {
        Some(rest) if rest.starts_with(':') => rest[1..].parse().unwrap_or(0),
        _ => 0,
    };
    let seconds = i64::from(h * 3600 + m * 60 + s) + meridiem(&t[colon + 1..], h);
    (h < 24 && m < 60 && s < 61).then_some(seconds as u32)
}

/// `t` with Arabic-Indic and Persian digits as ASCII ones (`٢١ يوليو ٢٠١٥ - ٠٢:٥١ م`);
/// borrowed when it has none, as ISO dates never do (every date of a batch is keyed several
/// times for the digest's date span).
fn fold_digits(t: &str) -> Cow<'_, str> {
    let fold = |c: char| match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    };
    if t.chars().all(|c| fold(c) == c) {
        return Cow::Borrowed(t);
    }
    t.chars().map(fold).collect()
}

/// A numeric date at the start: ISO `YYYY-MM-DD` or `YYYY/MM/DD`, read as Hijri when its
/// year is one ([`hijri::NUMERIC_YEARS`]) or a Hijri mark follows (`1436/10/05هـ`); the
/// day-first `D/M/YYYY` of Hijri dates (`5/10/1436`); and a Gregorian `D/M/YYYY` or
/// `M/D/YYYY` whose order its numbers tell (`21/07/2015`, `07/21/2015`). When both are 12 or
/// less it stays unread: `07/08/2015` is July on one site and August on another.
fn numeric(t: &str) -> Option<i64> {
    let mut parts = [0i64; 3];
    let mut lens = [0usize; 3];
    let mut rest = t;
    let mut sep = None;
    for i in 0..3 {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return None;
        }
        parts[i] = rest[..digits].parse().ok()?;
        lens[i] = digits;
        rest = &rest[digits..];
        if i < 2 {
            let s = *rest.as_bytes().first()?;
            if !matches!(s, b'-' | b'/') || sep.is_some_and(|p| p != s) {
                return None;
            }
            sep = Some(s);
            rest = &rest[1..];
        }
    }
    let mark = rest
        .split_whitespace()
        .next()
        .and_then(|w| mark(w).ok())
        .flatten();
    let (y, m, d) = match lens {
        [4, _, _] => (parts[0], parts[1], parts[2]),
        [_, _, 4] => (parts[2], parts[1], parts[0]),
        _ => return None,
    };
    let hijri = match mark {
        Some(Calendar::Hijri) => true,
        Some(Calendar::Gregorian) => false,
        None => hijri::NUMERIC_YEARS.contains(&y),
    };
    if hijri && lens[1] <= 2 && lens[0].min(lens[2]) <= 2 {
        hijri::day_number(y, m, d)
    } else if !hijri && lens == [4, 2, 2] {
        gregorian_day(y, m, d)
    } else if !hijri && lens[0] <= 2 && lens[1] <= 2 && lens[2] == 4 {
        // Only a number above 12 tells the day from the month.
        match (parts[0] > 12, parts[1] > 12) {
            (true, false) => gregorian_day(y, parts[1], parts[0]),
            (false, true) => gregorian_day(y, parts[0], parts[1]),
            _ => None,
        }
    } else {
        None
    }
}

/// The calendar a date is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Calendar {
    Gregorian,
    Hijri,
}

/// The calendar mark `s` is, after a year: `هـ` (or `ه`, `ة` once folded) for Hijri, `م` for
/// Gregorian, with or without a tatweel or a full stop; `Ok(None)` for nothing, `Err` for
/// anything else.
fn mark(s: &str) -> Result<Option<Calendar>, ()> {
    match s.trim_end_matches(['.', 'ـ']) {
        "" => Ok(None),
        "ه" | "ة" => Ok(Some(Calendar::Hijri)),
        "م" => Ok(Some(Calendar::Gregorian)),
        _ => Err(()),
    }
}

/// `[Weekday[,]] D Month YYYY` at the start, as RSS `pubDate` writes it and Arabic sites show
/// dates: English month names or their first three letters (any case); Arabic month names,
/// Egyptian and Gulf (`يوليو`, `أغسطس`), Levantine (`تموز`, `كانون الثاني`) or Hijri (`شوال`,
/// `ذو القعدة`); a calendar mark may follow the year (`2015م`, `1436هـ`).
fn named_month(t: &str) -> Option<i64> {
    let folded: String = t
        .chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ه' => 'ة',
            _ => c,
        })
        .collect();
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،'))
        .filter(|w| !w.is_empty())
        .collect();
    // A leading weekday ("Tue", "الثلاثاء") is passed over.
    let skip = usize::from(words.first()?.parse::<i64>().is_err());
    day_month_year(words.get(skip..)?)
        .or_else(|| month_day_year(&words))
        .or_else(|| month_day_year(words.get(1..)?))
}

/// `D Month YYYY` at the start of `words`, in the calendar the month is of.
fn day_month_year(words: &[&str]) -> Option<i64> {
    let d: i64 = words.first()?.parse().ok()?;
    let (m, len, calendar) = month(words.get(1)?, words.get(2).copied())?;
    let word = words.get(1 + len)?;
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let y = year(&word[..digits])?;
    match (calendar, mark(&word[digits..]).ok()?) {
        (Calendar::Gregorian, Some(Calendar::Hijri))
        | (Calendar::Hijri, Some(Calendar::Gregorian)) => None,
        (Calendar::Gregorian, _) => gregorian_day(y, m, d),
        (Calendar::Hijri, _) => hijri::day_number(y, m, d),
    }
}

/// `Month D[st|nd|rd|th] YYYY` at the start of `words`, as American papers and English CMS
/// exports write dates (`July 21, 2015`, `Jul 21st 2015 2:51 PM`): English month names only,
/// as Arabic dates put the day first.
fn month_day_year(words: &[&str]) -> Option<i64> {
    let name = words.first()?;
    if !name.is_ascii() {
        return None;
    }
    let (m, _, _) = month(name, None)?;
    let day = words.get(1)?;
    let digits = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &day[digits.len()..];
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    let d: i64 = digits.parse().ok()?;
    gregorian_day(year(words.get(2)?)?, m, d)
}

/// A four-digit year.
fn year(word: &str) -> Option<i64> {
    let y: i64 = word.parse().ok()?;
    (1000..=9999).contains(&y).then_some(y)
}

/// The month `word` (with `next`, for two-word Levantine and Hijri names) names, how many
/// words the name took, and its calendar.
fn month(word: &str, next: Option<&str>) -> Option<(i64, usize, Calendar)> {
    if let Some((m, len)) = hijri::month(word, next) {
        return Some((m, len, Calendar::Hijri));
    }
    gregorian_month(word, next).map(|(m, len)| (m, len, Calendar::Gregorian))
}

/// The Gregorian month `word` (with `next`, for two-word Levantine names) names, and how many
/// words the name took.
fn gregorian_month(word: &str, next: Option<&str>) -> Option<(i64, usize)> {
    const ENGLISH: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // Alef forms folded to bare alef and final heh to ta marbuta, as `named_month` folds.
    const ARABIC: &[(&str, i64)] = &[
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("ابريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونية", 6),
        ("يوليو", 7),
        ("يولية", 7),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("شباط", 2),
        ("اذار", 3),
        ("نيسان", 4),
        ("ايار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("اب", 8),
        ("ايلول", 9),
    ];
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() >= 3 && lower.is_ascii() {
        let m = ENGLISH.iter().position(|&name| lower.starts_with(name))?;
        return Some((m as i64 + 1, 1));
    }
    if let Some(&(_, m)) = ARABIC.iter().find(|(name, _)| *name == word) {
        return Some((m, 1));
    }
    let second = match next? {
        "الثاني" | "الثانى" => 1,
        "الاول" => 0,
        _ => return None,
    };
    match word {
        "كانون" => Some((if second == 1 { 1 } else { 12 }, 2)),
        "تشرين" => Some((if second == 1 { 11 } else { 10 }, 2)),
        _ => None,
    }
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

    #[test]
    fn rss_and_slashed_dates_give_the_same_day_as_iso() {
        let day = day_number("2015-07-21");
        for written in [
            "Tue, 21 Jul 2015 02:51:32 +0300",
            "21 Jul 2015",
            "21 July 2015 10:00 GMT",
            "tue, 21 jul. 2015",
            "2015/07/21 02:51",
            "2015-07-21T02:51:32Z",
            "الثلاثاء 21 يوليو 2015",
            "الثلاثاء، ٢١ يوليه ٢٠١٥ - ٠٢:٥١ م",
            "21 تموز 2015",
            "July 21, 2015",
            "Jul 21 2015 2:51 PM",
            "Tuesday, July 21st, 2015",
            "Tue, Jul. 21, 2015",
        ] {
            assert_eq!(day_number(written), day, "{written}");
        }
        let levant = [
            ("5 كانون الثاني 2016", "2016-01-05"),
            ("5 كانون الأول 2016", "2016-12-05"),
            ("5 تشرين الأول 2016", "2016-10-05"),
            ("5 تشرين الثاني 2016", "2016-11-05"),
            ("5 آب 2016", "2016-08-05"),
            ("5 إبريل 2016", "2016-04-05"),
            ("5 أغسطس 2016", "2016-08-05"),
        ];
        for (written, iso) in levant {
            assert_eq!(day_number(written), day_number(iso), "{written}");
        }
        for junk in [
            "21 Juliet",
            "Tue, 32 Jul 2015",
            "21 Jul 15",
            "2015/07-21",
            "Jul 21x, 2015",
            "يوليو 21، 2015",
        ] {
            assert_eq!(day_number(junk), None, "{junk}");
        }
    }

    #[test]
    fn hijri_dates_give_their_gregorian_day() {
        // 5 Shawwal 1436 was Tuesday 21 July 2015 (Umm al-Qura).
        let day = day_number("2015-07-21");
        for written in [
            "الثلاثاء 5 شوال 1436هـ",
            "الثلاثاء، ٥ شوال ١٤٣٦ هـ - ٠٢:٥١ م",
            "5 شوال 1436ه",
            "5 شوال 1436",
            "1436/10/05",
            "1436-10-05",
            "١٤٣٦/١٠/٠٥",
            "05/10/1436هـ",
            "5/10/1436",
            "الثلاثاء 5 شوال 1436هـ الموافق 21 يوليو 2015م",
        ] {
            assert_eq!(day_number(written), day, "{written}");
        }
        for (written, (y, m, d)) in [
            ("1 محرم 1437هـ", (1437, 1, 1)),
            ("12 ربيع الأول 1437", (1437, 3, 12)),
            ("12 ربيع الآخر 1437", (1437, 4, 12)),
            ("10 ذو الحجة 1436هـ", (1436, 12, 10)),
            ("10 ذي الحجه 1436 هـ", (1436, 12, 10)),
            ("1 جمادى الآخرة 1436", (1436, 6, 1)),
        ] {
            assert!(hijri::day_number(y, m, d).is_some());
            assert_eq!(day_number(written), hijri::day_number(y, m, d), "{written}");
        }
        for junk in [
            "5 شوال 1436م",
            "21 يوليو 1436هـ",
            "5 شوال 1436x",
            "31 شوال 1436",
            "1436/13/05",
        ] {
            assert_eq!(day_number(junk), None, "{junk}");
        }
    }

    #[test]
    fn a_gregorian_mark_after_the_year_is_read_and_numbers_only_in_the_order_they_tell() {
        let day = day_number("2015-07-21");
        assert_eq!(day_number("21 يوليو 2015م"), day);
        assert_eq!(day_number("الثلاثاء 21 يوليو 2015 م"), day);
        assert_eq!(day_number("2015/07/21م"), day);
        assert_eq!(day_number("21/07/2015"), day);
        assert_eq!(day_number("21/7/2015 10:30"), day);
        assert_eq!(day_number("07/21/2015"), day);
        assert_eq!(day_number("٢١/٠٧/٢٠١٥"), day);
        // 07/08/2015 is July on one site and August on another.
        assert_eq!(day_number("07/08/2015"), None);
        assert_eq!(day_number("21/13/2015"), None);
        assert_eq!(day_number("31/31/2015"), None);
    }

    #[test]
    fn iso_day_writes_back_the_day_number_it_came_from() {
        for date in [
            "1970-01-01",
            "2000-02-29",
            "2015-07-21",
            "2015-12-31",
            "2016-03-01",
        ] {
            assert_eq!(iso_day(day_number(date).unwrap()), date);
        }
        assert_eq!(
            iso_day(day_number("Tue, 21 Jul 2015 02:51:32 +0300").unwrap()),
            "2015-07-21"
        );
    }

    #[test]
    fn unix_times_in_seconds_or_milliseconds_become_iso_utc() {
        assert_eq!(
            from_unix_time("1437447092").as_deref(),
            Some("2015-07-21T02:51:32Z")
        );
        assert_eq!(
            from_unix_time("1437447092123").as_deref(),
            Some("2015-07-21T02:51:32Z")
        );
        assert_eq!(
            from_unix_time("1437447092.9").as_deref(),
            Some("2015-07-21T02:51:32Z")
        );
        assert_eq!(from_unix_time("0").as_deref(), Some("1970-01-01T00:00:00Z"));
        for bad in ["-5", "1e30", "NaN", "x"] {
            assert_eq!(from_unix_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_keys_order_by_day_then_time_of_day() {
        let key = |d: &str| date_key(d).unwrap();
        assert!(key("Tue, 21 Jul 2015 23:10:00 +0300") < key("2015-07-22 01:00"));
        assert!(key("2015-07-21 09:05") < key("2015-07-21T10:00:00Z"));
        assert_eq!(key("2015-07-21"), (day_number("2015-07-21").unwrap(), 0));
        assert_eq!(key("21 Jul 2015 02:51:32").1, 2 * 3600 + 51 * 60 + 32);
        assert_eq!(key("July 21, 2015 2:51 PM").1, 14 * 3600 + 51 * 60);
        assert_eq!(key("July 21, 2015 12:05 am").1, 5 * 60);
        assert_eq!(key("July 21, 2015 12:05 PM").1, 12 * 3600 + 5 * 60);
        assert!(key("July 21, 2015 11:00 AM") < key("July 21, 2015 1:00 PM"));
        assert_eq!(
            key("الثلاثاء، ٢١ يوليه ٢٠١٥ - ٠٢:٥١ م").1,
            14 * 3600 + 51 * 60
        );
        assert_eq!(key("21 يوليو 2015 09:30 صباحاً").1, 9 * 3600 + 30 * 60);
        assert_eq!(key("21 July 2015 02:51 Mecca").1, 2 * 3600 + 51 * 60);
        assert_eq!(key("July 21, 2015, 2:51 p.m.").1, 14 * 3600 + 51 * 60);
        assert_eq!(key("21 يوليو 2015 08:15 مساءً").1, 20 * 3600 + 15 * 60);
        assert_eq!(key("21 July 2015 02:51 a meeting").1, 2 * 3600 + 51 * 60);
        assert_eq!(date_key("soon"), None);
    }
}
