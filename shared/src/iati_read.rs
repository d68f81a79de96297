//! Reading IATI 2.0x activity files (as published by IATI's own example, AidStream and the
//! registry's publishers): each activity's identifier, texts, dates, status, country,
//! participating organisations, budgets, transactions and results, plus every part that could
//! not be read, named with the activity and the element. What Sembrar does with them (projects,
//! donors, budget lines, transactions, indicators) is the server's import.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// An element of the file: its name, attributes, text and children.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Node {
    /// The element's name, with its prefix (`xml:lang` stays whole for attributes).
    pub name: String,
    /// Attributes in file order.
    pub attributes: Vec<(String, String)>,
    /// Text directly inside it, trimmed.
    pub text: String,
    /// Child elements.
    pub children: Vec<Node>,
    /// The line it starts on.
    pub line: usize,
}

impl Node {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of its first `narrative` (IATI 2), else its own text (IATI 1 style).
    pub fn narrative(&self) -> Option<String> {
        self.child("narrative")
            .map(|n| n.text.clone())
            .or_else(|| Some(self.text.clone()))
            .filter(|t| !t.is_empty())
    }
}

/// The deepest nesting of elements read (an IATI activity file needs about 8).
pub const DEPTH_MAX: usize = 100;
/// The most elements read from one file.
pub const ELEMENTS_MAX: usize = 1_000_000;

/// Parses an XML document into its root element, or says why it is not XML. Bounded while it
/// reads: nesting deeper than [`DEPTH_MAX`] or more than [`ELEMENTS_MAX`] elements are refused
/// at the element that passes the limit, and lines are counted once, as the reader moves on.
pub fn parse(xml: &str) -> Result<Node, String> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(xml);
    // The reader only moves forward: count the line breaks since the last position asked.
    let counted = std::cell::Cell::new((0usize, 1usize));
    let line_of = |position: u64| {
        let end = usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(xml.len());
        let (from, line) = counted.get();
        let line = if end >= from {
            line + xml.as_bytes()[from..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
        } else {
            1 + xml.as_bytes()[..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
        };
        counted.set((end, line));
        line
    };
    let mut elements = 0usize;
    let open = |e: &BytesStart<'_>, line: usize| -> Result<Node, String> {
        let mut attributes = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
            attributes.push((key, value));
        }
        Ok(Node {
            name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            attributes,
            text: String::new(),
            children: Vec::new(),
            line,
        })
    };
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let fail = |e: String, position: u64| format!("line {}: {e}", line_of(position));
    loop {
        let position = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                elements += 1;
                if stack.len() >= DEPTH_MAX {
                    return Err(fail(
                        format!("elements nested deeper than {DEPTH_MAX}"),
                        position,
                    ));
                }
                if elements > ELEMENTS_MAX {
                    return Err(fail(format!("more than {ELEMENTS_MAX} elements"), position));
                }
                stack.push(open(&e, line_of(position)).map_err(|m| fail(m, position))?)
            }
            Ok(Event::Empty(e)) => {
                elements += 1;
                if elements > ELEMENTS_MAX {
                    return Err(fail(format!("more than {ELEMENTS_MAX} elements"), position));
                }
                let node = open(&e, line_of(position)).map_err(|m| fail(m, position))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(node) = stack.last_mut() {
                    node.text
                        .push_str(&t.decode().map_err(|e| fail(e.to_string(), position))?);
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(node) = stack.last_mut() {
                    node.text
                        .push_str(&t.decode().map_err(|e| fail(e.to_string(), position))?);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let Some(node) = stack.last_mut() else {
                    continue;
                };
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    node.text.push(c);
                } else {
                    let entity = r.decode().map_err(|e| fail(e.to_string(), position))?;
                    let resolved = quick_xml::escape::resolve_predefined_entity(&entity)
                        .ok_or_else(|| fail(format!("unknown entity &{entity};"), position))?;
                    node.text.push_str(resolved);
                }
            }
            Ok(Event::End(_)) => {
                let mut node = stack
                    .pop()
                    .ok_or_else(|| fail("unbalanced end tag".into(), position))?;
                node.text = node.text.trim().to_owned();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(fail(e.to_string(), position)),
            _ => {}
        }
    }
    root.ok_or_else(|| "the file holds no XML element".to_owned())
}

