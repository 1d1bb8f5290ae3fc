use crate::kit::prelude::*;

struct TaskRow {
    kind: &'static str,
    label: String,
    name: String,
    href: String,
    due: String,
    overdue: bool,
    urgent: bool,
    child: bool,
}

/// (label, link, when)
type NoticeRow = (String, String, String);

/// One of the caller's open cases: (link, person's name, status, opened on).
type CaseRow = (String, String, String, String);

/// One bar of the team chart: a colleague and their open cases.
struct TeamBar {
    name: String,
    cases: usize,
    y: usize,
    width: usize,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    l: Layout,
    csrf: String,
    /// Unread notifications, newest first.
    notices: Vec<NoticeRow>,
    tasks: Vec<TaskRow>,
    /// The caller's own open cases, newest first.
    my_cases: Vec<CaseRow>,
    /// For those who see the whole organisation's cases: open cases per
    /// colleague, as a chart drawn on the server.
    team: Vec<TeamBar>,
    team_height: usize,
}

/// The landing page for case roles: urgent work first (R13, R20).
pub(crate) async fn tasks_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(saved): Query<Saved>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::ReadCase).await?;
    let facts = state.store.task_facts(&scope).await?;
    let jur = crate::kit::context::jurisdiction(&state, &caller).await?;
    let tasks = haven_core::tasks::compute(&facts, today(), jur.rg_target_working_days, jur.reflection_days)
        .into_iter()
        .map(|t| {
            use haven_core::tasks::TaskKind;
            TaskRow {
                kind: t.kind.as_str(),
                label: tr.t(&format!("task-{}", t.kind.as_str())),
                href: match (&t.screening_id, t.kind) {
                    (Some(s), _) => format!("/screenings/{s}"),
                    (None, TaskKind::ReturnFollowUp) => format!("/persons/{}/protection", t.person_id),
                    (None, TaskKind::ReferralOverdue) => format!("/persons/{}/referrals", t.person_id),
                    (None, _) => format!("/persons/{}", t.person_id),
                },
                name: t.name,
                due: format_date(t.due),
                overdue: t.overdue,
                urgent: matches!(t.kind, TaskKind::RequestRelease | TaskKind::ChildInDetention),
                child: t.child,
            }
        })
        .collect::<Vec<_>>();
    let mut tasks = tasks;
    // Referrals this organisation has not answered yet: the receiving
    // side's work, urgent when the person is a child or detained.
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    for t in super::awaiting_answer(&state, &read).await? {
        tasks.push(TaskRow {
            kind: super::REFERRAL_TO_ANSWER,
            label: tr.t("task-referral_to_answer"),
            name: t.name.unwrap_or_else(|| tr.t("tasks-referred-person")),
            href: format!("/referrals/{}", t.referral_id),
            due: t.due.map(format_date).unwrap_or_default(),
            overdue: t.overdue,
            urgent: t.urgent_detained,
            child: t.urgent_child,
        });
    }
    // What transfers ask of this side; the urgent ones (a revocation not
    // confirmed, a call for help) go to the top with the other urgent work.
    let mut urgent_transfers = Vec::new();
    for t in super::transfer_tasks(&state, &scope, &read).await? {
        let row = TaskRow {
            kind: t.kind.as_str(),
            label: tr.t(&format!("task-{}", t.kind.as_str())),
            name: if t.name.is_empty() { tr.t("tasks-referred-person") } else { t.name },
            href: format!("/transfers/{}", t.transfer_id),
            due: format_date(t.due),
            overdue: t.overdue,
            urgent: t.kind.urgent(),
            child: false,
        };
        if row.urgent {
            urgent_transfers.push(row);
        } else {
            tasks.push(row);
        }
    }
    let lead = tasks.iter().take_while(|t| t.urgent).count();
    tasks.splice(lead..lead, urgent_transfers);
    let notices = state
        .store
        .notifications(caller.user.id, 20)
        .await?
        .into_iter()
        .filter(|n| !n.read)
        .map(|n| (tr.t(&format!("notify-{}", n.kind.as_str())), n.kind.path(&n.record_id), local_time(n.created_at_ms)))
        .collect();
    let (my_cases, team) = caseload(&state, &tr, &caller).await?;
    let team_height = team.len() * 26 + 4;
    render(&TasksPage {
        l: Layout::new(&tr, Some(&caller), "/tasks").with_flash(&saved),
        csrf: caller.csrf().to_owned(),
        notices,
        tasks,
        my_cases,
        team,
        team_height,
    })
}

/// Marks the caller's notifications read, back to the task list.
pub(crate) async fn mark_read_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    caller.scope(&state, Permission::ReadCase).await?;
    state.store.mark_notifications_read(caller.user.id).await?;
    Ok(Redirect::to("/tasks").into_response())
}

/// The caller's open cases, and, for a reader who reaches the whole
/// organisation's cases (a supervisor), the open cases per colleague. Both
/// count only what the reader's scope reaches (R16, R17).
async fn caseload(state: &AppState, tr: &Tr, caller: &Caller) -> Result<(Vec<CaseRow>, Vec<TeamBar>), WebError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let mut open = Vec::new();
    for n in 1..=20 {
        let page = state.store.list_cases(&scope, None, Page::new(n, 100)).await?;
        open.extend(page.items.into_iter().filter(|c| c.record.status != CaseStatus::Closed));
        if !page.has_more {
            break;
        }
    }
    let read = caller.scope(state, Permission::ReadPerson).await?;
    let mut mine = Vec::new();
    for c in open.iter().filter(|c| c.record.assigned_to == Some(caller.user.id)).take(50) {
        let name = match state.store.get_person(&read, c.person_id).await {
            Ok(v) => match v.state {
                PersonState::Active(r) => r.full_name.as_str().to_owned(),
                PersonState::Erased { .. } => tr.t("person-erased"),
            },
            Err(_) => tr.t("tasks-referred-person"),
        };
        mine.push((
            format!("/cases/{}", c.id),
            name,
            labels::case_status(tr, c.record.status),
            format_date(c.record.opened_on),
        ));
    }
    let mut team = Vec::new();
    if haven_core::access::role_reach(&caller.user.actor()).org_wide == Some(haven_core::access::Categories::ALL) {
        let users = state.store.colleagues(&read).await?;
        let mut per: std::collections::BTreeMap<String, usize> = Default::default();
        for c in &open {
            let who = match c.record.assigned_to {
                Some(u) => users.iter().find(|x| x.id == u).map(|x| x.username.clone()).unwrap_or_default(),
                None => tr.t("case-unassigned"),
            };
            *per.entry(who).or_default() += 1;
        }
        let most = per.values().copied().max().unwrap_or(1).max(1);
        team = per
            .into_iter()
            .enumerate()
            .map(|(i, (name, cases))| TeamBar { name, cases, y: i * 26, width: cases * 300 / most })
            .collect();
    }
    Ok((mine, team))
}
