//! Check digits of legal details, against real values and the Bank of Russia's own
//! examples, and against every one-digit typo of them.

use kartoteka_core::{
    check_bik, check_corr_account, check_inn, check_kpp, check_ogrn, check_settlement_account,
    is_valid_inn, RequisiteError,
};

/// The control key of an account computed the way the Bank of Russia's procedure
/// describes it, independently of the library: with the key digit set to 0, add up the
/// lowest digits of each product of a digit and its weight (7, 1, 3, …), multiply the
/// lowest digit of the sum by 3, and take the lowest digit of that.
fn control_key(bank: &str, account: &str) -> u32 {
    let mut digits: Vec<u32> = bank
        .chars()
        .chain(account.chars())
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    // The key is the 9th digit of the account, after the three of the bank.
    digits[3 + 8] = 0;
    let weights = [7, 1, 3];
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| d * weights[i % 3] % 10)
        .sum();
    sum % 10 * 3 % 10
}

/// `account` with its key digit replaced by the one `bank` requires.
fn with_key(bank: &str, account: &str) -> String {
    let key = control_key(bank, account);
    format!("{}{key}{}", &account[..8], &account[9..])
}

/// Every value that differs from `value` in exactly one digit.
fn one_digit_typos(value: &str) -> Vec<String> {
    let mut typos = Vec::new();
    for (i, c) in value.char_indices() {
        for d in '0'..='9' {
            if d != c {
                typos.push(format!("{}{d}{}", &value[..i], &value[i + 1..]));
            }
        }
    }
    typos
}

#[test]
fn the_independent_key_agrees_with_the_official_examples() {
    // Examples of the Bank of Russia's procedure: a correspondent account held in the
    // cash settlement centre with БИК 049805000, and a client's account in the bank with
    // БИК 049805746.
    assert_eq!(control_key("005", "30101810800000000746"), 8);
    assert_eq!(control_key("746", "40602810700000000025"), 7);
}

#[test]
fn real_inns() {
    for inn in [
        "7707083893",   // ПАО Сбербанк
        "7728168971",   // АО «Альфа-Банк»
        "7736050003",   // ПАО «Газпром»
        "7702070139",   // Банк ВТБ (ПАО)
        "7830002293",   // ПАО «Ростелеком»
        "0245346800",   // a leading zero
        "500100732259", // a person's 12-digit ИНН
        "7707 083 893", // copied with spaces
        " 5001\u{a0}0073\u{a0}2259 ",
    ] {
        assert_eq!(check_inn(inn), Ok(()), "{inn:?}");
    }
}

#[test]
fn every_one_digit_typo_of_an_inn_is_caught_or_another_valid_inn() {
    for inn in ["7707083893", "500100732259"] {
        let mut caught = 0;
        for typo in one_digit_typos(inn) {
            match check_inn(&typo) {
                Err(RequisiteError::CheckDigit) => caught += 1,
                Ok(()) => {}
                other => panic!("{typo}: {other:?}"),
            }
        }
        // Mod 11 weights catch nearly every single-digit typo; a changed check digit
        // always.
        assert!(
            caught * 10 >= one_digit_typos(inn).len() * 9,
            "{inn}: {caught}"
        );
        for d in '0'..='9' {
            let last = inn.len() - 1;
            let typo = format!("{}{d}", &inn[..last]);
            if typo != inn {
                assert_eq!(check_inn(&typo), Err(RequisiteError::CheckDigit), "{typo}");
            }
        }
    }
    assert_eq!(check_inn("7707083890"), Err(RequisiteError::CheckDigit));
    assert_eq!(check_inn("500100732250"), Err(RequisiteError::CheckDigit));
    assert_eq!(check_inn("500100732209"), Err(RequisiteError::CheckDigit));
}

#[test]
fn inn_shape() {
    for (inn, error) in [
        (
            "",
            RequisiteError::WrongLength {
                expected: &[10, 12],
                found: 0,
            },
        ),
        (
            "770708389",
            RequisiteError::WrongLength {
                expected: &[10, 12],
                found: 9,
            },
        ),
        (
            "77070838931",
            RequisiteError::WrongLength {
                expected: &[10, 12],
                found: 11,
            },
        ),
        ("77070838９3", RequisiteError::NotDigits),
        ("770708389a", RequisiteError::NotDigits),
        ("7707-083-893", RequisiteError::NotDigits),
    ] {
        assert_eq!(check_inn(inn), Err(error), "{inn:?}");
    }
}

