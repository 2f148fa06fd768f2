//! Turning the bytes of an uploaded file into text.
//!
//! Russian Excel saves "CSV" in Windows-1251 unless told otherwise, newer tools write UTF-8
//! (Excel's "CSV UTF-8" with a BOM), and a few old systems still write KOI8-R or DOS 866.
//! No file declares its encoding, so it is inferred: a BOM decides; otherwise bytes that
//! are valid UTF-8, or nearly so, are UTF-8 (legacy Cyrillic text is practically never
//! valid UTF-8); otherwise `chardetng` weighs the letter statistics of the whole file in
//! every legacy encoding, expecting Russian text. The user can overrule the guess with
//! [`decode_as`].
//!
//! Bytes that mean nothing in the encoding come out as U+FFFD, never dropped: the preview
//! names the rows that hold them (see [`Prepared::unreadable_rows`](super::Prepared)), so
//! the damage is seen before anything is stored.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    Encoding, IBM866, ISO_8859_5, KOI8_R, KOI8_U, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251,
    WINDOWS_1252, X_MAC_CYRILLIC,
};

/// The text of a file and the encoding it was read in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding's WHATWG name, as encoding_rs spells it: "UTF-8", "windows-1251", and
    /// rarely "UTF-16LE", "UTF-16BE", "KOI8-R" or "IBM866".
    pub encoding: &'static str,
}

/// The encodings a user may choose to read a file in, most common first: those Russian
/// files are really written in, and Windows-1252 for a Western European file.
pub const ENCODINGS: [&Encoding; 10] = [
    UTF_8,
    WINDOWS_1251,
    KOI8_R,
    IBM866,
    UTF_16LE,
    UTF_16BE,
    KOI8_U,
    ISO_8859_5,
    X_MAC_CYRILLIC,
    WINDOWS_1252,
];

/// The name people know an encoding by (the one Excel and text editors show), from its
/// WHATWG name; a name it does not know is returned as it is.
///
/// ```
/// use kartoteka_core::encoding_label;
///
/// assert_eq!(encoding_label("windows-1251"), "Windows-1251");
/// assert_eq!(encoding_label("IBM866"), "DOS 866");
/// assert_eq!(encoding_label("UTF-16LE"), "UTF-16");
/// ```
pub fn encoding_label(name: &str) -> &str {
    match name {
        "windows-1251" => "Windows-1251",
        "windows-1252" => "Windows-1252",
        "IBM866" => "DOS 866",
        "UTF-16LE" => "UTF-16",
        "UTF-16BE" => "UTF-16 BE",
        "x-mac-cyrillic" => "Mac Cyrillic",
        other => other,
    }
}

/// Decodes `bytes`, inferring the encoding as the module describes.
///
/// Never fails: bytes that are wrong in every encoding come out as replacement
/// characters, in rows the preview names.
///
/// ```
/// use kartoteka_core::decode;
///
/// let utf8 = decode("\u{feff}Фамилия;Имя".as_bytes());
/// assert_eq!((utf8.text.as_str(), utf8.encoding), ("Фамилия;Имя", "UTF-8"));
///
/// let cp1251 = decode(b"\xd4\xe0\xec\xe8\xeb\xe8\xff;\xc8\xec\xff");
/// assert_eq!((cp1251.text.as_str(), cp1251.encoding), ("Фамилия;Имя", "windows-1251"));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        };
    }
    if is_mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Decoded {
            text,
            encoding: UTF_8.name(),
        };
    }
    let encoding = legacy_encoding(bytes);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// Decodes `bytes` in `encoding`, whatever they look like: the user's choice when the
/// guess of [`decode`] was wrong. A BOM is dropped when it is `encoding`'s own, and read
/// as text otherwise (it then shows, as it would in any program told the same).
///
/// ```
/// use kartoteka_core::{decode_as, Encoding};
///
/// let koi8 = Encoding::for_label(b"koi8-r").unwrap();
/// let decoded = decode_as(b"\xd4\xe0\xec\xe8\xeb\xe8\xff", koi8);
/// assert_eq!((decoded.text.as_str(), decoded.encoding), ("тЮЛХКХЪ", "KOI8-R"));
/// ```
pub fn decode_as(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// Whether `bytes` are UTF-8 text with a few broken sequences (a file cut in the middle of
/// a letter, one pasted legacy byte), rather than legacy text.
///
/// Legacy Cyrillic text is almost never valid UTF-8 even for two bytes in a row, so a file
/// whose non-ASCII characters are mostly valid sequences is UTF-8 with damage.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    valid >= 10 * broken.max(1)
}

