//! Jurisdiction profiles: what national law recognises, how far its
//! non-punishment provision reaches, and the deadlines and decision makers of
//! its identification procedure.
//!
//! Sources: the OHCHR briefing paper (2023), section IV.B-C, which observes
//! that of the countries concerned only Malaysia's law recognises forced
//! criminality as a form of exploitation, and that Thailand's non-punishment
//! provision (Anti-Trafficking in Persons Act, s.41) covers listed offences
//! only. Everything else here is a conservative default that an
//! organisation should confirm with local counsel; the notes say so.

/// One country's profile (ISO 3166 alpha-3), or the generic one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jurisdiction {
    pub country: &'static str,
    pub name: &'static str,
    /// R04: whether national law lists forced criminality as exploitation.
    pub recognises_forced_criminality: bool,
    /// Where it does not: the provisions to rely on instead.
    pub alternative_provisions: &'static str,
    /// R12: what the national non-punishment provision covers.
    pub non_punishment_scope: &'static str,
    /// Target for a reasonable-grounds finding, in working days.
    pub rg_target_working_days: u32,
    /// Recovery and reflection period before a conclusive decision.
    pub reflection_days: u32,
    /// Who takes the conclusive decision.
    pub decides: &'static str,
}

const FALLBACK: &str = "forced labour, servitude and slavery (Palermo Protocol, art. 3(a)); ILO Forced Labour Convention, 1930 (No. 29) and its 2014 Protocol";

pub const PROFILES: [Jurisdiction; 9] = [
    Jurisdiction {
        country: "THA",
        name: "Thailand",
        recognises_forced_criminality: false,
        alternative_provisions: "forced labour or services and slavery-like practices under the Anti-Trafficking in Persons Act B.E. 2551 (2008), s.6; also Palermo Protocol art. 3(a)",
        non_punishment_scope: "s.41 of the Anti-Trafficking in Persons Act covers listed offences only (such as illegal entry and stay, working without a permit, prostitution-related and document offences); crimes committed as a consequence of trafficking, such as fraud, are not listed: rely on the non-punishment principle itself and prosecutorial discretion",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the multidisciplinary screening team (police, social development and human security officers)",
    },
    Jurisdiction {
        country: "KHM",
        name: "Cambodia",
        recognises_forced_criminality: false,
        alternative_provisions: FALLBACK,
        non_punishment_scope: "no general statutory non-punishment provision identified: request non-prosecution under the principle (OHCHR Recommended Principles, principle 7) for every offence committed as a consequence of trafficking",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the competent authority under the national guidelines on identification (confirm locally)",
    },
    Jurisdiction {
        country: "MMR",
        name: "Myanmar",
        recognises_forced_criminality: false,
        alternative_provisions: FALLBACK,
        non_punishment_scope: "statutory protection is limited and enforcement uncertain: request non-punishment under the principle for all offences committed as a consequence of trafficking; assess risks before any contact with authorities",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the competent authority (confirm locally; engagement with de facto authorities carries risk)",
    },
    Jurisdiction {
        country: "LAO",
        name: "Lao PDR",
        recognises_forced_criminality: false,
        alternative_provisions: FALLBACK,
        non_punishment_scope: "request non-punishment under the principle for immigration, status-related, administrative and criminal offences committed as a consequence of trafficking",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the competent authority (confirm locally)",
    },
    Jurisdiction {
        country: "PHL",
        name: "Philippines",
        recognises_forced_criminality: false,
        alternative_provisions: "forced labour, slavery and involuntary servitude under the Anti-Trafficking in Persons Act (RA 9208 as amended by RA 10364 and RA 11862); also Palermo Protocol art. 3(a)",
        non_punishment_scope: "the Act exempts trafficked persons from penalties for crimes directly related to being trafficked or done under compulsion: cite it for immigration and criminal offences alike",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the Inter-Agency Council Against Trafficking mechanisms (confirm locally)",
    },
    Jurisdiction {
        country: "VNM",
        name: "Viet Nam",
        recognises_forced_criminality: false,
        alternative_provisions: FALLBACK,
        non_punishment_scope: "request non-punishment under the principle; national law protects victims in some respects but does not list forced criminality",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the competent authority for victim identification (confirm locally)",
    },
    Jurisdiction {
        country: "IDN",
        name: "Indonesia",
        recognises_forced_criminality: false,
        alternative_provisions: "exploitation including forced labour, slavery and practices similar to slavery under Law No. 21 of 2007; also Palermo Protocol art. 3(a)",
        non_punishment_scope: "Law No. 21 of 2007, art. 18, exempts victims from criminal liability for offences committed because they were forced to by the trafficker",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the competent authority (confirm locally)",
    },
    Jurisdiction {
        country: "MYS",
        name: "Malaysia",
        recognises_forced_criminality: true,
        alternative_provisions: "",
        non_punishment_scope: "the Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007 protects trafficked persons from prosecution for immigration offences; for other offences rely on the principle and prosecutorial discretion",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the enforcement officer and the court under the 2007 Act (confirm locally)",
    },
    Jurisdiction {
        country: "*",
        name: "Generic",
        recognises_forced_criminality: false,
        alternative_provisions: FALLBACK,
        non_punishment_scope: "apply the non-punishment principle to immigration, status-related, administrative and civil offences and to crimes committed as a consequence of being trafficked",
        rg_target_working_days: 5,
        reflection_days: 30,
        decides: "the organisation's authorised decision maker",
    },
];

