use super::*;
use proptest::prelude::*;
use time::macros::date;

fn place(code: &str) -> Place {
    Country::parse(code).map_or(Place::NotKnown, Place::Country)
}

fn record(year: i32, gender: Gender, age: AgeBroad, majority: Majority, cit: &str, coe: &str) -> CtdcRecord {
    CtdcRecord {
        year_of_registration: Years::single(year),
        gender,
        age_broad: age,
        majority_status: majority,
        citizenship: place(cit),
        country_of_exploitation: place(coe),
        attributes: None,
    }
}

fn woman(cit: &str, coe: &str) -> CtdcRecord {
    record(2026, Gender::Female, AgeBroad::Age24To26, Majority::Adult, cit, coe)
}

fn girl(cit: &str, coe: &str) -> CtdcRecord {
    record(2026, Gender::Female, AgeBroad::Age9To17, Majority::Minor, cit, coe)
}

fn times(n: usize, r: CtdcRecord) -> Vec<CtdcRecord> {
    vec![r; n]
}

fn classes(a: &Anonymised) -> BTreeMap<Key, u64> {
    let mut m = BTreeMap::new();
    for r in &a.records {
        let key = (
            r.year_of_registration,
            r.gender,
            r.age_broad,
            r.majority_status,
            r.citizenship,
            r.country_of_exploitation,
        );
        *m.entry(key).or_insert(0u64) += 1;
    }
    m
}

fn sea() -> Place {
    Place::SubRegion(SubRegion::SouthEasternAsia)
}

#[test]
fn r23_a_threshold_below_three_is_refused() {
    assert_eq!(k_anonymise(times(20, woman("VNM", "MMR")), 2), Err(ThresholdTooLow(2)));
    assert!(k_anonymise(times(20, woman("VNM", "MMR")), MIN_K).is_ok());
}

#[test]
fn r23_a_class_of_exactly_k_is_published_as_it_is() {
    let people = times(11, woman("VNM", "MMR"));
    let a = k_anonymise(people.clone(), 11).unwrap();
    assert_eq!(a.records, people);
    assert_eq!((a.k, a.input, a.suppressed, a.generalised_records), (11, 11, 0, 0));
    assert!(a.generalised.is_empty());
}

#[test]
fn r23_a_class_of_k_minus_one_is_never_published() {
    let a = k_anonymise(times(10, woman("VNM", "MMR")), 11).unwrap();
    assert!(a.records.is_empty());
    assert_eq!((a.input, a.suppressed), (10, 10));
}

#[test]
fn r23_the_only_lao_woman_over_45_never_appears_as_herself() {
    let mut people = times(30, woman("VNM", "KHM"));
    people.push(record(2026, Gender::Female, AgeBroad::Age48Plus, Majority::Adult, "LAO", "KHM"));
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.records.len() as u64 + a.suppressed, 31);
    for r in &a.records {
        assert_ne!(r.citizenship, place("LAO"), "{r:?}");
        assert_ne!(r.age_broad, AgeBroad::Age48Plus, "{r:?}");
    }
    assert!(classes(&a).values().all(|n| *n >= 11));
}

#[test]
fn r23_rare_countries_go_to_their_sub_region_then_region_then_other() {
    // PHL (10) and MYS (1) are rare alone; together their sub-region holds
    // exactly k, so it is published and goes no further.
    let mut col = [vec![place("VNM"); 11], vec![place("PHL"); 10], vec![place("MYS")]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(place("VNM"), 11), (sea(), 11)]));

    // One short: the sub-region goes to its region, which is short too, so
    // to Other, which stays short (its records are for suppression); no
    // large category is pulled in to pad it.
    let mut col = [vec![place("VNM"); 20], vec![place("THA"); 12], vec![place("PHL"); 9], vec![place("MYS")]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(place("VNM"), 20), (place("THA"), 12), (Place::Other, 10)]));

    // A sub-region below k goes to its region, which may hold k.
    let mut col = [vec![place("VNM"); 11], vec![place("PHL"); 5], vec![place("CHN"); 6]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(place("VNM"), 11), (Place::Region(Region::Asia), 11)]));

    // Not known and Other have nowhere to go.
    let mut col = [vec![place("VNM"); 20], vec![Place::NotKnown; 2], vec![Place::Other; 3]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(place("VNM"), 20), (Place::Other, 3), (Place::NotKnown, 2)]));
}

#[test]
fn r23_antarctica_has_no_sub_region_and_goes_straight_to_other() {
    let ata = place("ATA");
    assert_eq!(ata.parent(), Some(Place::Other));
    assert_eq!(sea().parent(), Some(Place::Region(Region::Asia)));
    assert_eq!(Place::Region(Region::Asia).parent(), Some(Place::Other));
    assert_eq!(Place::Other.parent(), None);
    assert_eq!(Place::NotKnown.parent(), None);
}