/// The legacy encoding `bytes` read best in, judged on all of them: a base whose first
/// thousand rows are Latin letters and digits still has its Russian names further down.
///
/// The detector is told the file comes from a `.ru` site, which makes it expect Cyrillic
/// and, with few letters to go on, fall back to Windows-1251, the code page of Russian
/// Excel.
///
/// The detector does not tell KOI8-R from KOI8-U, which differ only in eight bytes (box
/// drawing in one, Ukrainian letters in the other); a file without those bytes reads the
/// same in both and is named KOI8-R, as Russian systems label it.
fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"ru"), Utf8Detection::Deny);
    const KOI8_U_ONLY: [u8; 8] = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];
    if guess == KOI8_U && !bytes.iter().any(|b| KOI8_U_ONLY.contains(b)) {
        KOI8_R
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "Фамилия;Имя;Отчество;Компания\r\nИванов;Иван;Иванович;ООО \"Ромашка\"\r\n\
                          Петрова;Мария;Сергеевна;Торговый дом\r\n";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes());
        assert_eq!(
            plain,
            Decoded {
                text: SAMPLE.to_owned(),
                encoding: "UTF-8"
            }
        );
        let with_bom = decode(format!("\u{feff}{SAMPLE}").as_bytes());
        assert_eq!(with_bom, plain);
    }

    #[test]
    fn utf16_needs_a_bom() {
        for (bom, big_endian, name) in [
            ([0xFF, 0xFE], false, "UTF-16LE"),
            ([0xFE, 0xFF], true, "UTF-16BE"),
        ] {
            let mut bytes = bom.to_vec();
            for unit in SAMPLE.encode_utf16() {
                let pair = if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
            assert_eq!(
                decode(&bytes),
                Decoded {
                    text: SAMPLE.to_owned(),
                    encoding: name
                }
            );
        }
    }

    #[test]
    fn russian_excel_is_windows_1251() {
        let decoded = decode(&encode(WINDOWS_1251, SAMPLE));
        assert_eq!(
            decoded,
            Decoded {
                text: SAMPLE.to_owned(),
                encoding: "windows-1251"
            }
        );
        let capitals = SAMPLE.to_uppercase();
        let decoded = decode(&encode(WINDOWS_1251, &capitals));
        assert_eq!(
            decoded,
            Decoded {
                text: capitals,
                encoding: "windows-1251"
            }
        );
    }

    #[test]
    fn koi8_r_is_recognised_by_its_letters() {
        let decoded = decode(&encode(KOI8_R, SAMPLE));
        assert_eq!(
            decoded,
            Decoded {
                text: SAMPLE.to_owned(),
                encoding: "KOI8-R"
            }
        );
        let capitals = SAMPLE.to_uppercase();
        assert_eq!(decode(&encode(KOI8_R, &capitals)).text, capitals);
    }

    #[test]
    fn a_few_legacy_letters_default_to_windows_1251() {
        let decoded = decode(b"Name;City\r\nIvan;\xcc\xee\xf1\xea\xe2\xe0\r\n");
        assert_eq!(decoded.encoding, "windows-1251");
        assert_eq!(decoded.text, "Name;City\r\nIvan;Москва\r\n");
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.push(0xD0); // the first half of a two-byte letter: the file was cut here
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, format!("{SAMPLE}\u{fffd}"));
    }

    #[test]
    fn the_whole_file_decides_not_its_start() {
        // 80 KB of rows without a Russian letter, then the names, in KOI8-R.
        let mut text = "Код;Телефон\r\n".to_owned();
        while text.len() < 80 * 1024 {
            text.push_str("A-1029;+7 900 000-00-01\r\n");
        }
        text.push_str(SAMPLE);
        let decoded = decode(&encode(KOI8_R, &text));
        assert_eq!(decoded.encoding, "KOI8-R");
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn ukrainian_letters_make_koi8_u() {
        let text = format!("{SAMPLE}Шевченко;Олексій;;Київ\r\n");
        let decoded = decode(&encode(KOI8_U, &text));
        assert_eq!(
            (decoded.encoding, decoded.text.as_str()),
            ("KOI8-U", text.as_str())
        );
    }

    #[test]
    fn dos_866_is_recognised() {
        let decoded = decode(&encode(IBM866, SAMPLE));
        assert_eq!(decoded.encoding, "IBM866");
        assert_eq!(decoded.text, SAMPLE);
    }

    #[test]
    fn decode_as_reads_in_the_chosen_encoding() {
        let cp1251 = encode(WINDOWS_1251, SAMPLE);
        assert_eq!(decode_as(&cp1251, WINDOWS_1251).text, SAMPLE);
        let as_koi8 = decode_as(&cp1251, KOI8_R);
        assert_eq!(as_koi8.encoding, "KOI8-R");
        assert_ne!(as_koi8.text, SAMPLE);
        assert!(as_koi8.text.starts_with("тЮЛХКХЪ;"), "{}", as_koi8.text);
        // Legacy text read as UTF-8 is marked unreadable, not dropped.
        let as_utf8 = decode_as(&cp1251, UTF_8);
        assert_eq!(as_utf8.encoding, "UTF-8");
        assert!(as_utf8.text.contains('\u{fffd}'));
        assert!(as_utf8.text.contains(" \"\u{fffd}"));
        // The chosen encoding's own BOM is dropped, another's is text.
        let with_bom = format!("\u{feff}{SAMPLE}");
        assert_eq!(decode_as(with_bom.as_bytes(), UTF_8).text, SAMPLE);
        assert!(decode_as(with_bom.as_bytes(), WINDOWS_1251)
            .text
            .starts_with("п»ї"));
    }

    #[test]
    fn every_choice_has_its_own_label() {
        let labels: Vec<&str> = ENCODINGS.iter().map(|e| encoding_label(e.name())).collect();
        for (i, label) in labels.iter().enumerate() {
            assert!(!labels[..i].contains(label), "{label}");
        }
        assert_eq!(labels[..4], ["UTF-8", "Windows-1251", "KOI8-R", "DOS 866"]);
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        assert_eq!(
            decode(b""),
            Decoded {
                text: String::new(),
                encoding: "UTF-8"
            }
        );
    }
}
