//! The languages haven's ad screening explains itself in.

use std::fmt;

/// A supported language. Explanations exist in all of them (the rules file is refused otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Th,
    Vi,
    My,
    Km,
    Lo,
    Id,
    Tl,
    ZhHans,
}

impl Lang {
    pub const ALL: [Lang; 9] =
        [Lang::En, Lang::Th, Lang::Vi, Lang::My, Lang::Km, Lang::Lo, Lang::Id, Lang::Tl, Lang::ZhHans];

    /// The BCP 47 tag used in files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Th => "th",
            Lang::Vi => "vi",
            Lang::My => "my",
            Lang::Km => "km",
            Lang::Lo => "lo",
            Lang::Id => "id",
            Lang::Tl => "tl",
            Lang::ZhHans => "zh-Hans",
        }
    }

    /// Parses a tag case-insensitively; `zh`, `zh-CN`, `zh-SG` and `fil` are accepted as aliases.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        Some(match t.as_str() {
            "en" | "en-us" | "en-gb" => Lang::En,
            "th" | "th-th" => Lang::Th,
            "vi" | "vi-vn" => Lang::Vi,
            "my" | "my-mm" => Lang::My,
            "km" | "km-kh" => Lang::Km,
            "lo" | "lo-la" => Lang::Lo,
            "id" | "id-id" | "in" => Lang::Id,
            "tl" | "fil" | "tl-ph" | "fil-ph" => Lang::Tl,
            "zh-hans" | "zh" | "zh-cn" | "zh-sg" | "zh-hans-cn" => Lang::ZhHans,
            _ => return None,
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
