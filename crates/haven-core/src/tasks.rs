//! The caseworker's task list: what needs doing, most urgent first.
//!
//! Pure: the store gathers the facts, this module orders them. Urgency
//! follows the protection issue's order: a person with reasonable grounds in
//! detention first (R13: release is the first action), then a child in
//! detention (R20), then reasonable-grounds deadlines, the end of recovery
//! periods, referrals the receiving organisation has not answered in time,
//! follow-ups after a return, and re-screenings.

use time::{Date, Duration, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TaskKind {
    RequestRelease,
    ChildInDetention,
    /// Threats or reprisals now (a screening's `FollowUp::SafetyPlan`).
    SafetyPlan,
    /// A presumed child without a guardian (R20).
    AppointGuardian,
    /// Charges or detention for acts done under control (R11–R13).
    LegalRepresentation,
    /// No language in common with the instrument (R18).
    ArrangeInterpreter,
    ReasonableGroundsDue,
    RecoveryPeriodEnds,
    /// Fear of return: assess before any return (R21).
    ReturnRiskAssessment,
    FindShelter,
    /// Ask whether the person wants consular help; contact only with consent (R17).
    AskConsularConsent,
    ReferralOverdue,
    ReturnFollowUp,
    Rescreen,
    /// A screening made with an older instrument version that the current
    /// one could find otherwise (see `screening::rescreen_offer`).
    RescreenWithNewVersion,
}

impl TaskKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            TaskKind::RequestRelease => "request_release",
            TaskKind::ChildInDetention => "child_in_detention",
            TaskKind::SafetyPlan => "safety_plan",
            TaskKind::AppointGuardian => "appoint_guardian",
            TaskKind::LegalRepresentation => "legal_representation",
            TaskKind::ArrangeInterpreter => "arrange_interpreter",
            TaskKind::ReasonableGroundsDue => "reasonable_grounds_due",
            TaskKind::RecoveryPeriodEnds => "recovery_period_ends",
            TaskKind::ReturnRiskAssessment => "return_risk_assessment",
            TaskKind::FindShelter => "find_shelter",
            TaskKind::AskConsularConsent => "ask_consular_consent",
            TaskKind::ReferralOverdue => "referral_overdue",
            TaskKind::ReturnFollowUp => "return_follow_up",
            TaskKind::Rescreen => "rescreen",
            TaskKind::RescreenWithNewVersion => "rescreen_with_new_version",
        }
    }

    pub const ALL: [TaskKind; 15] = [
        TaskKind::RequestRelease,
        TaskKind::ChildInDetention,
        TaskKind::SafetyPlan,
        TaskKind::AppointGuardian,
        TaskKind::LegalRepresentation,
        TaskKind::ArrangeInterpreter,
        TaskKind::ReasonableGroundsDue,
        TaskKind::RecoveryPeriodEnds,
        TaskKind::ReturnRiskAssessment,
        TaskKind::FindShelter,
        TaskKind::AskConsularConsent,
        TaskKind::ReferralOverdue,
        TaskKind::ReturnFollowUp,
        TaskKind::Rescreen,
        TaskKind::RescreenWithNewVersion,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// The protection record whose existence means the task is done.
    pub fn done_by(&self) -> Option<crate::protection::Kind> {
        match self {
            TaskKind::AppointGuardian => Some(crate::protection::Kind::Guardian),
            TaskKind::ReturnRiskAssessment => Some(crate::protection::Kind::ReturnRisk),
            _ => None,
        }
    }

    /// The task a screening's follow-up calls for.
    pub fn for_follow_up(f: &crate::screening::FollowUp) -> Self {
        use crate::screening::FollowUp;
        match f {
            FollowUp::SafetyPlan => TaskKind::SafetyPlan,
            FollowUp::AppointGuardian => TaskKind::AppointGuardian,
            FollowUp::LegalRepresentation => TaskKind::LegalRepresentation,
            FollowUp::ArrangeInterpreter { .. } => TaskKind::ArrangeInterpreter,
            FollowUp::FindShelter { .. } => TaskKind::FindShelter,
            FollowUp::ReturnRiskAssessment => TaskKind::ReturnRiskAssessment,
            FollowUp::AskConsularConsent => TaskKind::AskConsularConsent,
        }
    }

    /// Working days from when the need was raised to when the task falls due.
    pub fn due_after_working_days(&self) -> u32 {
        match self {
            TaskKind::SafetyPlan
            | TaskKind::AppointGuardian
            | TaskKind::LegalRepresentation
            | TaskKind::ArrangeInterpreter
            | TaskKind::RequestRelease
            | TaskKind::ChildInDetention => 0,
            TaskKind::ReturnRiskAssessment | TaskKind::FindShelter | TaskKind::AskConsularConsent => 3,
            _ => 10,
        }
    }
}