#[test]
fn r02_r23_children_are_never_merged_with_adults() {
    let mut col = [vec![AgeBroad::Age0To8; 2], vec![AgeBroad::Age9To17; 3], vec![AgeBroad::Age30To38; 20]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(AgeBroad::Age30To38, 20), (AgeBroad::Age0To17, 5)]));
    for band in [AgeBroad::Age0To8, AgeBroad::Age9To17] {
        assert_eq!(band.parent(), Some(AgeBroad::Age0To17));
    }
    assert_eq!(AgeBroad::Age0To17.parent(), None);
    for band in [AgeBroad::Age18To20, AgeBroad::Age21To23, AgeBroad::Age24To26, AgeBroad::Age27To29] {
        assert_eq!(band.parent(), Some(AgeBroad::Age18To29));
    }
    for band in [AgeBroad::Age30To38, AgeBroad::Age39To47] {
        assert_eq!(band.parent(), Some(AgeBroad::Age30To47));
    }
    for band in [AgeBroad::Age18To29, AgeBroad::Age30To47, AgeBroad::Age48Plus] {
        assert_eq!(band.parent(), Some(AgeBroad::Age18Plus));
    }
    assert_eq!(AgeBroad::Age18Plus.parent(), None);
    assert_eq!(AgeBroad::NotKnown.parent(), None);
}

#[test]
fn r23_whole_column_steps_lift_the_lowest_level_first() {
    let mut ages = vec![AgeBroad::Age24To26, AgeBroad::Age18To29, AgeBroad::Age48Plus, AgeBroad::Age9To17];
    assert!(step_column(&mut ages));
    assert_eq!(ages, [AgeBroad::Age18To29, AgeBroad::Age18To29, AgeBroad::Age18Plus, AgeBroad::Age0To17]);
    assert!(step_column(&mut ages));
    assert_eq!(ages, [AgeBroad::Age18Plus, AgeBroad::Age18Plus, AgeBroad::Age18Plus, AgeBroad::Age0To17]);
    assert!(!step_column(&mut ages), "nothing left to lift");

    let mut places = vec![place("VNM"), sea(), Place::NotKnown, Place::Region(Region::Africa)];
    assert!(step_column(&mut places));
    assert_eq!(places, [sea(), sea(), Place::NotKnown, Place::Region(Region::Africa)]);
    assert!(step_column(&mut places));
    assert_eq!(
        places,
        [Place::Region(Region::Asia), Place::Region(Region::Asia), Place::NotKnown, Place::Region(Region::Africa)]
    );
    assert!(step_column(&mut places));
    assert_eq!(places, [Place::Other, Place::Other, Place::NotKnown, Place::Other]);
    assert!(!step_column(&mut places));

    let mut genders = vec![Gender::Female, Gender::NotKnown, Gender::Male];
    assert!(step_column(&mut genders));
    assert_eq!(genders, [Gender::NotKnown; 3]);
    assert!(!step_column(&mut genders));

    let mut majority = vec![Majority::Minor, Majority::Adult];
    assert!(!step_column(&mut majority), "majority status is never generalised");
    recode_column(&mut majority, 11);
    assert_eq!(majority, [Majority::Minor, Majority::Adult]);
}

#[test]
fn r23_a_rare_gender_joins_not_known() {
    let mut col = [vec![Gender::Transgender; 2], vec![Gender::Female; 20], vec![Gender::Male; 15]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(Gender::Female, 20), (Gender::Male, 15), (Gender::NotKnown, 2)]));
    let mut col = [vec![Gender::Transgender; 11], vec![Gender::Female; 20]].concat();
    recode_column(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(Gender::Female, 20), (Gender::Transgender, 11)]));
}

