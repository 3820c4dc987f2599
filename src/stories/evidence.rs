//! Scoring a candidate pair: does the evidence say one event, or only one topic?

use super::profile::Profile;
use crate::dedup::verify::intersection;
use crate::tfidf::cosine;

/// What two articles share.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// Cosine of their TF-IDF vectors (title weighted up).
    pub cosine: f64,
    /// Cosine of their titles (0 when either has none).
    pub title: f64,
    /// Cosine of their leads (title and opening).
    pub lead: f64,
    /// Salient terms in common.
    pub salient: usize,
    /// Specific numbers in common.
    pub numbers: usize,
    /// Days apart (0 when their spans share a day), when both are dated.
    pub days: Option<i64>,
    /// Whether both come from one outlet (both named, the same name).
    pub same_source: bool,
}

/// Compares two profiles.
pub fn evidence(a: &Profile, b: &Profile) -> Evidence {
    Evidence {
        cosine: cosine(&a.vector, &b.vector),
        title: if a.title.is_empty() || b.title.is_empty() {
            0.0
        } else {
            cosine(&a.title, &b.title)
        },
        lead: cosine(&a.lead, &b.lead),
        salient: intersection(&a.salient, &b.salient),
        numbers: intersection(&a.numbers, &b.numbers),
        days: a.days.zip(b.days).map(|(x, y)| x.apart(y)),
        same_source: a.source.is_some() && a.source == b.source,
    }
}

/// How evidence is weighed into one score, and what score makes one story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryWeights {
    /// Weight of the lead cosine (the whole-text cosine weighs the rest).
    pub lead: f64,
    /// Added per shared specific number (capped at three).
    pub numbers: f64,
    /// Candidate pairs are at most this many days apart.
    pub window_days: i64,
    /// A pair's score is multiplied by this once per day between its articles' dates.
    pub day_decay: f64,
    /// A pair at or above this score is one event.
    pub threshold: f64,
    /// Two groups merge when their mean cross score reaches this.
    pub average: f64,
}

/// Chosen on `../shared/eval/story-dev` (the development half): the lead carries most of the
/// event, the whole text the rest; numbers add a small fingerprint bonus.
impl Default for StoryWeights {
    fn default() -> Self {
        StoryWeights {
            lead: 0.7,
            numbers: 0.02,
            window_days: 2,
            day_decay: 0.5,
            threshold: 0.29,
            average: 0.26,
        }
    }
}

impl StoryWeights {
    /// The pair's score: text similarity plus event fingerprints, halved per day apart,
    /// nothing for one outlet's articles of different days.
    pub fn score(&self, e: &Evidence) -> f64 {
        let s = (1.0 - self.lead) * e.cosine
            + self.lead * e.lead
            + self.numbers * e.numbers.min(3) as f64;
        // An outlet reports an event once: two of its articles on different days are a
        // recurring report (the day's weather, the market's close) or a follow-up. Scored
        // nothing rather than barred, so a day-after piece the rest of a story ties in still
        // joins it (barring such pairs lost a quarter of story-dev's recall).
        if e.same_source && e.days.is_some_and(|d| d > 0) {
            return 0.0;
        }
        // An event is reported on its day. The next day's pieces that read alike are its
        // follow-ups (the joint statement after the arrival: story-dev labels those "related",
        // not "the same event") or the next instance of a recurring report, which other
        // outlets' copies chained into eleven-day weather and market stories. Only text that
        // is nearly the same joins across a day; across three, practically nothing does.
        let days = e.days.unwrap_or(0).clamp(0, 64) as i32;
        s * self.day_decay.powi(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(days: Option<i64>, same_source: bool) -> Evidence {
        Evidence {
            cosine: 0.8,
            lead: 0.8,
            days,
            same_source,
            ..Evidence::default()
        }
    }

    #[test]
    fn one_outlets_articles_of_different_days_are_not_one_event() {
        let w = StoryWeights::default();
        // The same weather report wording, one outlet, two days: a recurring report.
        assert_eq!(w.score(&strong(Some(1), true)), 0.0);
        // The same day at one outlet, or two outlets a day apart: the text decides.
        assert!(w.score(&strong(Some(0), true)) >= w.threshold);
        assert!(w.score(&strong(Some(1), false)) >= w.threshold);
        // Undated, nothing tells the days apart.
        assert!(w.score(&strong(None, true)) >= w.threshold);
    }

    #[test]
    fn each_day_apart_halves_the_score_so_only_near_identical_text_joins_across_days() {
        let w = StoryWeights::default();
        let same_day = w.score(&strong(Some(0), false));
        assert!((w.score(&strong(Some(1), false)) - same_day / 2.0).abs() < 1e-12);
        assert!((w.score(&strong(None, false)) - same_day).abs() < 1e-12);
        // Two outlets' weather reports three days apart, worded nearly alike: not one event.
        let alike = Evidence {
            cosine: 0.95,
            lead: 0.95,
            days: Some(3),
            ..Evidence::default()
        };
        assert!(w.score(&alike) < w.threshold);
    }

    #[test]
    fn profiles_of_one_named_outlet_share_their_source() {
        let a = Profile {
            source: Some(1),
            ..Profile::default()
        };
        let b = Profile {
            source: Some(1),
            ..Profile::default()
        };
        let unnamed = Profile::default();
        assert!(evidence(&a, &b).same_source);
        assert!(!evidence(&unnamed, &unnamed).same_source);
    }
}
