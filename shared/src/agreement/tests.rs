use super::*;
use rust_decimal::dec;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn codes(errors: Vec<FieldError>) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|e| (e.field, e.problem.code().to_owned()))
        .collect()
}

fn pair(f: &str, c: &str) -> (String, String) {
    (f.to_owned(), c.to_owned())
}

fn visit(id: i64, on: NaiveDate, eradicated: Decimal, found: Decimal) -> Verification {
    Verification {
        id,
        agreement_id: 1,
        verification: NewVerification {
            visited_on: on,
            method: VerificationMethod::FieldVisit,
            eradicated_hectares: eradicated,
            illicit_hectares_found: found,
            note: None,
        },
        replanting: false,
        recorded_by: "Monitor".into(),
        recorded_at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn support(on: NaiveDate, value: Decimal, currency: &str) -> Support {
    Support {
        id: 1,
        household_id: 1,
        support: NewSupport {
            kind: SupportKind::Inputs,
            delivered_on: on,
            value,
            currency: currency.into(),
            description: None,
        },
        recorded_by: "Officer".into(),
        recorded_at: chrono::DateTime::UNIX_EPOCH,
    }
}

fn agreement() -> NewAgreement {
    AgreementForm {
        signed_on: "2025-02-01".into(),
        crop: "coca_bush".into(),
        committed_hectares: "1,5".into(),
        eradicate_by: "2025-06-30".into(),
        note: String::new(),
    }
    .validate(day(12, 31))
    .unwrap()
}

#[test]
fn an_agreement_commits_hectares_of_an_illicit_crop_by_a_day_after_signing() {
    let a = agreement();
    assert_eq!(a.committed_hectares, dec!(1.5));
    assert_eq!(a.crop, IllicitCrop::CocaBush);
    assert_eq!(AgreementForm::of(&a).committed_hectares, "1.5");
    let bad = AgreementForm {
        signed_on: "2025-03-01".into(),
        crop: "cocoa".into(),
        committed_hectares: "0".into(),
        eradicate_by: "2025-02-01".into(),
        note: String::new(),
    };
    assert_eq!(
        codes(bad.validate(day(12, 31)).unwrap_err()),
        vec![
            pair("crop", "unknown_crop"),
            pair("committed_hectares", "not_positive"),
            pair("eradicate_by", "before_signing"),
        ]
    );
    let future = AgreementForm {
        signed_on: "2026-01-01".into(),
        ..AgreementForm::of(&a)
    };
    assert_eq!(
        codes(future.validate(day(12, 31)).unwrap_err()),
        vec![pair("signed_on", "date_in_future")]
    );
}

#[test]
fn a_verification_falls_after_signing_and_eradicates_no_more_than_committed() {
    let ok = VerificationForm {
        visited_on: "2025-04-02".into(),
        method: "field_visit".into(),
        eradicated_hectares: "1".into(),
        illicit_hectares_found: "0,5".into(),
        note: String::new(),
    }
    .validate(day(2, 1), dec!(1.5), day(12, 31))
    .unwrap();
    assert_eq!(ok.illicit_hectares_found, dec!(0.5));
    let bad = VerificationForm {
        visited_on: "2025-01-15".into(),
        method: "rumour".into(),
        eradicated_hectares: "2".into(),
        illicit_hectares_found: "-1".into(),
        note: String::new(),
    };
    assert_eq!(
        codes(bad.validate(day(2, 1), dec!(1.5), day(12, 31)).unwrap_err()),
        vec![
            pair("visited_on", "before_signing"),
            pair("method", "unknown_choice"),
            pair("eradicated_hectares", "too_large"),
            pair("illicit_hectares_found", "negative"),
        ]
    );
}

#[test]
fn an_agreement_goes_from_signed_through_verified_to_replanted() {
    let a = agreement();
    let none: Vec<Verification> = Vec::new();
    assert_eq!(
        agreement_status(&a, &none, day(3, 1)),
        AgreementStatus::Signed
    );
    assert_eq!(
        agreement_status(&a, &none, day(7, 1)),
        AgreementStatus::Overdue
    );
    let partly = mark_replanting(vec![visit(1, day(4, 1), dec!(1), dec!(0.5))], dec!(1.5));
    assert_eq!(
        agreement_status(&a, &partly, day(5, 1)),
        AgreementStatus::PartlyVerified
    );
    assert_eq!(
        agreement_status(&a, &partly, day(7, 1)),
        AgreementStatus::Overdue
    );
    // Given out of order: the later visit that finds coca again is the replanting.
    let visits = mark_replanting(
        vec![
            visit(3, day(11, 5), dec!(1.5), dec!(0.3)),
            visit(1, day(4, 1), dec!(1), dec!(0.5)),
            visit(2, day(6, 20), dec!(1.5), dec!(0)),
        ],
        dec!(1.5),
    );
    let marks: Vec<(i64, bool)> = visits.iter().map(|v| (v.id, v.replanting)).collect();
    assert_eq!(marks, [(1, false), (2, false), (3, true)]);
    assert_eq!(
        agreement_status(&a, &visits[..2], day(7, 1)),
        AgreementStatus::Verified
    );
    assert_eq!(
        agreement_status(&a, &visits, day(12, 1)),
        AgreementStatus::Replanted
    );
    assert_eq!(verified_hectares(&visits), dec!(1.5));
    assert_eq!(verified_hectares(&none), dec!(0));
}

#[test]
fn support_must_reach_the_household_before_or_with_the_eradication() {
    let early = [visit(1, day(4, 1), dec!(1), dec!(0))];
    let none: [Verification; 0] = [];
    assert_eq!(sequencing(&none, &[]), SequencingCheck::SupportPending);
    assert_eq!(
        sequencing(&none, &[support(day(3, 1), dec!(100), "PEN")]),
        SequencingCheck::SupportDelivered
    );
    // The same day counts as "with".
    assert_eq!(
        sequencing(&early, &[support(day(4, 1), dec!(100), "PEN")]),
        SequencingCheck::SupportFirst
    );
    let late = sequencing(&early, &[support(day(4, 2), dec!(100), "PEN")]);
    assert_eq!(late, SequencingCheck::EradicationBeforeSupport);
    assert!(late.is_breach());
    assert_eq!(
        sequencing(&early, &[]),
        SequencingCheck::EradicationBeforeSupport
    );
    // A visit that verified nothing eradicated does not start the clock.
    let nothing = [visit(1, day(4, 1), dec!(0), dec!(1.5))];
    assert_eq!(sequencing(&nothing, &[]), SequencingCheck::SupportPending);
}

#[test]
fn support_is_money_in_its_currency_and_totals_never_mix_currencies() {
    let form = SupportForm {
        kind: "cash_transfer".into(),
        delivered_on: "2025-03-01".into(),
        value: "350,50".into(),
        currency: "PEN".into(),
        description: String::new(),
    };
    let s = form.validate(day(12, 31)).unwrap();
    assert_eq!((s.value, s.currency.as_str()), (dec!(350.50), "PEN"));
    let whole = SupportForm {
        value: "350".into(),
        ..form.clone()
    };
    assert_eq!(
        whole.validate(day(12, 31)).unwrap().value.to_string(),
        "350.00"
    );
    let dong = SupportForm {
        value: "350,5".into(),
        currency: "VND".into(),
        ..form.clone()
    };
    assert_eq!(
        codes(dong.validate(day(12, 31)).unwrap_err()),
        vec![pair("value", "too_many_decimals")]
    );
    let bad = SupportForm {
        kind: "loan".into(),
        delivered_on: "2026-01-01".into(),
        value: "10".into(),
        currency: "XXX".into(),
        description: String::new(),
    };
    assert_eq!(
        codes(bad.validate(day(12, 31)).unwrap_err()),
        vec![
            pair("kind", "unknown_choice"),
            pair("delivered_on", "date_in_future"),
            pair("currency", "unknown_choice"),
        ]
    );
    let totals = support_totals(&[
        support(day(1, 1), dec!(100.10), "PEN"),
        support(day(1, 2), dec!(50000), "COP"),
        support(day(1, 3), dec!(0.90), "PEN"),
    ]);
    assert_eq!(
        totals,
        vec![
            ("COP".to_owned(), dec!(50000)),
            ("PEN".to_owned(), dec!(101.00))
        ]
    );
}

#[test]
fn a_project_s_agreements_add_up_with_their_replanting_rate_and_breaches() {
    let of = |status, verified: Decimal, sequencing| Agreement {
        id: 1,
        household_id: 1,
        household_code: "0000-0000-0".into(),
        project_id: 1,
        agreement: agreement(),
        verified_hectares: verified,
        status,
        sequencing,
        created_at: chrono::DateTime::UNIX_EPOCH,
    };
    let summary = summarize(&[
        of(
            AgreementStatus::Verified,
            dec!(1.5),
            SequencingCheck::SupportFirst,
        ),
        of(
            AgreementStatus::Replanted,
            dec!(1.5),
            SequencingCheck::EradicationBeforeSupport,
        ),
        of(
            AgreementStatus::Verified,
            dec!(1.5),
            SequencingCheck::SupportFirst,
        ),
        of(
            AgreementStatus::Overdue,
            dec!(0.4),
            SequencingCheck::SupportPending,
        ),
    ]);
    assert_eq!(summary.agreements, 4);
    assert_eq!(summary.committed_hectares, dec!(6.0));
    assert_eq!(summary.verified_hectares, dec!(4.9));
    assert_eq!(summary.verified_agreements, 3);
    assert_eq!(summary.replanted_agreements, 1);
    assert_eq!(summary.replanting_rate_percent, Some(dec!(33.3)));
    assert_eq!(summary.overdue_agreements, 1);
    assert_eq!(summary.sequencing_breaches, 1);
    assert_eq!(summarize(&[]).replanting_rate_percent, None);
}