#[test]
fn r23_years_merge_with_the_next_until_each_span_holds_k() {
    let y = Years::single;
    let span = |from, to| Years { from, to };
    let mut col = [vec![y(2023); 3], vec![y(2024); 40], vec![y(2025); 12]].concat();
    merge_years(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(span(2023, 2024), 43), (y(2025), 12)]));
    // The last span short of k joins the one before.
    let mut col = [vec![y(2024); 40], vec![y(2025); 3]].concat();
    merge_years(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(span(2024, 2025), 43)]));
    // Exactly k stands alone; k − 1 takes the next year in.
    let mut col = [vec![y(2023); 11], vec![y(2024); 11]].concat();
    merge_years(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(y(2023), 11), (y(2024), 11)]));
    let mut col = [vec![y(2023); 10], vec![y(2024); 1], vec![y(2025); 11]].concat();
    merge_years(&mut col, 11);
    assert_eq!(count(&col), BTreeMap::from([(span(2023, 2024), 11), (y(2025), 11)]));
    // One span short of k has nothing to join, but is one span.
    let mut col = vec![y(2023); 4];
    merge_years(&mut col, 11);
    assert_eq!(col, vec![y(2023); 4]);
    let mut col = [vec![y(2023); 2], vec![y(2024); 2]].concat();
    merge_years(&mut col, 11);
    assert_eq!(col, vec![span(2023, 2024); 4]);
    // Spans merged before keep their ends.
    let mut col = [vec![span(2020, 2021); 3], vec![span(2022, 2023); 3]].concat();
    merge_years(&mut col, 11);
    assert_eq!(col, vec![span(2020, 2023); 6]);

    let mut col = vec![y(2023), span(2024, 2025), y(2021)];
    assert!(step_years(&mut col));
    assert_eq!(col, vec![span(2021, 2025); 3]);
    assert!(!step_years(&mut col));
    assert!(!step_years(&mut []));
    // A span that already covers them all does not stop the others joining it.
    let mut col = vec![span(2021, 2025), y(2023)];
    assert!(step_years(&mut col));
    assert_eq!(col, vec![span(2021, 2025); 2]);
}

#[test]
fn r23_whole_columns_are_generalised_before_records_are_suppressed() {
    // Every country holds k, but no citizenship × country of exploitation
    // does: the citizenships go up to their sub-region, nobody is left out.
    let mut people = Vec::new();
    for cit in ["VNM", "IDN", "PHL", "KHM"] {
        people.extend(times(6, woman(cit, "MMR")));
        people.extend(times(6, woman(cit, "KHM")));
    }
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.suppressed, 0);
    assert_eq!(a.records.len(), 48);
    assert!(a.records.iter().all(|r| r.citizenship == sea()));
    assert_eq!(a.generalised, BTreeMap::from([(Quasi::Citizenship, 48)]));
    assert_eq!(a.generalised_records, 48);
    assert_eq!(count(&a.records.iter().map(|r| r.country_of_exploitation).collect::<Vec<_>>()).len(), 2);
}

/// Adults and five girls; the girls are never merged with adults, so five
/// records are below k however far the columns go up. That, plus k, is
/// what may be suppressed before the columns are generalised.
fn with_small_classes(idn_in_khm: usize) -> Vec<CtdcRecord> {
    let mut people = times(20, woman("VNM", "MMR"));
    people.extend(times(6, woman("VNM", "KHM")));
    people.extend(times(idn_in_khm, woman("IDN", "KHM")));
    people.extend(times(11, woman("IDN", "MMR")));
    people.extend(times(5, girl("VNM", "MMR")));
    people
}

#[test]
fn r23_up_to_k_records_beyond_the_unavoidable_are_suppressed_rather_than_coarsen_every_row() {
    // 6 + 5 adults and the 5 girls below k: 16, the allowance.
    let a = k_anonymise(with_small_classes(5), 11).unwrap();
    assert_eq!(a.suppressed, 16);
    assert_eq!(a.records.len(), 31);
    assert!(a.generalised.is_empty(), "{:?}", a.generalised);
    // One more: the citizenships go up instead, and only the girls are left out.
    let a = k_anonymise(with_small_classes(6), 11).unwrap();
    assert_eq!(a.suppressed, 5);
    assert_eq!(a.records.len(), 43);
    assert!(a.records.iter().all(|r| r.citizenship == sea() && r.majority_status == Majority::Adult));
    assert_eq!(a.generalised, BTreeMap::from([(Quasi::Citizenship, 43)]));
}

#[test]
fn r23_the_step_chosen_is_the_one_that_leaves_fewest_below_k() {
    // Four countries of exploitation in four sub-regions, two
    // citizenships of one: the countries of exploitation have more
    // distinct values, but lifting them to sub-regions parts nobody
    // from anybody; lifting the citizenships leaves nobody below k.
    let mut people = Vec::new();
    for coe in ["MMR", "CHN", "IND", "ARE"] {
        people.extend(times(6, woman("VNM", coe)));
        people.extend(times(6, woman("IDN", coe)));
    }
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.suppressed, 0);
    assert_eq!(a.generalised, BTreeMap::from([(Quasi::Citizenship, 48)]));
    assert!(a.records.iter().all(|r| r.citizenship == sea()));
}

#[test]
fn r23_ties_go_to_the_column_with_more_distinct_values() {
    // Either step alone leaves nobody below k; the countries of
    // exploitation have three values, the citizenships two, so the
    // countries of exploitation go up, though they come later in order.
    let mut people = Vec::new();
    for cit in ["VNM", "IDN"] {
        for coe in ["MMR", "KHM", "LAO"] {
            people.extend(times(6, woman(cit, coe)));
        }
    }
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.suppressed, 0);
    assert_eq!(a.generalised, BTreeMap::from([(Quasi::CountryOfExploitation, 36)]));
    assert!(a.records.iter().all(|r| r.country_of_exploitation == sea()));
}

