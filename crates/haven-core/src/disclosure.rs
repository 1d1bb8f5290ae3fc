//! Disclosure control for released figures (R23).
//!
//! A table of counts about a few hundred people identifies them: one
//! Ethiopian woman over 45 in a shelter's figures is a person. Every figure
//! haven releases goes through [`release`]: cells below a threshold `k`
//! (CTDC publishes with k = 11) are suppressed, and further cells are
//! suppressed alongside them so that no suppressed cell can be worked out
//! from a row or column total.
//!
//! The audit is line by line: every row and every column (each with its
//! total) holds either no suppressed entry or at least two. That is the
//! condition statistical offices check first (τ-ARGUS's hypercube method
//! guarantees it); it does not bound what a linear program could infer from
//! several lines together, which for the small two-way tables haven
//! releases is narrow. Zero cells are published: a zero says that nobody
//! is in the cell, not who is.

/// A two-way table of counts, as the store aggregates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    /// `cells[r][c]`; every row has `cols.len()` cells.
    pub cells: Vec<Vec<u64>>,
}

impl Counts {
    /// An empty table with these labels.
    pub fn new(rows: Vec<String>, cols: Vec<String>) -> Counts {
        let cells = vec![vec![0; cols.len()]; rows.len()];
        Counts { rows, cols, cells }
    }

    /// Adds one to the cell for `(row, col)`, adding either label if new.
    pub fn add(&mut self, row: &str, col: &str) {
        let r = match self.rows.iter().position(|x| x == row) {
            Some(r) => r,
            None => {
                self.rows.push(row.to_owned());
                self.cells.push(vec![0; self.cols.len()]);
                self.rows.len() - 1
            }
        };
        let c = match self.cols.iter().position(|x| x == col) {
            Some(c) => c,
            None => {
                self.cols.push(col.to_owned());
                for line in &mut self.cells {
                    line.push(0);
                }
                self.cols.len() - 1
            }
        };
        self.cells[r][c] += 1;
    }

    pub fn total(&self) -> u64 {
        self.cells.iter().flatten().sum()
    }
}

/// One released figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    /// Below the threshold, or suppressed so that such a cell cannot be
    /// worked out from the others.
    Suppressed,
}

impl Cell {
    pub fn shown(&self) -> Option<u64> {
        match self {
            Cell::Shown(n) => Some(*n),
            Cell::Suppressed => None,
        }
    }
}

/// A table fit for release, with the method that made it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub col_totals: Vec<Cell>,
    pub total: Cell,
    /// The threshold: no figure from 1 to k − 1 is shown.
    pub k: u64,
}

/// The smallest threshold haven accepts. Below it a released table would
/// be a list of people.
pub const MIN_K: u64 = 3;

/// The threshold used when an organisation has not set one: CTDC's.
pub const DEFAULT_K: u64 = 11;

/// Why a threshold is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdTooLow(pub u64);

/// Suppresses what would disclose, and what would let it be worked out.
pub fn release(counts: &Counts, k: u64) -> Result<Released, ThresholdTooLow> {
    if k < MIN_K {
        return Err(ThresholdTooLow(k));
    }
    let (nr, nc) = (counts.rows.len(), counts.cols.len());
    // The whole table as a grid with the totals as its last row and
    // column, so that totals are suppressed by the same rule as cells.
    let mut value = vec![vec![0u64; nc + 1]; nr + 1];
    for r in 0..nr {
        for c in 0..nc {
            let v = counts.cells.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0);
            value[r][c] = v;
            value[r][nc] += v;
            value[nr][c] += v;
            value[nr][nc] += v;
        }
    }
    let mut hidden = vec![vec![false; nc + 1]; nr + 1];
    for r in 0..=nr {
        for c in 0..=nc {
            hidden[r][c] = is_small(value[r][c], k);
        }
    }
    // Complementary suppression until no line has exactly one hidden entry.
    loop {
        let mut changed = false;
        for r in 0..=nr {
            let line: Vec<(usize, usize)> = (0..=nc).map(|c| (r, c)).collect();
            changed |= protect_line(&line, &value, &mut hidden);
        }
        for c in 0..=nc {
            let line: Vec<(usize, usize)> = (0..=nr).map(|r| (r, c)).collect();
            changed |= protect_line(&line, &value, &mut hidden);
        }
        if !changed {
            break;
        }
    }
    let cell = |r: usize, c: usize| if hidden[r][c] { Cell::Suppressed } else { Cell::Shown(value[r][c]) };
    Ok(Released {
        rows: counts.rows.clone(),
        cols: counts.cols.clone(),
        cells: (0..nr).map(|r| (0..nc).map(|c| cell(r, c)).collect()).collect(),
        row_totals: (0..nr).map(|r| cell(r, nc)).collect(),
        col_totals: (0..nc).map(|c| cell(nr, c)).collect(),
        total: cell(nr, nc),
        k,
    })
}