/// A task a screening raised, as the store gathers it: what, for whom,
/// when it was raised, and whether the record that completes it exists
/// (a guardian appointed, a return-risk assessment made, a safety plan or
/// consent recorded).
#[derive(Debug, Clone)]
pub struct RaisedTask {
    pub kind: TaskKind,
    pub person_id: String,
    pub name: String,
    pub child: bool,
    pub screening_id: String,
    pub raised_on: Date,
    pub done: bool,
}

/// The open tasks among those raised, most urgent first, each due a number
/// of working days after it was raised that depends on its urgency.
pub fn raised(items: &[RaisedTask], today: Date) -> Vec<Task> {
    let mut tasks: Vec<Task> = items
        .iter()
        .filter(|r| !r.done)
        .map(|r| {
            let due = add_working_days(r.raised_on, r.kind.due_after_working_days());
            Task {
                kind: r.kind,
                person_id: r.person_id.clone(),
                name: r.name.clone(),
                screening_id: Some(r.screening_id.clone()),
                due,
                overdue: due < today,
                child: r.child,
            }
        })
        .collect();
    tasks.sort_by(|a, b| (a.kind, a.due, &a.name).cmp(&(b.kind, b.due, &b.name)));
    tasks.dedup_by(|a, b| a.kind == b.kind && a.person_id == b.person_id);
    tasks
}

/// A screening as the task list needs it.
#[derive(Debug, Clone)]
pub struct ScreeningFacts {
    pub id: String,
    pub completed: bool,
    pub reasonable_grounds: bool,
    pub started: Date,
    pub completed_on: Option<Date>,
    pub has_decision: bool,
    /// The tasks its answers called for when it was completed (a guardian,
    /// a safety plan, ...): see `screening::Determination::follow_ups`.
    pub follow_ups: Vec<TaskKind>,
}

/// A person as the task list needs them.
#[derive(Debug, Clone)]
pub struct PersonFacts {
    pub person_id: String,
    pub name: String,
    pub detained: bool,
    pub may_be_child: bool,
    /// Newest first.
    pub screenings: Vec<ScreeningFacts>,
    /// Follow-up dates after a planned return (R22).
    pub return_follow_ups: Vec<Date>,
    /// When answers to sent referrals were due, for referrals still unanswered.
    pub referral_responses_due: Vec<Date>,
    /// Protection records made for the person, which close the tasks that
    /// asked for them.
    pub protection_done: Vec<crate::protection::Kind>,
}

/// A follow-up is listed from this many days before it falls due, and kept
/// while overdue for this many days after.
pub const FOLLOW_UP_WINDOW_DAYS: i64 = 14;
pub const FOLLOW_UP_OVERDUE_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub kind: TaskKind,
    pub person_id: String,
    pub name: String,
    pub screening_id: Option<String>,
    pub due: Date,
    pub overdue: bool,
    pub child: bool,
}

