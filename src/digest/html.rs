//! `digest.html`: the digest as one self-contained page (no script, no fetched font or style),
//! each story a card in its language's direction. Every piece of article text goes through
//! maud's escaping and `display_text`, sits in its own bidi isolate, and links only http(s).

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::bidi::{Dir, display_text, lang_dir, safe_url, text_dir};
use super::{DigestEntry, DigestHeader, EntryMember, WriteError, write_atomically};
use crate::corpus::{day_number, iso_day};

/// How much of a large run gets full cards, so the page stays quick to open: parsing alone
/// costs Chromium a few ms per card and about 1 ms per row on two busy cores, and 1,200
/// cards (6.5 MB) took it 4–8 s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HtmlLimits {
    /// Full cards for clusters (largest first).
    pub cluster_cards: usize,
    /// Full cards for lone articles after the clusters.
    pub single_cards: usize,
    /// One-line rows for the entries after the cards; the rest are only counted.
    pub list_rows: usize,
}

impl Default for HtmlLimits {
    fn default() -> Self {
        HtmlLimits {
            cluster_cards: 150,
            single_cards: 50,
            list_rows: 1_000,
        }
    }
}

/// Outlets shown in the run's coverage chart; the rest are summed in one row.
const OUTLET_BARS: usize = 15;
/// Longest run of days drawn day by day in an entry's timeline.
const TIMELINE_DAYS: i64 = 62;

/// The page's own words, in the language most entries are in (Arabic or English).
struct Labels {
    lang: &'static str,
    dir: Dir,
    title: &'static str,
    read: &'static str,
    kept: &'static str,
    duplicates: &'static str,
    empty: &'static str,
    too_short: &'static str,
    rejected: &'static str,
    entries: &'static str,
    stories_n: &'static str,
    clusters: &'static str,
    sources: &'static str,
    span: &'static str,
    per_outlet: &'static str,
    others: &'static str,
    cluster: &'static str,
    story: &'static str,
    why: &'static str,
    summary: &'static str,
    coverage: &'static str,
    copies: fn(usize) -> String,
    over_time: &'static str,
    keywords: &'static str,
    jaccard: &'static str,
    no_summary: &'static str,
    more: &'static str,
    not_shown: &'static str,
    articles: fn(usize) -> String,
}

const EN: Labels = Labels {
    lang: "en",
    dir: Dir::Ltr,
    title: "khulasa digest",
    read: "records read",
    kept: "kept",
    duplicates: "duplicates",
    empty: "empty",
    too_short: "too short",
    rejected: "rejected",
    entries: "entries",
    stories_n: "stories",
    clusters: "clusters",
    sources: "sources",
    span: "dates",
    per_outlet: "Coverage per outlet",
    others: "others",
    cluster: "cluster",
    story: "story",
    why: "Why one story",
    summary: "Summary",
    coverage: "Coverage",
    copies: en_copies,
    over_time: "Coverage over time",
    keywords: "Keywords",
    jaccard: "similarity",
    no_summary: "no summary sentence",
    more: "More stories, one line each",
    not_shown: "Stories not shown here (digest.md and digest.jsonl, written by default, list every one)",
    articles: en_articles,
};

const AR: Labels = Labels {
    lang: "ar",
    dir: Dir::Rtl,
    title: "خلاصة: موجز الأخبار",
    read: "سجلات مقروءة",
    kept: "محتفظ بها",
    duplicates: "نسخ مكررة",
    empty: "فارغة",
    too_short: "قصيرة جدًا",
    rejected: "مرفوضة",
    entries: "مواضيع",
    stories_n: "قصص",
    clusters: "مجموعات",
    sources: "مصادر",
    span: "التواريخ",
    per_outlet: "التغطية حسب المصدر",
    others: "مصادر أخرى",
    cluster: "مجموعة",
    story: "قصة",
    why: "لماذا قصة واحدة",
    summary: "الملخص",
    coverage: "التغطية",
    copies: ar_copies,
    over_time: "التغطية عبر الأيام",
    keywords: "كلمات مفتاحية",
    jaccard: "التشابه",
    no_summary: "لا توجد جملة ملخص",
    more: "قصص أخرى، سطر لكل قصة",
    not_shown: "قصص لا تظهر هنا (يسردها كلها الملفان digest.md وdigest.jsonl المكتوبان افتراضيًا)",
    articles: ar_articles,
};