fn is_small(v: u64, k: u64) -> bool {
    v > 0 && v < k
}

/// A line (a row or column with its total) with exactly one hidden entry
/// gives that entry away by subtraction; hide another entry too.
/// Returns whether anything was hidden.
///
/// The other entry is an inner cell whenever the line has one left, never
/// a total: totals are shared by every table that shows the dimension, so
/// a total hidden here and shown in another table would give this table's
/// hidden cells away (the insider review's attack). Among inner cells the
/// smallest non-zero costs the least information; a zero is taken only
/// when nothing else is left.
fn protect_line(line: &[(usize, usize)], value: &[Vec<u64>], hidden: &mut [Vec<bool>]) -> bool {
    let n_hidden = line.iter().filter(|(r, c)| hidden[*r][*c]).count();
    if n_hidden != 1 {
        return false;
    }
    let (nr, nc) = (value.len() - 1, value[0].len() - 1);
    let is_total = |r: usize, c: usize| r == nr || c == nc;
    let pick = line
        .iter()
        .filter(|(r, c)| !hidden[*r][*c])
        .min_by_key(|(r, c)| (is_total(*r, *c), value[*r][*c] == 0, value[*r][*c]))
        .copied();
    match pick {
        Some((r, c)) => {
            hidden[r][c] = true;
            true
        }
        None => false,
    }
}

impl Released {
    /// Every line of the released grid (rows and columns, each with its
    /// total), as entries: what the audit of [`release`] runs over.
    pub fn lines(&self) -> Vec<Vec<Cell>> {
        let mut out = Vec::new();
        for (r, row) in self.cells.iter().enumerate() {
            let mut line = row.clone();
            line.push(self.row_totals[r]);
            out.push(line);
        }
        let mut totals = self.col_totals.clone();
        totals.push(self.total);
        out.push(totals);
        for c in 0..self.cols.len() {
            let mut line: Vec<Cell> = self.cells.iter().map(|row| row[c]).collect();
            line.push(self.col_totals[c]);
            out.push(line);
        }
        let mut totals = self.row_totals.clone();
        totals.push(self.total);
        out.push(totals);
        out
    }

    /// The method, as printed on every table and export.
    pub fn method(&self) -> String {
        format!(
            "Cells from 1 to {} are suppressed, with complementary suppression so that none can be derived from a total (k = {}).",
            self.k - 1,
            self.k
        )
    }
}

/// What the figures count about one person; the store gathers these for
/// the caller's organisation and nothing else leaves with them.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFacts {
    /// As the person described it; `None` when not recorded.
    pub sex: Option<String>,
    /// The first nationality recorded (ISO 3166-1 alpha-3).
    pub nationality: Option<String>,
    pub birth: Option<crate::person::Birth>,
    pub location: crate::person::LocationType,
    /// The outcome of the person's latest completed screening.
    pub outcome: Option<String>,
    /// When the person was first recorded: the period they count in.
    pub recorded_on: time::Date,
    /// The country the latest completed screening says the person was
    /// exploited in (ISO 3166-1 alpha-3).
    pub exploited_in: Option<String>,
    /// The main form of exploitation that screening shows ([`main_form`]).
    pub form: Option<String>,
    /// The latest identification decision: `confirmed` or `not_confirmed`.
    pub decision: Option<String>,
    /// The day a completed screening first found reasonable grounds.
    pub rg_on: Option<time::Date>,
    /// The day the jurisdiction's target for reasonable grounds falls,
    /// counted in working days from first contact (`recorded_on`).
    pub rg_due: Option<time::Date>,
    /// Whether a return plan is on file.
    pub return_planned: bool,
    /// Whether a compensation claim is on file.
    pub compensation_claimed: bool,
}

impl PersonFacts {
    /// What the person's first record alone says: nothing yet of
    /// screenings, decisions or protection.
    pub fn new(
        sex: Option<String>,
        nationality: Option<String>,
        birth: Option<crate::person::Birth>,
        location: crate::person::LocationType,
        recorded_on: time::Date,
    ) -> Self {
        Self {
            sex,
            nationality,
            birth,
            location,
            outcome: None,
            recorded_on,
            exploited_in: None,
            form: None,
            decision: None,
            rg_on: None,
            rg_due: None,
            return_planned: false,
            compensation_claimed: false,
        }
    }
}

/// The forms of the purpose element in the order the figures name one
/// person's main form: forced criminality first, because it is the form
/// scam compounds take and the one national figures most often miss
/// (R04); then the others from the most to the least specific.
const MAIN_FORM_ORDER: [crate::screening::Form; 5] = [
    crate::screening::Form::ForcedCriminality,
    crate::screening::Form::SexualExploitation,
    crate::screening::Form::ForcedLabour,
    crate::screening::Form::SlaveryOrSimilarPractices,
    crate::screening::Form::Servitude,
];