#[test]
fn r23_columns_go_up_one_after_another_until_enough_is_published() {
    // Three columns cross into classes of three; no single step helps.
    // The tie goes to the first in order (gender), then the citizenships
    // go up, and everybody is published.
    let mut people = Vec::new();
    for cit in ["VNM", "IDN"] {
        for coe in ["MMR", "KHM"] {
            for gender in [Gender::Female, Gender::Male] {
                people.extend(times(3, record(2026, gender, AgeBroad::Age24To26, Majority::Adult, cit, coe)));
            }
        }
    }
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.suppressed, 0);
    assert_eq!(a.generalised, BTreeMap::from([(Quasi::Gender, 24), (Quasi::Citizenship, 24)]));
}

#[test]
fn r23_output_is_sorted_and_counts_what_was_generalised() {
    let mut people = times(12, woman("VNM", "MMR"));
    people.extend(times(12, woman("IDN", "MMR")));
    // Three Ethiopian women go to Other, still short of k: left out.
    people.extend(times(3, woman("ETH", "MMR")));
    let a = k_anonymise(people, 11).unwrap();
    let mut sorted = a.records.clone();
    sorted.sort();
    assert_eq!(a.records, sorted);
    assert_eq!(a.records[0].citizenship, place("IDN"));
    assert_eq!(a.suppressed, 3);
    assert!(a.generalised.is_empty());
    assert_eq!(a.generalised_records, 0);
    assert_eq!(a.input, 27);
}

#[test]
fn r23_each_changed_quasi_identifier_is_counted() {
    // Ten women of 2025 and one person of 2026: the year spans both; the
    // genders go to not known, the citizenships to their sub-region.
    let mut people = times(10, record(2025, Gender::Female, AgeBroad::Age24To26, Majority::Adult, "VNM", "MMR"));
    people.push(record(2026, Gender::Transgender, AgeBroad::Age24To26, Majority::Adult, "LAO", "MMR"));
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.suppressed, 0);
    assert_eq!(a.records.len(), 11);
    let r = &a.records[0];
    assert_eq!(r.year_of_registration, Years { from: 2025, to: 2026 });
    assert_eq!(r.gender, Gender::NotKnown);
    assert_eq!(r.citizenship, sea());
    assert_eq!(r.age_broad, AgeBroad::Age24To26);
    assert_eq!(a.generalised, BTreeMap::from([(Quasi::Year, 11), (Quasi::Gender, 11), (Quasi::Citizenship, 11)]));
    assert_eq!(a.generalised_records, 11);
}

#[test]
fn r23_attributes_travel_with_their_record() {
    let mut people = times(11, woman("VNM", "MMR"));
    for p in people.iter_mut() {
        p.attributes = Some(BTreeSet::from([Attribute::DebtBondage]));
    }
    let mut others = times(11, woman("VNM", "MMR"));
    for p in others.iter_mut() {
        p.attributes = Some(BTreeSet::new());
    }
    people.extend(others);
    let a = k_anonymise(people, 11).unwrap();
    let bonded: Vec<_> = a
        .records
        .iter()
        .filter(|r| r.attributes.as_ref().is_some_and(|s| s.contains(&Attribute::DebtBondage)))
        .collect();
    assert_eq!(bonded.len(), 11);
    let vietnam = Place::Country(Country::parse("VNM").unwrap());
    assert!(bonded.iter().all(|r| r.citizenship == vietnam), "{bonded:?}");
    assert_eq!(a.withheld_attributes, 0);
}