#[test]
fn is_valid_inn_stays_strict_for_the_import() {
    assert!(is_valid_inn("7707083893"));
    assert!(is_valid_inn("0245346800"));
    assert!(is_valid_inn("500100732259"));
    assert!(!is_valid_inn("7707083890"));
    for bad in [
        "",
        "770708389",
        "77070838931",
        "7707083893 ",
        "7707 083893",
        "77070838９3",
        "770708389a",
    ] {
        assert!(!is_valid_inn(bad), "{bad:?}");
    }
    // The same function under its old path, where the import looks for it.
    assert!(kartoteka_core::validate::is_valid_inn("7707083893"));
}

#[test]
fn kpps() {
    for kpp in [
        "773601001",
        "770701001",
        "7736AB001",
        "7707 01 001",
        "5001Z9001",
    ] {
        assert_eq!(check_kpp(kpp), Ok(()), "{kpp:?}");
    }
    for kpp in [
        "7736ab001",
        "A73601001",
        "77360100A",
        "7736Ж1001",
        "7736-1001",
        "7736_1001",
    ] {
        assert_eq!(check_kpp(kpp), Err(RequisiteError::BadKppFormat), "{kpp:?}");
    }
    assert_eq!(
        check_kpp("77360100"),
        Err(RequisiteError::WrongLength {
            expected: &[9],
            found: 8
        })
    );
    assert_eq!(
        check_kpp("7736010011"),
        Err(RequisiteError::WrongLength {
            expected: &[9],
            found: 10
        })
    );
}

#[test]
fn ogrns() {
    for ogrn in [
        "1027700132195", // ПАО Сбербанк
        "1027739609391", // Банк ВТБ (ПАО)
        "1027700070518", // ПАО «Газпром»
        "1037739877295",
        "1027 7001 32195",
        "304500116000157", // ОГРНИП
        "316861700133226",
    ] {
        assert_eq!(check_ogrn(ogrn), Ok(()), "{ogrn:?}");
    }
    for ogrn in ["1027700132195", "304500116000157"] {
        let last = ogrn.len() - 1;
        for d in '0'..='9' {
            let typo = format!("{}{d}", &ogrn[..last]);
            if typo != ogrn {
                assert_eq!(check_ogrn(&typo), Err(RequisiteError::CheckDigit), "{typo}");
            }
        }
    }
    assert_eq!(check_ogrn("1027700132196"), Err(RequisiteError::CheckDigit));
    assert_eq!(check_ogrn("1127700132195"), Err(RequisiteError::CheckDigit));
    assert_eq!(
        check_ogrn("10277001321"),
        Err(RequisiteError::WrongLength {
            expected: &[13, 15],
            found: 11
        })
    );
    assert_eq!(
        check_ogrn("10277001321950"),
        Err(RequisiteError::WrongLength {
            expected: &[13, 15],
            found: 14
        })
    );
    assert_eq!(check_ogrn("102770013219O"), Err(RequisiteError::NotDigits));
}

#[test]
fn biks() {
    for bik in ["044525225", "044525974", "049805746", "04 45 25 225"] {
        assert_eq!(check_bik(bik), Ok(()), "{bik:?}");
    }
    assert_eq!(check_bik("144525225"), Err(RequisiteError::BikFormat));
    assert_eq!(check_bik("004525988"), Err(RequisiteError::BikFormat));
    assert_eq!(check_bik("04452522A"), Err(RequisiteError::NotDigits));
    assert_eq!(
        check_bik("04452522"),
        Err(RequisiteError::WrongLength {
            expected: &[9],
            found: 8
        })
    );
}

#[test]
fn correspondent_accounts_of_real_banks() {
    for (corr, bik) in [
        ("30101810400000000225", "044525225"), // ПАО Сбербанк
        ("30101810700000000187", "044525187"), // Банк ВТБ (ПАО)
        ("30101810200000000593", "044525593"), // АО «Альфа-Банк»
        ("30101810145250000974", "044525974"), // АО «ТБанк»
        ("30101810800000000746", "049805746"), // the Bank of Russia's example
        ("3010 1810 4000 0000 0225", "044525225"),
    ] {
        assert_eq!(check_corr_account(corr, bik), Ok(()), "{corr} {bik}");
        // The key is the 9th digit; nothing else needs to be known to compute it.
        let digits: String = corr.chars().filter(|c| !c.is_whitespace()).collect();
        let bank = format!("0{}", &bik[4..6]);
        assert_eq!(with_key(&bank, &digits), digits);
    }
}

