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
    /// Days apart, when both are dated.
    pub days: Option<i64>,
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
        days: a.day.zip(b.day).map(|(x, y)| (x - y).abs()),
    }
}

/// How evidence is weighed into one score, and what score makes one story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryWeights {
    /// Weight of the lead cosine (the whole-text cosine weighs the rest).
    pub lead: f64,
    /// Added per shared specific number (capped at three).
    pub numbers: f64,
    /// Articles further apart than this many days are one story only on overwhelming text
    /// evidence (their score is halved).
    pub window_days: i64,
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
            threshold: 0.29,
            average: 0.26,
        }
    }
}

impl StoryWeights {
    /// The pair's score: text similarity plus event fingerprints, discounted outside the
    /// time window.
    pub fn score(&self, e: &Evidence) -> f64 {
        let s = (1.0 - self.lead) * e.cosine
            + self.lead * e.lead
            + self.numbers * e.numbers.min(3) as f64;
        match e.days {
            Some(d) if d > self.window_days => s * 0.5,
            _ => s,
        }
    }
}
