//! Turning the bytes of an uploaded file into text.
//!
//! Russian Excel saves "CSV" in Windows-1251 unless told otherwise, newer tools write UTF-8
//! (Excel's "CSV UTF-8" with a BOM), and a few old systems still write KOI8-R. No file
//! declares its encoding, so it is inferred: a BOM decides; otherwise bytes that are valid
//! UTF-8, or nearly so, are UTF-8 (legacy Cyrillic text is practically never valid UTF-8);
//! otherwise the more Russian-looking of Windows-1251 and KOI8-R.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251};

/// The text of a file and the encoding it was read in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding's WHATWG name, as encoding_rs spells it: "UTF-8", "windows-1251", and
    /// rarely "UTF-16LE", "UTF-16BE" or "KOI8-R".
    pub encoding: &'static str,
}

/// How much of a legacy-encoded file is looked at to tell Windows-1251 from KOI8-R.
const SAMPLE_BYTES: usize = 64 * 1024;

/// The most frequent Russian letters, covering about two thirds of running text.
const FREQUENT_LETTERS: &str = "оеаинтсрвлкмдпу";

/// Decodes `bytes`, inferring the encoding as the module describes.
///
/// Never fails: bytes that are wrong in every encoding come out with replacement
/// characters, which the user sees in the preview.
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
    let encoding = legacy_encoding(&bytes[..bytes.len().min(SAMPLE_BYTES)]);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
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

/// Windows-1251 unless the sample reads clearly more like Russian in KOI8-R.
///
/// The two code pages hold the same letters in a different order (and with the cases
/// swapped), so the wrong one turns frequent letters into rare ones. Counting frequent
/// letters case-insensitively keeps an all-capitals base ("ИВАНОВ ИВАН") from fooling
/// the test.
fn legacy_encoding(sample: &[u8]) -> &'static Encoding {
    let score = |encoding: &'static Encoding| {
        let (text, _) = encoding.decode_without_bom_handling(sample);
        let mut cyrillic = 0usize;
        let mut frequent = 0usize;
        for c in text.chars().flat_map(char::to_lowercase) {
            if ('а'..='я').contains(&c) || c == 'ё' {
                cyrillic += 1;
                frequent += usize::from(FREQUENT_LETTERS.contains(c));
            }
        }
        (frequent, cyrillic)
    };
    let (cp1251_frequent, cyrillic) = score(WINDOWS_1251);
    let (koi8_frequent, _) = score(KOI8_R);
    // A clear margin, so that a few words of mixed text never flip the default.
    if cyrillic >= 20 && koi8_frequent > cp1251_frequent + cyrillic / 5 {
        KOI8_R
    } else {
        WINDOWS_1251
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
