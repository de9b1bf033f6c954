//! A report as a plain table of typed cells, and its two file formats: semicolon CSV for
//! Excel (UTF-8 with BOM, CRLF) and XLSX.

use crate::ReportError;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One cell. Dates stay dates until a format renders them: `dd.mm.yyyy` in CSV, a real date
/// shown as `dd.mm.yyyy` in XLSX.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(i64),
    /// Hundredths (150 = 1,5).
    Centi(i64),
    Date(NaiveDate),
    /// Several dates in one cell, joined with "|".
    Dates(Vec<NaiveDate>),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        if value.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    pub fn opt_text<S: AsRef<str>>(value: Option<S>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::text(v.as_ref()))
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Dates(d) => d.is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as the CSV writes it (before quoting).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Centi(c) => centi_text(*c),
            Cell::Date(d) => date_text(*d),
            Cell::Dates(ds) => ds
                .iter()
                .map(|d| date_text(*d))
                .collect::<Vec<_>>()
                .join("|"),
        }
    }
}

/// `dd.mm.yyyy`
pub fn date_text(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Hundredths as a Polish decimal: 150 → "1,5", 200 → "2", 125 → "1,25".
pub fn centi_text(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.unsigned_abs();
    let (whole, frac) = (c / 100, c % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole},{}", f / 10),
        f => format!("{sign}{whole},{f:02}"),
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A CSV field, quoted when it holds a separator of any CSV dialect (`;`, `,`, tab), a quote
/// or a line break. Text a spreadsheet would run as a formula (=, @, or + and - followed by
/// more than a number) gets a leading apostrophe — at the start and after every separator, so
/// a file opened with another separator cannot start a cell with a formula either; an
/// exported name can never become a formula in Excel or LibreOffice.
pub fn csv_field(value: &str) -> String {
    fn needs_guard(segment: &str) -> bool {
        match segment.chars().next() {
            Some('=' | '@' | '\t' | '\r') => true,
            Some('+' | '-') => !segment
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c)),
            _ => false,
        }
    }
    let mut guarded = String::with_capacity(value.len() + 2);
    let mut rest = value;
    loop {
        if needs_guard(rest) {
            guarded.push('\'');
        }
        match rest.find([';', ',', '\t']) {
            Some(i) => {
                let sep = rest[i..].chars().next().expect("a separator");
                guarded.push_str(&rest[..i + sep.len_utf8()]);
                rest = &rest[i + sep.len_utf8()..];
            }
            None => {
                guarded.push_str(rest);
                break;
            }
        }
    }
    if guarded.contains([';', ',', '\t', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Semicolon CSV for Excel written row by row: UTF-8 with BOM, CRLF line ends, header first.
pub struct CsvWriter<W: std::io::Write> {
    out: W,
    line: String,
}

impl<W: std::io::Write> CsvWriter<W> {
    /// Writes the BOM and the header row.
    pub fn new<S: AsRef<str>>(out: W, headers: &[S]) -> std::io::Result<CsvWriter<W>> {
        let mut writer = CsvWriter {
            out,
            line: String::from("\u{FEFF}"),
        };
        writer.fields(headers.iter().map(|h| h.as_ref().to_owned()))?;
        Ok(writer)
    }

    pub fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.fields(cells.iter().map(Cell::display))
    }

    fn fields(&mut self, values: impl Iterator<Item = String>) -> std::io::Result<()> {
        for (i, value) in values.enumerate() {
            if i > 0 {
                self.line.push(';');
            }
            self.line.push_str(&csv_field(&value));
        }
        self.line.push_str("\r\n");
        self.out.write_all(self.line.as_bytes())?;
        self.line.clear();
        Ok(())
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

impl Table {
    /// Semicolon CSV for Excel: UTF-8 with BOM, CRLF line ends, header row first.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut csv = CsvWriter::new(Vec::new(), &self.headers).expect("writing to memory");
        for row in &self.rows {
            csv.row(row).expect("writing to memory");
        }
        csv.into_inner()
    }

    /// One worksheet: bold header, frozen and filterable; text stays text (a PESEL keeps its
    /// leading zero and nothing is ever read as a formula), dates are real dates.
    pub fn to_xlsx(&self, sheet_name: &str) -> Result<Vec<u8>, ReportError> {
        let xlsx = |e: rust_xlsxwriter::XlsxError| {
            ReportError::Write(format!("Nie udało się przygotować pliku XLSX: {e}"))
        };
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold().set_text_wrap();
        let date = Format::new().set_num_format("dd.mm.yyyy");
        let centi = Format::new().set_num_format("0.00");
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name).map_err(xlsx)?;
        for (c, header) in self.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col(c)?, header, &bold)
                .map_err(xlsx)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1)
                .map_err(|_| ReportError::Write("Za dużo wierszy dla pliku XLSX".into()))?;
            for (c, cell) in row.iter().enumerate() {
                let c = col(c)?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).map_err(xlsx)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n as f64).map_err(xlsx)?;
                    }
                    Cell::Centi(v) => {
                        sheet
                            .write_number_with_format(r, c, *v as f64 / 100.0, &centi)
                            .map_err(xlsx)?;
                    }
                    Cell::Date(d) => {
                        let value = ExcelDateTime::from_ymd(
                            u16::try_from(d.year()).unwrap_or(1900),
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(xlsx)?;
                        sheet
                            .write_datetime_with_format(r, c, &value, &date)
                            .map_err(xlsx)?;
                    }
                    Cell::Dates(_) => {
                        sheet.write_string(r, c, cell.display()).map_err(xlsx)?;
                    }
                }
            }
        }
        if !self.headers.is_empty() {
            sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
            let last_row = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
            sheet
                .autofilter(0, 0, last_row, col(self.headers.len() - 1)?)
                .map_err(xlsx)?;
            sheet.autofit();
        }
        workbook.save_to_buffer().map_err(xlsx)
    }
}