/// One form per person, so that a table by form still counts each person
/// once and its totals stay those of every other table (a person shown
/// under two forms would let one table's totals contradict another's).
/// `not_shown` when the screening shows no form of exploitation.
pub fn main_form(elements: &[crate::screening::ElementFinding]) -> &'static str {
    let shown: Vec<crate::screening::Form> = elements
        .iter()
        .filter(|e| e.element == crate::screening::Element::Purpose)
        .flat_map(|e| e.forms.iter().copied())
        .collect();
    MAIN_FORM_ORDER.iter().find(|f| shown.contains(f)).map_or("not_shown", |f| f.as_str())
}

/// One referral as the figures count it: its service and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralFacts {
    pub service_type: String,
    pub status: String,
}

/// What a table counts: people, or referrals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    People,
    Referrals,
}

/// What a table can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// The quarter the person was first recorded in, e.g. `2026-Q4`.
    Period,
    Nationality,
    Sex,
    AgeBand,
    Location,
    Outcome,
    /// Country of exploitation, from the latest completed screening.
    ExploitedIn,
    /// The main form of exploitation ([`main_form`]).
    Form,
    /// The identification decision.
    Decision,
    /// Whether reasonable grounds were found within the target.
    TimeToRg,
    ReturnPlan,
    CompensationClaim,
    /// A referral's service type (counts referrals, not people).
    ServiceType,
    /// Where a referral stands (counts referrals, not people).
    ReferralStatus,
}

impl Dimension {
    pub const ALL: [Dimension; 14] = [
        Dimension::Period,
        Dimension::Nationality,
        Dimension::Sex,
        Dimension::AgeBand,
        Dimension::Location,
        Dimension::Outcome,
        Dimension::ExploitedIn,
        Dimension::Form,
        Dimension::Decision,
        Dimension::TimeToRg,
        Dimension::ReturnPlan,
        Dimension::CompensationClaim,
        Dimension::ServiceType,
        Dimension::ReferralStatus,
    ];

    /// What a table by this dimension counts.
    pub fn unit(&self) -> Unit {
        match self {
            Dimension::ServiceType | Dimension::ReferralStatus => Unit::Referrals,
            _ => Unit::People,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Period => "period",
            Dimension::Nationality => "nationality",
            Dimension::Sex => "sex",
            Dimension::AgeBand => "age_band",
            Dimension::Location => "location",
            Dimension::Outcome => "outcome",
            Dimension::ExploitedIn => "country_of_exploitation",
            Dimension::Form => "form_of_exploitation",
            Dimension::Decision => "decision",
            Dimension::TimeToRg => "time_to_reasonable_grounds",
            Dimension::ReturnPlan => "return_plan",
            Dimension::CompensationClaim => "compensation_claim",
            Dimension::ServiceType => "service_type",
            Dimension::ReferralStatus => "referral_status",
        }
    }

    pub fn parse(s: &str) -> Result<Self, crate::ValidationError> {
        Self::ALL.iter().copied().find(|d| d.as_str() == s.trim()).ok_or(crate::ValidationError::new(
            "dimension",
            "invalid_dimension",
            "break figures down by period, nationality, sex, age_band, location, outcome, country_of_exploitation, form_of_exploitation, decision, time_to_reasonable_grounds, return_plan, compensation_claim, or referrals by service_type and referral_status",
        ))
    }

    /// The label a person counts under. Codes, not words: the reader's
    /// language is the web layer's business.
    pub fn value(&self, f: &PersonFacts, today: time::Date) -> String {
        match self {
            Dimension::Period => {
                let q = (u8::from(f.recorded_on.month()) - 1) / 3 + 1;
                format!("{}-Q{q}", f.recorded_on.year())
            }
            Dimension::Nationality => f.nationality.clone().unwrap_or_else(|| "not_recorded".to_owned()),
            Dimension::Sex => sex_band(f.sex.as_deref()).to_owned(),
            Dimension::AgeBand => age_band(f.birth.as_ref(), today).to_owned(),
            Dimension::Location => f.location.as_str().to_owned(),
            Dimension::Outcome => f.outcome.clone().unwrap_or_else(|| "not_screened".to_owned()),
            Dimension::ExploitedIn => f.exploited_in.clone().unwrap_or_else(|| "not_recorded".to_owned()),
            Dimension::Form => f.form.clone().unwrap_or_else(|| "not_screened".to_owned()),
            Dimension::Decision => f.decision.clone().unwrap_or_else(|| "no_decision".to_owned()),
            Dimension::TimeToRg => match (f.rg_on, f.rg_due) {
                (Some(on), Some(due)) if on <= due => "within_target",
                (Some(_), _) => "after_target",
                (None, _) => "not_found",
            }
            .to_owned(),
            Dimension::ReturnPlan => if f.return_planned { "planned" } else { "none" }.to_owned(),
            Dimension::CompensationClaim => if f.compensation_claimed { "claimed" } else { "none" }.to_owned(),
            // A person has no single referral: tables of referrals count
            // them through [`tabulate_referrals`], never through a person.
            Dimension::ServiceType | Dimension::ReferralStatus => OTHER.to_owned(),
        }
    }