#[test]
fn every_one_digit_typo_of_an_account_is_caught() {
    // Weights 7, 1 and 3 are all prime to 10, so one changed digit always changes the key.
    let corr = "30101810400000000225";
    for typo in one_digit_typos(corr) {
        assert_eq!(
            check_corr_account(&typo, "044525225"),
            Err(RequisiteError::AccountKey),
            "{typo}"
        );
    }
    let account = with_key("225", "40702810038000123456");
    assert_eq!(check_settlement_account(&account, "044525225"), Ok(()));
    for typo in one_digit_typos(&account) {
        assert_eq!(
            check_settlement_account(&typo, "044525225"),
            Err(RequisiteError::AccountKey),
            "{typo}"
        );
    }
}

#[test]
fn settlement_accounts_are_keyed_by_their_bank() {
    // The examples of the procedure and of its common retellings.
    assert_eq!(
        check_settlement_account("40602810700000000025", "049805746"),
        Ok(())
    );
    assert_eq!(
        check_settlement_account("40702810900000000025", "044514512"),
        Ok(())
    );
    // Accounts in Сбербанк, ВТБ and ТБанк, with keys computed by the procedure.
    for (account, bik) in [
        ("40702810X38000012345", "044525225"),
        ("40817810X55001234567", "044525225"),
        ("40702810X00000004567", "044525187"),
        ("40802810X00000123456", "044525974"),
    ] {
        let account = with_key(&bik[6..], &account.replace('X', "0"));
        assert_eq!(
            check_settlement_account(&account, bik),
            Ok(()),
            "{account} {bik}"
        );
        // The same account checked against another bank fails, unless the keys happen to
        // agree: then at least the other bank's number gives a different key digit.
        let other = if bik == "044525225" {
            "044525187"
        } else {
            "044525225"
        };
        if control_key(&other[6..], &account) != control_key(&bik[6..], &account) {
            assert_eq!(
                check_settlement_account(&account, other),
                Err(RequisiteError::AccountKey),
                "{account} {other}"
            );
        }
    }
    // A bank's correspondent account is not a settlement account with the bank.
    assert_eq!(
        check_settlement_account("30101810400000000225", "044525225"),
        Err(RequisiteError::AccountKey)
    );
}

#[test]
fn accounts_held_by_the_bank_of_russia_are_keyed_by_its_division() {
    // БИК ending in 000: a cash settlement centre, whose accounts take 0 and the 5th and
    // 6th digits of the БИК, as correspondent accounts do.
    let account = with_key("005", "40101810000000000001");
    assert_eq!(check_settlement_account(&account, "049805000"), Ok(()));
    let by_bank_number = with_key("000", "40101810000000000001");
    if by_bank_number != account {
        assert_eq!(
            check_settlement_account(&by_bank_number, "049805000"),
            Err(RequisiteError::AccountKey)
        );
    }
}

#[test]
fn accounts_need_twenty_digits_and_a_valid_bik() {
    assert_eq!(
        check_settlement_account("4070281090000000002", "044514512"),
        Err(RequisiteError::WrongLength {
            expected: &[20],
            found: 19
        })
    );
    assert_eq!(
        check_corr_account("3010181040000000022X", "044525225"),
        Err(RequisiteError::NotDigits)
    );
    for bik in ["", "04452522", "144525225", "04452522x"] {
        assert_eq!(
            check_settlement_account("40702810900000000025", bik),
            Err(RequisiteError::InvalidBik),
            "{bik:?}"
        );
        assert_eq!(
            check_corr_account("30101810400000000225", bik),
            Err(RequisiteError::InvalidBik),
            "{bik:?}"
        );
    }
    assert_eq!(
        check_settlement_account("4070 2810 9000 0000 0025", " 044514512 "),
        Ok(())
    );
}

#[test]
fn errors_read_as_sentences() {
    assert_eq!(
        RequisiteError::WrongLength {
            expected: &[20],
            found: 19
        }
        .to_string(),
        "expected 20 characters, found 19"
    );
    assert_eq!(
        RequisiteError::CheckDigit.to_string(),
        "the check digit does not match"
    );
}