fn en_articles(n: usize) -> String {
    match n {
        1 => "1 article".to_string(),
        n => format!("{} articles", group(n)),
    }
}

/// Arabic counted noun: مقال واحد، مقالان، 3–10 مقالات، 11 فما فوق مقالًا.
fn ar_articles(n: usize) -> String {
    ar_count(n, ["مقال واحد", "مقالان", "مقالات", "مقالًا"])
}

/// Arabic counted noun from its forms: one, two, plural (3–10), accusative singular (11+).
fn ar_count(n: usize, [one, two, few, many]: [&str; 4]) -> String {
    match n {
        1 => one.to_string(),
        2 => two.to_string(),
        n if (3..=10).contains(&(n % 100)) => format!("{} {few}", group(n)),
        n => format!("{} {many}", group(n)),
    }
}

fn en_copies(n: usize) -> String {
    match n {
        1 => "1 copy".to_string(),
        n => format!("{} copies", group(n)),
    }
}

fn ar_copies(n: usize) -> String {
    ar_count(n, ["نسخة واحدة", "نسختان", "نسخ", "نسخة"])
}

/// A count with thousands separators: 31,030.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Arabic labels when most entries are Arabic, else English.
fn labels_for(entries: &[DigestEntry]) -> &'static Labels {
    let arabic = entries.iter().filter(|e| e.lang == "ar").count();
    if arabic * 2 > entries.len() { &AR } else { &EN }
}