/// After `n` working days (Monday to Friday) from `from`.
pub fn add_working_days(from: Date, n: u32) -> Date {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d.saturating_add(Duration::days(1));
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

/// How long after a "not yet determined" screening to offer another.
pub const RESCREEN_AFTER_DAYS: i64 = 14;

pub fn compute(people: &[PersonFacts], today: Date, rg_target_working_days: u32, reflection_days: u32) -> Vec<Task> {
    let mut tasks = Vec::new();
    for p in people {
        let task = |kind, screening_id: Option<&str>, due: Date| Task {
            kind,
            person_id: p.person_id.clone(),
            name: p.name.clone(),
            screening_id: screening_id.map(str::to_owned),
            due,
            overdue: due < today,
            child: p.may_be_child,
        };
        let rg = p.screenings.iter().any(|s| s.completed && s.reasonable_grounds);
        if p.detained && rg {
            tasks.push(task(TaskKind::RequestRelease, None, today));
        } else if p.detained && p.may_be_child {
            tasks.push(task(TaskKind::ChildInDetention, None, today));
        }
        if let Some(s) = p.screenings.first() {
            if !s.completed {
                tasks.push(task(
                    TaskKind::ReasonableGroundsDue,
                    Some(&s.id),
                    add_working_days(s.started, rg_target_working_days),
                ));
            } else if let Some(done) = s.completed_on {
                if s.reasonable_grounds && !s.has_decision {
                    let ends = done.saturating_add(Duration::days(i64::from(reflection_days)));
                    tasks.push(task(TaskKind::RecoveryPeriodEnds, Some(&s.id), ends));
                } else if !s.reasonable_grounds {
                    tasks.push(task(
                        TaskKind::Rescreen,
                        Some(&s.id),
                        done.saturating_add(Duration::days(RESCREEN_AFTER_DAYS)),
                    ));
                }
            }
        }
        // The newest completed screening's follow-ups, due the day it was
        // completed: each is urgent or it would not be there (R09, R20, R21).
        if let Some(s) = p.screenings.iter().find(|s| s.completed) {
            let due = s.completed_on.unwrap_or(today);
            for k in &s.follow_ups {
                if k.done_by().is_none_or(|kind| !p.protection_done.contains(&kind)) {
                    tasks.push(task(*k, Some(&s.id), due));
                }
            }
        }
        for d in p.referral_responses_due.iter().filter(|d| **d < today) {
            tasks.push(task(TaskKind::ReferralOverdue, None, *d));
        }
        for d in &p.return_follow_ups {
            let shown_from = d.saturating_sub(Duration::days(FOLLOW_UP_WINDOW_DAYS));
            let kept_until = d.saturating_add(Duration::days(FOLLOW_UP_OVERDUE_DAYS));
            if shown_from <= today && today <= kept_until {
                tasks.push(task(TaskKind::ReturnFollowUp, None, *d));
            }
        }
    }
    tasks.sort_by(|a, b| (a.kind, a.due, &a.name).cmp(&(b.kind, b.due, &b.name)));
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 25); // a Wednesday

    fn screening(completed: bool, rg: bool) -> ScreeningFacts {
        ScreeningFacts {
            id: "s".into(),
            completed,
            reasonable_grounds: rg,
            started: date!(2026 - 11 - 20),
            completed_on: completed.then_some(date!(2026 - 11 - 21)),
            has_decision: false,
            follow_ups: Vec::new(),
        }
    }

    fn person(name: &str, detained: bool, child: bool, s: Vec<ScreeningFacts>) -> PersonFacts {
        PersonFacts {
            person_id: name.into(),
            name: name.into(),
            detained,
            may_be_child: child,
            screenings: s,
            return_follow_ups: Vec::new(),
            referral_responses_due: Vec::new(),
            protection_done: Vec::new(),
        }
    }

    #[test]
    fn working_days_skip_weekends() {
        assert_eq!(add_working_days(date!(2026 - 11 - 20), 5), date!(2026 - 11 - 27));
        // Fri + 5 = next Fri
    }

    /// R13, R20: what each kind of task waits for: nothing for safety, a
    /// guardian, a lawyer, an interpreter or release; three working days
    /// for shelter, consular consent and the return risk; ten for the rest.
    /// The records that complete a task are the ones the task asks for.
    #[test]
    fn r13_r20_urgent_tasks_are_due_the_day_they_are_raised() {
        use TaskKind::*;
        for k in TaskKind::ALL {
            let days = match k {
                SafetyPlan | AppointGuardian | LegalRepresentation | ArrangeInterpreter | RequestRelease
                | ChildInDetention => 0,
                ReturnRiskAssessment | FindShelter | AskConsularConsent => 3,
                _ => 10,
            };
            assert_eq!(k.due_after_working_days(), days, "{k:?}");
            let record = match k {
                AppointGuardian => Some(crate::protection::Kind::Guardian),
                ReturnRiskAssessment => Some(crate::protection::Kind::ReturnRisk),
                _ => None,
            };
            assert_eq!(k.done_by(), record, "{k:?}");
        }
        assert_eq!(TaskKind::parse("request_release"), Some(RequestRelease));
        assert_eq!(TaskKind::parse("xyzzy"), None);
        // A return-risk assessment on file closes the task that asked for it.
        let mut s = screening(true, false);
        s.follow_ups = vec![ReturnRiskAssessment];
        let mut p = person("fears-return", false, false, vec![s]);
        assert!(compute(std::slice::from_ref(&p), TODAY, 5, 30).iter().any(|t| t.kind == ReturnRiskAssessment));
        p.protection_done.push(crate::protection::Kind::ReturnRisk);
        assert!(!compute(&[p], TODAY, 5, 30).iter().any(|t| t.kind == ReturnRiskAssessment));
    }

    /// R13, R20: a raised task is late only after the day it falls due; the
    /// same task for the same person is listed once, for two people twice.
    #[test]
    fn r13_r20_raised_tasks_are_late_only_after_their_day_and_listed_once_per_person() {
        let raise = |person: &str, kind: TaskKind, raised_on: Date| RaisedTask {
            kind,
            person_id: person.into(),
            name: person.into(),
            child: person == "child",
            screening_id: "s".into(),
            raised_on,
            done: false,
        };
        let items = vec![
            raise("child", TaskKind::AppointGuardian, TODAY),
            raise("child", TaskKind::AppointGuardian, date!(2026 - 11 - 24)),
            raise("other-child", TaskKind::AppointGuardian, TODAY),
            raise("late", TaskKind::SafetyPlan, date!(2026 - 11 - 24)),
        ];
        let t = raised(&items, TODAY);
        let listed: Vec<(TaskKind, &str, bool)> = t.iter().map(|t| (t.kind, t.name.as_str(), t.overdue)).collect();
        assert_eq!(
            listed,
            [
                (TaskKind::SafetyPlan, "late", true),
                (TaskKind::AppointGuardian, "child", true),
                (TaskKind::AppointGuardian, "other-child", false),
            ]
        );
        assert!(t[1].child && !t[0].child);
        assert_eq!(t[2].screening_id.as_deref(), Some("s"));
    }

    /// R13: release is asked for a detained person with reasonable grounds
    /// only once a screening found them; a detained adult without grounds is
    /// not listed for release, a detained child always is.
    #[test]
    fn r13_release_waits_for_grounds_and_a_detained_child_is_always_listed() {
        let kinds = |p: PersonFacts| -> Vec<TaskKind> { compute(&[p], TODAY, 5, 30).iter().map(|t| t.kind).collect() };
        let detained_without_grounds = person("a", true, false, vec![screening(true, false)]);
        assert!(!kinds(detained_without_grounds).contains(&TaskKind::RequestRelease));
        let grounds_not_detained = person("b", false, false, vec![screening(true, true)]);
        assert!(!kinds(grounds_not_detained).contains(&TaskKind::RequestRelease));
        let grounds_in_progress = person("c", true, false, vec![screening(false, true)]);
        assert!(!kinds(grounds_in_progress).contains(&TaskKind::RequestRelease), "not completed yet");
        let child_free = person("d", false, true, vec![]);
        assert!(!kinds(child_free).contains(&TaskKind::ChildInDetention));
        let child_with_grounds = person("e", true, true, vec![screening(true, true)]);
        assert_eq!(kinds(child_with_grounds)[0], TaskKind::RequestRelease);
    }

    /// R07, R06: the recovery period ends for reasonable grounds without a
    /// decision; a decision closes it; a screening short of grounds is
    /// offered again; a screening in progress is due after the target days,
    /// and late only after that day.
    #[test]
    fn r07_deadlines_follow_the_screenings_state() {
        let tasks = |s: ScreeningFacts, today: Date| compute(&[person("p", false, false, vec![s])], today, 5, 30);
        let mut decided = screening(true, true);
        decided.has_decision = true;
        assert!(tasks(decided, TODAY).is_empty(), "a decision ends the recovery period task");
        let rg = tasks(screening(true, true), TODAY);
        assert_eq!((rg[0].kind, rg[0].due), (TaskKind::RecoveryPeriodEnds, date!(2026 - 12 - 21)));
        let again = tasks(screening(true, false), TODAY);
        assert_eq!((again[0].kind, again[0].due), (TaskKind::Rescreen, date!(2026 - 12 - 05)));
        // Started Friday 20 November: five working days is Friday 27.
        let due = tasks(screening(false, false), date!(2026 - 11 - 27));
        assert_eq!(
            (due[0].kind, due[0].due, due[0].overdue),
            (TaskKind::ReasonableGroundsDue, date!(2026 - 11 - 27), false)
        );
        assert!(tasks(screening(false, false), date!(2026 - 11 - 28))[0].overdue);
        // Only the newest screening's follow-ups, from the newest completed one.
        let mut older = screening(true, true);
        older.follow_ups = vec![TaskKind::FindShelter];
        let mut newer = screening(true, false);
        newer.id = "newer".into();
        newer.follow_ups = vec![TaskKind::AskConsularConsent];
        let t = compute(&[person("p", false, false, vec![newer, older])], TODAY, 5, 30);
        assert!(t.iter().any(|t| t.kind == TaskKind::AskConsularConsent && t.screening_id.as_deref() == Some("newer")));
        assert!(!t.iter().any(|t| t.kind == TaskKind::FindShelter));
    }

    /// R22: a follow-up after return is listed from fourteen days before it
    /// falls due until thirty days after, both days included; an answer to a
    /// referral is overdue from the day after it was due.
    #[test]
    fn r22_follow_ups_are_listed_within_their_window_to_the_day() {
        let listed = |d: Date| {
            let mut p = person("returned", false, false, vec![]);
            p.return_follow_ups = vec![d];
            !compute(&[p], TODAY, 5, 30).is_empty()
        };
        assert!(listed(TODAY + Duration::days(FOLLOW_UP_WINDOW_DAYS)));
        assert!(!listed(TODAY + Duration::days(FOLLOW_UP_WINDOW_DAYS + 1)));
        assert!(listed(TODAY - Duration::days(FOLLOW_UP_OVERDUE_DAYS)));
        assert!(!listed(TODAY - Duration::days(FOLLOW_UP_OVERDUE_DAYS + 1)));
        let mut waiting = person("waiting", false, false, vec![]);
        waiting.referral_responses_due = vec![TODAY, date!(2026 - 11 - 24)];
        let t = compute(&[waiting], TODAY, 5, 30);
        assert_eq!(t.iter().map(|t| t.due).collect::<Vec<_>>(), [date!(2026 - 11 - 24)], "due today is not late yet");
    }

    #[test]
    fn r13_release_from_detention_comes_first_then_children_in_detention() {
        let people = vec![
            person("rescreen", false, false, vec![screening(true, false)]),
            person("child", true, true, vec![]),
            person("detained-rg", true, false, vec![screening(true, true)]),
            person("in-progress", false, false, vec![screening(false, false)]),
        ];
        let t = compute(&people, TODAY, 5, 30);
        let kinds: Vec<_> = t.iter().map(|t| (t.kind, t.name.as_str())).collect();
        assert_eq!(kinds[0], (TaskKind::RequestRelease, "detained-rg"));
        assert_eq!(kinds[1], (TaskKind::ChildInDetention, "child"));
        assert_eq!(kinds[2], (TaskKind::ReasonableGroundsDue, "in-progress"));
        assert!(kinds.contains(&(TaskKind::RecoveryPeriodEnds, "detained-rg")));
        assert_eq!(kinds.last().unwrap().0, TaskKind::Rescreen);
    }

    #[test]
    fn r22_follow_ups_after_return_come_after_the_identification_deadlines() {
        let mut returned = person("returned", false, false, vec![]);
        returned.return_follow_ups =
            vec![date!(2026 - 11 - 30), date!(2027 - 02 - 01), date!(2026 - 10 - 01), date!(2026 - 11 - 01)];
        let people = vec![returned, person("in-progress", false, false, vec![screening(false, false)])];
        let t = compute(&people, TODAY, 5, 30);
        let kinds: Vec<_> = t.iter().map(|t| (t.kind, t.due)).collect();
        assert_eq!(kinds[0].0, TaskKind::ReasonableGroundsDue);
        // Within the window: the overdue one from early November and the
        // one due next week; not the far future, not the long past.
        assert_eq!(
            &kinds[1..],
            &[(TaskKind::ReturnFollowUp, date!(2026 - 11 - 01)), (TaskKind::ReturnFollowUp, date!(2026 - 11 - 30))]
        );
        assert!(t[1].overdue && !t[2].overdue);
    }

    #[test]
    fn r20_r21_a_screenings_follow_ups_are_tasks_until_the_protection_record_that_answers_them_exists() {
        let mut s = screening(true, true);
        s.follow_ups = vec![TaskKind::AppointGuardian, TaskKind::SafetyPlan];
        let mut p = person("child", false, true, vec![s]);
        let kinds: Vec<TaskKind> = compute(std::slice::from_ref(&p), TODAY, 5, 30).iter().map(|t| t.kind).collect();
        assert!(kinds.contains(&TaskKind::AppointGuardian) && kinds.contains(&TaskKind::SafetyPlan), "{kinds:?}");
        p.protection_done.push(crate::protection::Kind::Guardian);
        let kinds: Vec<TaskKind> = compute(&[p], TODAY, 5, 30).iter().map(|t| t.kind).collect();
        assert!(!kinds.contains(&TaskKind::AppointGuardian), "a guardian is appointed: {kinds:?}");
        assert!(kinds.contains(&TaskKind::SafetyPlan));
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn r19_overdue_referral_answers_come_after_recovery_periods_and_before_follow_ups() {
        let mut waiting = person("waiting", false, false, vec![screening(true, true)]);
        waiting.referral_responses_due = vec![date!(2026 - 11 - 20), date!(2026 - 12 - 02)];
        waiting.return_follow_ups = vec![date!(2026 - 11 - 30)];
        let t = compute(&[waiting], TODAY, 5, 30);
        let kinds: Vec<_> = t.iter().map(|t| (t.kind, t.due)).collect();
        assert_eq!(
            kinds,
            vec![
                (TaskKind::RecoveryPeriodEnds, date!(2026 - 12 - 21)),
                // Only the answer already late is listed, not the one due next week.
                (TaskKind::ReferralOverdue, date!(2026 - 11 - 20)),
                (TaskKind::ReturnFollowUp, date!(2026 - 11 - 30)),
            ]
        );
        assert!(t[1].overdue);
    }

    #[test]
    fn r20_r21_tasks_raised_by_a_screening_are_listed_by_urgency_until_done() {
        use crate::screening::FollowUp;
        let raise = |name: &str, f: FollowUp, done: bool| RaisedTask {
            kind: TaskKind::for_follow_up(&f),
            person_id: name.into(),
            name: name.into(),
            child: false,
            screening_id: format!("s-{name}"),
            raised_on: date!(2026 - 11 - 20),
            done,
        };
        let items = vec![
            raise("fears-return", FollowUp::ReturnRiskAssessment, false),
            raise("threatened", FollowUp::SafetyPlan, false),
            raise("child", FollowUp::AppointGuardian, false),
            raise("child-with-guardian", FollowUp::AppointGuardian, true),
            raise("no-documents", FollowUp::AskConsularConsent, false),
        ];
        let t = raised(&items, TODAY);
        let kinds: Vec<_> = t.iter().map(|t| (t.kind, t.name.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (TaskKind::SafetyPlan, "threatened"),
                (TaskKind::AppointGuardian, "child"),
                (TaskKind::ReturnRiskAssessment, "fears-return"),
                (TaskKind::AskConsularConsent, "no-documents"),
            ]
        );
        // Raised on a Friday: immediate ones were due that day, the others
        // three working days later (Wednesday), so none of these is late yet
        // except the immediate ones.
        assert!(t[0].overdue && t[1].overdue);
        assert_eq!(t[2].due, date!(2026 - 11 - 25));
        assert!(!t[2].overdue);
        // A safety plan outranks the reasonable-grounds deadline; release
        // from detention still comes first.
        assert!(TaskKind::RequestRelease < TaskKind::SafetyPlan);
        assert!(TaskKind::SafetyPlan < TaskKind::ReasonableGroundsDue);
    }
}
