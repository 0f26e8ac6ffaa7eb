//! Pages, text, tables and form fields: the typesetting every form uses.
//!
//! Coordinates are PDF points from the bottom-left of an A4 page. Text is set
//! line by line from a cursor `y` that moves down the page; whatever does not
//! fit starts a new page. A table row that does not fit is split between pages,
//! and the table's header row is repeated on the next.

use pdf_writer::{Content, Name, Rect, Str, TextStr};

use crate::font::{Glyph, Glyphs};
use crate::layout::break_lines;

/// A4, in points.
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
/// Margins: 20 mm at the sides, room for the footer at the bottom.
pub(crate) const LEFT: f32 = 56.7;
pub(crate) const RIGHT: f32 = PAGE_W - 56.7;
pub(crate) const TOP: f32 = PAGE_H - 48.0;
pub(crate) const BOTTOM: f32 = 66.0;
/// The body text: 五号 (10.5 pt) on a 16 pt line.
pub(crate) const SIZE: f32 = 10.5;
pub(crate) const LEAD: f32 = 16.0;
/// The resource name of the one font.
pub(crate) const FONT: Name<'static> = Name(b"F1");

const PAD: f32 = 5.0;
const LABEL_W: f32 = 118.0;
pub(crate) const BORDER: f32 = 0.6;

/// One page being written.
pub(crate) struct Page {
    pub content: Content,
    /// The form (application) the page belongs to, for its footer.
    pub form: usize,
}

/// A form field placed on a page: its value is drawn by its own appearance
/// stream, in the embedded font, so every viewer shows it.
pub(crate) struct FieldBox {
    pub page: usize,
    pub name: String,
    pub value: String,
    pub rect: Rect,
    pub size: f32,
    pub lead: f32,
    pub lines: Vec<Vec<Glyph>>,
    pub multiline: bool,
}

/// What a table cell holds.
pub(crate) enum Cell {
    /// Text, wrapped.
    Text(String),
    /// A form field, named, with its value.
    Field { name: String, value: String },
    /// Room to write by hand, this many lines high.
    Blank(usize),
}

/// A table row: what part of the form it is (its mark), a label and a cell.
pub(crate) struct Row {
    pub key: String,
    pub label: String,
    pub cell: Cell,
}

/// A document being written.
pub(crate) struct Doc<'f> {
    pub glyphs: Glyphs<'f>,
    pub pages: Vec<Page>,
    pub fields: Vec<FieldBox>,
    /// The baseline cursor: where the next block starts (its top).
    pub y: f32,
    form: usize,
    /// The part of the form being written, marked in the page content (see [`MARK`]).
    mark: Option<String>,
}

/// The tag of the marked-content sequences that say which part of a form the
/// content draws (`/Chanjiao <</F (amount)>> BDC … EMC`): `chanjiao verify`
/// names the part where a page differs from the form its code describes.
pub(crate) const MARK: Name<'static> = Name(b"Chanjiao");

fn begin_mark(c: &mut Content, key: &str) {
    c.begin_marked_content_with_properties(MARK).properties().pair(Name(b"F"), Str(key.as_bytes()));
}

