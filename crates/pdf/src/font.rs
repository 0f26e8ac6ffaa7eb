//! The font a form is written in, and the glyphs one document uses of it.
//!
//! The font is passed in (the CLI reads a file, the widget fetches it), as Typst's
//! `World` passes fonts: this crate never looks for one. Each document embeds only
//! the glyphs it uses, as a CID-keyed font (Identity-H) with a ToUnicode map, so
//! its text can be searched and copied.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use crate::error::Error;

/// An OpenType font (CFF or TrueType outlines) with Chinese glyphs, e.g. the Noto
/// Sans CJK SC subset that `scripts/make-font.py` makes.
#[derive(Clone)]
pub struct Font {
    data: Vec<u8>,
    units_per_em: f32,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font").field("bytes", &self.data.len()).finish()
    }
}

impl Font {
    /// Reads a font file (OTF or TTF; the first face of a collection). Fails when
    /// it is not a font, or has no Chinese glyphs to write a form with.
    pub fn new(data: Vec<u8>) -> Result<Font, Error> {
        let face = Face::parse(&data, 0).map_err(|e| Error::font(format!("{e}")))?;
        if face.glyph_index('申').is_none() || face.glyph_index('A').is_none() {
            return Err(Error::font("the font has no glyphs for Chinese text".into()));
        }
        let units_per_em = f32::from(face.units_per_em());
        Ok(Font { data, units_per_em })
    }

    /// The font's bytes, as given.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }

    /// The parsed face. `new` parsed the same bytes, so this does not fail; it
    /// still returns the error rather than assume so.
    fn face(&self) -> Result<Face<'_>, Error> {
        Face::parse(&self.data, 0).map_err(|e| Error::font(format!("{e}")))
    }

    /// True when the font can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.face().is_ok_and(|f| f.glyph_index(c).is_some())
    }
}

/// One glyph placed in a line: its CID in this document, its advance in text
/// space units (1/1000 em), and the character it stands for. A character the
/// font lacks is drawn as the placeholder □ and keeps `missing` set, so the page
/// can mark the real character as its ActualText.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub cid: u16,
    pub advance: f32,
    pub ch: char,
    pub missing: bool,
}

/// The glyphs one document uses, numbered as they are first used.
pub(crate) struct Glyphs<'f> {
    font: &'f Font,
    face: Face<'f>,
    remapper: GlyphRemapper,
    /// CID → the character it stands for (the first one seen), for ToUnicode.
    unicode: BTreeMap<u16, char>,
    /// CID → advance in 1/1000 em.
    widths: BTreeMap<u16, f32>,
    cache: BTreeMap<char, Glyph>,
    /// Characters the font cannot draw, in the order met.
    pub missing: Vec<char>,
    placeholder: GlyphId,
}

impl<'f> Glyphs<'f> {
    pub fn new(font: &'f Font) -> Result<Glyphs<'f>, Error> {
        let face = font.face()?;
        let placeholder = face.glyph_index('□').unwrap_or(GlyphId(0));
        let mut remapper = GlyphRemapper::new();
        // .notdef is always glyph 0 of a font, and CID 0 here.
        remapper.remap(0);
        Ok(Glyphs { font, face, remapper, unicode: BTreeMap::new(), widths: BTreeMap::new(), cache: BTreeMap::new(), missing: Vec::new(), placeholder })
    }

    /// The glyph for `c`; a character outside the font becomes the placeholder.
    pub fn glyph(&mut self, c: char) -> Glyph {
        if let Some(g) = self.cache.get(&c) {
            return *g;
        }
        if c == '\n' {
            // A line break is a break, never drawn: line breaking ends the line before it.
            return Glyph { cid: 0, advance: 0.0, ch: c, missing: false };
        }
        let (gid, missing) = match self.face.glyph_index(c) {
            Some(g) => (g, false),
            None => {
                if !self.missing.contains(&c) {
                    self.missing.push(c);
                }
                (self.placeholder, true)
            }
        };
        let cid = self.remapper.remap(gid.0);
        let advance = f32::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) * 1000.0 / self.font.units_per_em;
        self.widths.insert(cid, advance);
        if !missing {
            self.unicode.entry(cid).or_insert(c);
        } else if self.placeholder.0 != 0 {
            self.unicode.entry(cid).or_insert('□');
        }
        let g = Glyph { cid, advance, ch: c, missing };
        self.cache.insert(c, g);
        g
    }

