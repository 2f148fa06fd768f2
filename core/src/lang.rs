//! The languages the interface speaks, for the few domain functions whose output is text
//! a person reads (amounts of money).

use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Russian, the default.
    #[default]
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The BCP 47 code ("ru", "en"), as the UI's locales and the `lang` attribute use it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language whose [`code`](Lang::code) is `code`, ignoring case and a region
    /// ("ru-RU", "en_GB"), if it is one of ours.
    ///
    /// ```
    /// use kartoteka_core::Lang;
    ///
    /// assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
    /// assert_eq!(Lang::from_code("EN"), Some(Lang::En));
    /// assert_eq!(Lang::from_code("de"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code(""), None);
        assert_eq!(Lang::from_code("rus"), None);
        assert_eq!(Lang::default(), Lang::Ru);
    }
}