/// An organisation as a file names it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOrg {
    /// Its identifier (`ref`).
    pub reference: Option<String>,
    /// Its `OrganisationType` code.
    pub type_code: Option<String>,
    /// Its `OrganisationRole` code (participating organisations only).
    pub role: Option<String>,
    /// Its name (its identifier when it has none).
    pub name: String,
}

/// A budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadBudget {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Amount.
    pub amount: Decimal,
    /// Currency, when the value names one.
    pub currency: Option<String>,
}

/// A transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadTransaction {
    /// Its `ref`, if any.
    pub reference: Option<String>,
    /// `TransactionType` code.
    pub type_code: String,
    /// Its day.
    pub date: NaiveDate,
    /// Amount.
    pub amount: Decimal,
    /// Currency, when the value names one.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Provider.
    pub provider: Option<ReadOrg>,
    /// Receiver.
    pub receiver: Option<ReadOrg>,
}

/// A target or an actual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadValue {
    /// The value, when given.
    pub value: Option<Decimal>,
    /// Its dimensions (`sex` = `female`...).
    pub dimensions: Vec<(String, String)>,
}

/// An indicator's period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadPeriod {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Targets.
    pub targets: Vec<ReadValue>,
    /// Actuals.
    pub actuals: Vec<ReadValue>,
}

/// An indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadIndicator {
    /// Its title.
    pub title: String,
    /// `IndicatorMeasure` code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative).
    pub measure: String,
    /// Whether higher is better.
    pub ascending: Option<bool>,
    /// Baseline year and value.
    pub baseline: Option<(i32, Option<Decimal>)>,
    /// Periods.
    pub periods: Vec<ReadPeriod>,
}

/// A result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadResult {
    /// `ResultType` code (1 output, 2 outcome, 3 impact, 9 other).
    pub type_code: String,
    /// Its title.
    pub title: String,
    /// Its indicators.
    pub indicators: Vec<ReadIndicator>,
}

/// One activity as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadActivity {
    /// The line it starts on.
    pub line: usize,
    /// `iati-identifier`.
    pub identifier: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// First description.
    pub description: Option<String>,
    /// `ActivityStatus` code.
    pub status_code: Option<String>,
    /// `activity-date`s: (type code, day).
    pub dates: Vec<(String, NaiveDate)>,
    /// `default-currency`.
    pub default_currency: Option<String>,
    /// `recipient-country` codes.
    pub countries: Vec<String>,
    /// Participating organisations.
    pub participants: Vec<ReadOrg>,
    /// Budgets.
    pub budgets: Vec<ReadBudget>,
    /// Transactions.
    pub transactions: Vec<ReadTransaction>,
    /// Results.
    pub results: Vec<ReadResult>,
    /// Parts that could not be read: (line, element, reason).
    pub unreadable: Vec<(usize, String, String)>,
}

impl ReadActivity {
    /// The day of an `activity-date` of this type (1 planned start, 2 actual start, 3 planned
    /// end, 4 actual end).
    pub fn date(&self, type_code: &str) -> Option<NaiveDate> {
        self.dates
            .iter()
            .find(|(t, _)| t == type_code)
            .map(|(_, d)| *d)
    }
}

fn day(text: Option<&str>) -> Option<NaiveDate> {
    let text = text?.trim();
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").ok()
}

fn decimal(text: &str) -> Option<Decimal> {
    let text = text.trim().replace(',', "");
    if text.len() > crate::validation::NUMBER_TEXT_MAX {
        return None;
    }
    Decimal::from_str(&text)
        .ok()
        .or_else(|| Decimal::from_scientific(&text).ok())
}

fn org(node: &Node) -> ReadOrg {
    let reference = node.attr("ref").map(|r| r.trim().to_owned());
    ReadOrg {
        name: node
            .narrative()
            .or_else(|| reference.clone())
            .unwrap_or_default(),
        reference,
        type_code: node.attr("type").map(str::to_owned),
        role: node.attr("role").map(str::to_owned),
    }
}

fn value_of(node: &Node) -> ReadValue {
    ReadValue {
        value: node.attr("value").and_then(decimal),
        dimensions: node
            .all("dimension")
            .filter_map(|d| Some((d.attr("name")?.to_owned(), d.attr("value")?.to_owned())))
            .collect(),
    }
}