#[test]
fn r02_age_bands_break_where_ctdc_breaks_them() {
    let cases = [
        (0, AgeBroad::Age0To8, "0--8"),
        (8, AgeBroad::Age0To8, "0--8"),
        (9, AgeBroad::Age9To17, "9--17"),
        (17, AgeBroad::Age9To17, "9--17"),
        (18, AgeBroad::Age18To20, "18--20"),
        (20, AgeBroad::Age18To20, "18--20"),
        (21, AgeBroad::Age21To23, "21--23"),
        (23, AgeBroad::Age21To23, "21--23"),
        (24, AgeBroad::Age24To26, "24--26"),
        (26, AgeBroad::Age24To26, "24--26"),
        (27, AgeBroad::Age27To29, "27--29"),
        (29, AgeBroad::Age27To29, "27--29"),
        (30, AgeBroad::Age30To38, "30--38"),
        (38, AgeBroad::Age30To38, "30--38"),
        (39, AgeBroad::Age39To47, "39--47"),
        (47, AgeBroad::Age39To47, "39--47"),
        (48, AgeBroad::Age48Plus, "48+"),
        (90, AgeBroad::Age48Plus, "48+"),
    ];
    for (age, band, code) in cases {
        assert_eq!(AgeBroad::of_age(Some(age)), band, "{age}");
        assert_eq!(band.code(), Some(code));
    }
    assert_eq!(AgeBroad::of_age(None), AgeBroad::NotKnown);
    assert_eq!(AgeBroad::NotKnown.code(), None);
    assert_eq!(AgeBroad::Age0To17.code(), Some("0--17"));
    assert_eq!(AgeBroad::Age18To29.code(), Some("18--29"));
    assert_eq!(AgeBroad::Age30To47.code(), Some("30--47"));
    assert_eq!(AgeBroad::Age18Plus.code(), Some("18+"));
    let levels: Vec<u8> = [
        AgeBroad::Age0To8,
        AgeBroad::Age48Plus,
        AgeBroad::Age0To17,
        AgeBroad::Age18To29,
        AgeBroad::Age30To47,
        AgeBroad::Age18Plus,
        AgeBroad::NotKnown,
    ]
    .iter()
    .map(|a| a.level())
    .collect();
    assert_eq!(levels, [0, 0, 1, 1, 1, 2, 2]);
}

#[test]
fn r02_a_possible_child_is_never_published_as_an_adult() {
    let on = date!(2026 - 11 - 30);
    let est = |years, uncertain| Birth::Estimated { years, uncertain };
    assert_eq!(Majority::of_birth(Some(&est(17, false)), on), Majority::Minor);
    assert_eq!(Majority::of_birth(Some(&est(19, true)), on), Majority::NotKnown);
    assert_eq!(Majority::of_birth(Some(&est(19, false)), on), Majority::Adult);
    assert_eq!(Majority::of_birth(Some(&est(30, true)), on), Majority::Adult);
    assert_eq!(Majority::of_birth(Some(&Birth::Unknown), on), Majority::NotKnown);
    assert_eq!(Majority::of_birth(None, on), Majority::NotKnown);
    assert_eq!(Majority::of_birth(Some(&Birth::DateOfBirth(date!(2008 - 11 - 30))), on), Majority::Adult);
    assert_eq!(Majority::of_birth(Some(&Birth::DateOfBirth(date!(2008 - 12 - 01))), on), Majority::Minor);
}

#[test]
fn r10_gender_groups_the_persons_own_words_and_never_guesses() {
    assert_eq!(Gender::of_sex(Some("Woman")), Gender::Female);
    assert_eq!(Gender::of_sex(Some("girl")), Gender::Female);
    assert_eq!(Gender::of_sex(Some("M")), Gender::Male);
    assert_eq!(Gender::of_sex(Some(" trans   woman ")), Gender::Transgender);
    assert_eq!(Gender::of_sex(Some("Non-binary")), Gender::Transgender);
    assert_eq!(Gender::of_sex(Some("x")), Gender::NotKnown);
    assert_eq!(Gender::of_sex(Some("")), Gender::NotKnown);
    assert_eq!(Gender::of_sex(None), Gender::NotKnown);
    assert_eq!(Gender::NotKnown.parent(), None);
    assert_eq!(Gender::Male.parent(), Some(Gender::NotKnown));
    assert_eq!((Gender::Female.level(), Gender::NotKnown.level()), (0, 1));
}

fn input() -> CtdcInput {
    CtdcInput {
        recorded_on: date!(2026 - 03 - 15),
        sex: Some("female".into()),
        birth: Some(Birth::DateOfBirth(date!(2000 - 03 - 16))),
        nationality: Some("VNM".into()),
        country_of_exploitation: Some("KHM".into()),
        indicators: Some(BTreeSet::new()),
        recruiters: BTreeSet::new(),
    }
}

#[test]
fn r23_a_record_holds_ctdc_categories_and_nothing_else() {
    let r = CtdcRecord::from_input(&input());
    assert_eq!(r.year_of_registration, Years::single(2026));
    assert_eq!(r.gender, Gender::Female);
    // 25 on the day of registration: a day short of 26.
    assert_eq!(r.age_broad, AgeBroad::Age24To26);
    assert_eq!(r.majority_status, Majority::Adult);
    assert_eq!(r.citizenship, place("VNM"));
    assert_eq!(r.country_of_exploitation, place("KHM"));
    assert_eq!(r.attributes, Some(BTreeSet::from([Attribute::RecruiterUnknown])));

    let mut i = input();
    i.nationality = Some("Vietnam".into());
    i.country_of_exploitation = Some("dont_know".into());
    i.birth = None;
    i.indicators = None;
    let r = CtdcRecord::from_input(&i);
    assert_eq!((r.citizenship, r.country_of_exploitation), (Place::NotKnown, Place::NotKnown));
    assert_eq!((r.age_broad, r.majority_status), (AgeBroad::NotKnown, Majority::NotKnown));
    assert_eq!(r.attributes, None, "not screened: nothing is known, not absent");
    i.nationality = None;
    i.country_of_exploitation = Some(" MMR ".into());
    let r = CtdcRecord::from_input(&i);
    assert_eq!((r.citizenship, r.country_of_exploitation), (Place::NotKnown, place("MMR")));
}