impl<'f> Doc<'f> {
    pub fn new(glyphs: Glyphs<'f>) -> Doc<'f> {
        Doc { glyphs, pages: Vec::new(), fields: Vec::new(), y: TOP, form: 0, mark: None }
    }

    /// Marks what follows as the part `key` of the form (or nothing), ending
    /// the part before. A part that runs onto a new page is marked there too.
    pub fn mark(&mut self, key: Option<&str>) {
        if self.mark.is_some() {
            self.content().end_marked_content();
        }
        self.mark = key.map(str::to_owned);
        if let Some(k) = key {
            begin_mark(self.content(), k);
        }
    }

    /// Starts the next form on a fresh page.
    pub fn start_form(&mut self, form: usize) {
        self.form = form;
        self.new_page();
    }

    pub fn new_page(&mut self) {
        if let (Some(_), Some(page)) = (&self.mark, self.pages.last_mut()) {
            page.content.end_marked_content();
        }
        self.pages.push(Page { content: Content::new(), form: self.form });
        self.y = TOP;
        if let (Some(key), Some(page)) = (&self.mark, self.pages.last_mut()) {
            begin_mark(&mut page.content, key);
        }
    }

    pub fn content(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Page { content: Content::new(), form: self.form });
            self.y = TOP;
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].content
    }

    /// Moves to a new page unless `height` fits above the bottom margin.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    /// Wraps `text` to `width` points at `size`.
    pub fn wrap(&mut self, text: &str, width: f32, size: f32) -> Vec<Vec<Glyph>> {
        let glyphs = self.glyphs.shape(text);
        break_lines(&glyphs, width * 1000.0 / size).into_iter().map(|r| glyphs[r].to_vec()).collect()
    }

    /// A paragraph from the cursor, wrapped to `width` from `x`, across pages if need be.
    pub fn paragraph(&mut self, text: &str, x: f32, width: f32, size: f32, lead: f32) {
        for line in self.wrap(text, width, size) {
            self.ensure(lead);
            let baseline = self.y - lead * 0.75;
            show(self.content(), &line, x, baseline, size);
            self.y -= lead;
        }
    }

    /// A section heading, kept with at least two lines of what follows.
    pub fn heading(&mut self, text: &str) {
        self.y -= 6.0;
        self.ensure(LEAD * 1.4 + LEAD * 3.0);
        self.paragraph(text, LEFT, RIGHT - LEFT, 12.0, LEAD * 1.4);
        self.y -= 2.0;
    }

    /// A two-column table with a header row, repeated on each page it runs onto.
    pub fn table(&mut self, header: (&str, &str), rows: Vec<Row>) {
        let header = (self.wrap(header.0, LABEL_W - 2.0 * PAD, SIZE), self.wrap(header.1, RIGHT - LEFT - LABEL_W - 2.0 * PAD, SIZE));
        let header_h = LEAD + 2.0 * PAD;
        self.ensure(header_h + LEAD + 2.0 * PAD);
        self.table_header(&header);
        for row in rows {
            self.mark(Some(&row.key));
            let label = self.wrap(&row.label, LABEL_W - 2.0 * PAD, SIZE);
            match row.cell {
                Cell::Blank(lines) => {
                    let h = lines.max(label.len()) as f32 * LEAD + 2.0 * PAD;
                    self.whole_row(&header, &label, h);
                }
                Cell::Text(text) => {
                    let value = self.wrap(&text, RIGHT - LEFT - LABEL_W - 2.0 * PAD, SIZE);
                    let (mut i, mut j) = (0, 0);
                    loop {
                        let remaining = value.len().saturating_sub(i).max(label.len().saturating_sub(j));
                        let fits = ((self.y - BOTTOM - 2.0 * PAD) / LEAD).floor().max(0.0) as usize;
                        // Keep at least two lines of a row together, unless it has only one.
                        if fits == 0 || (fits < remaining && fits < 2) {
                            self.new_page();
                            self.table_header(&header);
                            continue;
                        }
                        let take = remaining.min(fits);
                        let l = &label[j.min(label.len())..(j + take).min(label.len())];
                        let v = &value[i.min(value.len())..(i + take).min(value.len())];
                        self.row_part(l, v, take);
                        i += take;
                        j += take;
                        if i >= value.len() && j >= label.len() {
                            break;
                        }
                        self.new_page();
                        self.table_header(&header);
                    }
                }
                Cell::Field { name, value } => {
                    let width = RIGHT - LEFT - LABEL_W - 2.0 * PAD;
                    // A field is never split: a value too long for half a page is set smaller.
                    let max_h = (TOP - BOTTOM) / 2.0;
                    let mut size = SIZE;
                    let (lines, lead) = loop {
                        let lead = size * LEAD / SIZE;
                        let lines = self.wrap(&value, width, size);
                        if lines.len() as f32 * lead <= max_h || size <= 4.0 {
                            break (lines, lead);
                        }
                        size -= 0.5;
                    };
                    let h = (lines.len() as f32 * lead).max(label.len() as f32 * LEAD).max(LEAD) + 2.0 * PAD;
                    let top = self.whole_row(&header, &label, h);
                    let rect = Rect::new(LEFT + LABEL_W + 1.0, top - h + 1.0, RIGHT - 1.0, top - 1.0);
                    let page = self.pages.len() - 1;
                    let multiline = lines.len() > 1;
                    self.fields.push(FieldBox { page, name, value, rect, size, lead, lines, multiline });
                }
            }
        }
        self.y -= LEAD * 0.5;
    }

    /// A table of columns (`weights` share the width after a narrow 序号
    /// column), its header row repeated on each page it runs onto. Each cell is
    /// a form field `(name, value)`, set at 9 pt and wrapped; a row never splits.
    pub fn grid(&mut self, headers: &[String], weights: &[f32], rows: Vec<Vec<(String, String)>>) {
        const GRID: f32 = 9.0;
        const GRID_LEAD: f32 = 13.0;
        const NUMBER_W: f32 = 26.0;
        let total: f32 = weights.iter().sum();
        let mut xs = vec![LEFT, LEFT + NUMBER_W];
        for w in weights {
            let last = xs[xs.len() - 1];
            xs.push(last + (RIGHT - LEFT - NUMBER_W) * w / total);
        }
        let mut labels = vec!["序号".to_owned()];
        labels.extend(headers.iter().cloned());
        let header: Vec<Vec<Vec<Glyph>>> = labels.iter().enumerate().map(|(i, l)| self.wrap(l, xs[i + 1] - xs[i] - 2.0 * PAD, GRID)).collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * GRID_LEAD + 2.0 * PAD;
        let draw_header = |doc: &mut Doc| {
            let top = doc.y;
            let c = doc.content();
            c.set_fill_gray(0.86);
            c.rect(LEFT, top - header_h, RIGHT - LEFT, header_h);
            c.fill_nonzero();
            c.set_fill_gray(0.0);
            doc.grid_frame(&xs, header_h);
            for (i, lines) in header.iter().enumerate() {
                doc.cell_lines(lines, xs[i] + PAD, top, GRID, GRID_LEAD);
            }
            doc.y -= header_h;
        };
        self.ensure(header_h + GRID_LEAD + 2.0 * PAD);
        draw_header(self);
        for (r, row) in rows.into_iter().enumerate() {
            let number = self.wrap(&(r + 1).to_string(), NUMBER_W, GRID);
            let cells: Vec<(String, String, Vec<Vec<Glyph>>)> = row
                .into_iter()
                .enumerate()
                .map(|(i, (name, value))| {
                    let lines = self.wrap(&value, xs[i + 2] - xs[i + 1] - 2.0 * PAD, GRID);
                    (name, value, lines)
                })
                .collect();
            let h = cells.iter().map(|c| c.2.len()).max().unwrap_or(1).max(1) as f32 * GRID_LEAD + 2.0 * PAD;
            if self.y - h < BOTTOM {
                self.new_page();
                draw_header(self);
            }
            let top = self.y;
            self.grid_frame(&xs, h);
            self.cell_lines(&number, xs[0] + PAD, top, GRID, GRID_LEAD);
            let page = self.pages.len() - 1;
            for (i, (name, value, lines)) in cells.into_iter().enumerate() {
                let rect = Rect::new(xs[i + 1] + 1.0, top - h + 1.0, xs[i + 2] - 1.0, top - 1.0);
                let multiline = lines.len() > 1;
                self.fields.push(FieldBox { page, name, value, rect, size: GRID, lead: GRID_LEAD, lines, multiline });
            }
            self.y -= h;
        }
        self.y -= LEAD * 0.5;
    }

    /// The frame of a grid row `h` high at the cursor, with a rule between columns.
    fn grid_frame(&mut self, xs: &[f32], h: f32) {
        let top = self.y;
        let c = self.content();
        c.set_line_width(BORDER);
        c.rect(LEFT, top - h, RIGHT - LEFT, h);
        for x in &xs[1..xs.len() - 1] {
            c.move_to(*x, top);
            c.line_to(*x, top - h);
        }
        c.stroke();
    }

    /// A row `h` high that is never split: on a new page (under the header) if it
    /// does not fit, framed and labelled. Returns its top; the cursor moves below it.
    fn whole_row(&mut self, header: &(Vec<Vec<Glyph>>, Vec<Vec<Glyph>>), label: &[Vec<Glyph>], h: f32) -> f32 {
        if self.y - h < BOTTOM {
            self.new_page();
            self.table_header(header);
        }
        let top = self.y;
        self.cell_frame(h);
        self.cell_lines(label, LEFT + PAD, top, SIZE, LEAD);
        self.y -= h;
        top
    }

    fn table_header(&mut self, header: &(Vec<Vec<Glyph>>, Vec<Vec<Glyph>>)) {
        let h = LEAD + 2.0 * PAD;
        let top = self.y;
        let c = self.content();
        c.set_fill_gray(0.86);
        c.rect(LEFT, top - h, RIGHT - LEFT, h);
        c.fill_nonzero();
        c.set_fill_gray(0.0);
        self.cell_frame_plain(h);
        if let Some(l) = header.0.first() {
            show(self.content(), l, LEFT + PAD, top - PAD - LEAD * 0.75, SIZE);
        }
        if let Some(l) = header.1.first() {
            show(self.content(), l, LEFT + LABEL_W + PAD, top - PAD - LEAD * 0.75, SIZE);
        }
        self.y -= h;
    }

    /// Draws part of a text row: `take` lines high.
    fn row_part(&mut self, label: &[Vec<Glyph>], value: &[Vec<Glyph>], take: usize) {
        let h = take as f32 * LEAD + 2.0 * PAD;
        let top = self.y;
        self.cell_frame(h);
        self.cell_lines(label, LEFT + PAD, top, SIZE, LEAD);
        self.cell_lines(value, LEFT + LABEL_W + PAD, top, SIZE, LEAD);
        self.y -= h;
    }

    fn cell_lines(&mut self, lines: &[Vec<Glyph>], x: f32, top: f32, size: f32, lead: f32) {
        for (k, line) in lines.iter().enumerate() {
            let baseline = top - PAD - lead * k as f32 - lead * 0.75;
            show(self.content(), line, x, baseline, size);
        }
    }

    /// The frame of a row `h` high at the cursor, its label cell shaded.
    fn cell_frame(&mut self, h: f32) {
        let top = self.y;
        let c = self.content();
        c.set_fill_gray(0.95);
        c.rect(LEFT, top - h, LABEL_W, h);
        c.fill_nonzero();
        c.set_fill_gray(0.0);
        self.cell_frame_plain(h);
    }

    fn cell_frame_plain(&mut self, h: f32) {
        let top = self.y;
        let c = self.content();
        c.set_line_width(BORDER);
        c.rect(LEFT, top - h, RIGHT - LEFT, h);
        c.move_to(LEFT + LABEL_W, top);
        c.line_to(LEFT + LABEL_W, top - h);
        c.stroke();
    }
}