    /// The glyphs of `text`, one per character.
    pub fn shape(&mut self, text: &str) -> Vec<Glyph> {
        text.chars().map(|c| self.glyph(c)).collect()
    }

    /// Writes the Type0 font `id` and what it needs (descendant CIDFont, font
    /// descriptor, the subset font file, ToUnicode) with refs from `next`.
    pub fn write(&self, chunk: &mut Chunk, id: Ref, next: &mut impl FnMut() -> Ref) -> Result<(), Error> {
        let (cid_font, descriptor, file, to_unicode) = (next(), next(), next(), next());
        let subset = subsetter::subset(self.font.bytes(), 0, &self.remapper).map_err(|e| Error::font(format!("subsetting failed: {e}")))?;
        let cff = self.face.tables().cff.is_some();
        // A subset's name is six capital letters, "+", and the font's name (PDF 32000-1 9.6.4);
        // the letters come from the glyphs used, so the same text gives the same file.
        let tag = subset_tag(self.unicode.values());
        let base = format!("{tag}+NotoSansCJKsc-Regular");
        let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

        chunk.type0_font(id).base_font(Name(base.as_bytes())).encoding_predefined(Name(b"Identity-H")).descendant_font(cid_font).to_unicode(to_unicode);

        let mut cid = chunk.cid_font(cid_font);
        cid.subtype(if cff { CidFontType::Type0 } else { CidFontType::Type2 });
        cid.base_font(Name(base.as_bytes()));
        cid.system_info(system);
        cid.font_descriptor(descriptor);
        cid.default_width(1000.0);
        if !cff {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        {
            // Only widths other than the default (a full em, as for every hanzi) are listed.
            let mut w = cid.widths();
            for (c, width) in self.widths.iter().filter(|(_, w)| (**w - 1000.0).abs() > 0.01) {
                w.consecutive(*c, [*width]);
            }
        }
        cid.finish();

        let scale = 1000.0 / self.font.units_per_em;
        let b = self.face.global_bounding_box();
        let bbox = Rect::new(f32::from(b.x_min) * scale, f32::from(b.y_min) * scale, f32::from(b.x_max) * scale, f32::from(b.y_max) * scale);
        let ascent = f32::from(self.face.ascender()) * scale;
        let descent = f32::from(self.face.descender()) * scale;
        let cap = self.face.capital_height().map_or(ascent * 0.7, |c| f32::from(c) * scale);
        let mut d = chunk.font_descriptor(descriptor);
        d.name(Name(base.as_bytes())).flags(FontFlags::SYMBOLIC).bbox(bbox).italic_angle(0.0).ascent(ascent).descent(descent).cap_height(cap).stem_v(80.0);
        if cff {
            d.font_file3(file);
        } else {
            d.font_file2(file);
        }
        d.finish();

        // For CFF outlines only the CFF table is embedded (FontFile3, CIDFontType0C):
        // the OpenType wrapper's other tables (names, metrics) are not read from a
        // PDF, whose widths and descriptor say the same.
        let program = if cff {
            Face::parse(&subset, 0)
                .ok()
                .and_then(|f| f.raw_face().table(ttf_parser::Tag::from_bytes(b"CFF ")).map(<[u8]>::to_vec))
                .ok_or_else(|| Error::font("the subset has no CFF table".into()))?
        } else {
            subset
        };
        let program = crate::deflate_fast(&program);
        let mut stream = chunk.stream(file, &program);
        stream.filter(Filter::FlateDecode);
        if cff {
            stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }
        stream.finish();

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
        for (c, ch) in &self.unicode {
            cmap.pair(*c, *ch);
        }
        let cmap = crate::deflate(cmap.finish().as_slice());
        chunk.cmap(to_unicode, &cmap).filter(Filter::FlateDecode).finish();
        Ok(())
    }
}

/// Six capital letters from the characters used, for the subset's font name.
fn subset_tag<'a>(chars: impl Iterator<Item = &'a char>) -> String {
    let mut h: u32 = 2_166_136_261;
    for c in chars {
        h = (h ^ u32::from(*c)).wrapping_mul(16_777_619);
    }
    (0..6)
        .map(|i| {
            let letter = (h >> (i * 5)) % 26;
            char::from(b'A' + u8::try_from(letter).unwrap_or(0))
        })
        .collect()
}
