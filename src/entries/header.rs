//! The run-wide facts the digest opens with: articles per source and the span of dates.

use std::collections::BTreeMap;

use crate::corpus::date_key;
use crate::digest::{DigestHeader, Tally};

/// Sources and dates counted over documents; the facts of parts of a run merge into those of
/// the whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, bincode::Encode, bincode::Decode)]
pub struct HeaderFacts {
    /// Documents per source.
    pub sources: BTreeMap<String, u64>,
    /// Earliest and latest readable date, as written, in time order ([`date_key`]): RSS
    /// dates ("Tue, 21 Jul 2015 ...") do not sort as strings, and a date that cannot be read
    /// ("yesterday") is not a bound.
    pub span: Option<(String, String)>,
}

impl HeaderFacts {
    /// Counts one document.
    pub fn add(&mut self, source: Option<&str>, date: Option<&str>) {
        if let Some(s) = source {
            match self.sources.get_mut(s) {
                Some(n) => *n += 1,
                None => {
                    self.sources.insert(s.to_string(), 1);
                }
            }
        }
        if let Some(date) = date.filter(|d| date_key(d).is_some()) {
            self.widen(date, date);
        }
    }

    /// Adds another part's facts to these.
    pub fn merge(&mut self, other: HeaderFacts) {
        for (s, n) in other.sources {
            *self.sources.entry(s).or_insert(0) += n;
        }
        if let Some((lo, hi)) = other.span {
            self.widen(&lo, &hi);
        }
    }

    fn widen(&mut self, lo: &str, hi: &str) {
        self.span = Some(match self.span.take() {
            None => (lo.to_string(), hi.to_string()),
            // Equal times written two ways are ordered as strings, so the bound never depends
            // on which document came first.
            Some((a, b)) => (
                if (date_key(lo), lo) < (date_key(&a), a.as_str()) {
                    lo.to_string()
                } else {
                    a
                },
                if (date_key(hi), hi) > (date_key(&b), b.as_str()) {
                    hi.to_string()
                } else {
                    b
                },
            ),
        });
    }

    /// The digest's header: these facts, the manifest's counts, clusters and stories.
    pub fn header(&self, tally: Tally, clusters: usize, stories: usize) -> DigestHeader {
        let mut sources: Vec<(String, usize)> = self
            .sources
            .iter()
            .map(|(s, &n)| (s.clone(), n as usize))
            .collect();
        sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        DigestHeader {
            tally,
            clusters,
            stories,
            sources,
            span: self.span.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_parts_merge_into_the_facts_of_the_whole() {
        let docs = [
            (Some("okaz"), Some("2015-07-22")),
            (None, Some("2015-07-20")),
            (Some("spa"), None),
            (Some("okaz"), Some("2015-07-25 10:00")),
            (Some("spa"), Some("2015-07-21")),
        ];
        let mut whole = HeaderFacts::default();
        docs.iter().for_each(|&(s, d)| whole.add(s, d));
        for cut in 0..=docs.len() {
            let (mut a, mut b) = (HeaderFacts::default(), HeaderFacts::default());
            docs[..cut].iter().for_each(|&(s, d)| a.add(s, d));
            docs[cut..].iter().for_each(|&(s, d)| b.add(s, d));
            b.merge(a);
            assert_eq!(b, whole, "cut at {cut}");
        }
        let h = whole.header(Tally::default(), 0, 0);
        assert_eq!(h.sources, [("okaz".to_string(), 2), ("spa".to_string(), 2)]);
        assert_eq!(
            h.span,
            Some(("2015-07-20".to_string(), "2015-07-25 10:00".to_string()))
        );
    }

    #[test]
    fn the_date_span_follows_time_not_spelling_and_skips_unreadable_dates() {
        let mut facts = HeaderFacts::default();
        for date in [
            "Tue, 21 Jul 2015 23:10:00 +0300",
            "yesterday",
            "2015-07-22 01:00",
            "Mon, 20 Jul 2015 08:00:00 +0300",
            "Wed, 22 Jul 2015 00:30:00 +0300",
        ] {
            facts.add(None, Some(date));
        }
        assert_eq!(
            facts.span,
            Some((
                "Mon, 20 Jul 2015 08:00:00 +0300".to_string(),
                "2015-07-22 01:00".to_string()
            ))
        );
    }
}
