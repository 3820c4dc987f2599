//! What an article says about its event: salient terms (TF-IDF, title weighted up), the
//! numbers it quotes, its day and its outlet.

use ahash::AHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::corpus::day_number;
use crate::text::prose::prose;
use crate::text::{Language, TermKeys, normalize};
use crate::tfidf::{Idf, SparseVector};

/// A title term counts this many times a body term does: headlines name the event.
pub const TITLE_WEIGHT: f64 = 3.0;
/// Salient terms kept per article.
pub const SALIENT_TERMS: usize = 24;
/// Body terms that make an article's lead: news states its event first, while follow-ups and
/// reactions share the topic but open differently.
pub const LEAD_TERMS: usize = 100;

/// One article (or copy cluster, through its representative) as the story tier sees it.
#[derive(Debug, Clone, Copy)]
pub struct StoryInput<'a> {
    /// The body.
    pub text: &'a str,
    /// The headline, if any.
    pub title: Option<&'a str>,
    /// The days its articles are dated (a copy cluster's copies may come days apart).
    pub days: Option<Days>,
    /// The outlet, if known.
    pub source: Option<&'a str>,
    /// The analysis language.
    pub lang: Language,
}

/// The days a unit's articles are dated, first and last (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, bincode::Encode, bincode::Decode)]
pub struct Days {
    /// The first.
    pub first: i64,
    /// The last.
    pub last: i64,
}

impl Days {
    /// The span of one day.
    pub fn of(day: i64) -> Days {
        Days {
            first: day,
            last: day,
        }
    }

    /// The span covering both.
    pub fn union(self, other: Days) -> Days {
        Days {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }

    /// Days between the two spans, 0 when they share a day: a copy cluster whose first copy
    /// came two days ago and whose last came today is today's news too.
    pub fn apart(self, other: Days) -> i64 {
        (other.first - self.last)
            .max(self.first - other.last)
            .max(0)
    }
}

/// The span of the readable dates among `dates` (as written, `YYYY-MM-DD...`).
pub fn days_of<'a>(dates: impl IntoIterator<Item = Option<&'a str>>) -> Option<Days> {
    dates
        .into_iter()
        .filter_map(|d| d.and_then(day_number))
        .map(Days::of)
        .reduce(Days::union)
}

/// An article's event fingerprint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// The days its articles are dated, when readable.
    pub days: Option<Days>,
    /// Hash of the outlet, when known.
    pub source: Option<u64>,
    /// Unit TF-IDF vector of body and title (title terms weighted up).
    pub vector: SparseVector,
    /// Unit TF-IDF vector of the title alone.
    pub title: SparseVector,
    /// Unit TF-IDF vector of the title and the first [`LEAD_TERMS`] body terms.
    pub lead: SparseVector,
    /// The highest-weighted terms of `vector`, sorted by key.
    pub salient: Vec<u64>,
    /// Distinct specific numbers quoted (see [`numbers`]), hashed, sorted.
    pub numbers: Vec<u64>,
}

