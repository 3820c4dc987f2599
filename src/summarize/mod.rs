//! Extractive summaries: page furniture kept out, TF-IDF sentence scoring against the group's
//! centroid with position and length priors, maximal-marginal-relevance selection, output in
//! source order with provenance.
//!
//! The stage takes plain values (texts, their languages, an [`Idf`] learned over the batch)
//! and returns plain values ([`Chosen`] sentences); it knows nothing of files or clusters.
//! Two ways in, one analysis ([`Analysed`]: layout, word counts, term keys through a term
//! memo): [`Summarizer::summarize_with_keywords`] analyses a group's texts on the spot (the
//! digest, whose IDF and furniture come from its own pass over the batch), and [`prepare`]
//! analyses a batch once — layout, terms, IDF, furniture — for
//! [`Summarizer::summarize_analysed`].

mod analysed;
mod batch;
mod dateline;
mod furniture;
mod keywords;
mod marker;
mod score;
mod select;

pub use crate::tfidf::{Idf, SparseVector, cosine};
pub use analysed::Analysed;
pub use batch::{Prepared, prepare};
pub use furniture::{
    ArticleSentence, Furniture, Layout, LineStats, NormalizedSentence, article_sentences, headline,
};
pub use score::{ScoreWeights, Scored, SentenceTerms, score_sentences};
pub use select::{Budget, select};

use crate::text::{Analyzer, Language, TermKeys};

/// A sentence of fewer words ("إلخ." "ألف مبروك." "وفقا لرويترز." "Why?") says nothing on its
/// own: it is chosen only when its group has no longer one.
pub const MIN_SUMMARY_WORDS: usize = 3;

/// One document of a group to summarise.
#[derive(Debug, Clone, Copy)]
pub struct SummaryDoc<'a> {
    /// The full text.
    pub text: &'a str,
    /// Its language (from the analyzer).
    pub lang: Language,
}

/// A sentence chosen for a summary, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// Position of its document in the group given to the summarizer.
    pub doc: usize,
    /// Index of the sentence among `text::split_sentences` of that document's text.
    pub sentence: usize,
    /// The sentence as written in the source.
    pub text: String,
    /// Its score.
    pub score: f64,
}

/// What summarising needs besides the group: analysis, IDF over the batch, learned furniture.
#[derive(Debug, Clone)]
pub struct Summarizer<'a> {
    /// Turns sentences into terms.
    pub analyzer: &'a Analyzer,
    /// Inverse document frequencies over the batch (and archive).
    pub idf: &'a Idf,
    /// Lines learned to be page furniture.
    pub furniture: &'a Furniture,
    /// Scoring weights.
    pub weights: ScoreWeights,
}

