//! Writes a CSV of applicants as an .xlsx, for the workbook benchmark of
//! scripts/bench-batch.sh: one sheet, 申请人, the header as text and each
//! record's cells as an office's workbook holds them, digits as numbers (a
//! number of ten digits or more stays text, as an ID or account would be kept),
//! empty cells left out. rust_xlsxwriter writes it in its low-memory mode,
//! which keeps Excel's shared strings but not the rows, so a million rows fit.
//!
//! Usage: cargo run --release -p chanjiao-batch --example workbook -- INPUT.csv OUTPUT.xlsx

use rust_xlsxwriter::Workbook;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: workbook INPUT.csv OUTPUT.xlsx");
        std::process::exit(2);
    };
    if let Err(e) = convert(input, output) {
        eprintln!("workbook: {e}");
        std::process::exit(1);
    }
}

fn convert(input: &str, output: &str) -> Result<(), Box<dyn std::error::Error>> {
    // The list it reads is never the file it writes.
    if std::fs::canonicalize(output).is_ok_and(|o| std::fs::canonicalize(input).is_ok_and(|i| i == o)) {
        return Err(format!("{output} is the input; name another file").into());
    }
    let text = std::fs::read(input)?;
    // The byte-order mark spreadsheet programs want is not part of the first header.
    let text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_low_memory()?;
    sheet.set_name("申请人")?;
    let mut rows = 0u32;
    for (r, record) in reader.records().enumerate() {
        let record = record?;
        let r = u32::try_from(r)?;
        for (c, cell) in record.iter().enumerate() {
            let c = u16::try_from(c)?;
            match cell {
                "" => {}
                _ if r > 0 && cell.len() < 10 && cell.bytes().all(|b| b.is_ascii_digit()) => {
                    sheet.write_number(r, c, cell.parse::<f64>()?)?;
                }
                _ => {
                    sheet.write_string(r, c, cell)?;
                }
            }
        }
        rows = r;
    }
    book.save(output)?;
    println!("{output}: {rows} records of {input}");
    Ok(())
}