#[test]
fn r04_indicators_map_to_ctdc_attributes_as_documented() {
    use Attribute::*;
    let expected: [(&str, &[Attribute]); 27] = [
        ("debt_bondage", &[DebtBondage]),
        ("debt_imposed", &[DebtBondage]),
        ("fines_imposed", &[TakesEarnings]),
        ("wages_withheld", &[TakesEarnings]),
        ("threats_and_intimidation", &[Threats]),
        ("threatened_now", &[Threats]),
        ("isolated_from_family", &[PsychologicalAbuse]),
        ("witnessed_death_or_torture", &[PsychologicalAbuse]),
        ("violence", &[PhysicalAbuse]),
        ("violence_used", &[PhysicalAbuse]),
        ("deceived_about_job", &[FalsePromises]),
        ("confinement", &[RestrictsMovement]),
        ("armed_guards", &[RestrictsMovement]),
        ("excessive_hours", &[ExcessiveWorkingHours]),
        ("threat_of_denunciation", &[ThreatOfLawEnforcement]),
        ("denied_necessities", &[WithholdsNecessities]),
        ("documents_confiscated", &[WithholdsDocuments]),
        ("forced_criminality", &[ForcedLabour, LabourIllicitActivities]),
        ("forced_other_crimes", &[ForcedLabour, LabourIllicitActivities]),
        ("forced_labour", &[ForcedLabour]),
        ("sexual_exploitation", &[SexualExploit]),
        ("sold_between_compounds", &[SlaveryAndPractices]),
        ("abduction", &[Abduction]),
        ("ransom", &[]),
        ("punished_for_targets", &[]),
        ("online_job_ad", &[]),
        ("knew_scam_work", &[]),
    ];
    for (indicator, attributes) in expected {
        let mut i = input();
        i.indicators = Some(BTreeSet::from([indicator.to_owned()]));
        i.recruiters = BTreeSet::from(["none_of_these".to_owned()]);
        let got = CtdcRecord::from_input(&i).attributes.unwrap();
        assert_eq!(got, attributes.iter().copied().collect::<BTreeSet<_>>(), "{indicator}");
    }
}

#[test]
fn r23_recruiters_map_to_ctdc_relations() {
    use Attribute::*;
    let relations = |codes: &[&str]| {
        let mut i = input();
        i.recruiters = codes.iter().map(|c| (*c).to_owned()).collect();
        CtdcRecord::from_input(&i).attributes.unwrap()
    };
    assert_eq!(relations(&[]), BTreeSet::from([RecruiterUnknown]));
    assert_eq!(relations(&["none_of_these"]), BTreeSet::new());
    assert_eq!(relations(&["friend", "relative"]), BTreeSet::from([RecruiterFriend, RecruiterFamily]));
    for other in ["agent_or_broker", "recruitment_agency", "employer_or_company", "partner_or_online_contact", "other"]
    {
        assert_eq!(relations(&[other]), BTreeSet::from([RecruiterOther]), "{other}");
    }
    assert_eq!(relations(&["something_new"]), BTreeSet::from([RecruiterUnknown]));
    // Without a screening the recruiter is not known either.
    let mut i = input();
    i.indicators = None;
    i.recruiters = BTreeSet::from(["friend".to_owned()]);
    assert_eq!(CtdcRecord::from_input(&i).attributes, None);
}

#[test]
fn countries_are_iso_3166_with_alpha_2_and_m49_sub_regions() {
    let codes: Vec<&str> = COUNTRIES.iter().map(|c| c.0).collect();
    assert_eq!(codes, crate::iso3166::ALPHA3.to_vec(), "the same countries, sorted");
    let vnm = Country::parse("VNM").unwrap();
    assert_eq!((vnm.alpha3(), vnm.alpha2(), vnm.sub_region()), ("VNM", "VN", Some(SubRegion::SouthEasternAsia)));
    let eth = Country::parse("ETH").unwrap();
    assert_eq!((eth.alpha2(), eth.sub_region()), ("ET", Some(SubRegion::SubSaharanAfrica)));
    assert_eq!(Country::parse("ATA").and_then(|c| c.sub_region()), None);
    assert_eq!(Country::parse("XXX"), None);
    assert_eq!(Country::parse("vnm"), None);
    assert!(Country::parse("ABW") < Country::parse("ZWE"));
}

