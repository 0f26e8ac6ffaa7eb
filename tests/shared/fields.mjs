// Read in the page, by every engine's driver: the widget's fields on the
// current page, each with its question id, kind of control, options, the
// checked radio and the value. Self-contained, so a driver may send its text.

/** Runs in the page: the fields of the widget on the page. */
export function readFields() {
  const root = document.querySelector('chanjiao-widget').shadowRoot;
  return [...root.querySelectorAll('.field')].map((f) => {
    const radios = [...f.querySelectorAll('input[type=radio]')];
    const select = f.querySelector('select');
    const input = f.querySelector('input[type=text]');
    const control = radios[0] ?? select ?? input;
    return {
      id: control.id.replace(/^cj-/, ''),
      kind: radios.length ? 'radio' : select ? 'select' : 'text',
      options: radios.length ? radios.map((r) => r.value) : select ? [...select.options].map((o) => o.value) : [],
      checked: radios.findIndex((r) => r.checked),
      value: input?.value ?? select?.value ?? radios.find((r) => r.checked)?.value ?? '',
    };
  });
}