/// The specific numbers a text quotes, as written after digit folding: digit runs (Arabic-Indic
/// digits folded, thousands separators dropped) of value at least 32 that are not years
/// 1900–2100 — a toll, a price, an index level. Day-of-month numbers and years are shared by
/// any two articles of one day, so they are left out. Sorted, distinct.
pub fn number_tokens(text: &str) -> Vec<String> {
    let mut norm = String::new();
    normalize::arabic(text, &mut norm);
    let mut out = Vec::new();
    let bytes = norm.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b'.' | b',')
                    && i + 1 < bytes.len()
                    && bytes[i + 1].is_ascii_digit()))
        {
            i += 1;
        }
        let token: String = norm[start..i].chars().filter(|c| *c != ',').collect();
        let value: f64 = token.parse().unwrap_or(0.0);
        let year = token.len() == 4 && (1900.0..=2100.0).contains(&value);
        if value >= 32.0 && !year {
            out.push(token);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The specific numbers an article quotes (see [`number_tokens`]) in the prose of its text and
/// title (see [`prose`]: a style sheet's pixel sizes are no evidence), sorted, distinct.
pub fn article_number_tokens(text: &str, title: Option<&str>) -> Vec<String> {
    number_tokens_of_prose(&prose(text), title.map(prose).as_deref())
}

/// [`article_number_tokens`] of a text and title already reduced to their prose.
fn number_tokens_of_prose(text: &str, title: Option<&str>) -> Vec<String> {
    let mut out = number_tokens(text);
    if let Some(t) = title {
        out.extend(number_tokens(t));
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// [`number_tokens`], hashed for fast comparison, sorted.
pub fn numbers(text: &str) -> Vec<u64> {
    hashed(number_tokens(text))
}

/// Number tokens hashed, sorted.
fn hashed(tokens: Vec<String>) -> Vec<u64> {
    let mut out: Vec<u64> = tokens.iter().map(|t| xxh3_64(t.as_bytes())).collect();
    out.sort_unstable();
    out
}

/// An article's terms, analysed once: the tier learns its IDF and builds profiles from these.
#[derive(Debug, Clone, Default, PartialEq, bincode::Encode, bincode::Decode)]
pub struct UnitTerms {
    /// Body term keys, in order.
    pub body: Vec<u64>,
    /// Title term keys, in order.
    pub title: Vec<u64>,
    /// Specific numbers quoted in body and title (hashed, sorted, distinct).
    pub numbers: Vec<u64>,
    /// The days its articles are dated, when readable.
    pub days: Option<Days>,
    /// Hash of the outlet, when known.
    pub source: Option<u64>,
}

impl UnitTerms {
    /// Distinct term keys of body and title, for document frequencies.
    pub fn distinct(&self) -> Vec<u64> {
        let mut all: Vec<u64> = self.body.iter().chain(&self.title).copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// Analyses an article for the story tier: the analyzer's term keys of its text and title,
/// through a worker's memo (`terms`), and its numbers.
///
/// Addresses, style sheets and scripts in the text are left out (see [`prose`]): several
/// articles of one site share an image folder's address or a poll's style sheet, and their
/// pieces (`files`, `styles`, `padding`, `webkit`, sizes in pixels) made stories of unrelated
/// articles.
pub fn analyze(input: &StoryInput, terms: &mut TermKeys) -> UnitTerms {
    // Each text is reduced to its prose once, for its terms and its numbers.
    let text = prose(input.text);
    let title_prose = input.title.map(prose);
    let mut body = Vec::new();
    terms.for_each(&text, input.lang, |k| body.push(k));
    let mut title = Vec::new();
    if let Some(t) = &title_prose {
        terms.for_each(t, input.lang, |k| title.push(k));
    }
    UnitTerms {
        body,
        title,
        numbers: hashed(number_tokens_of_prose(&text, title_prose.as_deref())),
        days: input.days,
        source: input.source.map(|s| xxh3_64(s.trim().as_bytes())),
    }
}

/// Builds an article's profile from its terms.
pub fn profile(terms: &UnitTerms, idf: &Idf) -> Profile {
    let mut tf: AHashMap<u64, f64> = AHashMap::new();
    for &k in &terms.body {
        *tf.entry(k).or_insert(0.0) += 1.0;
    }
    for &k in &terms.title {
        *tf.entry(k).or_insert(0.0) += TITLE_WEIGHT;
    }
    let mut weights: Vec<(u64, f64)> = tf
        .into_iter()
        .map(|(k, n)| (k, (1.0 + n.ln()) * idf.idf(k)))
        .collect();
    weights.sort_unstable_by_key(|&(k, _)| k);
    let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        weights.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    let mut ranked = weights.clone();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // A term no other unit has cannot be shared evidence: salient terms are drawn from the
    // rest, or a set of typos and one-off words would crowd out the names two outlets share.
    let mut salient: Vec<u64> = ranked
        .iter()
        .filter(|&&(k, _)| idf.df(k) >= 2)
        .take(SALIENT_TERMS)
        .map(|&(k, _)| k)
        .collect();
    salient.sort_unstable();
    let lead: Vec<u64> = terms
        .title
        .iter()
        .chain(&terms.title)
        .chain(terms.body.iter().take(LEAD_TERMS))
        .copied()
        .collect();
    Profile {
        days: terms.days,
        source: terms.source,
        vector: SparseVector(weights),
        title: SparseVector::from_keys(terms.title.clone(), idf),
        lead: SparseVector::from_keys(lead, idf),
        salient,
        numbers: terms.numbers.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_units_days_span_all_its_dated_members_and_spans_that_meet_are_no_days_apart() {
        let span = days_of([
            Some("2015-08-04 18:20"),
            None,
            Some("2015-08-06"),
            Some("junk"),
        ]);
        let (d4, d6) = (day_number("2015-08-04"), day_number("2015-08-06"));
        assert_eq!(span.map(|s| (s.first, s.last)), d4.zip(d6));
        let span = span.unwrap();
        let day = |d: &str| Days::of(day_number(d).unwrap());
        assert_eq!(span.apart(day("2015-08-06")), 0);
        assert_eq!(day("2015-08-08").apart(span), 2);
        assert_eq!(day("2015-08-01").apart(span), 3);
        assert_eq!(days_of([None, Some("undated")]), None);
    }

    #[test]
    fn addresses_and_style_sheets_in_the_text_give_no_terms_and_no_numbers() {
        let analyzer = crate::text::Analyzer::new(crate::text::AnalyzerKind::Auto);
        let mut terms = TermKeys::new(&analyzer);
        let unit = |text: &str, terms: &mut TermKeys| {
            analyze(
                &StoryInput {
                    text,
                    title: Some("الأخضر يستعد لفلسطين"),
                    days: None,
                    source: Some("arriyadiyah"),
                    lang: Language::Arabic,
                },
                terms,
            )
        };
        let clean = unit("أجرى المنتخب حصة تدريبية على ملعب نادي الشباب.", &mut terms);
        let crawled = unit(
            "http://www.arriyadiyah.com/sites/default/files/styles/114x72/public/a.jpg أجرى \
             المنتخب حصة تدريبية على ملعب نادي الشباب. #vote_area2 ul { padding: 0; width:260px; }",
            &mut terms,
        );
        assert_eq!(crawled.body, clean.body);
        assert_eq!(crawled.numbers, clean.numbers);
    }

    #[test]
    fn specific_numbers_are_kept_and_days_and_years_are_not() {
        let a = numbers("قتل ٤٠ شخصا يوم 21 يوليو 2015 وبلغ المؤشر 9,120.5 نقطة");
        let b = numbers("40 killed; index at 9120.5");
        assert_eq!(a.len(), 2);
        assert_eq!(a, b);
    }
}
