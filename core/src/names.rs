//! A full name typed into one field, split into surname, name and patronymic.
//!
//! Imports and the quick-add form often have a single "ФИО" column, while the record keeps
//! [`Contact::surname`](crate::Contact::surname), [`name`](crate::Contact::name) and
//! [`patronymic`](crate::Contact::patronymic) apart for sorting, greetings and documents.
//! [`split_full_name`] reads the Russian conventions; [`join_full_name`] writes them back
//! so that splitting the result gives the same parts.
//!
//! # How a name is read
//!
//! Words are separated by whitespace or commas; a hyphen typed with spaces around it
//! ("Римский - Корсаков") joins its neighbours into one word. Capitalisation is kept as
//! typed: "иванов иван" stays lower case.
//!
//! A **patronymic** is recognised by its ending (-ович, -евич, -ич, -овна, -евна, -ична,
//! -инична, and the Ukrainian and Belarusian -івна, -ївна, -авіч, -евіч, -аўна, -еўна),
//! compared without case and with ё read as е, or as a Turkic father's name followed by a
//! separate "оглы", "кызы", "улы", "гызы" and the like ("Гусейн оглы"). Its position gives
//! the order: last means "Фамилия Имя Отчество", second means "Имя Отчество Фамилия".
//! Because names never end like patronymics while some surnames do (Рабинович, Бабич), a
//! patronymic-shaped second word wins: "Ольга Петровна Бабич" has the surname Бабич.
//!
//! Without a patronymic, Cyrillic words follow the Russian habit of writing the surname
//! first ("Иванов Иван"; "Иванов Иван Иваныч" is surname, name and patronymic),
//! unless the first word is a common first name from a small built-in list and the last
//! one looks like a surname (-ов, -ева, -ин, -ский, -ая, …) without being a first name
//! itself: "Анна Иванова" and "Лев Толстой" are name and surname. Four Cyrillic words or
//! more without a patronymic are not forced into three parts: all of them go to `name`.
//!
//! Initials keep the form they were typed in: "Иванов И. И." and "И.И. Иванов" give the
//! name "И." and the patronymic "И.".
//!
//! Names in other scripts (John Smith, Anna Maria Müller) never have a patronymic: the
//! last word is the surname and the words before it are the name, except that trailing
//! initials ("Smith J.") follow the surname they belong to.

/// A full name in its three parts; a part that is not known is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    /// Фамилия.
    pub surname: String,
    /// Имя; for a name that cannot be split, everything typed.
    pub name: String,
    /// Отчество, with any Turkic "оглы" / "кызы" included.
    pub patronymic: String,
}

impl NameParts {
    /// Whether all three parts are empty.
    pub fn is_empty(&self) -> bool {
        self.surname.is_empty() && self.name.is_empty() && self.patronymic.is_empty()
    }
}

/// Endings of patronymics, lower case, with е for ё.
const PATRONYMIC_ENDINGS: &[&str] = &[
    "ович",
    "евич",
    "ич",
    "овна",
    "евна",
    "ична",
    "инична",
    "івна",
    "ївна",
    "авіч",
    "евіч",
    "аўна",
    "еўна",
];

/// The word after a father's name that makes it a Turkic patronymic ("Гусейн оглы"):
/// Azerbaijani, Kazakh, Kyrgyz, Tatar and Uzbek spellings of "son of" and "daughter of".
const TURKIC_MARKERS: &[&str] = &[
    "оглы", "оглу", "улы", "уулу", "угли", "ўғли", "кызы", "гызы", "кизи", "қизи",
];

