// How a web team uses chanjiao.js from TypeScript: `tsc --noEmit` (scripts/test.sh)
// must accept this file against pkg/chanjiao.d.ts, and each `@ts-expect-error`
// line must be an error, so wrong types fail the check as surely as missing ones.
import { evaluate, EvaluationError, LoadError, mount, PolicyRefused, type Evaluation, type ResultDetail } from '../../pkg/chanjiao.js';

export async function embed(host: HTMLElement): Promise<string> {
  const widget = await mount(host, { lang: 'en', types: 'ENT,IND-GRAD', date: '2025-06-30' });
  widget.unmount();
  // @ts-expect-error mount returns a Promise, not the widget
  mount(host).unmount();
  // @ts-expect-error options are named, not positional
  await mount(host, 'en');

  await mount(host, { assets: 'https://cdn.example.invalid/chanjiao/0.1.0/' });
  // @ts-expect-error assets is a folder's address, not a flag
  await mount(host, { assets: true });

  const element = document.querySelector('chanjiao-widget');
  const onResult = (event: CustomEvent<ResultDetail>) => {
    const detail: ResultDetail = event.detail;
    const cash: string = detail.totals.cash_exact;
    // @ts-expect-error totals are decimal strings, not numbers
    const wrong: number = detail.totals.cash_max;
    return [cash, wrong];
  };
  element?.addEventListener('chanjiao-result', onResult);
  // The same handler can be removed, as a single-page app does when its view goes.
  element?.removeEventListener('chanjiao-result', onResult);

  try {
    const result = await evaluate({ applicant_type: 'ENT', registered_in_quanzhou: true, years: { '2024': { graduates_hired: 3 } } }, { date: '2025-06-30' });
    if (result.kind === 'evaluation') {
      const one: Evaluation = result;
      return one.results[0].status;
    }
    return String(result.years[0].year);
  } catch (error) {
    if (error instanceof EvaluationError) return `${error.kind} ${error.field ?? ''} ${error.messages.en}`;
    if (error instanceof PolicyRefused) return error.message;
    if (error instanceof LoadError) return `${error.url} ${error.setup ? 'setup' : 'network'}`;
    throw error;
  }
}
