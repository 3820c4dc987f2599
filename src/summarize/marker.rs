//! List markers: the bullet, dash or asterisks a sentence opens with when the site set its
//! paragraphs as a list ("• جنون العظمة …", "- مراقبة المهام …", "*** (منطقة الجوف) …"), and
//! the control and direction characters a crawl leaves before them. They mark a layout, not
//! words of the sentence: 647 of the SaudiNewsNet digest's summary lines opened with them (a
//! bullet, dash or asterisk shown as "- \- …" in a Markdown bullet, two SUB control
//! characters, direction marks).

use crate::text::list_items::BULLETS;

/// Characters that mark a list item when white space follows the run of them, or when glued
/// to the sentence's first word with no second one closing an aside or an emphasis soon
/// after ("-المرحلة الأولى: …", "*ماهي المخاطر …"; but "-حفظهم الله-، ومن …", "*مهم* …").
const DASH_MARKERS: [char; 6] = ['-', '–', '—', '*', '_', '+'];

/// A glued dash or asterisk closed again within this many words opened an aside or an
/// emphasis: it is text.
const ASIDE_WORDS: usize = 6;

/// The byte length of the list markers, control characters and invisible format characters
/// `sentence` opens with, and the white space after them; 0 when it opens with text, and
/// when nothing with a letter would be left.
pub fn marker_len(sentence: &str) -> usize {
    let mut rest = sentence;
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace()
                || c.is_control()
                || crate::text::normalize::is_invisible_format(c)
                || BULLETS.contains(&c)
        });
        let after_dashes = rest.trim_start_matches(DASH_MARKERS);
        if after_dashes.len() < rest.len()
            && (after_dashes.starts_with(char::is_whitespace) || opens_unclosed(after_dashes))
        {
            rest = after_dashes;
        }
        if rest.len() == before {
            break;
        }
    }
    if crate::text::tokenize::has_letter(rest) {
        sentence.len() - rest.len()
    } else {
        0
    }
}

/// Whether `text`, what follows a run of dash markers glued to it, opens with a letter and
/// has no dash marker within its first [`ASIDE_WORDS`] words to close an aside or emphasis.
fn opens_unclosed(text: &str) -> bool {
    text.starts_with(crate::text::tokenize::is_letter)
        && !text
            .split_whitespace()
            .take(ASIDE_WORDS)
            .any(|w| w.contains(DASH_MARKERS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(sentence: &str) -> &str {
        &sentence[marker_len(sentence)..]
    }

    #[test]
    fn bullets_dashes_and_asterisks_before_a_sentence_go() {
        let cases = [
            ("• جنون العظمة ليس داء", "جنون العظمة ليس داء"),
            ("•جنون العظمة", "جنون العظمة"),
            ("- مراقبة المهام.", "مراقبة المهام."),
            ("*** (منطقة الجوف) ففي الجوف", "(منطقة الجوف) ففي الجوف"),
            ("* «لا تخش من التحرك»", "«لا تخش من التحرك»"),
            ("– أصل وثيقة التخرج", "أصل وثيقة التخرج"),
            ("\u{1A}\u{1A} الحديث مستمر.", "الحديث مستمر."),
            ("\u{200F} يرعى الأمير", "يرعى الأمير"),
            (
                "\u{202D}\u{202D} \u{202C}\u{202C}ووجدت الدراسة",
                "ووجدت الدراسة",
            ),
            ("- * two markers", "two markers"),
            ("*ماهي المخاطر؟", "ماهي المخاطر؟"),
            (
                "-المرحلة الأولى: تبدأ قبل قدوم الحجاج",
                "المرحلة الأولى: تبدأ قبل قدوم الحجاج",
            ),
            (
                "-الفقر : أن تظل تفكر في عون الناس ولا تعين نفسك -الحقد",
                "الفقر : أن تظل تفكر في عون الناس ولا تعين نفسك -الحقد",
            ),
        ];
        for (sentence, want) in cases {
            assert_eq!(text(sentence), want, "{sentence:?}");
        }
    }

    #[test]
    fn text_that_opens_with_a_dash_or_a_number_stays() {
        for sentence in [
            "-حفظهم الله-، ومن خلال متابعة",
            "*مهم جدا* اقرأ هذا",
            "-، وقيادة المرأة",
            "-1436, وأكد رئيس",
            "1- في ألمانيا، ضرب مجموعة",
            "«التعاونية» تربح",
            "(أمانة الرياض) تعتذر",
            "Plain text.",
            "- 12",
            "",
        ] {
            assert_eq!(marker_len(sentence), 0, "{sentence:?}");
        }
    }
}