    /// The label a referral counts under.
    pub fn referral_value(&self, r: &ReferralFacts) -> String {
        match self {
            Dimension::ServiceType => r.service_type.clone(),
            Dimension::ReferralStatus => r.status.clone(),
            _ => OTHER.to_owned(),
        }
    }
}

/// Sex as recorded is the person's own word; figures group it, with the
/// transgender and unrecognised words together so no small group stands out.
fn sex_band(sex: Option<&str>) -> &'static str {
    match crate::person::SexGroup::of(sex) {
        crate::person::SexGroup::NotRecorded => "not_recorded",
        crate::person::SexGroup::Female => "female",
        crate::person::SexGroup::Male => "male",
        crate::person::SexGroup::Transgender | crate::person::SexGroup::Other => "other",
    }
}

fn age_band(birth: Option<&crate::person::Birth>, today: time::Date) -> &'static str {
    crate::person::AgeBand::of(birth, today).as_str()
}

/// The label categories are merged under when each has fewer than k people.
pub const OTHER: &str = "smaller_groups";

/// How one dimension's categories are released: each category with 1 to
/// k − 1 people is merged into [`OTHER`], and while that group is itself
/// below k the smallest remaining category joins it. The map depends only
/// on the dimension's own counts, so every table that shows the dimension
/// shows the same totals for it: no total hidden in one table can be read
/// off another (the attack that combines tables), and no group smaller
/// than k is ever described, even by zeros beside it.
pub fn recode(counts: &std::collections::BTreeMap<String, u64>, k: u64) -> std::collections::BTreeMap<String, String> {
    let mut order: Vec<(&String, u64)> = counts.iter().map(|(c, n)| (c, *n)).collect();
    // Smallest first; ties by code, so the result never depends on order.
    order.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    let mut merged: Vec<&String> = order.iter().filter(|(_, n)| *n > 0 && *n < k).map(|(c, _)| *c).collect();
    let mut size: u64 = merged.iter().map(|c| counts[*c]).sum();
    if !merged.is_empty() {
        for (c, n) in &order {
            if size >= k {
                break;
            }
            if *n >= k {
                merged.push(c);
                size += n;
            }
        }
    }
    counts
        .keys()
        .map(|c| {
            let label = if merged.contains(&c) { OTHER.to_owned() } else { c.clone() };
            (c.clone(), label)
        })
        .collect()
}

/// Counts people by two dimensions, each recoded by [`recode`] at `k`.
/// Rows and columns come out sorted (the merged group last), so the same
/// facts give the same table whatever order they came in.
pub fn tabulate(facts: &[PersonFacts], rows: Dimension, cols: Dimension, today: time::Date, k: u64) -> Counts {
    tabulate_by(facts, |f| rows.value(f, today), |f| cols.value(f, today), k)
}

/// Counts referrals by two of their dimensions, recoded as [`tabulate`]
/// recodes people.
pub fn tabulate_referrals(referrals: &[ReferralFacts], rows: Dimension, cols: Dimension, k: u64) -> Counts {
    tabulate_by(referrals, |r| rows.referral_value(r), |r| cols.referral_value(r), k)
}