fn read_activity(node: &Node) -> ReadActivity {
    let mut unreadable = Vec::new();
    let mut bad = |n: &Node, why: &str| unreadable.push((n.line, n.name.clone(), why.to_owned()));
    let mut budgets = Vec::new();
    for b in node.all("budget") {
        let start = day(b.child("period-start").and_then(|p| p.attr("iso-date")));
        let end = day(b.child("period-end").and_then(|p| p.attr("iso-date")));
        let value = b.child("value");
        match (start, end, value.and_then(|v| decimal(&v.text))) {
            (Some(start), Some(end), Some(amount)) => budgets.push(ReadBudget {
                start,
                end,
                amount,
                currency: value.and_then(|v| v.attr("currency")).map(str::to_owned),
            }),
            _ => bad(b, "a budget needs a period start, a period end and a value"),
        }
    }
    let mut transactions = Vec::new();
    for t in node.all("transaction") {
        let type_code = t.child("transaction-type").and_then(|c| c.attr("code"));
        let date = day(t.child("transaction-date").and_then(|c| c.attr("iso-date")));
        let value = t.child("value");
        let date = date.or_else(|| day(value.and_then(|v| v.attr("value-date"))));
        match (type_code, date, value.and_then(|v| decimal(&v.text))) {
            (Some(type_code), Some(date), Some(amount)) => transactions.push(ReadTransaction {
                reference: t.attr("ref").map(str::to_owned),
                type_code: type_code.to_owned(),
                date,
                amount,
                currency: value.and_then(|v| v.attr("currency")).map(str::to_owned),
                description: t.child("description").and_then(Node::narrative),
                provider: t.child("provider-org").map(org),
                receiver: t.child("receiver-org").map(org),
            }),
            _ => bad(t, "a transaction needs a type, a day and a value"),
        }
    }
    let mut results = Vec::new();
    for r in node.all("result") {
        let mut indicators = Vec::new();
        for i in r.all("indicator") {
            let mut periods = Vec::new();
            for p in i.all("period") {
                let start = day(p.child("period-start").and_then(|c| c.attr("iso-date")));
                let end = day(p.child("period-end").and_then(|c| c.attr("iso-date")));
                match (start, end) {
                    (Some(start), Some(end)) => periods.push(ReadPeriod {
                        start,
                        end,
                        targets: p.all("target").map(value_of).collect(),
                        actuals: p.all("actual").map(value_of).collect(),
                    }),
                    _ => bad(p, "a period needs a start and an end"),
                }
            }
            let baseline = i.child("baseline").and_then(|b| {
                let year = b.attr("year")?.trim().parse::<i32>().ok()?;
                Some((year, b.attr("value").and_then(decimal)))
            });
            indicators.push(ReadIndicator {
                title: i
                    .child("title")
                    .and_then(Node::narrative)
                    .unwrap_or_default(),
                measure: i.attr("measure").unwrap_or("1").to_owned(),
                ascending: i.attr("ascending").map(|a| matches!(a, "1" | "true")),
                baseline,
                periods,
            });
        }
        results.push(ReadResult {
            type_code: r.attr("type").unwrap_or("9").to_owned(),
            title: r
                .child("title")
                .and_then(Node::narrative)
                .unwrap_or_default(),
            indicators,
        });
    }
    ReadActivity {
        line: node.line,
        identifier: node
            .child("iati-identifier")
            .map(|n| n.text.clone())
            .filter(|t| !t.is_empty()),
        title: node.child("title").and_then(Node::narrative),
        description: node.child("description").and_then(Node::narrative),
        status_code: node
            .child("activity-status")
            .and_then(|s| s.attr("code"))
            .map(str::to_owned),
        dates: node
            .all("activity-date")
            .filter_map(|d| Some((d.attr("type")?.to_owned(), day(d.attr("iso-date"))?)))
            .collect(),
        default_currency: node.attr("default-currency").map(str::to_owned),
        countries: node
            .all("recipient-country")
            .filter_map(|c| c.attr("code"))
            .map(|c| c.trim().to_uppercase())
            .collect(),
        participants: node.all("participating-org").map(org).collect(),
        budgets,
        transactions,
        results,
        unreadable,
    }
}