/// The profile for a country code, or the generic one.
pub fn for_country(code: Option<&str>) -> &'static Jurisdiction {
    let generic = &PROFILES[PROFILES.len() - 1];
    code.and_then(|c| PROFILES.iter().find(|p| p.country == c)).unwrap_or(generic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r04_only_malaysia_recognises_forced_criminality_and_others_name_alternatives() {
        for p in &PROFILES {
            assert_eq!(p.recognises_forced_criminality, p.country == "MYS", "{}", p.name);
            if !p.recognises_forced_criminality {
                assert!(p.alternative_provisions.contains("forced labour"), "{}", p.name);
            }
        }
    }

    #[test]
    fn r12_thailand_s41_is_flagged_as_limited() {
        assert!(for_country(Some("THA")).non_punishment_scope.contains("listed offences only"));
        assert_eq!(for_country(Some("FRA")).country, "*");
        assert_eq!(for_country(None).country, "*");
        // Each country gets its own profile, not a neighbour's.
        for p in &PROFILES {
            assert_eq!(for_country(Some(p.country)).name, p.name);
        }
    }
}

/// The language an authority of `country` (ISO 3166-1 alpha-3) reads,
/// among the nine haven writes notices in; `None` elsewhere. A notice's
/// second language defaults to it, so that a Thai organisation's notice
/// goes to Thai police in Thai unless the caseworker chooses otherwise.
pub fn authority_language(country: Option<&str>) -> Option<&'static str> {
    match country?.trim().to_ascii_uppercase().as_str() {
        "THA" => Some("th"),
        "VNM" => Some("vi"),
        "MMR" => Some("my"),
        "KHM" => Some("km"),
        "LAO" => Some("lo"),
        "IDN" => Some("id"),
        "PHL" => Some("tl"),
        "CHN" => Some("zh-Hans"),
        "GBR" | "USA" | "AUS" | "SGP" | "MYS" => Some("en"),
        _ => None,
    }
}

#[cfg(test)]
mod authority_language_tests {
    use super::authority_language;

    #[test]
    fn r18_a_notice_defaults_to_the_language_its_authority_reads() {
        assert_eq!(authority_language(Some("THA")), Some("th"));
        assert_eq!(authority_language(Some("phl")), Some("tl"));
        assert_eq!(authority_language(Some("KHM")), Some("km"));
        assert_eq!(authority_language(Some("ETH")), None);
        assert_eq!(authority_language(None), None);
    }
}