fn tabulate_by<T>(items: &[T], row_of: impl Fn(&T) -> String, col_of: impl Fn(&T) -> String, k: u64) -> Counts {
    let marginal = |of: &dyn Fn(&T) -> String| {
        let mut m = std::collections::BTreeMap::<String, u64>::new();
        for f in items {
            *m.entry(of(f)).or_default() += 1;
        }
        recode(&m, k)
    };
    let (row_map, col_map) = (marginal(&row_of), marginal(&col_of));
    let mut counts = Counts::new(Vec::new(), Vec::new());
    for f in items {
        let r = row_map.get(&row_of(f)).cloned().unwrap_or_else(|| OTHER.to_owned());
        let c = col_map.get(&col_of(f)).cloned().unwrap_or_else(|| OTHER.to_owned());
        counts.add(&r, &c);
    }
    let key = |l: &String| (l == OTHER, l.clone());
    let mut row_order: Vec<usize> = (0..counts.rows.len()).collect();
    row_order.sort_by_key(|r| key(&counts.rows[*r]));
    let mut col_order: Vec<usize> = (0..counts.cols.len()).collect();
    col_order.sort_by_key(|c| key(&counts.cols[*c]));
    Counts {
        rows: row_order.iter().map(|r| counts.rows[*r].clone()).collect(),
        cols: col_order.iter().map(|c| counts.cols[*c].clone()).collect(),
        cells: row_order.iter().map(|r| col_order.iter().map(|c| counts.cells[*r][*c]).collect()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn table(cells: Vec<Vec<u64>>) -> Counts {
        let rows = (0..cells.len()).map(|i| format!("r{i}")).collect();
        let cols = (0..cells.first().map_or(0, Vec::len)).map(|i| format!("c{i}")).collect();
        Counts { rows, cols, cells }
    }

    #[test]
    fn r23_a_small_cell_and_its_complement_are_suppressed_and_large_ones_shown() {
        let t = table(vec![vec![40, 3, 25], vec![30, 20, 50]]);
        let r = release(&t, 11).unwrap();
        assert_eq!(r.cells[0][1], Cell::Suppressed);
        // Row 0's total (68) would give 3 away: another cell in row 0 goes
        // too (the smaller, 25), and so does one in column 1 (20); column 2
        // then holds one hidden cell, so its other cell (50) goes as well.
        assert_eq!(r.cells[0][2], Cell::Suppressed);
        assert_eq!(r.cells[1][1], Cell::Suppressed);
        assert_eq!(r.cells[1][2], Cell::Suppressed);
        assert_eq!(r.cells[0][0], Cell::Shown(40));
        assert_eq!(r.total, Cell::Shown(168));
        assert!(r.method().contains("k = 11"));
    }

    #[test]
    fn r23_zeros_are_shown_and_a_table_of_large_cells_is_untouched() {
        let t = table(vec![vec![12, 0], vec![15, 30]]);
        let r = release(&t, 11).unwrap();
        assert_eq!(r.cells, vec![vec![Cell::Shown(12), Cell::Shown(0)], vec![Cell::Shown(15), Cell::Shown(30)]]);
        assert_eq!(r.row_totals, vec![Cell::Shown(12), Cell::Shown(45)]);
    }

    #[test]
    fn r23_a_small_total_is_suppressed_with_its_cells() {
        let t = table(vec![vec![2, 1], vec![30, 40]]);
        let r = release(&t, 11).unwrap();
        assert_eq!(r.row_totals[0], Cell::Suppressed);
        assert_eq!(r.cells[0], vec![Cell::Suppressed, Cell::Suppressed]);
    }

    #[test]
    fn r23_a_threshold_below_three_is_refused() {
        assert_eq!(release(&table(vec![vec![1]]), 2), Err(ThresholdTooLow(2)));
        assert!(release(&table(vec![vec![1]]), MIN_K).is_ok());
    }

    #[test]
    fn counts_grow_their_labels() {
        let mut c = Counts::new(vec![], vec![]);
        c.add("VNM", "male");
        c.add("VNM", "female");
        c.add("IDN", "male");
        c.add("VNM", "male");
        assert_eq!(c.rows, ["VNM", "IDN"]);
        assert_eq!(c.cols, ["male", "female"]);
        assert_eq!(c.cells, vec![vec![2, 1], vec![1, 0]]);
        assert_eq!(c.total(), 4);
    }

    fn facts(sex: &str, nat: &str, age: u8) -> PersonFacts {
        PersonFacts {
            sex: Some(sex.to_owned()),
            nationality: Some(nat.to_owned()),
            birth: Some(crate::person::Birth::Estimated { years: age, uncertain: false }),
            location: crate::person::LocationType::Shelter,
            ..PersonFacts::new(
                None,
                None,
                None,
                crate::person::LocationType::Shelter,
                time::macros::date!(2026 - 11 - 02),
            )
        }
    }

    #[test]
    fn r02_r23_tabulation_groups_sex_and_keeps_children_in_their_own_age_bands() {
        let today = time::macros::date!(2026 - 11 - 30);
        let people = [facts("Male", "VNM", 17), facts("man", "VNM", 30), facts("F", "IDN", 11), facts("", "IDN", 45)];
        // k = 1 shows how people are grouped, before any merging.
        let t = tabulate(&people, Dimension::Nationality, Dimension::Sex, today, 1);
        assert_eq!(t.rows, ["IDN", "VNM"]);
        assert_eq!(t.cols, ["female", "male", "not_recorded"]);
        assert_eq!(t.cells, vec![vec![1, 0, 1], vec![0, 2, 0]]);
        let t = tabulate(&people, Dimension::AgeBand, Dimension::Period, today, 1);
        assert_eq!(t.rows, ["0-11", "12-17", "25-34", "45+"]);
        assert_eq!(t.cols, ["2026-Q4"]);
        // At k = 2 the single people merge, and the group grows to k.
        let t = tabulate(&people, Dimension::Sex, Dimension::Period, today, 2);
        assert_eq!(t.rows, ["male", OTHER]);
        assert_eq!(t.cells, vec![vec![2], vec![2]]);
        assert_eq!(Dimension::parse("age_band"), Ok(Dimension::AgeBand));
        assert!(Dimension::parse("name").is_err());
    }

    #[test]
    fn r23_time_to_reasonable_grounds_counts_against_the_target_and_the_unfound_apart() {
        let today = time::macros::date!(2026 - 11 - 30);
        let due = time::macros::date!(2026 - 11 - 09);
        let with = |rg_on: Option<time::Date>| PersonFacts { rg_on, rg_due: Some(due), ..facts("F", "VNM", 30) };
        let people = [
            with(Some(due)),
            with(Some(time::macros::date!(2026 - 11 - 03))),
            with(Some(time::macros::date!(2026 - 11 - 10))),
            with(None),
        ];
        let t = tabulate(&people, Dimension::TimeToRg, Dimension::Sex, today, 1);
        assert_eq!(t.rows, ["after_target", "not_found", "within_target"]);
        assert_eq!(t.cells, vec![vec![1], vec![1], vec![2]]);
        let t = tabulate(
            &[
                PersonFacts { return_planned: true, compensation_claimed: true, ..facts("F", "VNM", 30) },
                facts("M", "VNM", 30),
            ],
            Dimension::ReturnPlan,
            Dimension::CompensationClaim,
            today,
            1,
        );
        assert_eq!(t.rows, ["none", "planned"]);
        assert_eq!(t.cols, ["claimed", "none"]);
        assert_eq!(t.cells, vec![vec![0, 1], vec![1, 0]]);
    }

    #[test]
    fn r04_r23_a_person_counts_once_under_forced_criminality_when_the_screening_shows_it() {
        use crate::screening::{Element, ElementFinding, ElementRule, Form};
        let finding = |element, forms: Vec<Form>| ElementFinding {
            element,
            met: true,
            rule: ElementRule::AnyForm,
            forms,
            evidence: vec![],
        };
        assert_eq!(main_form(&[]), "not_shown");
        let d = [finding(Element::Purpose, vec![Form::ForcedLabour, Form::ForcedCriminality])];
        assert_eq!(main_form(&d), "forced_criminality");
        // Forms of another element never count as exploitation.
        let d = [finding(Element::Act, vec![Form::Recruitment]), finding(Element::Purpose, vec![Form::Servitude])];
        assert_eq!(main_form(&d), "servitude");
    }

    #[test]
    fn r23_referrals_are_counted_by_service_and_status_and_recoded_like_people() {
        let r = |s: &str, st: &str| ReferralFacts { service_type: s.to_owned(), status: st.to_owned() };
        let refs = [r("shelter", "completed"), r("shelter", "sent"), r("legal_aid", "completed"), r("medical", "sent")];
        let t = tabulate_referrals(&refs, Dimension::ServiceType, Dimension::ReferralStatus, 1);
        assert_eq!(t.rows, ["legal_aid", "medical", "shelter"]);
        assert_eq!(t.cols, ["completed", "sent"]);
        assert_eq!(t.cells, vec![vec![1, 0], vec![0, 1], vec![1, 1]]);
        // At k = 2 the two single services merge into one group of two.
        let t = tabulate_referrals(&refs, Dimension::ServiceType, Dimension::ReferralStatus, 2);
        assert_eq!(t.rows, ["shelter", OTHER]);
        assert_eq!(Dimension::ServiceType.unit(), Unit::Referrals);
        assert_eq!(Dimension::Form.unit(), Unit::People);
    }

    fn map(pairs: &[(&str, u64)]) -> std::collections::BTreeMap<String, u64> {
        pairs.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect()
    }

    #[test]
    fn r23_small_categories_merge_and_the_merged_group_grows_to_k() {
        let m = recode(&map(&[("18-24", 15), ("25-34", 32), ("35-44", 25), ("45+", 1)]), 11);
        assert_eq!(m["45+"], OTHER);
        assert_eq!(m["18-24"], OTHER, "1 alone is below 11: the smallest other category joins it");
        assert_eq!(m["25-34"], "25-34");
        let m = recode(&map(&[("VNM", 40), ("MMR", 30)]), 11);
        assert!(m.values().all(|v| v != OTHER), "nothing small, nothing merged");
        let m = recode(&map(&[("ETH", 3), ("NPL", 9), ("VNM", 40)]), 11);
        assert_eq!((m["ETH"].as_str(), m["NPL"].as_str(), m["VNM"].as_str()), (OTHER, OTHER, "VNM"));
    }

    /// The reviewer's attack: two tables sharing the age dimension, one of
    /// them against the single-column period, no longer give the lone
    /// person over 45 away by subtraction.
    #[test]
    fn r23_tables_sharing_a_dimension_show_its_totals_alike_so_none_is_read_off_another() {
        let today = time::macros::date!(2026 - 11 - 30);
        let mut people = Vec::new();
        for (age, n, loc) in
            [(20u8, 15, "shelter"), (30, 32, "shelter"), (40, 25, "community"), (50, 1, "immigration_detention")]
        {
            for _ in 0..n {
                let mut f = facts("male", "MMR", age);
                f.location = crate::person::LocationType::parse(loc).unwrap();
                people.push(f);
            }
        }
        let by_period = release(&tabulate(&people, Dimension::AgeBand, Dimension::Period, today, 11), 11).unwrap();
        let by_place = release(&tabulate(&people, Dimension::AgeBand, Dimension::Location, today, 11), 11).unwrap();
        assert_eq!(by_period.rows, by_place.rows);
        assert_eq!(by_period.rows.last().map(String::as_str), Some(OTHER));
        // Every age total is shown, and the same, in both tables; a total is
        // never the complement of a hidden cell.
        assert_eq!(by_period.row_totals, by_place.row_totals);
        assert!(by_place.col_totals.iter().all(|c| matches!(c, Cell::Shown(_))));
        assert!(by_period.row_totals.iter().all(|c| matches!(c, Cell::Shown(n) if *n >= 11)));
        assert!(!by_place.rows.contains(&"45+".to_owned()));
    }

    // Tests from the mutation run of disclosure.rs: each pins what a
    // surviving mutant changed.

    #[test]
    fn r23_a_shown_figure_reads_back_and_a_hidden_one_reads_as_nothing() {
        assert_eq!(Cell::Shown(7).shown(), Some(7));
        assert_eq!(Cell::Shown(0).shown(), Some(0));
        assert_eq!(Cell::Suppressed.shown(), None);
    }

    #[test]
    fn r23_totals_are_the_sums_of_their_lines() {
        let r = release(&table(vec![vec![12, 20], vec![15, 30]]), 11).unwrap();
        assert_eq!(r.col_totals, vec![Cell::Shown(27), Cell::Shown(50)]);
        assert_eq!(r.row_totals, vec![Cell::Shown(32), Cell::Shown(45)]);
        assert_eq!(r.total, Cell::Shown(77));
    }

    /// A table that needs a second pass: hiding in the columns leaves rows
    /// with one hidden entry, which the next pass must fix.
    #[test]
    fn r23_complementary_suppression_runs_until_no_line_gives_a_cell_away() {
        let r = release(&table(vec![vec![3, 0], vec![13, 11], vec![12, 14]]), 11).unwrap();
        for line in r.lines() {
            assert_ne!(line.iter().filter(|c| **c == Cell::Suppressed).count(), 1, "{line:?} in {r:?}");
        }
        // The second pass hid these two.
        assert_eq!(r.cells[1][1], Cell::Suppressed);
        assert_eq!(r.cells[2][1], Cell::Suppressed);
    }

    #[test]
    fn r23_a_complement_is_a_non_zero_cell_before_a_zero() {
        let r = release(&table(vec![vec![3, 0, 20], vec![30, 40, 50]]), 11).unwrap();
        assert_eq!(r.cells[0][1], Cell::Shown(0), "the zero stays shown");
        assert_eq!(r.cells[0][2], Cell::Suppressed, "the non-zero cell is the complement");
    }

    #[test]
    fn r23_the_audit_reads_every_row_and_column_with_its_total() {
        let r = release(&table(vec![vec![12, 20, 30], vec![15, 30, 40]]), 11).unwrap();
        let lines = r.lines();
        // Two rows and the totals row, three columns and the totals column.
        assert_eq!(lines.len(), 2 + 1 + 3 + 1);
        assert_eq!(lines[0], vec![Cell::Shown(12), Cell::Shown(20), Cell::Shown(30), Cell::Shown(62)]);
        assert_eq!(lines[3], vec![Cell::Shown(12), Cell::Shown(15), Cell::Shown(27)]);
        assert_eq!(lines[6], vec![Cell::Shown(62), Cell::Shown(85), Cell::Shown(147)]);
    }

    #[test]
    fn r23_periods_are_calendar_quarters() {
        let today = time::macros::date!(2026 - 12 - 31);
        let on = |d: time::Date| {
            let mut f = facts("male", "VNM", 30);
            f.recorded_on = d;
            Dimension::Period.value(&f, today)
        };
        assert_eq!(on(time::macros::date!(2026 - 01 - 01)), "2026-Q1");
        assert_eq!(on(time::macros::date!(2026 - 03 - 31)), "2026-Q1");
        assert_eq!(on(time::macros::date!(2026 - 04 - 01)), "2026-Q2");
        assert_eq!(on(time::macros::date!(2026 - 12 - 01)), "2026-Q4");
    }

    #[test]
    fn r10_r23_sex_groups_as_recorded_words_say() {
        let today = time::macros::date!(2026 - 11 - 30);
        let band = |s: &str| Dimension::Sex.value(&facts(s, "VNM", 30), today);
        assert_eq!(band("Woman"), "female");
        assert_eq!(band("F"), "female");
        assert_eq!(band("man"), "male");
        assert_eq!(band("non-binary"), "other");
        assert_eq!(band(""), "not_recorded");
    }

    #[test]
    fn r02_r23_age_bands_break_where_they_say() {
        let today = time::macros::date!(2026 - 11 - 30);
        let band = |a: u8| Dimension::AgeBand.value(&facts("male", "VNM", a), today);
        assert_eq!(band(11), "0-11");
        assert_eq!(band(12), "12-17");
        assert_eq!(band(17), "12-17");
        assert_eq!(band(18), "18-24");
        assert_eq!(band(24), "18-24");
        assert_eq!(band(25), "25-34");
        assert_eq!(band(34), "25-34");
        assert_eq!(band(35), "35-44");
        assert_eq!(band(44), "35-44");
        assert_eq!(band(45), "45+");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// R23: a released table of recoded counts hides no total (so no
        /// table's hidden cells can be read off another's totals), unless
        /// everyone together is fewer than k.
        #[test]
        fn r23_recoded_tables_hide_cells_never_totals(
            people in proptest::collection::vec((0usize..4, 0usize..3, 0u8..60), 1..120),
            k in 3u64..15,
        ) {
            let today = time::macros::date!(2026 - 11 - 30);
            let nats = ["VNM", "MMR", "KHM", "ETH"];
            let sexes = ["male", "female", "x"];
            let facts: Vec<PersonFacts> =
                people.iter().map(|(n, s, a)| facts(sexes[*s], nats[*n], *a)).collect();
            for (rows, cols) in [(Dimension::Nationality, Dimension::Sex), (Dimension::AgeBand, Dimension::Nationality)] {
                let t = release(&tabulate(&facts, rows, cols, today, k), k).unwrap();
                if t.total.shown().is_some() {
                    prop_assert!(t.row_totals.iter().chain(&t.col_totals).all(|c| c.shown().is_some()), "{t:?}");
                }
                for line in t.lines() {
                    prop_assert_ne!(line.iter().filter(|c| **c == Cell::Suppressed).count(), 1);
                }
            }
        }

        /// R23: after recoding, every category shown has at least k people
        /// (or none), in every table that shows its dimension.
        #[test]
        fn r23_every_released_category_holds_k_people_or_none(
            counts in proptest::collection::btree_map("[a-f]", 0u64..30, 1..8),
            k in 3u64..15,
        ) {
            let m = recode(&counts, k);
            let mut sizes = std::collections::BTreeMap::<String, u64>::new();
            for (c, n) in &counts {
                *sizes.entry(m[c].clone()).or_default() += n;
            }
            let total: u64 = counts.values().sum();
            for (label, n) in &sizes {
                // The merged group may stay below k only when everyone is in it.
                prop_assert!(*n == 0 || *n >= k || (label == OTHER && *n == total), "{label} holds {n} at k = {k}");
            }
        }

        /// R23: no shown figure is from 1 to k − 1, and no line of the grid
        /// has exactly one suppressed entry, so none is a subtraction away.
        #[test]
        fn r23_no_released_cell_is_small_or_derivable_from_a_total(
            cells in (1usize..6, 1usize..6).prop_flat_map(|(r, c)| {
                proptest::collection::vec(proptest::collection::vec(
                    prop_oneof![3 => 0u64..15, 1 => 0u64..200], c), r)
            }),
            k in 3u64..20,
        ) {
            let r = release(&table(cells.clone()), k).unwrap();
            for line in r.lines() {
                for cell in &line {
                    if let Cell::Shown(v) = cell {
                        prop_assert!(*v == 0 || *v >= k, "shown {v} below k = {k}");
                    }
                }
                let hidden = line.iter().filter(|c| **c == Cell::Suppressed).count();
                prop_assert!(hidden != 1, "a line with one suppressed entry: {line:?}");
            }
            // What is shown is true.
            for (i, row) in cells.iter().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    if let Cell::Shown(s) = r.cells[i][j] {
                        prop_assert_eq!(s, *v);
                    }
                }
            }
        }
    }
}
