//! List items: a line opening with a bullet or an enumerator ("• …", "1- …", "٢) …") is an
//! item of a list the site set, not the run-on of the line before it.

/// Symbols that only ever mark a list item, whatever follows them.
pub const BULLETS: [char; 10] = ['•', '●', '·', '▪', '■', '◆', '►', '◦', '○', '‣'];

/// Whether `line` opens with a bullet, or with an enumerator — one to three digits (ASCII or
/// Arabic-Indic), perhaps a space, and a dash, full stop or closing bracket, then white space
/// and no digit — after any white space. Four digits are a year ("2015- …"), and a digit
/// after the dash makes a score or a range ("3 - 1 للهلال"), not an item.
pub fn opens_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(BULLETS) {
        return true;
    }
    let rest = line.trim_start_matches(is_digit);
    let digits = line[..line.len() - rest.len()].chars().count();
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    (1..=3).contains(&digits)
        && rest
            .strip_prefix(['-', '–', '.', ')'])
            .is_some_and(|after| {
                after.starts_with(char::is_whitespace) && !after.trim_start().starts_with(is_digit)
            })
}

/// An ASCII or Arabic-Indic digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('٠'..='٩').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_and_numbered_items_open_list_items_and_years_do_not() {
        for item in [
            " 1- إسمعني / كلمات: سعود",
            "12. Second point",
            "٢) البند الثاني",
            "• جنون العظمة",
            "3– ثالثا",
            "4 - لعبة «ذا غيم أوف لايف»",
        ] {
            assert!(opens_list_item(item), "{item}");
        }
        for text in [
            "2015- عام الحزم",
            "1-0 للهلال",
            "3 – 1 للهلال",
            "3 - 1 للهلال",
            "10. 5 ملايين",
            "3.5 مليار ريال",
            "- رحمه الله -",
            "الفقرة 1- الأولى",
            "",
        ] {
            assert!(!opens_list_item(text), "{text}");
        }
    }
}