/// Common first names, lower case, with е for ё: enough to tell "Анна Иванова" (name
/// first) from "Иванова Анна", not a register of every name.
const FIRST_NAMES: &[&str] = &[
    "александр",
    "алексей",
    "анатолий",
    "андрей",
    "антон",
    "аркадий",
    "арсений",
    "артем",
    "артур",
    "богдан",
    "борис",
    "вадим",
    "валентин",
    "валерий",
    "василий",
    "виктор",
    "виталий",
    "владимир",
    "владислав",
    "всеволод",
    "вячеслав",
    "геннадий",
    "георгий",
    "герман",
    "глеб",
    "григорий",
    "даниил",
    "данил",
    "денис",
    "дмитрий",
    "евгений",
    "егор",
    "захар",
    "иван",
    "игорь",
    "илья",
    "кирилл",
    "константин",
    "лев",
    "леонид",
    "максим",
    "марат",
    "марк",
    "матвей",
    "михаил",
    "никита",
    "николай",
    "олег",
    "павел",
    "петр",
    "ринат",
    "роман",
    "ростислав",
    "руслан",
    "рустам",
    "савелий",
    "святослав",
    "семен",
    "сергей",
    "станислав",
    "степан",
    "тимофей",
    "тимур",
    "федор",
    "филипп",
    "эдуард",
    "эльдар",
    "юрий",
    "яков",
    "ярослав",
    "александра",
    "алена",
    "алина",
    "алиса",
    "алла",
    "анастасия",
    "ангелина",
    "анна",
    "антонина",
    "арина",
    "валентина",
    "валерия",
    "варвара",
    "василиса",
    "вера",
    "вероника",
    "виктория",
    "галина",
    "дарья",
    "диана",
    "ева",
    "евгения",
    "екатерина",
    "елена",
    "елизавета",
    "жанна",
    "зинаида",
    "злата",
    "зоя",
    "инна",
    "ирина",
    "карина",
    "кира",
    "кристина",
    "ксения",
    "лариса",
    "лидия",
    "любовь",
    "людмила",
    "маргарита",
    "марина",
    "мария",
    "милана",
    "надежда",
    "наталья",
    "наталия",
    "нина",
    "оксана",
    "олеся",
    "ольга",
    "полина",
    "раиса",
    "регина",
    "светлана",
    "снежана",
    "софия",
    "софья",
    "таисия",
    "тамара",
    "татьяна",
    "ульяна",
    "эльвира",
    "юлия",
    "яна",
    "лилия",
    "эмилия",
    "дина",
    "майя",
    "милена",
    "вениамин",
    "эрик",
    "ян",
    "ирек",
];

/// Endings that make a Cyrillic word look like a surname, lower case, with е for ё.
const SURNAME_ENDINGS: &[&str] = &[
    "ов",
    "ев",
    "ин",
    "ын",
    "ский",
    "цкий",
    "ской",
    "цкой",
    "ой",
    "ых",
    "их",
    "ова",
    "ева",
    "ина",
    "ына",
    "ская",
    "цкая",
    "ая",
    "енко",
    "ко",
    "ук",
    "юк",
    "ян",
    "дзе",
    "швили",
];

/// One word of a name.
#[derive(Clone, Debug)]
struct Word {
    /// As typed (a Turkic patronymic is two words joined by one space).
    text: String,
    /// A Turkic patronymic, already known to be one.
    turkic: bool,
}

/// Splits a full name typed into one field into its parts; see the [module](self) for the
/// conventions it follows.
///
/// ```
/// use kartoteka_core::{split_full_name, NameParts};
///
/// let parts = split_full_name("Иван Иванович Иванов");
/// assert_eq!(parts.surname, "Иванов");
/// assert_eq!(parts.name, "Иван");
/// assert_eq!(parts.patronymic, "Иванович");
///
/// let parts = split_full_name("Алиев Эльдар Гусейн оглы");
/// assert_eq!(parts.patronymic, "Гусейн оглы");
///
/// let parts = split_full_name("John Smith");
/// assert_eq!((parts.name.as_str(), parts.surname.as_str()), ("John", "Smith"));
/// ```
pub fn split_full_name(input: &str) -> NameParts {
    let words = words(input);
    if words.is_empty() {
        return NameParts::default();
    }
    if words.iter().any(|w| is_cyrillic(&w.text)) {
        split_cyrillic(&join_turkic(words))
    } else {
        split_other(&words)
    }
}