fn col(index: usize) -> Result<u16, ReportError> {
    u16::try_from(index).map_err(|_| ReportError::Write("Za dużo kolumn dla pliku XLSX".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_separators_quotes_or_line_breaks_are_quoted() {
        assert_eq!(csv_field("Łódź"), "Łódź");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn formulas_are_neutralised_but_phone_numbers_are_not() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_field("-2+3+cmd|' /C calc'!A0"),
            "'-2+3+cmd|' /C calc'!A0"
        );
        assert_eq!(csv_field("+48 601 234 567"), "+48 601 234 567");
        assert_eq!(csv_field("-5"), "-5");
    }

    #[test]
    fn commas_and_tabs_are_quoted_and_guarded_after_every_separator() {
        assert_eq!(csv_field("Kowalski, Jan"), "\"Kowalski, Jan\"");
        assert_eq!(csv_field("a\tb"), "\"a\tb\"");
        assert_eq!(csv_field("Jan,=HYPERLINK(1)"), "\"Jan,'=HYPERLINK(1)\"");
        assert_eq!(csv_field("x\t@SUM(A1)"), "\"x\t'@SUM(A1)\"");
        assert_eq!(csv_field("a;-1+cmd"), "\"a;'-1+cmd\"");
        assert_eq!(csv_field("1,5"), "\"1,5\"");
    }

    #[test]
    fn hundredths_are_polish_decimals() {
        assert_eq!(centi_text(150), "1,5");
        assert_eq!(centi_text(200), "2");
        assert_eq!(centi_text(125), "1,25");
        assert_eq!(centi_text(5), "0,05");
        assert_eq!(centi_text(0), "0");
    }

    #[test]
    fn csv_has_a_bom_semicolons_and_crlf() {
        let table = Table {
            headers: vec!["Imię".into(), "Daty".into()],
            rows: vec![vec![
                Cell::text("Zażółć; gęślą"),
                Cell::Dates(vec![
                    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                    NaiveDate::from_ymd_opt(2026, 2, 9).unwrap(),
                ]),
            ]],
        };
        let text = String::from_utf8(table.to_csv()).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}Imię;Daty\r\n\"Zażółć; gęślą\";05.01.2026|09.02.2026\r\n"
        );
    }
}