#[test]
fn m49_sub_regions_belong_to_their_regions() {
    use SubRegion::*;
    let all = [
        (AustraliaAndNewZealand, "Australia and New Zealand", Region::Oceania),
        (CentralAsia, "Central Asia", Region::Asia),
        (EasternAsia, "Eastern Asia", Region::Asia),
        (EasternEurope, "Eastern Europe", Region::Europe),
        (LatinAmericaAndTheCaribbean, "Latin America and the Caribbean", Region::Americas),
        (Melanesia, "Melanesia", Region::Oceania),
        (Micronesia, "Micronesia", Region::Oceania),
        (NorthernAfrica, "Northern Africa", Region::Africa),
        (NorthernAmerica, "Northern America", Region::Americas),
        (NorthernEurope, "Northern Europe", Region::Europe),
        (Polynesia, "Polynesia", Region::Oceania),
        (SouthEasternAsia, "South-eastern Asia", Region::Asia),
        (SouthernAsia, "Southern Asia", Region::Asia),
        (SouthernEurope, "Southern Europe", Region::Europe),
        (SubSaharanAfrica, "Sub-Saharan Africa", Region::Africa),
        (WesternAsia, "Western Asia", Region::Asia),
        (WesternEurope, "Western Europe", Region::Europe),
    ];
    for (s, name, region) in all {
        assert_eq!((s.name(), s.region()), (name, region));
    }
    let names: Vec<&str> = [Region::Africa, Region::Americas, Region::Asia, Region::Europe, Region::Oceania]
        .iter()
        .map(|r| r.name())
        .collect();
    assert_eq!(names, ["Africa", "Americas", "Asia", "Europe", "Oceania"]);
    let levels: Vec<u8> = [place("VNM"), sea(), Place::Region(Region::Asia), Place::Other, Place::NotKnown]
        .iter()
        .map(|p| p.level())
        .collect();
    assert_eq!(levels, [0, 1, 2, 3, 3]);
}

#[test]
fn quasi_identifiers_have_stable_codes() {
    let codes: Vec<&str> = Quasi::ALL.iter().map(|q| q.as_str()).collect();
    assert_eq!(
        codes,
        ["year_of_registration", "gender", "age_broad", "majority_status", "citizenship", "country_of_exploitation"]
    );
}