/// The parts as one line in the order [`split_full_name`] reads them back: "Фамилия Имя
/// Отчество" for Cyrillic names, "Имя Отчество Фамилия" when the name has several words
/// ("Анна Мария Иванова"), and "Name Surname" for names in other scripts.
///
/// ```
/// use kartoteka_core::{join_full_name, split_full_name};
///
/// let parts = split_full_name("Анна Сергеевна Петрова-Водкина");
/// assert_eq!(join_full_name(&parts), "Петрова-Водкина Анна Сергеевна");
/// assert_eq!(join_full_name(&split_full_name("Anna Maria Müller")), "Anna Maria Müller");
/// ```
pub fn join_full_name(parts: &NameParts) -> String {
    let cyrillic = [&parts.surname, &parts.name, &parts.patronymic]
        .iter()
        .any(|part| is_cyrillic(part));
    // A name of several words is only read back as one when it comes first.
    let several_names = parts.name.trim().contains(char::is_whitespace);
    let order = if !cyrillic && parts.patronymic.is_empty() {
        [&parts.name, &parts.surname, &parts.patronymic]
    } else if several_names {
        [&parts.name, &parts.patronymic, &parts.surname]
    } else {
        [&parts.surname, &parts.name, &parts.patronymic]
    };
    order
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `input`, with initials run together ("И.И.") taken apart and hyphenated
/// words typed with spaces ("Римский - Корсаков", "Петрова- Водкина") put together.
fn words(input: &str) -> Vec<Word> {
    let mut out: Vec<String> = Vec::new();
    // Whether the last word still waits for the part after its hyphen.
    let mut open_hyphen = false;
    for raw in input.split(|c: char| c.is_whitespace() || c == ',') {
        if raw.is_empty() {
            continue;
        }
        if raw.chars().all(|c| c == '-') {
            open_hyphen = !out.is_empty();
            continue;
        }
        let glue = open_hyphen || raw.starts_with('-');
        match out.last_mut() {
            Some(last) if glue => {
                let last_trimmed = last.trim_end_matches('-').len();
                last.truncate(last_trimmed);
                last.push('-');
                last.push_str(raw.trim_start_matches('-'));
            }
            _ => out.push(raw.trim_start_matches('-').to_owned()),
        }
        open_hyphen = raw.ends_with('-');
    }
    if let Some(last) = out.last_mut() {
        let trimmed = last.trim_end_matches('-').len();
        last.truncate(trimmed);
    }
    out.into_iter()
        .filter(|w| !w.is_empty())
        .flat_map(|w| match initials(&w) {
            Some(parts) => parts,
            None => vec![w],
        })
        .map(|text| Word {
            text,
            turkic: false,
        })
        .collect()
}

/// The initials run together in `word` ("И.И." → "И.", "И."), if it is nothing else.
fn initials(word: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 || !chars.contains(&'.') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphabetic() {
            return None;
        }
        match chars.get(i + 1) {
            Some('.') => {
                out.push(format!("{}.", chars[i]));
                i += 2;
            }
            None => {
                out.push(chars[i].to_string());
                i += 1;
            }
            Some(_) => return None,
        }
    }
    (out.len() > 1).then_some(out)
}

/// Whether `word` is an initial: one letter with a dot, or one capital letter.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), Some('.'), None) => c.is_alphabetic(),
        (Some(c), None, None) => c.is_uppercase(),
        _ => false,
    }
}

/// Whether `s` has a Cyrillic letter.
pub(crate) fn is_cyrillic(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}'))
}

