//! The plan file as a whole, the generated drafts and the adopted plan.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Actual, Athlete, ChangeEntry, Guardrails, ModelSettings, Phase, PhaseKind, Race, Review,
    Season, Session, SessionId, Total, Wellness,
};

/// The `format` tag every plan file starts with.
pub const FORMAT_TAG: &str = "peakline-plan";
/// The schema version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// One athlete's season: the whole content of a `*.peakline.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub format: String,
    pub version: u32,
    /// The Peakline version that wrote the file.
    pub app_version: String,
    /// This plan's identity for what outside the file must recognise it by (the UIDs of its
    /// calendar events): stored when the app first saves the plan, or when an edit renames
    /// the athlete or moves the season before that, and kept from then on. `None` in files
    /// from before it existed and in files the app has not saved; see [`Plan::stable_id`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub modified: Option<DateTime<Utc>>,
    pub athlete: Athlete,
    pub guardrails: Guardrails,
    pub races: Vec<Race>,
    pub season: Season,
    pub variants: Variants,
    pub plan: Option<AdoptedPlan>,
    pub change_log: Vec<ChangeEntry>,
    pub actuals: Vec<Actual>,
    pub wellness: Vec<Wellness>,
    pub reviews: Vec<Review>,
    pub model: ModelSettings,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            format: FORMAT_TAG.to_owned(),
            version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            id: None,
            created: None,
            modified: None,
            athlete: Athlete::default(),
            guardrails: Guardrails::default(),
            races: Vec::new(),
            season: Season::default(),
            variants: Variants::default(),
            plan: None,
            change_log: Vec::new(),
            actuals: Vec::new(),
            wellness: Vec::new(),
            reviews: Vec::new(),
            model: ModelSettings::default(),
        }
    }
}

/// Longest plan id kept; a longer (hand-edited) one is not used.
const MAX_ID_CHARS: usize = 64;

impl Plan {
    /// The plan's stable id: the stored [`Plan::id`] when it is well formed (ASCII letters,
    /// digits and `-`, at most 64 characters), else the one [`Plan::ensure_id`] would store.
    pub fn stable_id(&self) -> String {
        self.id
            .as_deref()
            .filter(|id| is_well_formed_id(id))
            .map_or_else(|| self.derived_id(), str::to_owned)
    }

    /// Stores a plan id if there is no usable one yet, so it no longer changes with the
    /// athlete's name or the season's start.
    pub fn ensure_id(&mut self) {
        if !self.id.as_deref().is_some_and(is_well_formed_id) {
            self.id = Some(self.derived_id());
        }
    }

    /// The id of a plan that has none stored: the athlete's name as a slug and the season's
    /// start, `maya-lindqvist-20261026`. These are what calendar UIDs were made of before the
    /// plan had an id, so calendars exported then keep updating. A name with characters other
    /// than ASCII letters, digits, spaces and `-` ("Zoë") also gets a short hash of the exact
    /// name, so names differing only in accents do not share an id.
    fn derived_id(&self) -> String {
        format!(
            "{}-{}",
            name_slug(&self.athlete.name),
            self.season.start.format("%Y%m%d")
        )
    }
    /// The adopted plan's weeks, or none.
    pub fn weeks(&self) -> &[Week] {
        self.plan.as_ref().map_or(&[], |p| p.weeks.as_slice())
    }

    /// The adopted week containing `date`.
    pub fn week_containing(&self, date: NaiveDate) -> Option<&Week> {
        self.weeks().iter().find(|w| w.contains(date))
    }

    /// Every planned session of the adopted plan, in date order.
    pub fn sessions(&self) -> impl Iterator<Item = &Session> {
        self.weeks().iter().flat_map(|w| w.sessions.iter())
    }

    pub fn session(&self, id: SessionId) -> Option<&Session> {
        self.sessions().find(|s| s.id == id)
    }

    /// The A races in date order.
    pub fn a_races(&self) -> impl Iterator<Item = &Race> {
        self.races
            .iter()
            .filter(|r| r.priority == super::Priority::A)
    }
}

/// The three generated drafts (SPEC §2, "Variants").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Variants {
    pub conservative: Option<SeasonDraft>,
    pub moderate: Option<SeasonDraft>,
    pub aggressive: Option<SeasonDraft>,
}

impl Variants {
    pub fn get(&self, kind: VariantKind) -> Option<&SeasonDraft> {
        match kind {
            VariantKind::Conservative => self.conservative.as_ref(),
            VariantKind::Moderate => self.moderate.as_ref(),
            VariantKind::Aggressive => self.aggressive.as_ref(),
        }
    }

    pub fn set(&mut self, draft: SeasonDraft) {
        match draft.variant {
            VariantKind::Conservative => self.conservative = Some(draft),
            VariantKind::Moderate => self.moderate = Some(draft),
            VariantKind::Aggressive => self.aggressive = Some(draft),
        }
    }

    /// All present drafts, conservative first.
    pub fn iter(&self) -> impl Iterator<Item = &SeasonDraft> {
        VariantKind::ALL.into_iter().filter_map(|k| self.get(k))
    }
}

/// How hard a draft pushes (SCIENCE.md, "Peakline's starting defaults").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum VariantKind {
    Conservative,
    Moderate,
    Aggressive,
}

impl VariantKind {
    pub const ALL: [VariantKind; 3] = [Self::Conservative, Self::Moderate, Self::Aggressive];

