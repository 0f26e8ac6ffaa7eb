// The peer a web team would otherwise use: the same form drawn with pdf-lib 1.17
// and fontkit 2, in the same font. Bundled by esbuild for scripts/bench-pdf.mjs.
//
// pdf-lib was written against @pdf-lib/fontkit 1, which corrupts CJK subsets
// (pdf-lib#1232). fontkit 2 subsets them correctly but changed one method: a
// subset's encodeStream() became encode(). The adapter gives pdf-lib the old
// method over the new one.
import { PDFDocument, rgb } from 'pdf-lib';
import * as fontkit from 'fontkit';

const adapter = {
  create(data) {
    const font = fontkit.create(data);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => {
        const handlers = {};
        const stream = {
          on(event, handler) {
            handlers[event] = handler;
            // Once 'end' has a handler, the data is complete: emit it.
            if (event === 'end') {
              try {
                handlers.data?.(subset.encode());
                handlers.end();
              } catch (error) {
                handlers.error?.(error);
              }
            }
            return stream;
          },
        };
        return stream;
      };
      return subset;
    };
    return font;
  },
};

/**
 * Draws `form` ({ pages: [[{ text, x, y, size }]], fields: [{ name, value, page, x, y, width, height }],
 * rects: [[{ x, y, width, height, fill }]] }) with `fontBytes`; resolves to the PDF's bytes.
 */
export async function pdfLibForm(form, fontBytes) {
  const doc = await PDFDocument.create();
  doc.registerFontkit(adapter);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const pages = form.pages.map(() => doc.addPage([595.28, 841.89]));
  form.pages.forEach((lines, i) => {
    for (const r of form.rects[i] ?? []) {
      pages[i].drawRectangle({ x: r.x, y: r.y, width: r.width, height: r.height, color: r.fill ? rgb(0, 0, 0) : undefined, borderColor: r.fill ? undefined : rgb(0, 0, 0), borderWidth: r.fill ? 0 : 0.6 });
    }
    for (const l of lines) pages[i].drawText(l.text, { x: l.x, y: l.y, size: l.size, font });
  });
  const acro = doc.getForm();
  for (const f of form.fields) {
    const field = acro.createTextField(f.name);
    field.setText(f.value);
    field.addToPage(pages[f.page], { x: f.x, y: f.y, width: f.width, height: f.height, font, borderWidth: 0 });
  }
  acro.updateFieldAppearances(font);
  return doc.save();
}