/// `word` in lower case with ё read as е, for comparisons.
fn folded(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// Whether `folded` (see [`folded`]) ends with one of `endings` after a stem of at least
/// two letters.
fn ends_with_any(folded: &str, endings: &[&str]) -> bool {
    endings.iter().any(|ending| {
        folded
            .strip_suffix(ending)
            .is_some_and(|stem| stem.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    })
}

/// Whether `word` reads as a patronymic.
fn is_patronymic(word: &Word) -> bool {
    if word.turkic {
        return true;
    }
    let folded = folded(&word.text);
    if !folded.chars().all(|c| c.is_alphabetic() || c == '-') {
        return false;
    }
    // "Гусейн-оглы", written with a hyphen instead of a space.
    if let Some((father, marker)) = folded.rsplit_once('-') {
        if !father.is_empty() && TURKIC_MARKERS.contains(&marker) {
            return true;
        }
    }
    ends_with_any(&folded, PATRONYMIC_ENDINGS)
}

/// Whether `word` is one of the common first names.
fn is_first_name(word: &str) -> bool {
    FIRST_NAMES.contains(&folded(word).as_str())
}

/// Whether `word` looks like a surname and is not a first name ("Марина" ends like one).
fn looks_like_surname(word: &str) -> bool {
    let folded = folded(word);
    !is_first_name(word)
        && folded
            .split('-')
            .next_back()
            .is_some_and(|last| ends_with_any(last, SURNAME_ENDINGS))
}

/// Joins each Turkic marker with the father's name before it into one patronymic word.
fn join_turkic(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for word in words {
        let marker = TURKIC_MARKERS.contains(&folded(&word.text).as_str());
        match out.last_mut() {
            Some(father) if marker && !father.turkic && !is_initial(&father.text) => {
                father.text.push(' ');
                father.text.push_str(&word.text);
                father.turkic = true;
            }
            _ => out.push(word),
        }
    }
    out
}

/// The words joined by single spaces.
fn joined(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parts of a name with Cyrillic words.
fn split_cyrillic(words: &[Word]) -> NameParts {
    if let Some(parts) = split_initials(words) {
        return parts;
    }
    let n = words.len();
    // The first word is never the patronymic: a name comes before it.
    if let Some(p) = (1..n).find(|&i| is_patronymic(&words[i])) {
        let patronymic = words[p].text.clone();
        return if p == n - 1 {
            NameParts {
                surname: joined(&words[..n.saturating_sub(2)]),
                name: words[n - 2].text.clone(),
                patronymic,
            }
        } else {
            NameParts {
                surname: joined(&words[p + 1..]),
                name: joined(&words[..p]),
                patronymic,
            }
        };
    }
    let name_first =
        n <= 3 && is_first_name(&words[0].text) && looks_like_surname(&words[n - 1].text);
    match n {
        1 if looks_like_surname(&words[0].text) => NameParts {
            surname: words[0].text.clone(),
            ..NameParts::default()
        },
        1 => NameParts {
            name: words[0].text.clone(),
            ..NameParts::default()
        },
        2 | 3 if name_first => NameParts {
            surname: words[n - 1].text.clone(),
            name: joined(&words[..n - 1]),
            patronymic: String::new(),
        },
        2 => NameParts {
            surname: words[0].text.clone(),
            name: words[1].text.clone(),
            patronymic: String::new(),
        },
        3 => NameParts {
            surname: words[0].text.clone(),
            name: words[1].text.clone(),
            patronymic: words[2].text.clone(),
        },
        _ => NameParts {
            name: joined(words),
            ..NameParts::default()
        },
    }
}

/// Parts of a Cyrillic name with one or two initials at its start or end ("Иванов И. И.",
/// "И. Иванов", "Иванов Иван И."); `None` when the initials stand elsewhere.
fn split_initials(words: &[Word]) -> Option<NameParts> {
    let initial: Vec<bool> = words.iter().map(|w| is_initial(&w.text)).collect();
    let count = initial.iter().filter(|&&i| i).count();
    if count == 0 || count > 2 {
        return None;
    }
    let n = words.len();
    let leading = initial.iter().take_while(|&&i| i).count();
    let trailing = initial.iter().rev().take_while(|&&i| i).count();
    let text = |i: usize| words[i].text.clone();
    if count == n {
        return Some(NameParts {
            name: text(0),
            patronymic: if n == 2 { text(1) } else { String::new() },
            surname: String::new(),
        });
    }
    if trailing == count {
        let rest = &words[..n - count];
        return Some(if count == 2 {
            NameParts {
                surname: joined(rest),
                name: text(n - 2),
                patronymic: text(n - 1),
            }
        } else if rest.len() == 1 {
            NameParts {
                surname: joined(rest),
                name: text(n - 1),
                patronymic: String::new(),
            }
        } else {
            NameParts {
                surname: joined(&rest[..rest.len() - 1]),
                name: rest[rest.len() - 1].text.clone(),
                patronymic: text(n - 1),
            }
        });
    }
    if leading == count {
        let rest = &words[count..];
        return Some(if count == 2 {
            NameParts {
                surname: joined(rest),
                name: text(0),
                patronymic: text(1),
            }
        } else if rest.len() >= 2 && is_patronymic(&rest[0]) {
            NameParts {
                surname: joined(&rest[1..]),
                name: text(0),
                patronymic: rest[0].text.clone(),
            }
        } else {
            NameParts {
                surname: joined(rest),
                name: text(0),
                patronymic: String::new(),
            }
        });
    }
    None
}

/// Parts of a name in another script: the last word is the surname, the rest the name,
/// unless the name ends in initials ("Smith J. R.").
fn split_other(words: &[Word]) -> NameParts {
    let n = words.len();
    if n == 1 {
        return NameParts {
            name: words[0].text.clone(),
            ..NameParts::default()
        };
    }
    let trailing = words
        .iter()
        .rev()
        .take_while(|w| is_initial(&w.text))
        .count();
    if (1..=2).contains(&trailing) && trailing < n {
        return NameParts {
            surname: joined(&words[..n - trailing]),
            name: joined(&words[n - trailing..]),
            patronymic: String::new(),
        };
    }
    NameParts {
        surname: words[n - 1].text.clone(),
        name: joined(&words[..n - 1]),
        patronymic: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        words(input).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_are_cut_at_spaces_and_commas_and_glued_at_hyphens() {
        assert_eq!(
            texts("  Иванов,  Иван\u{a0}Иванович "),
            ["Иванов", "Иван", "Иванович"]
        );
        assert_eq!(texts("Римский - Корсаков"), ["Римский-Корсаков"]);
        assert_eq!(texts("Римский- Корсаков"), ["Римский-Корсаков"]);
        assert_eq!(texts("Римский -Корсаков"), ["Римский-Корсаков"]);
        assert_eq!(texts("- Иванов -"), ["Иванов"]);
        assert_eq!(texts("И.И. Иванов"), ["И.", "И.", "Иванов"]);
        assert_eq!(texts("Иванов И.И"), ["Иванов", "И.", "И"]);
        assert!(texts(" , - ").is_empty());
    }

    #[test]
    fn initials_are_single_letters() {
        assert!(is_initial("И."));
        assert!(is_initial("J."));
        assert!(is_initial("И"));
        assert!(!is_initial("и"));
        assert!(!is_initial("Ив."));
        assert_eq!(
            initials("А.С."),
            Some(vec!["А.".to_owned(), "С.".to_owned()])
        );
        assert_eq!(initials("Ив.Ив."), None);
        assert_eq!(initials("И."), None);
        assert_eq!(initials("ООО"), None);
    }

    #[test]
    fn patronymics_need_a_stem() {
        let word = |text: &str| Word {
            text: text.to_owned(),
            turkic: false,
        };
        assert!(is_patronymic(&word("Ильич")));
        assert!(is_patronymic(&word("ФОМИНИЧНА")));
        assert!(is_patronymic(&word("Пётровна")));
        assert!(is_patronymic(&word("Гусейн-оглы")));
        assert!(!is_patronymic(&word("Бич")));
        assert!(!is_patronymic(&word("-оглы")));
        assert!(!is_patronymic(&word("Ич")));
        assert!(!is_patronymic(&word("Иванович1")));
    }

    #[test]
    fn surnames_by_their_endings() {
        assert!(looks_like_surname("Иванова"));
        assert!(looks_like_surname("Петрова-Водкина"));
        assert!(looks_like_surname("ТОЛСТОЙ"));
        assert!(looks_like_surname("Шевченко"));
        assert!(!looks_like_surname("Марина"));
        assert!(!looks_like_surname("Константин"));
        assert!(!looks_like_surname("Эльдар"));
    }
}