/// Inline styles: logical properties throughout, so one sheet serves both directions;
/// `content-visibility: auto` lets the browser skip laying out cards off screen (on the
/// SaudiNewsNet page, Chromium's load time falls from ~3.3 s to ~1.9 s on two busy cores).
const CSS: &str = r#"
:root{--ink:#1d232a;--muted:#5b6570;--line:#dfe3e8;--card:#fff;--bg:#f4f5f7;--accent:#0b6e4f;--bar:#3d8b6d}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.6 system-ui,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Noto Naskh Arabic",Amiri,Tahoma,sans-serif}
:lang(ar),:lang(fa),:lang(ur),:lang(ps){font-family:"Noto Naskh Arabic",Amiri,"Segoe UI",Tahoma,"DejaVu Sans",sans-serif;line-height:1.9}
:lang(ar) .num,:lang(ar) code,.ltr-data{font-family:system-ui,"Segoe UI","DejaVu Sans",Tahoma,sans-serif}
bdi,[dir]{unicode-bidi:isolate}
.page{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.7rem;margin:0 0 .75rem}
h2,h3{margin:0}
.run{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin-bottom:1.5rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0 0 1rem;padding:0}
.counts div{display:flex;flex-direction:column;min-width:6.5rem}
.counts dt{color:var(--muted);font-size:.85rem}
.counts dd{margin:0;font-size:1.25rem;font-weight:600}
.outlets h2{font-size:1rem;margin-bottom:.4rem}
.bars{display:grid;grid-template-columns:minmax(6rem,max-content) 1fr max-content;gap:.2rem .75rem;align-items:center;font-size:.9rem}
.track{background:#e9ecef;border-radius:3px;height:.8rem;overflow:hidden}
.fill{display:block;height:100%;background:var(--bar);border-radius:3px}
.card{background:var(--card);border:1px solid var(--line);border-inline-start:4px solid var(--accent);border-radius:10px;padding:1rem 1.25rem;margin:0 0 1rem}
.card.single{border-inline-start-color:#9aa5b1}
.card{content-visibility:auto;contain-intrinsic-size:auto 30rem}
.more li{content-visibility:auto;contain-intrinsic-size:auto 1.8rem;list-style-position:inside}
.head{display:flex;gap:.75rem;align-items:baseline}
.rank{flex:none;color:var(--muted);font-weight:600}
.head h2{flex:1;font-size:1.25rem;line-height:1.5}
.badge{flex:none;font-size:.8rem;color:var(--accent);background:#e6f2ed;border-radius:999px;padding:.1rem .6rem;white-space:nowrap}
.card h3{font-size:.8rem;color:var(--muted);font-weight:600;margin:.75rem 0 .25rem;text-transform:uppercase;letter-spacing:.03em}
:lang(ar) h3,h3:lang(ar){text-transform:none;letter-spacing:0}
.summary{margin:0;padding-inline-start:1.4rem}
.summary li{margin:.25rem 0}
.src{font-size:.8rem;color:var(--accent);text-decoration:none;margin-inline-start:.35rem;white-space:nowrap}
a.src:hover{text-decoration:underline}
.member{font-size:.9rem;color:var(--muted)}
.member .outlet{color:var(--ink);font-weight:600}
.member>*+*{margin-inline-start:.6rem}
details{margin-top:.25rem;font-size:.9rem}
summary{cursor:pointer;color:var(--accent)}
details ul{margin:.25rem 0;padding-inline-start:1.4rem}
.tl{display:inline-block;min-width:8rem;max-width:100%}
.timeline{display:flex;align-items:flex-end;gap:2px;height:3rem;border-bottom:1px solid var(--line)}
.timeline span{flex:0 1 1.25rem;min-width:3px;background:var(--bar);border-radius:2px 2px 0 0}
.timeline span.zero{background:transparent}
.axis{display:flex;justify-content:space-between;gap:1rem;font-size:.75rem;color:var(--muted)}
.why{font-size:.85rem;color:#555;margin:.2rem 0}
.kw{display:flex;flex-wrap:wrap;gap:.3rem;margin:0;padding:0;list-style:none}
.kw li{background:#eef1f4;border-radius:4px;padding:0 .45rem;font-size:.85rem}
.empty{color:var(--muted);font-style:italic}
.more{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem}
.more h2{font-size:1.1rem;margin-bottom:.5rem}
.more ol{margin:0;padding:0;font-size:.95rem}
.more li .member{margin-inline-start:.6rem}
.more a{color:#0b4f6e;text-decoration:none}
.more a:hover{text-decoration:underline}
code{font-size:.8rem}
footer{color:var(--muted);font-size:.85rem;margin-top:1rem}
"#;

/// The `dir` attribute for a piece of untrusted text: the direction most of its letters read
/// in, else `fallback`, else `auto` (the browser's first-strong-character rule).
fn dir_of(text: &str, fallback: Option<Dir>) -> &'static str {
    text_dir(text).or(fallback).map_or("auto", Dir::attr)
}

/// One of the page's own words, isolated in the page's language inside a card of any direction.
fn label(l: &Labels, text: &str) -> Markup {
    html! { span lang=(l.lang) dir=(l.dir.attr()) { (text) } }
}

/// Untrusted text in its own isolate, controls removed, direction from its content.
fn isolated(text: &str, fallback: Option<Dir>) -> Markup {
    let shown: Cow<str> = display_text(text);
    html! { bdi dir=(dir_of(&shown, fallback)) { (shown) } }
}

/// Renders the digest as one HTML page.
pub fn render_html(header: &DigestHeader, entries: &[DigestEntry], limits: HtmlLimits) -> String {
    let l = labels_for(entries);
    let (cards, rows, hidden) = split(entries, limits);
    let page = html! {
        (DOCTYPE)
        html lang=(l.lang) dir=(l.dir.attr()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Nothing on this page may run or be fetched, whatever the articles hold.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
                meta name="referrer" content="no-referrer";
                title { (l.title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                div.page {
                    (run_header(header, entries.len(), l))
                    main {
                        @for e in &cards { (card(e, l)) }
                        @if !rows.is_empty() || hidden > 0 {
                            section.more {
                                h2 { (l.more) }
                                @if !rows.is_empty() {
                                    ol start=(rows[0].entry) {
                                        @for e in &rows { (row(e)) }
                                    }
                                }
                                @if hidden > 0 {
                                    p.empty { (l.not_shown) ": " span.num { (group(hidden)) } }
                                }
                            }
                        }
                    }
                    footer { "khulasa " (env!("CARGO_PKG_VERSION")) }
                }
            }
        }
    };
    page.into_string()
}

/// Entries that get a full card, entries that get one line, and how many are left out.
fn split(
    entries: &[DigestEntry],
    limits: HtmlLimits,
) -> (Vec<&DigestEntry>, Vec<&DigestEntry>, usize) {
    let mut cards = Vec::new();
    let mut rows = Vec::new();
    let (mut clusters, mut singles) = (0, 0);
    for e in entries {
        let full = if e.size > 1 {
            clusters += 1;
            clusters <= limits.cluster_cards
        } else {
            singles += 1;
            singles <= limits.single_cards
        };
        if full {
            cards.push(e);
        } else if rows.len() < limits.list_rows {
            rows.push(e);
        }
    }
    let hidden = entries.len() - cards.len() - rows.len();
    (cards, rows, hidden)
}

/// The run: counts, dates, and a bar per outlet.
fn run_header(h: &DigestHeader, n_entries: usize, l: &Labels) -> Markup {
    let t = &h.tally;
    let counts: [(&str, usize); 10] = [
        (l.read, t.read),
        (l.kept, t.kept),
        (l.duplicates, t.duplicates),
        (l.empty, t.empty),
        (l.too_short, t.too_short),
        (l.rejected, t.rejected),
        (l.entries, n_entries),
        (l.stories_n, h.stories),
        (l.clusters, h.clusters),
        (l.sources, h.sources.len()),
    ];
    let max = h.sources.first().map_or(1, |s| s.1.max(1));
    let shown = &h.sources[..h.sources.len().min(OUTLET_BARS)];
    let rest = &h.sources[shown.len()..];
    let rest_total: usize = rest.iter().map(|s| s.1).sum();
    html! {
        header.run {
            h1 { (l.title) }
            dl.counts {
                @for (label, n) in counts {
                    div { dt { (label) } dd.num { (group(n)) } }
                }
                @if let Some((from, to)) = &h.span {
                    div {
                        dt { (l.span) }
                        dd.ltr-data dir="ltr" {
                            (isolated(from, Some(Dir::Ltr))) " – " (isolated(to, Some(Dir::Ltr)))
                        }
                    }
                }
            }
            @if !h.sources.is_empty() {
                section.outlets {
                    h2 { (l.per_outlet) }
                    div.bars {
                        @for (name, n) in shown {
                            (outlet_bar(isolated(name, None), *n, max))
                        }
                        @if !rest.is_empty() {
                            (outlet_bar(html! { (l.others) " (" span.num { (rest.len()) } ")" }, rest_total, max.max(rest_total)))
                        }
                    }
                }
            }
        }
    }
}

/// One row of the outlet chart: name, bar, count.
fn outlet_bar(name: Markup, n: usize, max: usize) -> Markup {
    let pct = 100.0 * n as f64 / max.max(1) as f64;
    html! {
        span { (name) }
        span.track { span.fill style=(format!("width:{pct:.1}%")) {} }
        span.num { (group(n)) }
    }
}

/// One story: title, summary with links to its sources, coverage, timeline, keywords.
fn card(e: &DigestEntry, l: &Labels) -> Markup {
    let dir = lang_dir(&e.lang);
    html! {
        article.card.single[e.size == 1] id=(format!("e{}", e.entry)) lang=(e.lang) dir=(dir.map_or("auto", Dir::attr)) {
            div.head {
                span.rank.num { (e.entry) }
                h2 { (isolated(&e.title, dir)) }
                span.badge lang=(l.lang) dir=(l.dir.attr()) {
                    ((l.articles)(e.size))
                    @if let Some(st) = e.story { " · " (l.story) " " span.num { (st) } }
                    @if let Some(c) = e.cluster { " · " (l.cluster) " " span.num { (c) } }
                }
            }
            h3 { (label(l, l.summary)) }
            @if e.summary.is_empty() {
                p.empty { (label(l, l.no_summary)) }
            } @else {
                ol.summary {
                    @for s in &e.summary {
                        @let member = e.members.iter().find(|m| m.id == s.id);
                        @let text = s.shown_text();
                        li dir=(dir_of(&display_text(&text), dir)) {
                            (isolated(&text, dir))
                            (source_link(&s.id, member))
                        }
                    }
                }
            }
            @if let Some(why) = &e.why {
                p.why { span lang=(l.lang) dir=(l.dir.attr()) { (l.why) ": " } (isolated(why, dir)) }
            }
            h3 { (label(l, l.coverage)) }
            @for r in e.members.iter().filter(|m| m.copy_of.is_none()) {
                @let copies: Vec<&EntryMember> = e.members.iter().filter(|m| m.copy_of.as_deref() == Some(r.id.as_str())).collect();
                div.member { (member_line(r)) }
                @if !copies.is_empty() {
                    details {
                        summary { span lang=(l.lang) dir=(l.dir.attr()) { ((l.copies)(copies.len())) } }
                        ul {
                            @for m in &copies {
                                li.member {
                                    (member_line(m))
                                    span lang=(l.lang) dir=(l.dir.attr()) { (l.jaccard) " " span.num dir="ltr" { (format!("{:.2}", m.jaccard)) } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(tl) = timeline(&e.members) {
                h3 { (label(l, l.over_time)) }
                (tl)
            }
            @if !e.keywords.is_empty() {
                h3 { (label(l, l.keywords)) }
                ul.kw { @for k in &e.keywords { li { (isolated(k, dir)) } } }
            }
        }
    }
}

/// A compact line for an entry past the cards: title (linked when it can be), outlet, date.
fn row(e: &DigestEntry) -> Markup {
    let dir = lang_dir(&e.lang);
    let rep = e.members.first();
    let url = rep.and_then(|m| m.url.as_deref()).and_then(safe_url);
    html! {
        li lang=(e.lang) dir=(dir_of(&display_text(&e.title), dir)) {
            @if let Some(u) = url {
                a href=(u) rel="noopener noreferrer" { (isolated(&e.title, dir)) }
            } @else {
                (isolated(&e.title, dir))
            }
            @if e.size > 1 { " " span.badge { "×" span.num { (e.size) } } }
            @if let Some(m) = rep {
                span.member {
                    @if let Some(s) = &m.source { span.outlet { (isolated(s, None)) } " " }
                    @if let Some(d) = &m.date { span.ltr-data { (isolated(d, Some(Dir::Ltr))) } }
                }
            }
        }
    }
}

/// Where a summary sentence comes from: its outlet (or id), linked to the article when the
/// article has an http(s) URL.
fn source_link(id: &str, member: Option<&EntryMember>) -> Markup {
    let name = member.and_then(|m| m.source.as_deref()).unwrap_or(id);
    let url = member.and_then(|m| m.url.as_deref()).and_then(safe_url);
    html! {
        @if let Some(u) = url {
            a.src href=(u) rel="noopener noreferrer" title=(display_text(id)) { (isolated(name, None)) }
        } @else {
            span.src { "[" code { (isolated(id, Some(Dir::Ltr))) } "]" }
        }
    }
}

/// One article of the coverage: outlet, date, id (linked when its URL is http(s)).
fn member_line(m: &EntryMember) -> Markup {
    let url = m.url.as_deref().and_then(safe_url);
    html! {
        @if let Some(s) = &m.source { span.outlet { (isolated(s, None)) } }
        @if let Some(d) = &m.date { span.ltr-data { (isolated(d, Some(Dir::Ltr))) } }
        @if let Some(u) = url {
            a href=(u) rel="noopener noreferrer" { code { (isolated(&m.id, Some(Dir::Ltr))) } }
        } @else {
            code { (isolated(&m.id, Some(Dir::Ltr))) }
        }
    }
}

/// Articles per day as CSS bars, when at least two members have a readable date (in any form
/// [`day_number`] reads; the rest are left out, as from the header's span): a run of up to
/// [`TIMELINE_DAYS`] days is drawn day by day, empty days included, a longer one a bar per
/// day that has articles.
fn timeline(members: &[EntryMember]) -> Option<Markup> {
    let mut days: Vec<i64> = members
        .iter()
        .filter_map(|m| m.date.as_deref().and_then(day_number))
        .collect();
    if days.len() < 2 {
        return None;
    }
    days.sort_unstable();
    let mut per_day: Vec<(i64, usize)> = Vec::new();
    for d in days {
        match per_day.last_mut() {
            Some((last, n)) if *last == d => *n += 1,
            _ => per_day.push((d, 1)),
        }
    }
    let (first, last) = (per_day[0].0, per_day[per_day.len() - 1].0);
    let counts: Vec<(String, usize)> = if last - first < TIMELINE_DAYS {
        let mut at = per_day.iter().peekable();
        (first..=last)
            .map(|day| match at.next_if(|(d, _)| *d == day) {
                Some(&(d, n)) => (iso_day(d), n),
                None => (String::new(), 0),
            })
            .collect()
    } else {
        per_day.iter().map(|&(d, n)| (iso_day(d), n)).collect()
    };
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let (first, last) = (iso_day(first), iso_day(last));
    Some(html! {
        div.tl {
        div.timeline role="img" {
            @for (label, n) in &counts {
                @if *n == 0 {
                    span.zero style="height:0" {}
                } @else {
                    span style=(format!("height:{:.0}%", 100.0 * *n as f64 / max as f64))
                        title=(format!("{}: {n}", display_text(label))) {}
                }
            }
        }
        div.axis {
            span.ltr-data { (isolated(&first, Some(Dir::Ltr))) }
            @if last != first { span.ltr-data { (isolated(&last, Some(Dir::Ltr))) } }
        }
        }
    })
}

/// Writes `digest.html` atomically.
pub fn write_html(
    path: &Path,
    header: &DigestHeader,
    entries: &[DigestEntry],
    limits: HtmlLimits,
) -> Result<(), WriteError> {
    let page = render_html(header, entries, limits);
    write_atomically(path, |w| w.write_all(page.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{EntrySentence, Tally};

    fn member(id: &str, date: Option<&str>, url: Option<&str>) -> EntryMember {
        EntryMember {
            id: id.into(),
            source: Some("okaz".into()),
            date: date.map(Into::into),
            url: url.map(Into::into),
            jaccard: 0.9,
            copy_of: None,
        }
    }

    fn entry(n: usize, title: &str, lang: &str, members: Vec<EntryMember>) -> DigestEntry {
        let mut members = members;
        let rep = members[0].id.clone();
        for m in members.iter_mut().skip(1) {
            m.copy_of = Some(rep.clone());
        }
        DigestEntry {
            entry: n,
            story: None,
            why: None,
            cluster: (members.len() > 1).then_some(n),
            title: title.into(),
            representative: members[0].id.clone(),
            lang: lang.into(),
            size: members.len(),
            summary: vec![EntrySentence {
                text: format!("{title} — جملة"),
                id: members[0].id.clone(),
                sentence: 0,
            }],
            members,
            keywords: vec!["نفط".into()],
        }
    }

    fn header() -> DigestHeader {
        DigestHeader {
            tally: Tally {
                read: 31_030,
                ..Tally::default()
            },
            clusters: 1,
            stories: 0,
            sources: vec![("okaz".into(), 2), ("<b>spa</b>".into(), 1)],
            span: Some(("2015-07-21".into(), "2015-08-11".into())),
        }
    }

    #[test]
    fn arabic_entries_are_right_to_left_and_hostile_text_is_inert() {
        let e = entry(
            1,
            "<script>alert(1)</script><img src=x onerror=alert(1)> \u{202E}عنوان",
            "ar",
            vec![
                member("a", Some("2015-07-21 10:00"), Some("javascript:alert(1)")),
                member("b", Some("2015-07-23"), Some(" HTTPS://okaz.com.sa/1 ")),
            ],
        );
        let page = render_html(&header(), &[e], HtmlLimits::default());
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"));
        assert!(page.contains(r#"lang="ar" dir="rtl""#));
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.contains("javascript:"));
        assert!(page.contains(r#"href="HTTPS://okaz.com.sa/1""#));
        assert!(!page.contains('\u{202E}'));
        assert!(page.contains("&lt;b&gt;spa&lt;/b&gt;"));
        assert!(page.contains("31,030"));
        // Three days drawn: two dated and one empty between them.
        assert_eq!(page.matches(r#"class="zero""#).count(), 1);
    }

    #[test]
    fn the_timeline_reads_days_in_any_date_form_and_in_time_order() {
        // RSS and Arabic dates: as text "Fri, 31 Jul" sorts before "Tue, 21 Jul", and their
        // first ten characters are no day at all.
        let e = entry(
            1,
            "خبر",
            "ar",
            vec![
                member("a", Some("Fri, 23 Jul 2015 08:00:00 +0300"), None),
                member("b", Some("Tue, 21 Jul 2015 02:51:32 +0300"), None),
                member("c", Some("الثلاثاء ٢١ يوليو ٢٠١٥"), None),
                member("d", Some("yesterday"), None),
            ],
        );
        let page = render_html(&header(), &[e], HtmlLimits::default());
        // 21 (two articles), 22 (none), 23 (one); the unreadable date is left out.
        assert_eq!(page.matches(r#"class="zero""#).count(), 1, "{page}");
        assert!(page.contains(r#"title="2015-07-21: 2""#), "{page}");
        assert!(page.contains(r#"title="2015-07-23: 1""#));
        assert!(!page.contains("yesterday: "));
        let axis = page
            .find("2015-07-21</bdi>")
            .zip(page.find("2015-07-23</bdi>"));
        assert!(axis.is_some_and(|(a, b)| a < b), "{page}");
    }

    #[test]
    fn english_pages_and_unknown_languages() {
        let e = entry(1, "Oil prices rise", "en", vec![member("x", None, None)]);
        let u = entry(2, "؟", "und", vec![member("y", None, None)]);
        let page = render_html(&header(), &[e, u], HtmlLimits::default());
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"));
        assert!(page.contains(r#"lang="und" dir="auto""#));
        assert!(page.contains("[<code>"), "ids shown where there is no link");
        assert!(
            !page.contains("class=\"timeline\""),
            "no timeline without dates"
        );
    }

    #[test]
    fn large_runs_get_cards_then_rows_then_a_count() {
        let entries: Vec<DigestEntry> = (1..=10)
            .map(|n| entry(n, "خبر", "ar", vec![member(&format!("d{n}"), None, None)]))
            .collect();
        let limits = HtmlLimits {
            cluster_cards: 5,
            single_cards: 3,
            list_rows: 4,
        };
        let page = render_html(&header(), &entries, limits);
        assert_eq!(page.matches("<article").count(), 3);
        assert!(page.contains(r#"<ol start="4">"#));
        assert!(
            page.contains("افتراضيًا): <span class=\"num\">3</span>"),
            "{page}"
        );
    }

    #[test]
    fn counts_and_days() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(31_030), "31,030");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(ar_articles(2), "مقالان");
        assert_eq!(ar_articles(7), "7 مقالات");
        assert_eq!(ar_articles(12), "12 مقالًا");
        assert_eq!(ar_articles(103), "103 مقالات");
        assert_eq!(ar_copies(1), "نسخة واحدة");
        assert_eq!(ar_copies(11), "11 نسخة");
        assert_eq!(en_copies(2), "2 copies");
    }
}