fn arb_record() -> impl Strategy<Value = CtdcRecord> {
    let countries = ["VNM", "IDN", "MMR", "LAO", "KHM", "ETH", "KEN", "CHN", "IND", "BRA", "", "ATA"];
    let genders = [Gender::Female, Gender::Male, Gender::Transgender, Gender::NotKnown];
    (
        2022i32..2027,
        0usize..4,
        proptest::option::of(0u8..70),
        proptest::bool::ANY,
        0usize..countries.len(),
        0usize..countries.len(),
        proptest::option::of(proptest::collection::btree_set(0usize..Attribute::ALL.len(), 0..4)),
    )
        .prop_map(move |(year, g, age, uncertain, cit, coe, attrs)| {
            let birth = age.map(|years| Birth::Estimated { years, uncertain });
            let on = date!(2026 - 06 - 01);
            CtdcRecord {
                year_of_registration: Years::single(year),
                gender: genders[g],
                age_broad: AgeBroad::of_age(birth.as_ref().and_then(|b| b.age_on(on))),
                majority_status: Majority::of_birth(birth.as_ref(), on),
                citizenship: place(countries[cit]),
                country_of_exploitation: place(countries[coe]),
                attributes: attrs.map(|s| s.into_iter().map(|i| Attribute::ALL[i]).collect()),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// R23: every class over the quasi-identifiers that is published holds
    /// at least k records, whatever the records and k.
    #[test]
    fn r23_every_published_class_holds_at_least_k(
        records in proptest::collection::vec(arb_record(), 0..150),
        k in MIN_K..=20,
    ) {
        let a = k_anonymise(records.clone(), k).unwrap();
        for (key, n) in classes(&a) {
            prop_assert!(n >= k, "{key:?} holds {n} at k = {k}");
        }
        prop_assert_eq!(a.records.len() as u64 + a.suppressed, records.len() as u64);
        prop_assert_eq!(a.input, records.len() as u64);
        prop_assert!(a.records.windows(2).all(|w| w[0] <= w[1]), "sorted");
        prop_assert!(a.generalised_records <= a.records.len() as u64);
        prop_assert!(a.generalised.values().all(|n| *n <= a.generalised_records));
        // R02: a child's band is never widened into an adult's, and the
        // majority status published is the one recorded.
        for r in &a.records {
            if r.majority_status == Majority::Minor {
                prop_assert!(matches!(r.age_broad, AgeBroad::Age0To8 | AgeBroad::Age9To17 | AgeBroad::Age0To17));
            }
        }
    }

    /// R23: a published row, its flags included, is never rarer than k:
    /// a unique pattern of flags would link one person's row across two
    /// releases (insider review). Flags are withheld, never invented.
    #[test]
    fn r23_every_published_row_with_its_flags_appears_at_least_k_times(
        records in proptest::collection::vec(arb_record(), 0..150),
        k in MIN_K..=20,
    ) {
        let a = k_anonymise(records.clone(), k).unwrap();
        let mut rows: std::collections::BTreeMap<&CtdcRecord, u64> = Default::default();
        for r in &a.records {
            *rows.entry(r).or_insert(0) += 1;
        }
        for (row, n) in rows {
            prop_assert!(n >= k, "{row:?} appears {n} times at k = {k}");
        }
        let with_flags = records.iter().filter(|r| r.attributes.is_some()).count() as u64;
        let published_flags = a.records.iter().filter(|r| r.attributes.is_some()).count() as u64;
        prop_assert!(published_flags + a.withheld_attributes <= with_flags, "flags are never invented");
        // A class that publishes flags holds at least two patterns of them:
        // membership alone never tells a member's flags.
        let mut per_class: std::collections::BTreeMap<_, std::collections::BTreeSet<_>> = Default::default();
        for r in a.records.iter().filter(|r| r.attributes.is_some()) {
            let class = (r.year_of_registration, r.gender, r.age_broad, r.majority_status, r.citizenship, r.country_of_exploitation);
            per_class.entry(class).or_default().insert(r.attributes.clone());
        }
        prop_assert!(per_class.values().all(|p| p.len() >= 2), "{per_class:?}");
        prop_assert!(a.withheld_attributes <= a.records.len() as u64);
    }

    /// R23: the order records come in changes nothing in what goes out.
    #[test]
    fn r23_the_output_does_not_depend_on_input_order(
        records in proptest::collection::vec(arb_record(), 0..80),
        k in MIN_K..=12,
    ) {
        let mut reversed = records.clone();
        reversed.reverse();
        prop_assert_eq!(k_anonymise(records, k).unwrap(), k_anonymise(reversed, k).unwrap());
    }
}

#[test]
fn r23_the_accessors_read_what_was_done() {
    let mut people = times(11, woman("VNM", "MMR"));
    people.extend(times(2, woman("ETH", "MMR")));
    let mut more = times(10, record(2026, Gender::Female, AgeBroad::Age24To26, Majority::Adult, "PHL", "MMR"));
    more.push(record(2026, Gender::Female, AgeBroad::Age24To26, Majority::Adult, "MYS", "MMR"));
    people.extend(more);
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.records(), &a.records[..]);
    assert_eq!((a.k(), a.input(), a.suppressed(), a.generalised_records()), (11, 24, 2, 11));
    assert_eq!(a.generalised(), &BTreeMap::from([(Quasi::Citizenship, 11)]));
    assert_eq!(a.records().len(), 22);
}

#[test]
fn r23_flags_are_withheld_in_a_class_with_one_pattern_or_a_pattern_rarer_than_k() {
    use std::collections::BTreeSet;
    let common: BTreeSet<Attribute> = [Attribute::ALL[0]].into_iter().collect();
    let rare: BTreeSet<Attribute> = [Attribute::ALL[1]].into_iter().collect();
    let mut people: Vec<CtdcRecord> = times(11, woman("VNM", "MMR"));
    for r in people.iter_mut() {
        r.attributes = Some(common.clone());
    }
    // Eleven share one pattern: knowing someone is among them would tell
    // their flags, so none are published.
    let a = k_anonymise(people.clone(), 11).unwrap();
    assert_eq!(a.withheld_attributes, 11);
    assert!(a.records.iter().all(|r| r.attributes.is_none()));
    // Eleven more with another pattern: two patterns, each shared by k.
    let mut second = people.clone();
    for r in second.iter_mut() {
        r.attributes = Some(rare.clone());
    }
    people.extend(second);
    let a = k_anonymise(people.clone(), 11).unwrap();
    assert_eq!(a.withheld_attributes, 0);
    assert_eq!(a.records.iter().filter(|r| r.attributes.as_ref() == Some(&common)).count(), 11);
    // A twenty-third with a third pattern would stand out: the class's flags go.
    let mut odd = people[0].clone();
    odd.attributes = Some([Attribute::ALL[2]].into_iter().collect());
    people.push(odd);
    let a = k_anonymise(people, 11).unwrap();
    assert_eq!(a.records.len(), 23);
    assert_eq!(a.withheld_attributes, 23);
    assert!(a.records.iter().all(|r| r.attributes.is_none()));
}