impl Summarizer<'_> {
    /// The summary of a group of documents (one or many) within `budget`, in source order,
    /// and its top `k` keywords, from one analysis of each text through a worker's term memo
    /// (`terms`; give each worker its own).
    pub fn summarize_with_keywords(
        &self,
        group: &[SummaryDoc],
        budget: Budget,
        k: usize,
        terms: &mut TermKeys,
    ) -> (Vec<Chosen>, Vec<String>) {
        let analysed: Vec<Analysed> = group
            .iter()
            .map(|d| Analysed::new(d.text, d.lang, terms))
            .collect();
        let refs: Vec<&Analysed> = analysed.iter().collect();
        let docs = self.article_terms(&refs);
        let keywords = keywords::keywords(group, &docs, terms, self.idf, k);
        let texts: Vec<&str> = group.iter().map(|d| d.text).collect();
        (self.choose(&texts, docs, budget), keywords)
    }

    /// The summary of a group of documents analysed beforehand (see [`prepare`]).
    pub fn summarize_analysed(&self, group: &[&Analysed], budget: Budget) -> Vec<Chosen> {
        let docs = self.article_terms(group);
        let texts: Vec<&str> = group.iter().map(|d| d.text).collect();
        self.choose(&texts, docs, budget)
    }

    /// The article sentences of each analysed document (furniture left out), with their
    /// words and term keys.
    fn article_terms<'a>(&self, group: &[&'a Analysed<'_>]) -> Vec<Vec<SentenceTerms<'a>>> {
        group
            .iter()
            .map(|d| {
                article_sentences(d.text, &d.layout, self.furniture)
                    .into_iter()
                    .map(|a| {
                        let (words, keys) = self.trimmed_terms(d, &a);
                        SentenceTerms {
                            words,
                            keys: keys.into(),
                            sentence: a,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The words and term keys of an article sentence: its sentence's, less those of what
    /// furniture cut off its ends (a widget in front, a link block behind), so a sentence is
    /// scored and compared as it is shown.
    fn trimmed_terms<'a>(&self, d: &'a Analysed<'_>, a: &ArticleSentence) -> (usize, &'a [u64]) {
        let (mut words, mut keys) = (d.words(a.index), d.keys(a.index));
        let full = &d.layout.sentences[a.index];
        if a.range.start > full.start {
            let (n, cut) = self.terms_of(&d.text[full.start..a.range.start], d.lang);
            words = words.saturating_sub(n);
            keys = keys.strip_prefix(cut.as_slice()).unwrap_or(keys);
        }
        if a.range.end < full.end {
            let (n, cut) = self.terms_of(&d.text[a.range.end..full.end], d.lang);
            words = words.saturating_sub(n);
            keys = keys.strip_suffix(cut.as_slice()).unwrap_or(keys);
        }
        (words, keys)
    }

    /// The word count and term keys of a stretch of text, as the layout pass counts and the
    /// analyzer keys it.
    fn terms_of(&self, text: &str, lang: Language) -> (usize, Vec<u64>) {
        let mut keys = Vec::new();
        self.analyzer
            .for_each_term(text, lang, |t| keys.push(crate::tfidf::term_key(t)));
        let mut norm = String::new();
        crate::text::normalize::arabic(text, &mut norm);
        (crate::text::tokenize::words(&norm).count(), keys)
    }

    /// Scores and selects among the analysed article sentences of a group.
    fn choose(&self, texts: &[&str], docs: Vec<Vec<SentenceTerms>>, budget: Budget) -> Vec<Chosen> {
        let mut scored = score_sentences(docs, &self.weights, self.idf);
        if scored.iter().any(|s| s.words >= MIN_SUMMARY_WORDS) {
            scored.retain(|s| s.words >= MIN_SUMMARY_WORDS);
        }
        select(scored, budget, self.weights.mmr_lambda)
            .into_iter()
            .map(|c| Chosen {
                doc: c.doc,
                sentence: c.sentence,
                text: texts[c.doc][c.range].to_string(),
                score: c.score,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::AnalyzerKind;

    fn summarizer<'a>(analyzer: &'a Analyzer, p: &'a Prepared) -> Summarizer<'a> {
        Summarizer {
            analyzer,
            idf: &p.idf,
            furniture: &p.furniture,
            weights: ScoreWeights::default(),
        }
    }

    fn summary(text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let p = prepare(&[text], &analyzer);
        let s = summarizer(&analyzer, &p);
        s.summarize_analysed(&[&p.docs[0]], Budget::Sentences(3))
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    /// The eight keywords of one Arabic article summarised alone.
    fn keywords_of(text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let p = prepare(&[text], &analyzer);
        let s = summarizer(&analyzer, &p);
        let group = [SummaryDoc {
            text,
            lang: Language::Arabic,
        }];
        let mut terms = TermKeys::new(&analyzer);
        s.summarize_with_keywords(&group, Budget::Sentences(1), 8, &mut terms)
            .1
    }

    #[test]
    fn keywords_show_a_word_without_the_conjunction_it_mostly_follows() {
        // "الطلاب والطالبات": the feminine plural nearly always follows "و", and Snowball
        // keeps the و of "والطالبات", so that form is a rare term of its own and ranks high.
        let text = "كرمت الجامعة الطلاب والطالبات المتفوقين في حفل كبير.\n\
                    وشارك الطلاب والطالبات في المعرض العلمي بالجامعة.\n\
                    وقدم الطلاب والطالبات عروضا عن مشاريعهم.";
        let keywords = keywords_of(text);
        assert!(keywords.iter().any(|k| k == "الطالبات"), "{keywords:?}");
        assert!(
            !keywords.iter().any(|k| k.starts_with("وال")),
            "{keywords:?}"
        );
    }

    #[test]
    fn words_always_written_together_are_one_keyphrase_and_words_apart_stay_keywords() {
        let text = "استقبل ولي العهد في قصره بجدة وفدا من قناة السويس.\n\
                    وبحث ولي العهد مع الوفد مشروع توسعة قناة السويس ونتائجه.\n\
                    وأشاد ولي العهد بما أنجزته هيئة قناة السويس من أعمال التوسعة.\n\
                    وقال رئيس الوفد إن التوسعة تضاعف عبور السفن، وإن السفن تعبر اليوم أسرع.";
        let keywords = keywords_of(text);
        for phrase in ["ولي العهد", "قناة السويس"] {
            assert!(
                keywords.iter().any(|k| k == phrase),
                "{phrase}: {keywords:?}"
            );
        }
        // Each word of a phrase is shown once, inside it.
        for word in ["ولي", "العهد", "قناة", "السويس"] {
            assert!(!keywords.iter().any(|k| k == word), "{word}: {keywords:?}");
        }
        // "التوسعة" and "السفن" are written apart from one another: no phrase holds them.
        assert!(
            !keywords
                .iter()
                .any(|k| k.contains(' ') && k.contains("السفن")),
            "{keywords:?}"
        );
    }

    #[test]
    fn the_pieces_of_a_web_or_mail_address_are_not_keywords() {
        let text = "أعلنت جامعة الدمام عن توفر وظائف شاغرة عبر موقعها www.uod.edu.sa للراغبين.\n\
                    ويتم التقديم على الرابط https://www.uod.edu.sa/jobs/apply.php مباشرة.\n\
                    وللاستفسار يراسل المتقدمون jobs@uod.edu.sa خلال أسبوع.";
        let keywords = keywords_of(text);
        assert!(keywords.iter().any(|k| k == "وظائف"), "{keywords:?}");
        for piece in ["www", "uod", "edu", "sa", "https", "jobs", "apply", "php"] {
            assert!(
                !keywords.iter().any(|k| k == piece),
                "{piece} in {keywords:?}"
            );
        }
    }

    #[test]
    fn the_pieces_of_a_style_sheet_or_script_run_into_the_text_are_not_keywords() {
        let text = "هل المعسكرات الخارجية للأندية مفيدة أم أن تسديد الديون أهم للأندية؟ \
                    #vote_area2 ul { padding: 0; margin: 0; } .box_vote { zbackground: #FFF; \
                    -webkit-border-radius: 5px; padding:18px; } jQuery.noConflict(); \
                    jQuery(document).ready(function(){ jQuery('#vote_form2').submit(); }); \
                    نعم مفيدة للأندية، والمعسكرات الداخلية تفي بالغرض.";
        let keywords = keywords_of(text);
        assert!(keywords.iter().any(|k| k == "المعسكرات"), "{keywords:?}");
        for piece in [
            "vote",
            "area2",
            "padding",
            "margin",
            "box",
            "zbackground",
            "webkit",
            "jQuery",
            "noConflict",
            "document",
            "ready",
            "submit",
            "5px",
        ] {
            assert!(
                !keywords.iter().any(|k| k == piece),
                "{piece} in {keywords:?}"
            );
        }
    }

    #[test]
    fn the_lead_is_shown_and_weighed_without_its_dateline() {
        let text = "عبدالله البرقاوي- سبق- الرياض: أعلنت إدارة المرور في الرياض بدء حملة ميدانية شاملة.\n\
                    وتستمر الحملة المرورية أسبوعين في أحياء العاصمة كافة.\n\
                    ودعت الإدارة السائقين إلى الالتزام بأنظمة المرور.";
        let lead = &summary(text)[0];
        assert!(lead.starts_with("أعلنت إدارة المرور"), "{lead}");
        let keywords = keywords_of(text);
        for credit in ["سبق", "البرقاوي", "عبدالله"] {
            assert!(
                !keywords.iter().any(|k| k == credit),
                "{credit} in {keywords:?}"
            );
        }
    }

    #[test]
    fn a_sentence_of_two_words_is_chosen_only_when_nothing_longer_is_left() {
        let text = "وصل الوزير إلى الرياض صباح اليوم في زيارة رسمية.\n\
                    والتقى خلال الزيارة عددا من المسؤولين في الحكومة.\n\
                    وفقا لرويترز.";
        assert_eq!(
            summary(text),
            vec![
                "وصل الوزير إلى الرياض صباح اليوم في زيارة رسمية.",
                "والتقى خلال الزيارة عددا من المسؤولين في الحكومة."
            ]
        );
        assert_eq!(
            summary("ألف مبروك.\nإلى اللقاء."),
            vec!["ألف مبروك.", "إلى اللقاء."]
        );
    }

    #[test]
    fn a_lead_behind_a_share_bar_is_scored_as_shown_and_not_chosen_twice() {
        let lead =
            "اعتمد وزير الشؤون البلدية والقروية آلية تصنيف شركات المقاولات والمكاتب الهندسية.";
        let a = format!("{lead}\nوتشمل الآلية معايير الخبرة والملاءة المالية للشركات.");
        let b = format!(
            "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك {lead}\nوبدأ العمل بها مطلع الشهر."
        );
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let texts = [a.as_str(), b.as_str()];
        let p = prepare(&texts, &analyzer);
        let s = summarizer(&analyzer, &p);
        let group: Vec<&Analysed> = p.docs.iter().collect();
        let article = s.article_terms(&group);
        let (shown, whole) = (&article[1][0], &article[0][0]);
        assert_eq!(shown.keys, whole.keys);
        assert_eq!(shown.words, whole.words);
        let chosen: Vec<String> = s
            .summarize_analysed(&group, Budget::Sentences(3))
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(
            chosen.iter().filter(|t| *t == lead).count(),
            1,
            "{chosen:?}"
        );
    }

    #[test]
    fn a_sentence_cut_before_a_link_block_is_scored_without_it() {
        let shown = "اندلع حريق في محطة للوقود ثم امتد إلى مبان أخرى";
        let text = format!("{shown} رابط الخبر بصحيفة الوئام: بالصور حريق ضخم");
        let analyzer = Analyzer::new(AnalyzerKind::Auto);
        let p = prepare(&[text.as_str(), shown], &analyzer);
        let s = summarizer(&analyzer, &p);
        let article = s.article_terms(&[&p.docs[0], &p.docs[1]]);
        assert_eq!(&text[article[0][0].sentence.range.clone()], shown);
        assert_eq!(article[0][0].keys, article[1][0].keys);
        assert_eq!(article[0][0].words, article[1][0].words);
    }
}