    pub fn code(self) -> &'static str {
        match self {
            Self::Conservative => "conservative",
            Self::Moderate => "moderate",
            Self::Aggressive => "aggressive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Conservative => "Conservative",
            Self::Moderate => "Moderate",
            Self::Aggressive => "Aggressive",
        }
    }

    /// Parses the machine name (`conservative`, `moderate`, `aggressive`).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code))
    }
}

/// A full season drafted by the engine for one variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeasonDraft {
    pub variant: VariantKind,
    /// The "today" the draft was generated for.
    pub generated_on: NaiveDate,
    pub phases: Vec<Phase>,
    pub weeks: Vec<Week>,
    pub pmc_start: PmcStart,
    /// Season-level reasoning: compressions, extensions, conflicts.
    pub notes: Vec<String>,
}

impl Default for SeasonDraft {
    fn default() -> Self {
        Self {
            variant: VariantKind::Moderate,
            generated_on: NaiveDate::MIN,
            phases: Vec::new(),
            weeks: Vec::new(),
            pmc_start: PmcStart::default(),
            notes: Vec::new(),
        }
    }
}

/// Fitness and fatigue on the day before the season starts, from the athlete's current volume.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PmcStart {
    pub fitness: f64,
    pub fatigue: f64,
}

/// The plan the coach adopted and works on, with the adopted draft kept as a fixed baseline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdoptedPlan {
    pub variant: VariantKind,
    pub adopted_on: NaiveDate,
    pub weeks: Vec<Week>,
    pub pmc_start: PmcStart,
    /// The draft's weeks as adopted: what the engine proposed, to compare against.
    pub baseline: Vec<Week>,
    /// Next free session id for sessions the coach adds.
    pub next_session_id: u64,
}

impl Default for AdoptedPlan {
    fn default() -> Self {
        Self {
            variant: VariantKind::Moderate,
            adopted_on: NaiveDate::MIN,
            weeks: Vec::new(),
            pmc_start: PmcStart::default(),
            baseline: Vec::new(),
            next_session_id: 1,
        }
    }
}

/// One training week of a draft or of the adopted plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Week {
    /// First day of the week (a Monday or a Sunday, per the season's setting).
    pub start: NaiveDate,
    pub phase: PhaseKind,
    pub status: WeekStatus,
    /// A week planned below the training-load trajectory: a recovery week (load cut ~20–30 %),
    /// a week around a B or C race, or a taper, race or recovery week. The week after one may
    /// climb back more than the ramp cap allows between two normal weeks.
    pub down_week: bool,
    /// The engine's reasoning for the week ("Build 3/7 · +7 % (moderate cap 8 %) …").
    pub rationale: String,
    /// Sessions in date order; several may share a day.
    pub sessions: Vec<Session>,
    /// The coach changed this week by hand (added, edited, moved or removed a session). A
    /// removed session leaves no session to carry the mark, so the week carries it: re-plans
    /// keep the week instead of bringing the session back.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub coach_edited: bool,
}

impl Default for Week {
    fn default() -> Self {
        Self {
            start: NaiveDate::MIN,
            phase: PhaseKind::Base,
            status: WeekStatus::Draft,
            down_week: false,
            rationale: String::new(),
            sessions: Vec::new(),
            coach_edited: false,
        }
    }
}

impl Week {
    /// Last day of the week (inclusive).
    pub fn end(&self) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(6))
            .unwrap_or(self.start)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        // As a day offset: warnings ask this of every week for many dates.
        (0..7).contains(&(date - self.start).num_days())
    }

    /// Planned load of the week in AU.
    pub fn load_au(&self) -> f64 {
        self.sessions.iter().map(Session::load_au).total()
    }

    /// Planned training load without races: what ramp limits apply to (a race is the point of
    /// training, not a step in its progression).
    pub fn training_load_au(&self) -> f64 {
        self.sessions
            .iter()
            .filter(|s| s.kind != super::SessionType::Race)
            .map(Session::load_au)
            .total()
    }

    pub fn distance_km(&self) -> f64 {
        self.sessions.iter().filter_map(|s| s.distance_km).total()
    }

    pub fn duration_min(&self) -> f64 {
        self.sessions.iter().map(|s| s.duration_min).total()
    }

    pub fn hard_sessions(&self) -> usize {
        self.sessions.iter().filter(|s| s.is_hard()).count()
    }

    /// The seven dates of the week.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..7).filter_map(|d| self.start.checked_add_days(Days::new(d)))
    }

    /// Whether the coach changed this week by hand: re-plans keep such weeks.
    pub fn has_coach_edits(&self) -> bool {
        self.coach_edited || self.sessions.iter().any(|s| s.edited)
    }
}

/// Draft weeks may be re-planned; approved weeks are the coach's and stay as they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeekStatus {
    #[default]
    Draft,
    Approved,
}

fn is_well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Lower-case ASCII letters and digits of `name`, words joined by `-`, plus a hash of the
/// exact name when that loses anything; "athlete" for a name with none.
fn name_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    // Keeps the id within its length limit whatever the name (the hash then tells apart).
    slug.truncate(40);
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("athlete");
    }
    let lossless = name
        .trim()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    if !lossless || name.trim().len() > 40 {
        slug.push_str(&format!("-{:08x}", fnv1a32(name.trim().as_bytes())));
    }
    slug
}

/// FNV-1a, 32 bits: a fixed, dependency-free hash (never changes between builds).
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}
