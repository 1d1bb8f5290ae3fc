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
/// gives that entry away by subtraction; hide the smallest other entry too.
/// Returns whether anything was hidden.
fn protect_line(line: &[(usize, usize)], value: &[Vec<u64>], hidden: &mut [Vec<bool>]) -> bool {
    let n_hidden = line.iter().filter(|(r, c)| hidden[*r][*c]).count();
    if n_hidden != 1 {
        return false;
    }
    // The smallest non-zero shown entry costs the least information; a
    // zero is taken only when nothing else is left.
    let pick =
        line.iter().filter(|(r, c)| !hidden[*r][*c]).min_by_key(|(r, c)| (value[*r][*c] == 0, value[*r][*c])).copied();
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
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Period,
        Dimension::Nationality,
        Dimension::Sex,
        Dimension::AgeBand,
        Dimension::Location,
        Dimension::Outcome,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Period => "period",
            Dimension::Nationality => "nationality",
            Dimension::Sex => "sex",
            Dimension::AgeBand => "age_band",
            Dimension::Location => "location",
            Dimension::Outcome => "outcome",
        }
    }

    pub fn parse(s: &str) -> Result<Self, crate::ValidationError> {
        Self::ALL.iter().copied().find(|d| d.as_str() == s.trim()).ok_or(crate::ValidationError::new(
            "dimension",
            "invalid_dimension",
            "break figures down by period, nationality, sex, age_band, location or outcome",
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
        }
    }
}

/// Sex as recorded is the person's own word; figures group it.
fn sex_band(sex: Option<&str>) -> &'static str {
    match sex.map(|s| s.trim().to_lowercase()) {
        None => "not_recorded",
        Some(s) if s.is_empty() => "not_recorded",
        Some(s) if ["male", "man", "m"].contains(&s.as_str()) => "male",
        Some(s) if ["female", "woman", "f"].contains(&s.as_str()) => "female",
        Some(_) => "other",
    }
}

/// Age bands with children apart (R02): under 12, 12–17, then adults.
fn age_band(birth: Option<&crate::person::Birth>, today: time::Date) -> &'static str {
    match birth.and_then(|b| b.age_on(today)) {
        None => "unknown",
        Some(a) if a < 12 => "0-11",
        Some(a) if a < 18 => "12-17",
        Some(a) if a < 25 => "18-24",
        Some(a) if a < 35 => "25-34",
        Some(a) if a < 45 => "35-44",
        Some(_) => "45+",
    }
}

/// Counts people by two dimensions. Rows and columns come out sorted, so
/// the same facts give the same table whatever order they came in.
pub fn tabulate(facts: &[PersonFacts], rows: Dimension, cols: Dimension, today: time::Date) -> Counts {
    let mut counts = Counts::new(Vec::new(), Vec::new());
    for f in facts {
        counts.add(&rows.value(f, today), &cols.value(f, today));
    }
    let mut row_order: Vec<usize> = (0..counts.rows.len()).collect();
    row_order.sort_by(|a, b| counts.rows[*a].cmp(&counts.rows[*b]));
    let mut col_order: Vec<usize> = (0..counts.cols.len()).collect();
    col_order.sort_by(|a, b| counts.cols[*a].cmp(&counts.cols[*b]));
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
            outcome: None,
            recorded_on: time::macros::date!(2026 - 11 - 02),
        }
    }

    #[test]
    fn r02_r23_tabulation_groups_sex_and_keeps_children_in_their_own_age_bands() {
        let today = time::macros::date!(2026 - 11 - 30);
        let people = [facts("Male", "VNM", 17), facts("man", "VNM", 30), facts("F", "IDN", 11), facts("", "IDN", 45)];
        let t = tabulate(&people, Dimension::Nationality, Dimension::Sex, today);
        assert_eq!(t.rows, ["IDN", "VNM"]);
        assert_eq!(t.cols, ["female", "male", "not_recorded"]);
        assert_eq!(t.cells, vec![vec![1, 0, 1], vec![0, 2, 0]]);
        let t = tabulate(&people, Dimension::AgeBand, Dimension::Period, today);
        assert_eq!(t.rows, ["0-11", "12-17", "25-34", "45+"]);
        assert_eq!(t.cols, ["2026-Q4"]);
        assert_eq!(Dimension::parse("age_band"), Ok(Dimension::AgeBand));
        assert!(Dimension::parse("name").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

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