/// Shows one line of glyphs with its baseline at (x, y). A placeholder for a
/// character the font lacks carries that character as its ActualText, so
/// copying the text gives the real character back.
pub(crate) fn show(c: &mut Content, glyphs: &[Glyph], x: f32, y: f32, size: f32) {
    if glyphs.is_empty() {
        return;
    }
    c.begin_text();
    c.set_font(FONT, size);
    c.next_line(x, y);
    let mut run: Vec<u8> = Vec::with_capacity(glyphs.len() * 2);
    for g in glyphs {
        if g.missing {
            if !run.is_empty() {
                c.show(Str(&run));
                run.clear();
            }
            let actual = g.ch.to_string();
            c.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(&actual));
            c.show(Str(&g.cid.to_be_bytes()));
            c.end_marked_content();
        } else {
            run.extend_from_slice(&g.cid.to_be_bytes());
        }
    }
    if !run.is_empty() {
        c.show(Str(&run));
    }
    c.end_text();
}

/// A QR code's modules, row by row, and its width in modules.
pub(crate) struct QrModules {
    pub colors: Vec<qrcode::Color>,
    pub width: usize,
}

/// Encodes `data` as a QR code at error-correction level M with a fixed mask.
/// Any of the eight masks makes a valid code; choosing the "best" one scores all
/// eight and took a third of a form's time, while a fixed mask reads as well from
/// print (the tests decode every form's code with zbarimg).
pub(crate) fn qr_modules(data: &[u8]) -> Result<QrModules, qrcode::types::QrError> {
    use qrcode::EcLevel;
    let ec = EcLevel::M;
    let bits = qrcode::bits::encode_auto(data, ec)?;
    let version = bits.version();
    let (encoded, ec_data) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec)?;
    let mut canvas = qrcode::canvas::Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec_data);
    canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
    Ok(QrModules { colors: canvas.into_colors(), width: usize::try_from(version.width()).unwrap_or(0) })
}

/// Fills the dark modules of a QR code, `size` points square, top-left at (x, top).
pub(crate) fn qr(c: &mut Content, code: &QrModules, x: f32, top: f32, size: f32) {
    let n = code.width;
    let colors = &code.colors;
    let m = size / n as f32;
    c.set_fill_gray(0.0);
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                c.rect(x + start as f32 * m, top - (row + 1) as f32 * m, (col - start) as f32 * m, m);
            } else {
                col += 1;
            }
        }
    }
    c.fill_nonzero();
}