/// Reads the activities of an `iati-activities` file.
pub fn read_activities(xml: &str) -> Result<Vec<ReadActivity>, String> {
    let root = parse(xml)?;
    if root.name != "iati-activities" {
        return Err(format!(
            "the file's root element is <{}>, not <iati-activities>",
            root.name
        ));
    }
    Ok(root.all("iati-activity").map(read_activity).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    const EXAMPLE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/iati/iati-activity-standard-example-annotated-2.03.xml"
    ));
    const AIDSTREAM: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/iati/acf-spain-mali-right2grow.xml"
    ));

    #[test]
    fn the_official_example_reads_with_its_budget_transaction_and_result() {
        let activities = read_activities(EXAMPLE).unwrap();
        assert_eq!(activities.len(), 1);
        let a = &activities[0];
        assert_eq!(a.identifier.as_deref(), Some("AA-AAA-123456789-ABC123"));
        assert_eq!(a.title.as_deref(), Some("Activity title"));
        assert_eq!(a.default_currency.as_deref(), Some("USD"));
        assert_eq!(a.countries, ["AF", "AG"]);
        assert_eq!(a.date("1"), NaiveDate::from_ymd_opt(2012, 4, 15));
        assert_eq!(a.participants.len(), 3);
        assert_eq!(a.participants[0].role.as_deref(), Some("1"));
        assert_eq!(a.participants[0].name, "Name of Agency B");
        assert_eq!(a.budgets.len(), 1);
        assert_eq!(a.budgets[0].amount, dec!(3000));
        assert_eq!(a.budgets[0].currency.as_deref(), Some("EUR"));
        assert_eq!(a.transactions.len(), 1);
        let t = &a.transactions[0];
        assert_eq!((t.type_code.as_str(), t.amount), ("1", dec!(1000)));
        assert_eq!(t.provider.as_ref().unwrap().name, "Agency B");
        assert_eq!(a.results.len(), 1);
        let i = &a.results[0].indicators[0];
        assert_eq!(i.title, "Indicator title");
        assert_eq!(i.baseline, Some((2012, Some(dec!(10)))));
        assert_eq!(i.periods[0].targets[0].value, Some(dec!(10)));
        assert_eq!(i.periods[0].actuals[0].value, Some(dec!(11)));
        assert_eq!(
            i.periods[0].actuals[0].dimensions[0],
            ("sex".to_owned(), "female".to_owned())
        );
        assert!(a.unreadable.is_empty(), "{:?}", a.unreadable);
    }

    #[test]
    fn a_real_aidstream_file_reads_its_budgets_expenditures_and_results() {
        let activities = read_activities(AIDSTREAM).unwrap();
        assert!(!activities.is_empty());
        let a = &activities[0];
        assert!(a.identifier.is_some());
        assert!(!a.budgets.is_empty());
        assert!(a.transactions.iter().any(|t| t.type_code == "4"));
        assert!(!a.results.is_empty());
    }

    #[test]
    fn broken_xml_and_other_roots_are_refused_with_a_reason() {
        let other = read_activities("<iati-organisations/>").unwrap_err();
        assert!(other.contains("iati-organisations"), "{other}");
        let broken = read_activities("<iati-activities>\n<a></b>").unwrap_err();
        assert!(broken.starts_with("line 2"), "{broken}");
    }

    #[test]
    fn a_transaction_without_a_value_is_named_with_its_line() {
        let xml = "<iati-activities version=\"2.03\">\n<iati-activity>\n<iati-identifier>X-1</iati-identifier>\n<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2024-01-01\"/></transaction>\n</iati-activity>\n</iati-activities>";
        let a = &read_activities(xml).unwrap()[0];
        assert!(a.transactions.is_empty());
        assert_eq!(a.unreadable[0].0, 4);
        assert_eq!(a.unreadable[0].1, "transaction");
    }

    #[test]
    fn deep_nesting_is_refused_at_the_limit_without_exhausting_the_stack() {
        let deep = format!("<iati-activities>{}", "<a>\n".repeat(200_000));
        let error = parse(&deep).unwrap_err();
        assert_eq!(error, "line 100: elements nested deeper than 100");
    }

    #[test]
    fn a_million_tiny_elements_are_read_in_linear_time_with_their_lines() {
        let many = format!(
            "<iati-activities>\n{}<iati-activity/></iati-activities>",
            "<x/>\n".repeat(400_000)
        );
        let started = std::time::Instant::now();
        let root = parse(&many).unwrap();
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        assert_eq!(root.children.last().unwrap().line, 400_002);
        let too_many = "<r>".to_owned() + &"<x/>".repeat(ELEMENTS_MAX) + "</r>";
        assert!(
            parse(&too_many)
                .unwrap_err()
                .contains("more than 1000000 elements")
        );
    }
}
